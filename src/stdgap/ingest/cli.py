"""``stdgap import FILE…``: load canonical CSV/XLSX files into the store."""

from __future__ import annotations

import tempfile
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
    fail_rows,
    store,
)
from stdgap.console.progress import ImportProgress
from stdgap.i18n.translate import _
from stdgap.ingest.kinds import KINDS
from stdgap.ingest.pipeline import ImportReport, run_import
from stdgap.ingest.sources import KindUnknown, Source, file_sources
from stdgap.tabular.errors import ImportFailed, InputError


def _kinds_given(kinds: list[str]) -> tuple[dict[str, str], str | None]:
    """The kinds given with --kind: per file name, and the default for unclear files."""
    default: str | None = None
    named: dict[str, str] = {}
    for given in kinds:
        file_name, _, kind = given.rpartition("=")
        if kind not in KINDS:
            fail(f"--kind '{given}': the kind must be one of {', '.join(KINDS)}")
        if file_name:
            named[file_name] = kind
        else:
            default = kind
    return named, default


def read_sources(paths: list[Path], kinds: list[str], folder: Path) -> list[Source]:
    """Every table of ``paths`` (workbooks unpacked into ``folder``); a clear error and exit
    status 2 when a file is missing, unreadable or of an unclear kind."""
    named, default = _kinds_given(kinds)
    sources: list[Source] = []
    for path in paths:
        kind = named.get(str(path)) or named.get(path.name)
        try:
            sources += file_sources(path, folder, kind=kind, default=default)
        except KindUnknown:
            fail(
                f"{path}: cannot tell what the file holds from its name; "
                f"say it with --kind ({', '.join(KINDS)}) or --kind {path.name}=KIND"
            )
        except InputError as error:
            fail(str(error))
    return sources


def print_report(report: ImportReport, title: str) -> None:
    table = data_table(title=title)
    for column in ("table", "rows read", "inserted", "updated", "unchanged"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for kind in KINDS:
        if kind in report.rows_read:
            counts = report.counts.get(kind)
            inserted, updated, unchanged = (
                (counts.inserted, counts.updated, counts.unchanged) if counts else (0, 0, 0)
            )
            table.add_row(
                kind,
                f"{report.rows_read[kind]:,}",
                f"{inserted:,}",
                f"{updated:,}",
                f"{unchanged:,}",
            )
    console.print(table)


app = typer.Typer(add_completion=False)


@app.command("import")
def import_files(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="CSV or XLSX files (members, people, …); a workbook's sheets named after their "
            "kinds are each imported"
        ),
    ],
    kind: Annotated[
        list[str],
        typer.Option(help="What a file holds when its name does not say: KIND or FILE=KIND."),
    ] = [],  # noqa: B006 - Typer reads the default
    db: DbOption = None,
) -> None:
    """Import canonical files; all are checked, and written in one transaction or not at all.

    Kinds and their required columns: members (member_id, name, type, country),
    people (person_id), meetings (meeting_id, group, start), attendance (meeting_id,
    person_id, member_id), contributions (doc_id, meeting_id, sources), roles (person_id,
    member_id, group, role, start). Every column, with its values: docs/data-formats.md.
    """
    engine = store(ctx, db)
    with tempfile.TemporaryDirectory(prefix="stdgap-import-") as folder:
        sources = read_sources(files, kind, Path(folder))
        try:
            with ImportProgress(err_console, [s.label for s in sources]) as progress:
                report = run_import.perform(engine, actor(), sources, progress.advance)
        except ImportFailed as failure:
            fail_rows(failure)
        except InputError as error:
            fail(str(error))
    if not any(report.rows_read.values()):
        err_console.print(_("nothing imported: the files hold no rows, only a header"))
        return
    print_report(report, "Imported")
