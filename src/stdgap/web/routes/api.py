"""The REST API's reads, under ``/api/v1``: the same services as the pages; lists paginated."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from stdgap.resolutions.models import STATUSES
from stdgap.web import accounts, explorer, profiles, queries, tracker
from stdgap.web.accounts import Account
from stdgap.web.auth import current_user, effective_min_cell, engine_of, require
from stdgap.web.problems import PROBLEM_RESPONSES, Problem
from stdgap.web.render import DataResponse

router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)

Limit = Annotated[int, Query(ge=1, le=100_000, description="Items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")]
MinCell = Annotated[
    int | None,
    Query(ge=1, le=1_000_000, description="Suppress cells below this size; below 5 for analysts"),
]
Year = Annotated[int | None, Query(ge=1, le=9999)]
Names = Annotated[list[str], Query(description="Comma-separated or repeated")]
Text = Annotated[str | None, Query(max_length=200)]


class Page(BaseModel):
    """A page of a list: ``items[offset:offset+limit]`` of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


PAGE: dict[int | str, dict[str, Any]] = {200: {"model": Page, "description": "A page of the list"}}
OBJECT: dict[int | str, dict[str, Any]] = {
    200: {"model": dict[str, Any], "description": "The object"}
}


def paginate(items: list[dict[str, Any]], limit: int, offset: int) -> Response:
    body = {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }
    return DataResponse(body)


def _min_cell(request: Request, requested: int | None) -> int:
    return effective_min_cell(requested, current_user(request))


@router.get("/indicators", responses=PAGE, summary="Indicator cells")
def indicators(
    request: Request,
    indicator: Names = [],  # noqa: B006 (FastAPI reads the default)
    by: Names = [],  # noqa: B006
    where: Annotated[list[str], Query(description="DIMENSION:VALUE, repeatable")] = [],  # noqa: B006
    from_year: Year = None,
    to_year: Year = None,
    min_cell: MinCell = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> Response:
    """The cells of the indicators (all that apply by default) grouped by the dimensions ``by``,
    each as printed by ``stdgap indicators --format json``. Cells below the minimum size are
    suppressed: 5 for the public; analysts may ask for less."""
    query = explorer.make_query(
        indicator, by, where, from_year, to_year, _min_cell(request, min_cell)
    )
    body = explorer.page_body(engine_of(request), query, limit, offset)
    return Response(body, media_type="application/json")


@router.get("/indicators/catalogue", responses=PAGE, summary="The catalogue of indicators")
def catalogue(limit: Limit = 1000, offset: Offset = 0) -> Response:
    return paginate(explorer.catalogue(), limit, offset)


@router.get("/countries", responses=PAGE, summary="Countries")
def countries(
    request: Request, region: Text = None, limit: Limit = 100, offset: Offset = 0
) -> Response:
    rows = queries.countries(engine_of(request))
    if region:
        rows = [r for r in rows if r["region"] == region]
    return paginate(rows, limit, offset)


@router.get("/countries/{code}", responses=OBJECT, summary="A country's profile")
def country(
    request: Request,
    code: Annotated[str, Path(min_length=1, max_length=10)],
    min_cell: MinCell = None,
) -> Response:
    return DataResponse(profiles.country(engine_of(request), code, _min_cell(request, min_cell)))


@router.get("/groups", responses=PAGE, summary="Groups (TSAG, study groups, regional groups …)")
def groups(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    return paginate(queries.groups(engine_of(request)), limit, offset)


@router.get("/groups/{code}", responses=OBJECT, summary="A group's page")
def group(
    request: Request,
    code: Annotated[str, Path(min_length=1, max_length=300)],
    min_cell: MinCell = None,
) -> Response:
    return DataResponse(profiles.group(engine_of(request), code, _min_cell(request, min_cell)))


Body = Annotated[str, Query(min_length=1, max_length=20, description="Assembly, e.g. WTSA")]
Number = Annotated[int, Path(ge=0, le=10_000)]
Status = Annotated[str | None, Query(description=", ".join(STATUSES), max_length=20)]


@router.get("/resolutions", responses=PAGE, summary="Tracked resolutions")
def resolutions(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    return paginate(tracker.resolutions(engine_of(request)), limit, offset)


@router.get("/resolutions/{number}", responses=OBJECT, summary="A resolution")
def resolution(request: Request, number: Number, body: Body = "WTSA") -> Response:
    return DataResponse(tracker.resolution(engine_of(request), number, body))


def _status(status: str | None) -> str | None:
    if status and status not in STATUSES:
        raise Problem(422, f"status must be one of {', '.join(STATUSES)}")
    return status or None


@router.get("/resolutions/{number}/clauses", responses=PAGE, summary="A resolution's clauses")
def resolution_clauses(
    request: Request,
    number: Number,
    body: Body = "WTSA",
    verb: Text = None,
    addressee: Text = None,
    status: Status = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Operative clauses of the newest version, by verb, addressee and status."""
    rows = tracker.clauses(engine_of(request), number, body, verb, addressee, _status(status))
    return paginate(rows, limit, offset)


@router.get("/clauses", responses=PAGE, summary="Clauses of every resolution")
def all_clauses(
    request: Request,
    verb: Text = None,
    addressee: Text = None,
    status: Status = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    rows = tracker.clauses(engine_of(request), None, "WTSA", verb, addressee, _status(status))
    return paginate(rows, limit, offset)


@router.get("/actions", responses=PAGE, summary="Actions on clauses")
def actions(
    request: Request,
    resolution: Annotated[int | None, Query(ge=0, le=10_000)] = None,
    status: Status = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    rows = tracker.actions(engine_of(request), resolution, _status(status))
    return paginate(rows, limit, offset)


@router.get("/audit", responses=PAGE, summary="The audit log (admins)")
def audit(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
    account: Account = Depends(require("admin")),
) -> Response:
    total, rows = accounts.audit_rows(engine_of(request), limit, offset)
    return DataResponse({"total": total, "limit": limit, "offset": offset, "items": rows})
