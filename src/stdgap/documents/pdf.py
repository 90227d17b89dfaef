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


def _fetcher(
    pngs: Callable[[], dict[str, bytes]], wait_for: Callable[[str], None] | None = None
) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Charts(URLFetcher):  # type: ignore[misc]
        """The charts' PNGs from memory (``wait_for`` an address first: the chart may still
        be being drawn); anything else as WeasyPrint fetches it."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if wait_for is not None:
                wait_for(url)
            drawn = pngs()
            if url in drawn:
                return URLFetcherResponse(url, drawn[url], {"Content-Type": "image/png"})
            return super().fetch(url, headers)

    return Charts()


def write_page_pdf(
    page: str,
    pngs: Callable[[], dict[str, bytes]],
    path: Path | str,
    wait_for: Callable[[str], None] | None = None,
) -> None:
    """Lay out ``page`` (made by :func:`stdgap.documents.html.render_print_page`) as the PDF
    ``path``, its charts' PNGs from ``pngs`` (each waited for by ``wait_for``, if given)."""
    from weasyprint import HTML

    HTML(string=page, url_fetcher=_fetcher(pngs, wait_for)).write_pdf(
        str(path), pdf_variant=VARIANT, uncompressed_pdf=False
    )


def write_pdf(report: Report, path: Path) -> None:
    page, pngs = render_print_html(report)
    write_page_pdf(page, lambda: pngs, path)
