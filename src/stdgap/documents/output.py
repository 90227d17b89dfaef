"""Writing a report in the format its file name asks for, or in several formats at once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from stdgap.charts.render import render_all
from stdgap.documents.document import Report
from stdgap.documents.html import render_html
from stdgap.documents.pdf import write_pdf
from stdgap.documents.word import write_docx

FORMATS = (".docx", ".pdf", ".html")


class UnknownFormat(ValueError):
    pass


def _checked(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(
            f"{path}: the report format comes from the extension: {', '.join(FORMATS)}"
        )
    return suffix


def write_report(report: Report, path: Path) -> None:
    suffix = _checked(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".docx":
        write_docx(report, path)
    elif suffix == ".pdf":
        write_pdf(report, path)
    else:
        path.write_text(render_html(report), encoding="utf-8")


def write_reports(report: Report, paths: Iterable[Path]) -> None:
    """One report in several files (each in the format of its extension): its charts drawn
    once, as SVG for HTML and that SVG's PNG for DOCX and PDF, before any file is written."""
    chosen = list(paths)
    suffixes = {_checked(path) for path in chosen}
    specs = [chart.spec for chart in report.charts()]
    if suffixes & {".docx", ".pdf"}:
        render_all(specs, png=True)  # the SVGs too
    elif suffixes:
        render_all(specs, png=False)
    for path in chosen:
        write_report(report, path)
