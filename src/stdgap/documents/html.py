"""HTML output (Jinja2): charts as inline SVG, or as PNG images for the PDF."""

from __future__ import annotations

import base64

from jinja2 import Environment, PackageLoader, select_autoescape

from stdgap.charts.render import render_all
from stdgap.documents.document import Report
from stdgap.i18n.translate import current

_ENVIRONMENT = Environment(
    loader=PackageLoader("stdgap.documents", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(report: Report, png_images: bool = False) -> str:
    """The report as one self-contained HTML page (nothing fetched from elsewhere)."""
    charts = report.charts()
    rendered = render_all([chart.spec for chart in charts], png=png_images)
    images: dict[str, str] = {}
    for chart, image in zip(charts, rendered, strict=True):
        if isinstance(image, bytes):
            images[chart.title] = "data:image/png;base64," + base64.b64encode(image).decode()
        else:
            images[chart.title] = image
    figure_numbers = {chart.title: number for number, chart in enumerate(charts, start=1)}
    table_numbers = {table.caption: number for number, table in enumerate(report.tables(), start=1)}
    template = _ENVIRONMENT.get_template("report.html.j2")
    return template.render(
        report=report,
        images=images,
        figure_numbers=figure_numbers,
        table_numbers=table_numbers,
        language=current(),
    )
