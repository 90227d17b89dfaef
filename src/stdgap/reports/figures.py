"""Charts drawn from report tables: bars for one year, lines over years."""

from __future__ import annotations

from stdgap.charts.specs import bar_chart, line_chart
from stdgap.documents.document import Chart, Table
from stdgap.i18n import formatting
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.notes import chart_note
from stdgap.reports.tables import chart_flags, chart_values


def _figure(value: float, share: bool) -> str:
    """A bar's figure in the alternative text: a whole percentage, or a count."""
    return formatting.percent(value, digits=0) if share else formatting.number(value)


def bar_figure(table: Table, indicator: str, title: str) -> Chart:
    category = table.query.by[0]
    share = CATALOGUE[indicator].is_share
    unit = "share" if share else CATALOGUE[indicator].title.lower()
    values = chart_values(table, indicator)
    spec = bar_chart(title, values, category, "value", unit, share)
    alt = f"Bar chart: {title}. " + "; ".join(
        f"{row[category]}: {_figure(row['value'], share)}" for row in values
    )
    return _with_note(Chart(title, alt, spec), table, (indicator,))


def _with_note(chart: Chart, table: Table, indicators: tuple[str, ...]) -> Chart:
    """The chart with a line under its title (and a sentence in its alternative text) naming
    its provisional and withheld years."""
    note = chart_note(chart_flags(table, indicators))
    if note is None:
        return chart
    chart.spec["title"]["subtitle"] = note
    return Chart(chart.title, f"{chart.alt} {note}.", chart.spec)


def line_figure(table: Table, indicators: tuple[str, ...], title: str) -> Chart:
    values = [
        {"year": row["year"], "indicator": CATALOGUE[indicator].title, "value": row["value"]}
        for indicator in indicators
        for row in chart_values(table, indicator)
    ]
    share = all(CATALOGUE[indicator].is_share for indicator in indicators)
    unit = "share" if share else "count"
    spec = line_chart(title, values, "indicator", "value", unit, share)
    alt = f"Line chart: {title}, " + ", ".join(CATALOGUE[i].title for i in indicators) + " by year."
    return _with_note(Chart(title, alt, spec), table, indicators)
