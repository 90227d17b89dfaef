"""Charts drawn from report tables: bars for one year, lines over years."""

from __future__ import annotations

from stdgap.charts.specs import bar_chart, line_chart
from stdgap.documents.document import Chart, Table
from stdgap.documents.labels import indicator_label
from stdgap.i18n import formatting
from stdgap.i18n.translate import current
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.notes import chart_note
from stdgap.reports.tables import chart_flags, chart_values


def _figure(value: float, share: bool) -> str:
    """A bar's figure in the alternative text: a whole percentage, or a count."""
    return formatting.percent(value, digits=0) if share else formatting.number(value)


def bar_figure(table: Table, indicator: str, title: str) -> Chart:
    category = table.query.by[0]
    share = CATALOGUE[indicator].is_share
    unit = _("share") if share else indicator_label(indicator)
    values = [
        {**row, category: table.label(0, str(row[category]))}
        for row in chart_values(table, indicator)
    ]
    spec = bar_chart(title, values, category, "value", unit, share)
    alt = (
        _("Bar chart: %(title)s.", title=title)
        + " "
        + "; ".join(f"{row[category]}: {_figure(row['value'], share)}" for row in values)
    )
    return _with_note(Chart(title, alt, spec), table, (indicator,))


def chart_font() -> str:
    """The charts' font for the current language's script (Noto, from Debian's fonts-noto-core
    and fonts-noto-cjk)."""
    own = "Noto Sans CJK SC" if current().code == "zh" else None  # its Latin too; Noto Sans
    # has no Arabic letters, but the renderer falls back on Noto Sans Arabic for them
    fonts = ["Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "DejaVu Sans"]
    return ", ".join([own, *(font for font in fonts if font != own)] if own else fonts)


def _with_note(chart: Chart, table: Table, indicators: tuple[str, ...]) -> Chart:
    """The chart with a line under its title (and a sentence in its alternative text) naming
    its provisional and withheld years."""
    chart.spec.setdefault("config", {})["font"] = chart_font()
    note = chart_note(chart_flags(table, indicators))
    if note is None:
        return chart
    chart.spec["title"]["subtitle"] = note
    return Chart(chart.title, f"{chart.alt} {note}.", chart.spec)


def line_figure(table: Table, indicators: tuple[str, ...], title: str) -> Chart:
    values = [
        {"year": row["year"], "indicator": indicator_label(indicator), "value": row["value"]}
        for indicator in indicators
        for row in chart_values(table, indicator)
    ]
    share = all(CATALOGUE[indicator].is_share for indicator in indicators)
    unit = _("share") if share else _("count")
    spec = line_chart(title, values, "indicator", "value", unit, share)
    spec["encoding"]["x"]["title"] = _("Year")
    alt = _(
        "Line chart: %(title)s, %(series)s by year.",
        title=title,
        series=", ".join(indicator_label(i) for i in indicators),
    )
    return _with_note(Chart(title, alt, spec), table, indicators)
