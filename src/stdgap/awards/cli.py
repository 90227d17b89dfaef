"""``stdgap awards …``: calls, criteria, jurors, nominations, conflicts, scores, results."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from stdgap.awards import jury, operations, queries
from stdgap.awards.models import STATES
from stdgap.console.common import DbOption, actor, console, fail, print_rows, store
from stdgap.i18n.translate import _
from stdgap.programmes.cli import programme_errors

app = typer.Typer(
    add_completion=False,
    help="Awards for next-generation experts (Res. 107 instructs 3).",
    no_args_is_help=True,
)
LIST_FORMATS = ("table", "json", "csv")
CALL_COLUMNS = (
    "call_id",
    "name",
    "closes",
    "status",
    "open",
    "criteria",
    "jurors",
    "nominations",
    "published_at",
)
#: The table's columns (the JSON and CSV have them all).
TABLE_COLUMNS = ("call_id", "name", "closes", "status", "nominations")
CallArg = Annotated[str, typer.Argument(help="The award call's id.")]


@app.command("call")
def call(
    ctx: typer.Context,
    call_id: CallArg,
    name: Annotated[str, typer.Option(help="The award's name.")],
    closes: Annotated[str, typer.Option(help="Closing date, YYYY-MM-DD.")],
    max_age: Annotated[int, typer.Option(help="Nominees younger than this; 0: any.")] = 35,
    normalise: Annotated[str, typer.Option(help="mean or zscore (per juror).")] = "mean",
    description: Annotated[str | None, typer.Option(help="What the award is for.")] = None,
    country_conflicts: Annotated[
        bool, typer.Option(help="A juror from a nominee's country is in conflict with them.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Open an award call (nominations until the closing date)."""
    with programme_errors():
        operations.add_call.perform(
            store(ctx, db),
            actor(),
            call_id,
            name,
            date.fromisoformat(closes),
            max_age or None,
            normalise,
            description,
            country_conflicts,
        )
    console.print(f"award call {call_id} opened")


@app.command("criterion")
def criterion(
    ctx: typer.Context,
    call_id: CallArg,
    key: Annotated[str, typer.Argument(help="A short key, e.g. impact.")],
    weight: Annotated[float, typer.Option(help="Its weight in the total.")],
    name: Annotated[str | None, typer.Option(help="Its name (default: the key).")] = None,
    max_score: Annotated[int, typer.Option(help="Highest score.")] = 10,
    min_score: Annotated[int, typer.Option(help="Lowest score.")] = 0,
    db: DbOption = None,
) -> None:
    """Add a weighted criterion (before the scoring opens)."""
    with programme_errors():
        operations.add_criterion.perform(
            store(ctx, db), actor(), call_id, key, name or key, weight, max_score, min_score
        )
    console.print(f"criterion {key} (weight {weight:g}) added")


@app.command("juror")
def juror(
    ctx: typer.Context,
    call_id: CallArg,
    person: Annotated[str, typer.Argument(help="The juror's person id.")],
    member: Annotated[str | None, typer.Option(help="The member they belong to.")] = None,
    db: DbOption = None,
) -> None:
    """Add a juror."""
    with programme_errors():
        operations.add_juror.perform(store(ctx, db), actor(), call_id, person, member)
    console.print(f"juror {person} added")


