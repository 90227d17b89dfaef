"""PDF output: the HTML report (with PNG charts) laid out by WeasyPrint, offline, as tagged
PDF (PDF/UA-1): a structure tree with headings, tables and figures (each with its alternative
text), the document's language and title in its catalogue and metadata. The charts' PNGs are
handed to WeasyPrint from memory (:data:`stdgap.documents.html.CHART_URL`), not as base64 in
the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stdgap.documents.document import Report
from stdgap.documents.html import render_print_html

#: WeasyPrint's variant for accessible PDF (tagged, with /Lang, /Title and /Alt).
VARIANT = "pdf/ua-1"


def _fetcher(pngs: dict[str, bytes]) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Charts(URLFetcher):  # type: ignore[misc]
        """The charts' PNGs from memory; anything else as WeasyPrint fetches it."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in pngs:
                return URLFetcherResponse(url, pngs[url], {"Content-Type": "image/png"})
            return super().fetch(url, headers)

    return Charts()


def write_pdf(report: Report, path: Path) -> None:
    from weasyprint import HTML

    page, pngs = render_print_html(report)
    HTML(string=page, url_fetcher=_fetcher(pngs)).write_pdf(
        str(path), pdf_variant=VARIANT, uncompressed_pdf=False
    )
