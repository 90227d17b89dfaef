"""Country profiles and group pages (TSAG, each study group, each regional group)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from stdgap.web import charts, profiles, queries
from stdgap.web.auth import current_user, effective_min_cell, engine_of
from stdgap.web.negotiate import wants_json
from stdgap.web.problems import Problem
from stdgap.web.render import respond
from stdgap.web.routes import page

router = APIRouter()


def min_cell_of(request: Request) -> int:
    raw = request.query_params.get("min_cell", "").strip()
    if raw and not raw.lstrip("-").isdigit():
        raise Problem(422, f"min_cell '{raw}': give a whole number")
    return effective_min_cell(int(raw) if raw else None, current_user(request))


@page(router, "/countries")
def countries_page(request: Request) -> Response:
    region = request.query_params.get("region")
    rows = queries.countries(engine_of(request))
    if region:
        rows = [r for r in rows if r["region"] == region]
    data = {"region": region, "total": len(rows), "countries": rows}
    return respond(request, "countries.html", data)


@page(router, "/countries/{code}")
def country_page(request: Request, code: str) -> Response:
    data = profiles.country(engine_of(request), code, min_cell_of(request))
    svgs = [] if wants_json(request) else charts.profile_charts(data["participation"])
    return respond(request, "country.html", data, charts=svgs)


@page(router, "/groups")
def groups_page(request: Request) -> Response:
    rows = queries.groups(engine_of(request))
    return respond(request, "groups.html", {"total": len(rows), "groups": rows})


@page(router, "/groups/{code}")
def group_page(request: Request, code: str) -> Response:
    data = profiles.group(engine_of(request), code, min_cell_of(request))
    svgs = [] if wants_json(request) else charts.profile_charts(data["participation"])
    return respond(request, "group.html", data, charts=svgs)
