"""Whether a request wants JSON: a ``.json`` suffix, the API prefix, or an Accept header that
asks for JSON rather than HTML."""

from __future__ import annotations

from starlette.requests import HTTPConnection

API_PREFIX = "/api/"


def wants_json(request: HTTPConnection) -> bool:
    path = request.url.path
    if path.startswith(API_PREFIX) or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "json" in accept and "text/html" not in accept
