"""Charts of indicator answers (the explorer, profiles): Vega-Lite specs drawn as SVG on the
server (no JavaScript), their words in the language of the request."""

from __future__ import annotations

from typing import Any

from stdgap.charts.render import svg
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.notes import chart_note

MAX_SERIES = 10
MAX_CHARTS = 4
WIDTH = 440


def _label(row: dict[str, Any], dims: list[str]) -> str:
    return " / ".join(str(row[d]) for d in dims) or _("all")


def _spec(
    title: str,
    values: list[dict[str, Any]],
    share: bool,
    series: str,
    over_years: bool,
    note: str | None = None,
) -> dict[str, Any]:
    """Lines over years (bars when there is one year only), or bars by ``label``; ``note`` (the
    flagged years) under the title."""
    axis = {"format": ".0%" if share else ",d", "tickCount": 5}
    quantity = {
        "field": "value",
        "type": "quantitative",
        "title": _("share") if share else _("count"),
        "axis": axis,
    }
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {
            "text": title,
            "anchor": "start",
            "fontSize": 13,
            **({"subtitle": note} if note else {}),
        },
        "width": WIDTH,
        "data": {"values": values},
        "config": {
            "font": "DejaVu Sans",
            "view": {"stroke": None},
            "legend": {"orient": "bottom", "columns": 2, "labelLimit": 320},
        },
    }
    years = {v["year"] for v in values}
    colour = {"field": "label", "type": "nominal", "title": series or None}
    if over_years and len(years) > 1:
        spec |= {
            "height": 220,
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {
                    "field": "year",
                    "type": "ordinal",
                    "title": _("year"),
                    "axis": {"labelAngle": 0},
                },
                "y": quantity,
                **({"color": colour} if series else {}),
            },
        }
        return spec
    if over_years:  # one year: a bar per series
        for v in values:
            v["label"] = f"{v['label']} ({v['year']})" if series else str(v["year"])
    spec |= {
        "height": {"step": 18},
        "mark": {"type": "bar", "color": "#1f5f8b"},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": "-x", "title": series or None},
            "x": quantity,
        },
    }
    return spec


def spec_for(indicator: str, rows: list[dict[str, Any]], by: list[str]) -> dict[str, Any] | None:
    """The chart of one indicator of the explorer; None if nothing to draw."""
    shown = [r for r in rows if r["indicator"] == indicator and r["value"] is not None]
    if not shown:
        return None
    meta = CATALOGUE[indicator]
    others = [d for d in by if d != "year"]
    values = [
        {"label": _label(r, others), "year": r.get("year"), "value": r["value"]} for r in shown
    ]
    if "year" in by:
        totals: dict[str, float] = {}
        for v in values:
            totals[v["label"]] = totals.get(v["label"], 0.0) + float(v["value"])
        keep = set(sorted(totals, key=lambda k: -totals[k])[:MAX_SERIES])
        values = [v for v in values if v["label"] in keep]
    series = " / ".join(others) if "year" in by else " / ".join(by)
    note = chart_note((r.get("year"), r["flag"]) for r in rows if r["indicator"] == indicator)
    return _spec(_(meta.title), values, meta.is_share, series, "year" in by, note)


def charts(rows: list[dict[str, Any]], by: list[str]) -> list[str]:
    """SVGs of the first few indicators of ``rows``."""
    order = list(dict.fromkeys(r["indicator"] for r in rows))
    out: list[str] = []
    for indicator in order:
        spec = spec_for(indicator, rows, by)
        if spec is not None:
            out.append(svg(spec))
        if len(out) == MAX_CHARTS:
            break
    return out


def profile_charts(rows: list[dict[str, Any]]) -> list[str]:
    """A profile's participation over years: the counts in one chart, the shares in another."""
    out: list[str] = []
    for share, title in ((False, _("Participation")), (True, _("Shares"))):
        drawn = [r for r in rows if CATALOGUE[r["indicator"]].is_share == share]
        values = [
            {"label": _(CATALOGUE[r["indicator"]].title), "year": r["year"], "value": r["value"]}
            for r in drawn
            if r["value"] is not None
        ]
        note = chart_note((r["year"], r["flag"]) for r in drawn)
        if values:
            out.append(svg(_spec(title, values, share, _("indicator"), True, note)))
    return out
