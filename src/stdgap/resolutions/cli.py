"""``stdgap resolutions …``: parse resolution texts, track their clauses, report on them."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stdgap.console.common import (
    DbOption,
    actor,
    console,
    data_table,
    err_console,
    fail,
    store,
)
from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.diff import diff_versions
from stdgap.resolutions.evidence import MAX_BYTES, Upload
from stdgap.resolutions.models import STATUSES
from stdgap.resolutions.parser import NotAResolution, parse_checked, read_text
from stdgap.resolutions.queries import (
    ClauseView,
    TrackingError,
    actions,
    clauses,
    list_resolutions,
)
from stdgap.resolutions.report import write_report
from stdgap.resolutions.textout import to_text
from stdgap.resolutions.tracking import add_action, import_files, withdraw_action

app = typer.Typer(
    add_completion=False,
    help="Resolution tracker: parse texts, follow every clause.",
    no_args_is_help=True,
)
action_app = typer.Typer(
    add_completion=False, help="Actions taken on a clause.", no_args_is_help=True
)
app.add_typer(action_app, name="action")


class Format(StrEnum):
    json = "json"
    akn = "akn"
    text = "text"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _existing(path: Path) -> Path:
    if not path.is_file():
        fail(f"no such file: {path}")
    return path


class LanguageCode(StrEnum):
    en = "en"
    fr = "fr"
    es = "es"
    ru = "ru"
    ar = "ar"
    zh = "zh"


@app.command("parse")
def parse(
    file: Annotated[
        Path, typer.Argument(help="Resolution text (.txt), Word file (.docx) or PDF (.pdf)")
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = Format.json,
    language: Annotated[
        LanguageCode | None,
        typer.Option("--language", "-l", help="Language of the text (default: detected)"),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Lines the parser could not place are errors")
    ] = False,
) -> None:
    """Print a resolution (or an outcomes report) as JSON, Akoma Ntoso XML or an outline.

    A text that is not a resolution is an error (exit status 2); lines the parser could not
    place are warned about on stderr (errors with --strict)."""
    path = _existing(file)
    try:
        parsed = parse_checked(
            read_text(path), language.value if language else None, source=str(path)
        )
    except (NotAResolution, OSError, ValueError) as error:
        fail(str(error))
    for warning in parsed.warnings:
        err_console.print(
            f"{'error' if strict else 'warning'}: {path}: {warning}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if strict and parsed.warnings:
        fail(f"{path}: {len(parsed.warnings)} line(s) not placed (--strict)")
    if fmt is Format.akn:
        typer.echo(to_akn(parsed).decode("utf-8"), nl=False)
    elif fmt is Format.text:
        typer.echo(to_text(parsed), nl=False)
    else:
        typer.echo(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Resolution texts or outcomes reports")],
    assembly: Annotated[
        str | None, typer.Option(help="Body when the text does not say (default WTSA)")
    ] = None,
    place_year: Annotated[
        str | None,
        typer.Option(help="Version label when the text does not say, e.g. 'New Delhi, 2024'"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Store each text as a version of its resolution (an outcomes report: each extract)."""
    engine = store(ctx, db)
    try:
        results = import_files.perform(
            engine, actor(), [_existing(f) for f in files], assembly, place_year
        )
    except TrackingError as error:
        fail(str(error))
    table = data_table("resolution", "version", "outcome", "clauses", "actions carried")
    for r in results:
        label = r.label + (" (extract)" if r.partial else "")
        table.add_row(f"{r.body} {r.number}", label, r.outcome, str(r.clauses), str(r.carried))
    console.print(table)


@app.command("list")
def list_(ctx: typer.Context, db: DbOption = None) -> None:
    """The resolutions in the store, their versions, clauses and actions."""
    table = data_table("resolution", "title", "versions", "clauses", "actions")
    for row in list_resolutions(store(ctx, db)):
        table.add_row(
            f"{row.body} {row.number}",
            _short(row.title or "", 60),
            "; ".join(row.versions),
            str(row.clauses),
            str(row.actions),
        )
    console.print(table)


@app.command("show")
def show(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="Resolution number")],
    body: Annotated[str, typer.Option(help="Adopting body")] = "WTSA",
    version: Annotated[str | None, typer.Option(help="Version label, e.g. 'Geneva, 2022'")] = None,
    db: DbOption = None,
) -> None:
    """A resolution's clauses (newest version by default), with their keys and statuses."""
    try:
        views = clauses(store(ctx, db), number, body.upper(), label=version)
    except TrackingError as error:
        fail(str(error))
    _print_clauses(views)


def _print_clauses(views: list[ClauseView]) -> None:
    """One line per clause: full key, status, addressee codes, the start of the text."""
    for v in views:
        who = ",".join(v.addressee_codes) or (v.addressee or "")
        text = v.text if len(v.text) < 100 else v.text[:97] + "…"
        console.print(
            f"{v.key}  [{v.status}]  {who}  {text}", soft_wrap=True, markup=False, highlight=False
        )
    console.print(f"{len(views)} clause(s)", highlight=False)


