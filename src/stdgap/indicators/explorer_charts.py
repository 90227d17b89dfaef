"""The explorer's charts: one Vega-Lite spec per indicator, drawn in the browser (vega-embed,
with tooltips) or, without it, as SVG on the server; each with a sentence that says what it
shows, for those who cannot see it.

Over years, one line per series while there are few; with a second dimension or many series,
small multiples (a panel for each value of the first dimension, lines coloured by the others),
so no chart is a tangle of 72 lines and no legend is cut short.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stdgap.i18n import formatting
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.dimension_labels import dimension_name, value_name
from stdgap.indicators.notes import chart_note

#: More series than this over years: a panel for each.
MAX_LINES = 6
#: Panels drawn at most (the biggest first); the table has every figure.
MAX_PANELS = 24
MAX_CHARTS = 6
WIDTH = 440
PANEL_WIDTH = 170
PANEL_COLUMNS = 3
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Chart:
    indicator: str
    title: str
    spec: dict[str, Any]
    #: The text alternative: what the chart shows, over which years, its range.
    description: str


def format_locale() -> dict[str, Any]:
    """How the charts in the browser write numbers in the current language (a d3-format locale
    for vega-embed's ``formatLocale``), from the same CLDR data as the pages' figures."""
    grouped = formatting.number(1234567.5)  # e.g. 1,234,567.5 or 1 234 567,5
    decimal = grouped[-2]
    thousands = grouped[1] if not grouped[1].isdigit() else ""
    sample = formatting.percent(0.5, digits=0)
    _, found, percent = sample.partition("50")
    return {
        "decimal": decimal,
        "thousands": thousands,
        "grouping": [3],
        "currency": ["", ""],
        "percent": percent if found else "%",
    }


def _formatted(value: float, share: bool) -> str:
    return formatting.percent(value) if share else formatting.number(value)


def _keep_biggest(values: list[dict[str, Any]], field: str, most: int) -> tuple[list[Any], int]:
    """The ``most`` values of ``field`` with the biggest totals, in their first order; and how
    many there were."""
    totals: dict[Any, float] = {}
    for v in values:
        totals[v[field]] = totals.get(v[field], 0.0) + abs(float(v["value"]))
    kept = set(sorted(totals, key=lambda k: -totals[k])[:most])
    return [k for k in dict.fromkeys(v[field] for v in values) if k in kept], len(totals)


def _base(title: str, note: str | None, values: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {
            "text": title,
            "anchor": "start",
            "fontSize": 13,
            **({"subtitle": note} if note else {}),
        },
        "data": {"values": values},
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "legend": {"orient": "bottom", "columns": 3, "labelLimit": 260, "symbolLimit": 0},
            "header": {"labelLimit": PANEL_WIDTH, "labelFontSize": 12},
        },
    }


def _tooltip(share: bool, series: str | None, panel: str | None) -> list[dict[str, Any]]:
    tips: list[dict[str, Any]] = [{"field": "year", "type": "ordinal", "title": _("Year")}]
    if panel:
        tips.append({"field": "panel", "type": "nominal", "title": panel})
    if series:
        tips.append({"field": "series", "type": "nominal", "title": series})
    tips.append(
        {
            "field": "value",
            "type": "quantitative",
            "title": _("share") if share else _("count"),
            "format": ".1%" if share else ",d",
        }
    )
    return tips


def spec_for(
    indicator: str, rows: list[dict[str, Any]], by: list[str]
) -> tuple[dict[str, Any], str] | None:
    """The chart of ``indicator``'s rows and the note on what it leaves out; None if there is
    nothing to draw."""
    shown = [r for r in rows if r["indicator"] == indicator and r["value"] is not None]
    if not shown:
        return None
    meta = CATALOGUE[indicator]
    share = meta.is_share
    others = [d for d in by if d != "year"]
    years = sorted({str(r["year"]) for r in shown if r.get("year") is not None})
    over_years = "year" in by and len(years) > 1
    values: list[dict[str, Any]] = []
    for r in shown:
        words = [value_name(d, r.get(d)) for d in others]
        values.append(
            {
                "year": str(r.get("year")) if r.get("year") is not None else "",
                "value": r["value"],
                "panel": words[0] if words else "",
                "series": " / ".join(words[1:]) if over_years else " / ".join(words),
                "label": " / ".join(words) or _("all"),
            }
        )
    note = chart_note((r.get("year"), r["flag"]) for r in rows if r["indicator"] == indicator)
    spec = _base(_(meta.title), note, values)
    quantity = {
        "field": "value",
        "type": "quantitative",
        "title": _("share") if share else _("count"),
        "axis": {"format": ".0%" if share else ",d", "tickCount": 4},
    }
    left_out = ""
    if over_years:
        x = {"field": "year", "type": "ordinal", "title": _("Year"), "axis": {"labelAngle": 0}}
        lines = len({v["label"] for v in values})
        panels = bool(others) and (len(others) > 1 or lines > MAX_LINES)
        if not panels:  # one line per value of the one other dimension, if any
            series_title = dimension_name(others[0]) if others else None
            for v in values:
                v["series"] = v["label"] if others else ""
            encoding: dict[str, Any] = {
                "x": x,
                "y": quantity,
                "tooltip": _tooltip(share, series_title, None),
            }
            if others:
                encoding["color"] = {"field": "series", "type": "nominal", "title": series_title}
            spec |= {
                "width": WIDTH,
                "height": 220,
                "mark": {"type": "line", "point": True},
                "encoding": encoding,
            }
            return spec, left_out
        kept, total = _keep_biggest(values, "panel", MAX_PANELS)
        if total > len(kept):
            left_out = _(
                "%(shown)s panels of %(total)s drawn (the biggest); the table has them all.",
                shown=len(kept),
                total=total,
            )
            spec["data"]["values"] = [v for v in values if v["panel"] in kept]
        series_title = " / ".join(dimension_name(d) for d in others[1:]) or None
        inner: dict[str, Any] = {
            "x": x,
            "y": quantity,
            "tooltip": _tooltip(share, series_title, dimension_name(others[0])),
        }
        if series_title:
            inner["color"] = {"field": "series", "type": "nominal", "title": series_title}
        spec |= {
            "facet": {
                "field": "panel",
                "type": "nominal",
                "title": dimension_name(others[0]),
                "sort": kept,
            },
            "columns": PANEL_COLUMNS,
            "spec": {
                "width": PANEL_WIDTH,
                "height": 110,
                "mark": {"type": "line", "point": True},
                "encoding": inner,
            },
        }
        return spec, left_out
    # one year, or not by year: a bar per value (the year beside it when there is one)
    for v in values:
        if "year" in by:
            v["label"] = f"{v['label']} ({v['year']})" if others else v["year"]
    spec |= {
        "width": WIDTH,
        "height": {"step": 18},
        "mark": {"type": "bar", "color": "#1f5f8b"},
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "sort": "-x",
                "title": " / ".join(dimension_name(d) for d in by) or None,
            },
            "x": quantity,
            "tooltip": [
                {"field": "label", "type": "nominal", "title": _("Cell")},
                _tooltip(share, None, None)[-1],
            ],
        },
    }
    return spec, left_out


def describe(indicator: str, rows: list[dict[str, Any]], by: list[str], left_out: str) -> str:
    """The chart's text alternative: what it shows, its years and the range of its values."""
    meta = CATALOGUE[indicator]
    drawn = [r for r in rows if r["indicator"] == indicator and r["value"] is not None]
    values = [float(r["value"]) for r in drawn]
    years = sorted({int(r["year"]) for r in drawn if r.get("year") is not None})
    dimensions = ", ".join(dimension_name(d) for d in by) or _("all cells together")
    if years:
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        sentence = _(
            "Chart of %(title)s by %(dimensions)s, %(years)s: %(count)s values, "
            "from %(low)s to %(high)s.",
            title=_(meta.title),
            dimensions=dimensions,
            years=span,
            count=len(values),
            low=_formatted(min(values), meta.is_share),
            high=_formatted(max(values), meta.is_share),
        )
    else:
        sentence = _(
            "Chart of %(title)s by %(dimensions)s: %(count)s values, from %(low)s to %(high)s.",
            title=_(meta.title),
            dimensions=dimensions,
            count=len(values),
            low=_formatted(min(values), meta.is_share),
            high=_formatted(max(values), meta.is_share),
        )
    return f"{sentence} {left_out}".strip()


def explorer_charts(rows: list[dict[str, Any]], by: list[str]) -> list[Chart]:
    """The charts of the first few indicators of ``rows``."""
    out: list[Chart] = []
    for indicator in dict.fromkeys(r["indicator"] for r in rows):
        found = spec_for(indicator, rows, by)
        if found is None:
            continue
        spec, left_out = found
        description = describe(indicator, rows, by, left_out)
        spec["description"] = description  # the label of the drawing for screen readers
        out.append(Chart(indicator, _(CATALOGUE[indicator].title), spec, description))
        if len(out) == MAX_CHARTS:
            break
    return out
