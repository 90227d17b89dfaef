"""Answering with a page or its data: one handler, HTML for browsers, JSON for everyone else.

One Jinja2 environment holds the templates of every capability that has a ``templates/``
folder (the toolkit's own ``base.html`` and ``problem.html`` first); the navigation is the
pages the capabilities declare, each shown to those who may see it.

Templates are translated with the ``jinja2.ext.i18n`` extension (``{% trans %}`` and ``_()``,
gettext of the request's locale) and write figures with the filters ``number``, ``percent``,
``date`` and ``datetime`` of :mod:`stdgap.i18n.formatting`, and name countries in the reader's
language with ``country`` (``{{ "KEN"|country }}``, ``{{ code|country(store_name) }}``) and
``by_country_name`` (a list sorted by those names, :mod:`stdgap.i18n.countries`); every page
knows its ``lang``, its ``dir`` and the links of the language switch.
"""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from stdgap import capabilities
from stdgap.http.auth import current_user
from stdgap.http.codes import code_label, itu_group_key
from stdgap.http.csrf import csrf_token, keep_nonce
from stdgap.http.negotiate import wants_json
from stdgap.i18n import countries, formatting, locales
from stdgap.i18n.negotiate import QUERY
from stdgap.i18n.translate import current, gettext, ngettext
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


_ids = itertools.count(1)


def unique_id(prefix: str = "t") -> str:
    """An element id no other element of the page has (a table's caption, named by the region
    that scrolls the table on a phone)."""
    return f"{prefix}{next(_ids)}"


def _environment() -> Environment:
    loaders = [PackageLoader("stdgap.http", "templates")]
    loaders += [
        PackageLoader(found.package, "templates")
        for found in capabilities.CAPABILITIES
        if found.templates
    ]
    # The extraction settings in pyproject.toml ([tool.babel]) mirror these options.
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["percent"] = formatting.percent
    env.filters["number"] = formatting.number
    env.filters["date"] = formatting.date
    env.filters["datetime"] = formatting.datetime
    env.globals["unique_id"] = unique_id
    env.filters["country"] = countries.country_name
    env.filters["by_country_name"] = countries.countries_by_name
    env.filters["m49_region"] = countries.region_name
    env.filters["code"] = code_label
    env.filters["itu_order"] = lambda rows, attribute="code": sorted(
        rows, key=lambda row: itu_group_key(_attribute(row, attribute))
    )
    return env


ENV = _environment()


def add_globals(**values: Any) -> None:
    """Make ``values`` available to every template (a capability's vocabulary, e.g. titles)."""
    ENV.globals.update(values)


def _attribute(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, dict) else getattr(row, name, row)


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class DataResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_default).encode()


def language_links(request: Request) -> list[dict[str, Any]]:
    """The language switch, on every page: this page (its path and its other parameters) in each
    of the six languages (``?lang=``), the current one marked. A language without translations
    yet still shows its own numbers, dates, country names and direction."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != QUERY]
    here = current()
    return [
        {
            "code": found.code,
            "name": found.name,
            "dir": found.direction,
            "href": request.url.path + "?" + urlencode([*kept, (QUERY, found.code)]),
            "current": found == here,
        }
        for found in locales.listed()
    ]


def render_page(
    request: Request, template: str, data: dict[str, Any], status: int = 200, **extra: Any
) -> HTMLResponse:
    account = current_user(request)
    language = current()
    context = {
        "request": request,
        "lang": language.code,
        "dir": language.direction,
        "languages": language_links(request),
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
