"""Vega-Lite chart specs shared by the pages and the reports: bars, lines, the world map."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "DejaVu Sans"
WIDTH = 520


def _base(title: str, values: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "fontSize": 14, "anchor": "start"},
        "data": {"values": values},
        "width": WIDTH,
        "config": {"font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11}},
    }


def bar_chart(
    title: str, values: list[dict[str, Any]], category: str, value: str, unit: str, share: bool
) -> dict[str, Any]:
    """Horizontal bars: one per category; ``value`` is a share (0-1) or a count."""
    spec = _base(title, values)
    axis_format = ".0%" if share else ",.0f"
    spec |= {
        "height": {"step": 22},
        "mark": {"type": "bar", "color": "#1f5f8b"},
        "encoding": {
            "y": {"field": category, "type": "nominal", "sort": "-x", "title": None},
            "x": {
                "field": value,
                "type": "quantitative",
                "title": unit,
                "axis": {"format": axis_format, "tickCount": 5},
            },
            "tooltip": [{"field": category}, {"field": value, "format": axis_format}],
        },
    }
    return spec


def line_chart(
    title: str, values: list[dict[str, Any]], series: str, value: str, unit: str, share: bool
) -> dict[str, Any]:
    """Lines over years, one per series."""
    spec = _base(title, values)
    axis_format = ".0%" if share else ",.0f"
    spec |= {
        "height": 220,
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Year", "axis": {"labelAngle": 0}},
            "y": {
                "field": value,
                "type": "quantitative",
                "title": unit,
                "axis": {"format": axis_format},
            },
            "color": {
                "field": series,
                "type": "nominal",
                "title": None,
                "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 0},
            },
        },
    }
    return spec


@cache
def world_topology() -> dict[str, Any]:
    """Country boundaries (Natural Earth 1:110m, from the world-atlas package), shipped."""
    path = resources.files("stdgap.charts") / "data" / "world-110m.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def world_map(title: str, values: list[dict[str, Any]], unit: str) -> dict[str, Any]:
    """A choropleth: ``values`` hold ``m49`` (3-digit code) and ``value``; others stay grey."""
    spec = _base(title, [])
    spec |= {
        "height": 300,
        "projection": {"type": "equalEarth"},
        "layer": [
            {
                "data": {
                    "values": world_topology(),
                    "format": {"type": "topojson", "feature": "countries"},
                },
                "mark": {
                    "type": "geoshape",
                    "fill": "#e4e4e4",
                    "stroke": "white",
                    "strokeWidth": 0.4,
                },
            },
            {
                "data": {
                    "values": world_topology(),
                    "format": {"type": "topojson", "feature": "countries"},
                },
                "transform": [
                    {
                        "lookup": "id",
                        "from": {
                            "data": {"values": values},
                            "key": "m49",
                            "fields": ["value", "name"],
                        },
                    },
                    {"filter": "datum.value != null"},
                ],
                "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.4},
                "encoding": {
                    "color": {
                        "field": "value",
                        "type": "quantitative",
                        "title": unit,
                        "scale": {"scheme": "blues", "type": "sqrt"},
                    },
                    "tooltip": [{"field": "name"}, {"field": "value", "format": ","}],
                },
            },
        ],
    }
    del spec["data"]
    return spec
