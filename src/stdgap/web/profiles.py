"""Country profiles and group pages (TSAG, each study group, each regional group), as pages
that are also JSON and in the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from stdgap.http.api import OBJECT, PAGE, Limit, Offset, Text, paginate
from stdgap.http.auth import engine_of
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.indicators import answers, charts
from stdgap.indicators.cells import IndicatorError
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import Rule
from stdgap.indicators.web import allowed, rule_of
from stdgap.reference.queries import country_profile
from stdgap.reference.vocabulary import region_named
from stdgap.registry import queries

COUNTRY_INDICATORS = (
    "participants",
    "attendances",
    "women_share",
    "remote_share",
    "contributions",
    "leadership_held",
)
GROUP_INDICATORS = (
    "participants",
    "developing_participant_share",
    "women_share",
    "young_share",
    "newcomer_share",
    "contributions",
)


def _over_years(
    engine: Engine, indicators: tuple[str, ...], where: dict[str, str], rule: Rule
) -> list[dict[str, Any]]:
    try:
        request = IndicatorRequest.of(indicators, ("year",), where).with_rule(rule)
        return answers.records(engine, request)
    except IndicatorError:  # no member of that country / no meeting of that group: nothing
        return []


def _shown_min_cell(engine: Engine, rule: Rule) -> int:
    """The minimum cell size a profile applies (its rule's, else the store's public one)."""
    if rule.min_cell is not None:
        return rule.min_cell
    return answers.current_state(engine).public_min_cell


def country(engine: Engine, code: str, rule: Rule) -> dict[str, Any]:
    found = country_profile(engine, code.upper())
    if found is None:
        raise Problem(
            404, _l("no country with the ISO 3166-1 alpha-3 code %(code)r", code=code), "not-found"
        )
    c = found.country
    return {
        "code": c.alpha3,
        "name": c.name,
        "un_name": c.un_name,
        "alpha2": c.alpha2,
        "m49": c.m49,
        "m49_region": c.m49_region,
        "m49_subregion": c.m49_subregion,
        "itu_member": c.itu_member,
        "classifications": [
            {
                "attribute": k.attribute,
                "value": k.value,
                "valid_from": k.valid_from.isoformat() if k.valid_from else None,
                "valid_to": k.valid_to.isoformat() if k.valid_to else None,
                "source": k.source,
            }
            for k in found.classifications
        ],
        "participation": _over_years(engine, COUNTRY_INDICATORS, {"country": c.alpha3}, rule),
        "members": queries.country_members(engine, c.alpha3),
        "roles": queries.country_roles(engine, c.alpha3),
        "min_cell": _shown_min_cell(engine, rule),
    }


def group(engine: Engine, code: str, rule: Rule) -> dict[str, Any]:
    found = queries.group(engine, code)
    if found is None:
        raise Problem(404, _l("no group with the code %(code)r", code=code), "not-found")
    found["participation"] = _over_years(engine, GROUP_INDICATORS, {"group": code}, rule)
    found["min_cell"] = _shown_min_cell(engine, rule)
    return found


router = APIRouter()
api = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)


@page(router, "/countries")
def countries_page(request: Request) -> Response:
    region = request.query_params.get("region")
    rows = queries.countries(engine_of(request))
    if region:
        wanted = region_named(region) or region
        rows = [r for r in rows if r["region"] == wanted]
    data = {"region": region, "total": len(rows), "countries": rows}
    return respond(request, "countries.html", data)


@page(router, "/countries/{code}")
def country_page(request: Request, code: str) -> Response:
    data = country(engine_of(request), code, rule_of(request))
    svgs = [] if wants_json(request) else charts.profile_charts(data["participation"])
    return respond(request, "country.html", data, charts=svgs)


@page(router, "/groups")
def groups_page(request: Request) -> Response:
    rows = queries.groups(engine_of(request))
    return respond(request, "groups.html", {"total": len(rows), "groups": rows})


@page(router, "/groups/{code}")
def group_page(request: Request, code: str) -> Response:
    data = group(engine_of(request), code, rule_of(request))
    svgs = [] if wants_json(request) else charts.profile_charts(data["participation"])
    return respond(request, "group.html", data, charts=svgs)


MinCell = Annotated[
    int | None,
    Query(ge=1, le=1_000_000, description="Suppress cells below this size; less for analysts"),
]


@api.get("/countries", responses=PAGE, summary="Countries")
def countries_api(
    request: Request, region: Text = None, limit: Limit = 100, offset: Offset = 0
) -> Response:
    rows = queries.countries(engine_of(request))
    if region:
        wanted = region_named(region) or region
        rows = [r for r in rows if r["region"] == wanted]
    return paginate(rows, limit, offset)


@api.get("/countries/{code}", responses=OBJECT, summary="A country's profile")
def country_api(
    request: Request,
    code: Annotated[str, Path(min_length=1, max_length=10)],
    min_cell: MinCell = None,
) -> Response:
    return DataResponse(country(engine_of(request), code, allowed(request, min_cell)))


@api.get("/groups", responses=PAGE, summary="Groups (TSAG, study groups, regional groups …)")
def groups_api(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    return paginate(queries.groups(engine_of(request)), limit, offset)


@api.get("/groups/{code}", responses=OBJECT, summary="A group's page")
def group_api(
    request: Request,
    code: Annotated[str, Path(min_length=1, max_length=300)],
    min_cell: MinCell = None,
) -> Response:
    return DataResponse(group(engine_of(request), code, allowed(request, min_cell)))
