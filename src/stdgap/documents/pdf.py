"""PDF output: the HTML report (with PNG charts) laid out by WeasyPrint, offline, as tagged
PDF (PDF/UA-1): a structure tree with headings, tables and figures (each with its alternative
text), the document's language and title in its catalogue and metadata."""

from __future__ import annotations

from pathlib import Path

from stdgap.documents.document import Report
from stdgap.documents.html import render_html

#: WeasyPrint's variant for accessible PDF (tagged, with /Lang, /Title and /Alt).
VARIANT = "pdf/ua-1"


def write_pdf(report: Report, path: Path) -> None:
    from weasyprint import HTML

    HTML(string=render_html(report, png_images=True)).write_pdf(
        str(path), pdf_variant=VARIANT, uncompressed_pdf=False
    )
