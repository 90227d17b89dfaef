"""HTML output (Jinja2): charts as inline SVG, or as PNG images for the PDF.

The page is also the PDF's source (:mod:`stdgap.documents.pdf`): a cover, the contents (with
page numbers in print), A4 pages whose margin boxes carry the document symbol, the title and
the page number; the language and direction of the report's language."""

from __future__ import annotations

import base64
from collections.abc import Iterator

from jinja2 import Environment, PackageLoader, select_autoescape

from stdgap.charts.render import draw_in_turn, render_all
from stdgap.documents.document import AUTHOR, SUPPRESSED, Report
from stdgap.i18n import formatting
from stdgap.i18n.translate import gettext, use

_ENVIRONMENT = Environment(
    loader=PackageLoader("stdgap.documents", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENVIRONMENT.globals["_"] = gettext

#: Fonts that cover the six languages' scripts (Debian: fonts-noto-core, fonts-noto-cjk), the
#: report's own script first; DejaVu Sans where Noto is not installed.
FONTS = {
    "ar": ('"Noto Naskh Arabic"', '"Noto Sans Arabic"'),
    "zh": ('"Noto Sans CJK SC"',),
}
LATIN = ('"Noto Sans"', '"DejaVu Sans"')
OTHERS = ('"Noto Sans Arabic"', '"Noto Sans CJK SC"', "sans-serif")


def font_stack(code: str) -> str:
    """The CSS font family list of a report in the language ``code``."""
    own = FONTS.get(code, ())
    rest = [font for font in (*LATIN, *OTHERS) if font not in own]
    return ", ".join((*own, *rest))


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (quoted, escaped; never closes the style element)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3c ") + '"'


def page_numbers_css() -> str:
    """ "Page 3 of 12" as the content of a page's margin box, translated."""
    page, pages = "\x00page\x00", "\x00pages\x00"
    text = css_string(gettext("Page %(page)s of %(pages)s", page=page, pages=pages))
    return text.replace(page, '" counter(page) "').replace(pages, '" counter(pages) "')


#: A hyphen no line breaks at, drawn by any font: word joiners around a plain hyphen. The
#: Arabic fonts have no non-breaking hyphen (U+2011), which a fallback font drew as a low line.
JOINED_HYPHEN = "\u2060-\u2060"


def joined_hyphens(text: str, code: str) -> str:
    """``text`` with its non-breaking hyphens ("ITU‑T") as joined plain hyphens where the
    report's own fonts lack U+2011 (Arabic, Chinese)."""
    return text.replace("\u2011", JOINED_HYPHEN) if code in FONTS else text


#: The address of a chart's PNG in the PDF's source (fetched from memory by
#: :mod:`stdgap.documents.pdf`: no megabytes of base64 for WeasyPrint to parse and decode).
CHART_URL = "stdgap-chart:%(number)s"


def render_html(report: Report, png_images: bool = False) -> str:
    """The report as one self-contained HTML page (nothing fetched from elsewhere), in its
    language."""
    with use(report.language):
        return _render(report, png_images, _drawn(report, png_images))


def render_print_html(report: Report) -> tuple[str, dict[str, bytes]]:
    """The PDF's source: the page with each chart a PNG named by a :data:`CHART_URL`, and the
    PNGs by those addresses."""
    return render_print_page(report), chart_pngs(report)


def render_print_page(report: Report) -> str:
    """The page of :func:`render_print_html`, without drawing a chart (its PNGs are named by
    their :data:`CHART_URL`, see :func:`chart_pngs`)."""
    images = {
        chart.title: _chart_url(number) for number, chart in enumerate(report.charts(), start=1)
    }
    with use(report.language):
        return _render(report, True, images)


def chart_pngs(report: Report) -> dict[str, bytes]:
    """The PNGs of the report's charts by their :data:`CHART_URL`."""
    return dict(chart_pngs_in_turn(report))


def chart_pngs_in_turn(report: Report) -> Iterator[tuple[str, bytes]]:
    """The :data:`CHART_URL` and PNG of each of the report's charts in order, each as soon as
    it is drawn (two at a time: see :func:`stdgap.charts.render.render_all`)."""
    drawn = draw_in_turn([chart.spec for chart in report.charts()])
    for number, png in enumerate(drawn, start=1):
        yield _chart_url(number), png


def _chart_url(number: int) -> str:
    return CHART_URL % {"number": number}


def _drawn(report: Report, png_images: bool) -> dict[str, str]:
    """Each chart's image by its title: an SVG, or a PNG as a data address."""
    charts = report.charts()
    rendered = render_all([chart.spec for chart in charts], png=png_images)
    images: dict[str, str] = {}
    for chart, image in zip(charts, rendered, strict=True):
        if isinstance(image, bytes):
            images[chart.title] = "data:image/png;base64," + base64.b64encode(image).decode()
        else:
            images[chart.title] = image
    return images


def _render(report: Report, png_images: bool, images: dict[str, str]) -> str:
    charts = report.charts()
    figure_numbers = {chart.title: number for number, chart in enumerate(charts, start=1)}
    table_numbers = {table.caption: number for number, table in enumerate(report.tables(), start=1)}
    template = _ENVIRONMENT.get_template("report.html")
    cover_title = joined_hyphens(report.cover_title, report.language.code)
    return template.render(
        report=report,
        cover_title=cover_title,
        images=images,
        png_images=png_images,
        figure_numbers=figure_numbers,
        table_numbers=table_numbers,
        language=report.language,
        author=AUTHOR,
        issued=formatting.date(report.issued),
        suppressed=gettext(SUPPRESSED),
        fonts=font_stack(report.language.code),
        header_start=css_string(report.symbol),
        header_end=css_string(cover_title),
        page_text=page_numbers_css(),
    )
