"""The regional report's map: the region's countries, zoomed to the region (the bounding box of
its countries' outlines with a margin, as the projection's extent), in four categories with a
legend: took part, did not take part, suppressed (a small cell), outside the region."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stdgap.charts.specs import world_map, world_topology
from stdgap.i18n.translate import N_
from stdgap.i18n.translate import gettext as _

#: Degrees added around the region's countries.
MARGIN = 3.0
TOOK_PART, ABSENT, SUPPRESSED, OUTSIDE = (
    N_("Took part"),
    N_("Did not take part"),
    N_("Suppressed (small number)"),
    N_("Outside the region"),
)
COLOURS = {TOOK_PART: "#1f5f8b", ABSENT: "#e07b39", SUPPRESSED: "#9cc3e6", OUTSIDE: "#e6e6e6"}


def _arc_points(index: int) -> list[tuple[float, float]]:
    topology = world_topology()
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arc = topology["arcs"][index if index >= 0 else ~index]
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return points


def _arcs(nested: Any) -> Iterable[int]:
    if isinstance(nested, int):
        yield nested
    else:
        for item in nested:
            yield from _arcs(item)


def bounding_box(m49_codes: Iterable[str]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the outlines of these countries, in degrees; east may
    exceed 180 when the region crosses the antimeridian (Russia's far east, Fiji)."""
    wanted = set(m49_codes)
    points = [
        point
        for geometry in world_topology()["objects"]["countries"]["geometries"]
        if geometry.get("id") in wanted
        for index in _arcs(geometry["arcs"])
        for point in _arc_points(index)
    ]
    if not points:
        return None
    south, north = min(lat for _lon, lat in points), max(lat for _lon, lat in points)
    west, east = min(lon for lon, _lat in points), max(lon for lon, _lat in points)
    shifted = [lon % 360 for lon, _lat in points]
    if max(shifted) - min(shifted) < east - west:  # across the antimeridian: the shorter way
        west, east = min(shifted), max(shifted)
        if west > 180:
            west, east = west - 360, east - 360
    return west, south, east, north


def extent(box: tuple[float, float, float, float]) -> dict[str, Any]:
    """The projection's extent: the box with its margin, as GeoJSON points to fit."""
    west, south, east, north = box
    west, east = west - MARGIN, east + MARGIN
    south, north = max(south - MARGIN, -89.0), min(north + MARGIN, 89.0)
    middle = (west + east) / 2
    corners = [
        [lon if lon <= 180 else lon - 360, lat]
        for lon in (west, middle, east)
        for lat in (south, (south + north) / 2, north)
    ]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": corners},
    }


def region_map(title: str, categories: dict[str, str], names: dict[str, str]) -> dict[str, Any]:
    """A map of the region: ``categories`` gives each of the region's countries (by M49 code)
    its category (one of :data:`COLOURS`' keys), ``names`` their names; the projection is
    centred on and fitted to the region's countries."""
    spec = world_map(title, [], "")
    labels = [_(TOOK_PART), _(ABSENT), _(SUPPRESSED), _(OUTSIDE)]
    rows = [
        {"m49": code, "category": _(category), "name": names.get(code, code)}
        for code, category in categories.items()
    ]
    box = bounding_box(categories)
    projection: dict[str, Any] = {"type": "equalEarth"}
    if box is not None:
        projection |= {"rotate": [-(box[0] + box[2]) / 2, 0, 0], "fit": extent(box)}
    outline = spec["layer"][0]
    spec |= {"height": 380, "projection": projection}
    spec["layer"] = [
        {
            "data": outline["data"],
            "transform": [
                {
                    "lookup": "id",
                    "from": {
                        "data": {"values": rows},
                        "key": "m49",
                        "fields": ["category", "name"],
                    },
                },
                {"calculate": f"datum.category || {_js(labels[3])}", "as": "category"},
            ],
            "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.5, "clip": True},
            "encoding": {
                "color": {
                    "field": "category",
                    "type": "nominal",
                    "title": None,
                    "scale": {
                        "domain": labels,
                        "range": [COLOURS[key] for key in (TOOK_PART, ABSENT, SUPPRESSED, OUTSIDE)],
                    },
                    "legend": {"orient": "bottom", "direction": "horizontal", "labelLimit": 0},
                },
                "tooltip": [{"field": "name"}, {"field": "category"}],
            },
        }
    ]
    return spec


def _js(text: str) -> str:
    """A string literal of a Vega expression."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
