"""Writing a report in the format its file name asks for, or in several formats at once."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from stdgap.charts.render import render_all
from stdgap.documents.document import Report
from stdgap.documents.html import chart_pngs_in_turn, render_html, render_print_page
from stdgap.documents.pdf import write_pdf
from stdgap.documents.pdf_process import PdfProcess
from stdgap.documents.word import write_docx

FORMATS = (".docx", ".pdf", ".html")
log = logging.getLogger("stdgap.documents")


class UnknownFormat(ValueError):
    pass


def _checked(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(
            f"{path}: the report format comes from the extension: {', '.join(FORMATS)}"
        )
    return suffix


def check_formats(paths: Iterable[Path]) -> None:
    """Raise :class:`UnknownFormat` for the first path of no known format."""
    for path in paths:
        _checked(path)


def write_report(report: Report, path: Path) -> None:
    suffix = _checked(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".docx":
        write_docx(report, path)
    elif suffix == ".pdf":
        write_pdf(report, path)
    else:
        path.write_text(render_html(report), encoding="utf-8")


def write_reports(
    report: Report, paths: Iterable[Path], pdf_process: PdfProcess | None = None
) -> None:
    """One report in several files (each in the format of its extension): its charts drawn
    once, as SVG for HTML and that SVG's PNG for DOCX and PDF, before any file is written. With
    ``pdf_process``, the first PDF is laid out there, beside the other files (and here if it
    fails there)."""
    chosen = list(paths)
    suffixes = [_checked(path) for path in chosen]
    if pdf_process is not None and ".pdf" in suffixes:
        _write_beside(report, chosen, chosen[suffixes.index(".pdf")], pdf_process)
        return
    specs = [chart.spec for chart in report.charts()]
    if {".docx", ".pdf"} & set(suffixes):
        render_all(specs, png=True)  # the SVGs too
    elif suffixes:
        render_all(specs, png=False)
    for path in chosen:
        write_report(report, path)


def _write_beside(
    report: Report, chosen: list[Path], handed: Path, pdf_process: PdfProcess
) -> None:
    """:func:`write_reports` with the PDF ``handed`` laid out in ``pdf_process``: sent the
    page, then each chart as it is drawn (drawn once: the other formats take them as kept)."""
    handed.parent.mkdir(parents=True, exist_ok=True)
    pdf_process.lay_out(render_print_page(report), handed)
    for url, png in chart_pngs_in_turn(report):
        pdf_process.chart(url, png)
    pdf_process.charts_done()
    for path in chosen:
        if path is not handed:
            write_report(report, path)
    failure = pdf_process.finish()
    if failure is not None:
        log.warning("%s: laid out in this process instead", failure)
        write_report(report, handed)
