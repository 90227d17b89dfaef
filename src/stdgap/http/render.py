"""Answering with a page or its data: one handler, HTML for browsers, JSON for everyone else.

One Jinja2 environment holds the templates of every capability that has a ``templates/``
folder (the toolkit's own ``base.html`` and ``problem.html`` first); the navigation is the
pages the capabilities declare, each shown to those who may see it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from stdgap import capabilities
from stdgap.http.auth import current_user
from stdgap.http.csrf import csrf_token, keep_nonce
from stdgap.http.negotiate import wants_json
from stdgap.permissions import Account

NAV: tuple[capabilities.Nav, ...] = tuple(
    sorted(
        (item for found in capabilities.CAPABILITIES for item in found.nav),
        key=lambda item: item.place,
    )
)


def _shown(item: capabilities.Nav, account: Account | None) -> bool:
    if item.permission is None:
        return True
    return account is not None and account.can(item.permission)


def _percent(value: Any) -> str:
    return "–" if value is None else f"{100 * float(value):.1f} %"


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,}" if isinstance(value, int) else str(value)


def _environment() -> Environment:
    loaders = [PackageLoader("stdgap.http", "templates")]
    loaders += [
        PackageLoader(found.package, "templates")
        for found in capabilities.CAPABILITIES
        if found.templates
    ]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = _percent
    env.filters["number"] = _number
    return env


ENV = _environment()


def add_globals(**values: Any) -> None:
    """Make ``values`` available to every template (a capability's vocabulary, e.g. titles)."""
    ENV.globals.update(values)


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
        "nav": [item for item in NAV if _shown(item, account)],
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
