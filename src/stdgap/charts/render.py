"""Drawing Vega-Lite specs offline with vl-convert: PNG for DOCX and PDF, SVG for HTML and
pages. A spec is drawn once (per process, kept by the hash of its spec): its PNG is the SVG
rasterized (byte for byte what vl-convert draws as PNG), so the three formats of a report, or a
page asked again, share one drawing."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T", str, bytes)
Drawn = TypeVar("Drawn")

#: How many SVGs and how many PNGs (up to a few hundred KiB each) are kept.
KEPT_SVG = 128
KEPT_PNG = 32
#: PNG pixels per SVG pixel: sharp in print.
SCALE = 2
_svgs: OrderedDict[str, str] = OrderedDict()
_pngs: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


def spec_key(spec: dict[str, Any]) -> str:
    """The hash of ``spec``: two specs alike draw alike."""
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


def render_all(specs: list[dict[str, Any]], png: bool) -> list[bytes | str]:
    """Render many charts at once (vl-convert works outside the GIL: two cores, two charts)."""
    render: Callable[[dict[str, Any]], bytes | str] = to_png if png else svg
    return list(_in_turn(render, specs))


def draw_in_turn(specs: list[dict[str, Any]]) -> Iterator[bytes]:
    """The PNG of each spec in order, each as soon as it and those before it are drawn
    (drawn as :func:`render_all` draws them)."""
    return _in_turn(to_png, specs)


def _in_turn(
    draw: Callable[[dict[str, Any]], Drawn], specs: list[dict[str, Any]]
) -> Iterator[Drawn]:
    """``draw`` of each spec, two (or a core's worth) at a time, yielded in order."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        yield from pool.map(draw, specs)


def _kept(kept: OrderedDict[str, T], limit: int, key: str, draw: Callable[[], T]) -> T:
    with _lock:
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    drawn = draw()
    with _lock:
        kept[key] = drawn
        while len(kept) > limit:
            kept.popitem(last=False)
    return drawn


def _draw_svg(spec: dict[str, Any]) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec))


#: The smallest chart: drawing it starts vl-convert's engine.
_TINY = {"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}


def warm_renderer() -> None:
    """Start vl-convert's engine now rather than at the first chart (not kept)."""
    _draw_svg(_TINY)


def clear_drawn_charts() -> None:
    """Forget the charts drawn so far (the next of each is drawn again)."""
    with _lock:
        _svgs.clear()
        _pngs.clear()


def svg(spec: dict[str, Any]) -> str:
    """The SVG of ``spec``, kept: the same chart is drawn once per process."""
    return _kept(_svgs, KEPT_SVG, spec_key(spec), lambda: _draw_svg(spec))


def to_svg(spec: dict[str, Any]) -> str:
    return svg(spec)


def to_png(spec: dict[str, Any]) -> bytes:
    """The PNG of ``spec``: its kept SVG rasterized, kept too."""
    import vl_convert

    key = spec_key(spec)
    drawn = _kept(_svgs, KEPT_SVG, key, lambda: _draw_svg(spec))
    return _kept(_pngs, KEPT_PNG, key, lambda: bytes(vl_convert.svg_to_png(drawn, scale=SCALE)))