@app.command("clauses")
def clauses_(
    ctx: typer.Context,
    number: Annotated[int | None, typer.Argument(help="Resolution number (default: all)")] = None,
    verb: Annotated[str | None, typer.Option(help="e.g. instructs, invites")] = None,
    addressee: Annotated[
        str | None, typer.Option(help="Code, e.g. bdt, director_tsb, tsag")
    ] = None,
    involves: Annotated[
        str | None, typer.Option(help="Code named as addressee or collaborator")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    db: DbOption = None,
) -> None:
    """Operative clauses of the newest versions, filtered by verb and addressee."""
    try:
        views = clauses(store(ctx, db), number, verb=verb, addressee=addressee, involves=involves)
    except TrackingError as error:
        fail(str(error))
    if as_json:
        typer.echo(json.dumps([v.__dict__ for v in views], ensure_ascii=False, indent=2))
    else:
        _print_clauses(views)


@app.command("diff")
def diff(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="Resolution number")],
    old: Annotated[str | None, typer.Option("--from", help="Older version label")] = None,
    new: Annotated[str | None, typer.Option("--to", help="Newer version label")] = None,
    body: Annotated[str, typer.Option(help="Adopting body")] = "WTSA",
    show_all: Annotated[bool, typer.Option("--all", help="Also list unchanged clauses")] = False,
    db: DbOption = None,
) -> None:
    """Compare two versions clause by clause (by default the two newest)."""
    try:
        old_label, new_label, rows = diff_versions(store(ctx, db), number, old, new, body.upper())
    except TrackingError as error:
        fail(str(error))
    console.print(f"{body.upper()} {number}: {old_label} → {new_label}")
    table = data_table("clause", "status", "change")
    for row in rows:
        if row.status == "unchanged" and not show_all:
            continue
        change = row.words() if row.status == "changed" else (row.new or row.old or "")
        table.add_row(row.path, row.status, change)
    console.print(table)


@action_app.command("add")
def action_add(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            help="Clause key, e.g. WTSA-44/Geneva-2022/instructs-tsb/3 or 44/instructs-tsb/3"
        ),
    ],
    who: Annotated[str, typer.Option(help="Who acts")],
    what: Annotated[str, typer.Option(help="What is done")],
    when: Annotated[str | None, typer.Option(help="Due date, YYYY-MM-DD")] = None,
    status: Annotated[str, typer.Option(help=", ".join(STATUSES))] = "planned",
    evidence: Annotated[str | None, typer.Option(help="Evidence: a link or a file name")] = None,
    evidence_file: Annotated[
        Path | None,
        typer.Option(
            "--evidence-file",
            help="Evidence: a file kept in the store (PDF, Office, image, text; 10 MiB at most)",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record an action on a clause."""
    try:
        due = date.fromisoformat(when) if when else None
    except ValueError:
        fail(f"--when must be a date YYYY-MM-DD, not {when!r}")
    upload = None
    if evidence_file is not None:
        if not evidence_file.is_file():
            fail(f"--evidence-file: {evidence_file} is not a file")
        if evidence_file.stat().st_size > MAX_BYTES:
            fail(f"--evidence-file: {evidence_file} is larger than {MAX_BYTES // 1048576} MiB")
        upload = Upload(evidence_file.name, evidence_file.read_bytes())
    try:
        action_id, full_key = add_action.perform(
            store(ctx, db), actor(), key, who, what, status, due, evidence, upload
        )
    except TrackingError as error:
        fail(str(error))
    console.print(f"action {action_id} added to {full_key}")


@action_app.command("withdraw")
def action_withdraw(
    ctx: typer.Context,
    action_id: Annotated[int, typer.Argument(help="The action's id (action list shows it)")],
    reason: Annotated[str, typer.Option(help="Why it is withdrawn (kept in the audit log)")],
    db: DbOption = None,
) -> None:
    """Withdraw an action recorded in error, with its copies in other versions."""
    try:
        ids = withdraw_action.perform(store(ctx, db), actor(), action_id, reason)
    except TrackingError as error:
        fail(str(error))
    console.print(f"withdrawn: action {', '.join(str(found) for found in ids)}")


@action_app.command("list")
def action_list(
    ctx: typer.Context,
    number: Annotated[int | None, typer.Argument(help="Resolution number (default: all)")] = None,
    status: Annotated[str | None, typer.Option(help="Only this status")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    db: DbOption = None,
) -> None:
    """Actions, oldest first, with the key of their clause."""
    found = actions(store(ctx, db), number, status)
    if as_json:
        typer.echo(json.dumps([{"clause": k, **a} for k, a in found], indent=2))
        return
    table = data_table("id", "clause", "who", "what", "when", "status", "evidence", "carried from")
    for key, a in found:
        table.add_row(
            str(a["id"]),
            key,
            str(a["who"]),
            str(a["what"]),
            str(a["when"] or ""),
            str(a["status"]),
            str(a["evidence"] or ""),
            str(a["carried_from"] or ""),
        )
    console.print(table)


@app.command("report")
def report(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="FILE.docx or FILE.html")],
    number: Annotated[list[int] | None, typer.Option("--resolution", help="Only these")] = None,
    db: DbOption = None,
) -> None:
    """Implementation status of each resolution, clause by clause."""
    try:
        rows = write_report(store(ctx, db), out, number or None)
    except ValueError as error:
        fail(str(error))
    console.print(f"{rows} clause row(s) written to {out}")
