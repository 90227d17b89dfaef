"""PDF output: the HTML report (with PNG charts) laid out by WeasyPrint, offline."""

from __future__ import annotations

from pathlib import Path

from stdgap.documents.document import Report
from stdgap.documents.html import render_html


def write_pdf(report: Report, path: Path) -> None:
    from weasyprint import HTML

    HTML(string=render_html(report, png_images=True)).write_pdf(str(path))
