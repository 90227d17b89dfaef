"""The browser libraries the explorer draws its charts with (Vega, Vega-Lite, vega-embed),
served from stdgap's own address (``/vendor/NAME``), never from a CDN.

They are the npm packages of the repository's ``package.json``, installed by ``scripts/setup``
into ``node_modules`` at the repository's root (``$STDGAP_NODE_MODULES`` names another
folder). Without them the explorer still works: its charts are then images drawn on the server.
Each file is sent gzip-compressed to browsers that accept it (compressed once per process), and
may be kept a week by any cache.
"""

from __future__ import annotations

import gzip
import os
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l

router = APIRouter()

#: The files served, by the name under /vendor/, in the order a page loads them.
FILES: dict[str, str] = {
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
CACHE_CONTROL = "public, max-age=604800"
ENVIRONMENT = "STDGAP_NODE_MODULES"


def node_modules() -> Path:
    """Where the npm packages are: ``$STDGAP_NODE_MODULES``, else the repository's."""
    given = os.environ.get(ENVIRONMENT, "").strip()
    if given:
        return Path(given)
    return Path(__file__).resolve().parents[3] / "node_modules"


def path_of(name: str) -> Path:
    return node_modules() / FILES[name]


def available() -> bool:
    """Whether every file of :data:`FILES` is installed (else the charts are images)."""
    return all(path_of(name).is_file() for name in FILES)


@cache
def _compressed(path: Path, size: int, mtime: float) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


@router.get("/vendor/{name}", include_in_schema=False)
def vendor_file(name: str, request: Request) -> Response:
    """One of :data:`FILES`, gzip-compressed when the browser accepts it."""
    if name not in FILES or not path_of(name).is_file():
        raise Problem(404, _l("No such file: %(name)s", name=name))
    path = path_of(name)
    headers = {"Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        stat = path.stat()
        body = _compressed(path, stat.st_size, stat.st_mtime)
        headers["Content-Encoding"] = "gzip"
    else:
        body = path.read_bytes()
    return Response(body, media_type="text/javascript; charset=utf-8", headers=headers)
