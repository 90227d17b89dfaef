"""``stdgap resolutions``: the tracker's commands (:mod:`stdgap.resolutions.cli`) with ``report``,
the implementation report, added here: it is written with the document model of every report,
which sits above the tracker."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stdgap.console.common import DbOption, console, fail, store
from stdgap.reports.cli import LangOption, language_code
from stdgap.resolutions.cli import app

__all__ = ["app"]


@app.command("report")
def report(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="FILE.docx, FILE.pdf or FILE.html")],
    number: Annotated[list[int] | None, typer.Option("--resolution", help="Only these")] = None,
    lang: LangOption = "en",
    db: DbOption = None,
) -> None:
    """Implementation status of each resolution, clause by clause (summary by status and by
    addressee, then every clause's text, status and actions)."""
    from stdgap.documents.output import UnknownFormat
    from stdgap.reports.implementation import write_implementation_report

    try:
        clauses = write_implementation_report(
            store(ctx, db), out, number or None, language_code(lang)
        )
    except UnknownFormat as error:
        fail(str(error))
    console.print(f"{clauses} clause(s) written to {out}")
