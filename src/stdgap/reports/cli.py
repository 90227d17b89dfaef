"""``stdgap report …``: annual and regional participation reports (DOCX, PDF, HTML)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stdgap.console.common import DbOption, console, fail, store
from stdgap.indicators.rule import Rule

if TYPE_CHECKING:
    from stdgap.documents.pdf_process import PdfProcess

app = typer.Typer(
    add_completion=False, help="Reports to TSAG: annual and regional.", no_args_is_help=True
)

OutOption = Annotated[
    list[Path],
    typer.Option(
        "--out",
        help="Output file: .docx, .pdf or .html; repeat it for several formats of one report "
        "(built once, its charts drawn once)",
    ),
]
YearOption = Annotated[
    int, typer.Option("--year", min=1900, max=2200, help="The year reported on (1900-2200)")
]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        help="The report's language: ar, zh, en, fr, ru or es (Arabic is written right to left)",
    ),
]
MinCellOption = Annotated[
    int | None,
    typer.Option(
        "--min-cell",
        help="Exact figures, cells below this size suppressed (1: none); default: the public "
        "rules (figures about persons perturbed, small ones suppressed)",
        show_default=False,
    ),
]


def _rule(min_cell: int | None) -> Rule:
    """``--min-cell N``: exact figures, cells under N suppressed; else the public rules."""
    from stdgap.indicators.rule import PUBLIC

    return PUBLIC if min_cell is None else Rule(min_cell, exact=True)


def language_code(code: str) -> str:
    from stdgap.i18n.locales import supported

    found = supported(code)
    if found is None:
        fail(f"unknown language '{code}': use ar, zh, en, fr, ru or es")
    return found.code


def _checked(out: list[Path], lang: str) -> str:
    """The language's code, once the language and every output's format are known to be
    right (before anything is loaded or computed)."""
    from stdgap.documents.output import UnknownFormat, check_formats

    code = language_code(lang)
    try:
        check_formats(out)
    except UnknownFormat as error:
        fail(str(error))
    return code


@contextmanager
def _writers_meanwhile(out: list[Path]) -> Iterator[PdfProcess | None]:
    """Load the writers' libraries (the collation table, vl-convert's engine) in the
    background while the report's figures are computed; for a PDF, start the process that lays
    it out (it loads WeasyPrint meanwhile, about a second: see
    :mod:`stdgap.documents.pdf_process`), ended when the command is."""
    if not out:
        yield None
        return
    from stdgap.documents.warm import warm_writers_in_background

    pdf = any(path.suffix.lower() == ".pdf" for path in out)
    warm_writers_in_background(pdf=False)
    if not pdf:
        yield None
        return
    from stdgap.documents.pdf_process import PdfProcess

    process = PdfProcess()
    try:
        yield process
    finally:
        process.close()


def _write(report: object, out: list[Path], started: float, pdf: PdfProcess | None) -> None:
    from stdgap.documents.output import UnknownFormat, write_reports

    try:
        write_reports(report, out, pdf)  # type: ignore[arg-type]
    except UnknownFormat as error:
        fail(str(error))
    except OSError as error:
        where = error.filename or ", ".join(str(path) for path in out)
        fail(f"could not write {where}: {error.strerror or error}")
    names = ", ".join(str(path) for path in out)
    console.print(f"{names} written in {time.perf_counter() - started:.1f} s")


@app.command("annual")
def annual(
    ctx: typer.Context,
    year: YearOption,
    out: OutOption,
    min_cell: MinCellOption = None,
    lang: LangOption = "en",
    db: DbOption = None,
) -> None:
    """The yearly report on the participation of developing countries (a year without data
    gives a report that says so)."""
    from stdgap.indicators.cells import IndicatorError
    from stdgap.reports.annual import build_annual_report

    started = time.perf_counter()
    language = _checked(out, lang)
    with _writers_meanwhile(out) as pdf:
        try:
            report = build_annual_report(store(ctx, db), year, _rule(min_cell), language)
        except IndicatorError as error:
            fail(str(error))
        _write(report, out, started, pdf)


@app.command("region")
def region(
    ctx: typer.Context,
    region: Annotated[str, typer.Option("--region", help="ITU region, e.g. Africa")],
    year: YearOption,
    out: OutOption,
    min_cell: MinCellOption = None,
    lang: LangOption = "en",
    db: DbOption = None,
) -> None:
    """The mobilization and participation report of one region."""
    from stdgap.indicators.cells import IndicatorError
    from stdgap.reports.regional import UnknownRegion, build_region_report

    started = time.perf_counter()
    language = _checked(out, lang)
    with _writers_meanwhile(out) as pdf:
        try:
            report = build_region_report(store(ctx, db), region, year, _rule(min_cell), language)
        except (UnknownRegion, IndicatorError) as error:
            fail(str(error))
        _write(report, out, started, pdf)
