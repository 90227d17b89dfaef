"""PDF output: the HTML report (with PNG charts) laid out by WeasyPrint, offline, as tagged
PDF (PDF/UA-1): a structure tree with headings, tables and figures (each with its alternative
text), the document's language and title in its catalogue and metadata. The charts' PNGs are
handed to WeasyPrint from memory (:data:`stdgap.documents.html.CHART_URL`), not as base64 in
the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from stdgap.documents.document import Report
from stdgap.documents.html import render_print_html

#: WeasyPrint's variant for accessible PDF (tagged, with /Lang, /Title and /Alt).
VARIANT = "pdf/ua-1"


def _fetcher(png_of: Callable[[str], bytes | None]) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Charts(URLFetcher):  # type: ignore[misc]
        """The charts' PNGs from memory (``png_of`` an address: None when it is not a chart's);
        anything else as WeasyPrint fetches it."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            png = png_of(url)
            if png is not None:
                return URLFetcherResponse(url, png, {"Content-Type": "image/png"})
            return super().fetch(url, headers)

    return Charts()


def write_page_pdf(page: str, png_of: Callable[[str], bytes | None], path: Path | str) -> None:
    """Lay out ``page`` (made by :func:`stdgap.documents.html.render_print_page`) as the PDF
    ``path``, each chart's PNG by its address from ``png_of`` (which may wait for it to be
    drawn)."""
    from weasyprint import HTML

    HTML(string=page, url_fetcher=_fetcher(png_of)).write_pdf(
        str(path), pdf_variant=VARIANT, uncompressed_pdf=False
    )


def write_pdf(report: Report, path: Path) -> None:
    page, pngs = render_print_html(report)
    write_page_pdf(page, pngs.get, path)
