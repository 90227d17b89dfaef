"""Drawing Vega-Lite specs offline with vl-convert: PNG for DOCX and PDF, SVG for HTML and
pages. A spec drawn once is kept (per process), so a page or report asked again costs nothing."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

KEPT = 128
_svgs: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def render_all(specs: list[dict[str, Any]], png: bool) -> list[bytes | str]:
    """Render many charts at once (vl-convert works outside the GIL: two cores, two charts)."""
    render: Callable[[dict[str, Any]], bytes | str] = to_png if png else to_svg
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(render, specs))


def to_png(spec: dict[str, Any]) -> bytes:
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(spec, scale=2))


def to_svg(spec: dict[str, Any]) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec))


def svg(spec: dict[str, Any]) -> str:
    """The SVG of ``spec``, kept: the same chart is drawn once per process."""
    key = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    with _lock:
        if key in _svgs:
            _svgs.move_to_end(key)
            return _svgs[key]
    drawn = to_svg(spec)
    with _lock:
        _svgs[key] = drawn
        while len(_svgs) > KEPT:
            _svgs.popitem(last=False)
    return drawn
