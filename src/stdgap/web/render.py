"""Answering with a page or its data: one handler, HTML for browsers, JSON for everyone else."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from stdgap.indicators import CATALOGUE
from stdgap.web.auth import current_user
from stdgap.web.csrf import csrf_token, keep_nonce
from stdgap.web.negotiate import wants_json

NAV = (
    ("/indicators", "Indicators"),
    ("/countries", "Countries"),
    ("/groups", "Groups"),
    ("/resolutions", "Resolutions"),
    ("/reports", "Reports"),
    ("/imports", "Imports"),
)


def _percent(value: Any) -> str:
    return "–" if value is None else f"{100 * float(value):.1f} %"


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,}" if isinstance(value, int) else str(value)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("stdgap.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = _percent
    env.filters["number"] = _number
    env.globals["units"] = {i.id: i.unit for i in CATALOGUE.values()}
    env.globals["titles"] = {i.id: i.title for i in CATALOGUE.values()}
    return env


ENV = _environment()


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class DataResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_default).encode()


def render_page(
    request: Request, template: str, data: dict[str, Any], status: int = 200, **extra: Any
) -> HTMLResponse:
    account = current_user(request)
    context = {
        "request": request,
        "data": data,
        "user": account,
        "csrf_token": csrf_token(request),
        "nav": NAV,
        "path": request.url.path,
        **extra,
    }
    response = HTMLResponse(ENV.get_template(template).render(context), status_code=status)
    keep_nonce(request, response)
    return response


def respond(
    request: Request, template: str, data: dict[str, Any], status: int = 200, **extra: Any
) -> Response:
    """``data`` as JSON when the request wants JSON, else the page made from it (and ``extra``,
    which is for presentation only: charts, form choices)."""
    if wants_json(request):
        return DataResponse(data, status_code=status)
    return render_page(request, template, data, status, **extra)
