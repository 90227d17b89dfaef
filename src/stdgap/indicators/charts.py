"""Charts of the profiles' indicator answers: Vega-Lite specs drawn as SVG on the server (no
JavaScript), their words in the language of the request (the explorer's are in
:mod:`stdgap.indicators.explorer_charts`)."""

from __future__ import annotations

from typing import Any

from stdgap.charts.render import svg
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.notes import chart_note

WIDTH = 440


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
            "legend": {"orient": "bottom", "columns": 2, "labelLimit": 320, "symbolLimit": 0},
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