@app.command("appoint")
def appoint(
    ctx: typer.Context,
    call_id: CallArg,
    user: Annotated[str, typer.Argument(help="The juror's user name (they score in the browser).")],
    person: Annotated[str | None, typer.Option(help="The person of the store they are.")] = None,
    member: Annotated[
        str | None, typer.Option(help="The member they belong to (default: the person's).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Appoint a user juror of a call (conflicts with nominees of their member are found)."""
    with programme_errors():
        jury.appoint_juror.perform(store(ctx, db), actor(), call_id, user, person, member)
    console.print(_("%(user)s is a juror of %(call)s", user=user, call=call_id))


@app.command("open-scoring")
def open_scoring(ctx: typer.Context, call_id: CallArg, db: DbOption = None) -> None:
    """Close the nominations and open the scoring (each juror with an address is told); warns
    of the eligible nominees no juror may score."""
    with programme_errors():
        engine = store(ctx, db)
        queued = jury.open_scoring.perform(engine, actor(), call_id)
        warned = queries.unscorable(engine, call_id)
    console.print(
        _("scoring of %(call)s open; %(count)s e-mail(s) queued", call=call_id, count=queued)
    )
    for nominee in warned:
        console.print(
            _(
                "warning: %(name)s (%(nomination)s): %(reason)s",
                name=nominee["name"],
                nomination=nominee["nomination_id"],
                reason=nominee["reason"],
            )
        )


@app.command("publish")
def publish(
    ctx: typer.Context,
    call_id: CallArg,
    allow_unscored: Annotated[
        bool,
        typer.Option(
            "--allow-unscored",
            help="Publish even though an eligible nominee has no score (they are not ranked).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Publish the results (nominators and nominees with an address are told); refused while
    an eligible nominee has no score, unless --allow-unscored."""
    with programme_errors():
        queued = jury.publish_results.perform(store(ctx, db), actor(), call_id, allow_unscored)
    console.print(
        _("results of %(call)s published; %(count)s e-mail(s) queued", call=call_id, count=queued)
    )


@app.command("calls")
def calls(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help=f"Only calls in this state: {', '.join(STATES)}.")
    ] = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Only calls receiving nominations today.")
    ] = False,
    search: Annotated[
        str | None, typer.Option("--search", help="Only calls whose id or name holds this.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    db: DbOption = None,
) -> None:
    """List the award calls (the page /awards with the same filters)."""
    if output_format not in LIST_FORMATS:
        fail(
            _(
                "--format %(given)r: use one of %(formats)s",
                given=output_format,
                formats=", ".join(LIST_FORMATS),
            )
        )
    with programme_errors():
        found = queries.list_calls(store(ctx, db), queries.CallFilter(status, open_only, search))
    records = [queries.summary_record(summary) for summary in found]
    if output_format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
    elif output_format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CALL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        typer.echo(out.getvalue(), nl=False)
    else:
        rows = [[str(r[column]) for column in TABLE_COLUMNS] for r in records]
        print_rows(_("Award calls"), list(TABLE_COLUMNS), rows)


@app.command("nominate")
def nominate(
    ctx: typer.Context,
    call_id: CallArg,
    nomination_id: Annotated[str, typer.Argument(help="An id for the nomination.")],
    nominee: Annotated[str, typer.Option(help="The nominee's person id.")],
    member: Annotated[str | None, typer.Option(help="The nominee's member.")] = None,
    country: Annotated[str | None, typer.Option(help="The nominee's country.")] = None,
    gender: Annotated[str | None, typer.Option(help="F, M or X.")] = None,
    birth_year: Annotated[int | None, typer.Option(help="Year of birth.")] = None,
    nominated_by: Annotated[str | None, typer.Option(help="Who nominates (person id).")] = None,
    statement: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOption = None,
) -> None:
    """Nominate a next-generation expert."""
    with programme_errors():
        operations.nominate.perform(
            store(ctx, db),
            actor(),
            call_id,
            nomination_id,
            nominee,
            member,
            country,
            gender.upper() if gender else None,
            birth_year,
            nominated_by,
            statement,
        )
    console.print(f"nomination {nomination_id} recorded")


@app.command("conflict")
def conflict(
    ctx: typer.Context,
    call_id: CallArg,
    person: Annotated[str, typer.Argument(help="The juror.")],
    nomination_id: Annotated[str, typer.Argument(help="The nomination.")],
    reason: Annotated[str, typer.Option(help="The conflict of interest.")],
    db: DbOption = None,
) -> None:
    """Declare a juror's conflict of interest (their scores of that nomination are voided)."""
    with programme_errors():
        voided = operations.declare_conflict.perform(
            store(ctx, db), actor(), call_id, person, nomination_id, reason
        )
    console.print(f"conflict recorded; {voided} score(s) voided")


@app.command("score")
def score(
    ctx: typer.Context,
    call_id: CallArg,
    person: Annotated[str, typer.Argument(help="The juror.")],
    nomination_id: Annotated[str, typer.Argument(help="The nomination.")],
    key: Annotated[str, typer.Argument(help="The criterion.")],
    value: Annotated[float, typer.Argument(help="The score.")],
    db: DbOption = None,
) -> None:
    """Record a juror's score (refused when the juror has a conflict)."""
    with programme_errors():
        operations.score.perform(
            store(ctx, db), actor(), call_id, person, nomination_id, key, value
        )
    console.print("score recorded")


@app.command("import-scores")
def import_scores(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Score files (CSV or XLSX).")],
    db: DbOption = None,
) -> None:
    """Import scores; nothing is written if a row is bad or breaks a conflict of interest."""
    with programme_errors():
        count = operations.import_scores.perform(store(ctx, db), actor(), files)
    console.print(f"{count} score(s) imported")


@app.command("results")
def results(ctx: typer.Context, call_id: CallArg, db: DbOption = None) -> None:
    """The ranking, with each criterion's mark and how many jurors could and did score."""
    with programme_errors():
        ranked = operations.results(store(ctx, db), call_id)
    rows = [
        [
            str(r.rank or "-"),
            r.nomination,
            "-" if r.total is None else f"{r.total:.3f}",
            ", ".join(f"{k} {v:.2f}" for k, v in r.marks.items()),
            f"{r.scorers}/{r.may_score}",
            r.note,
        ]
        for r in ranked
    ]
    print_rows(
        f"Results of {call_id}", ["rank", "nomination", "total", "marks", "jurors", "note"], rows
    )
