"""Fellowships in the browser and the API: the calls (public), a call's applications and
decisions (officers), and the allocation — a dry run that shows every decision with its reason,
then the confirmed one, stored through the write door."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.fellowships import operations, queries
from stdgap.fellowships.operations import AllocationResult
from stdgap.http.api import OBJECT, PAGE, Limit, Offset, paginate
from stdgap.http.auth import engine_of, require
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.programmes.errors import ProgrammeError

router = APIRouter()
api = APIRouter(prefix="/api/v1/fellowships", responses=PROBLEM_RESPONSES)
manager = require("fellowships.manage")
allocator = require("fellowships.allocate")
CallId = Annotated[str, Path(min_length=1, max_length=100)]


def _calls(request: Request) -> list[dict[str, Any]]:
    return [
        {**asdict(call), "start": call.start.isoformat()}
        for call in queries.list_calls(engine_of(request))
    ]


def _call(request: Request, call_id: str) -> dict[str, Any]:
    found = queries.list_calls(engine_of(request), call_id)
    if not found:
        raise Problem(404, _l("no fellowship call %(call)r", call=call_id), "not-found")
    call = {**asdict(found[0]), "start": found[0].start.isoformat()}
    call["decisions"] = [asdict(d) for d in queries.decisions(engine_of(request), call_id)]
    return call


def _allocation(result: AllocationResult, confirmed: bool) -> dict[str, Any]:
    return {
        "confirmed": confirmed,
        "optimal": result.optimal,
        "message": result.message,
        "value": result.value,
        "spent": result.spent,
        "budgets": result.budgets,
        "decisions": [asdict(decision) for decision in result.decisions],
    }


def allocate(
    request: Request, account: Account, call_id: str, dry_run: bool, total_budget: int | None
) -> dict[str, Any]:
    """A dry run (nothing written) or the confirmed allocation of one call."""
    engine = engine_of(request)
    try:
        if dry_run:
            with engine.connect() as connection:
                result = operations.plan(connection, [call_id], total_budget)
        else:
            result = operations.allocate.perform(engine, account.name, [call_id], total_budget)
    except ProgrammeError as error:
        raise Problem(422, str(error), "bad-allocation") from None
    return _allocation(result, confirmed=not dry_run)


@page(router, "/fellowships")
def calls_page(request: Request) -> Response:
    rows = _calls(request)
    return respond(request, "fellowships.html", {"total": len(rows), "calls": rows})


@page(router, "/fellowships/{call_id}")
def call_page(request: Request, call_id: str, account: Account = Depends(manager)) -> Response:
    return respond(request, "fellowship_call.html", {"call": _call(request, call_id)}, result=None)


@router.post(
    "/fellowships/{call_id}/allocation",
    include_in_schema=False,
    dependencies=[Depends(allocator), Depends(csrf_protect)],
)
def allocation_form(
    request: Request,
    call_id: str,
    confirm: Annotated[str, Form()] = "",
    account: Account = Depends(allocator),
) -> Response:
    """The call page's buttons: "Dry run" shows the decisions; "Confirm" stores them."""
    result = allocate(request, account, call_id, dry_run=confirm != "yes", total_budget=None)
    if wants_json(request):
        return DataResponse(result, status_code=201 if result["confirmed"] else 200)
    return respond(
        request, "fellowship_call.html", {"call": _call(request, call_id)}, result=result
    )


@api.get("/calls", responses=PAGE, summary="Fellowship calls")
def calls(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    return paginate(_calls(request), limit, offset)


@api.get("/calls/{call_id}", responses=OBJECT, summary="A call with its decisions (officers)")
def call(request: Request, call_id: CallId, account: Account = Depends(manager)) -> Response:
    return DataResponse(_call(request, call_id))


class AllocationIn(BaseModel):
    dry_run: bool = Field(True, description="Show the decisions without storing them")
    total_budget: int | None = Field(None, ge=0, description="A pooled budget, as well")


@api.post(
    "/calls/{call_id}/allocation",
    responses=OBJECT,
    dependencies=[Depends(allocator), Depends(csrf_protect)],
    summary="Allocate a call's fellowships: a dry run, or confirmed (officers)",
)
def allocation(
    request: Request,
    call_id: CallId,
    body: AllocationIn,
    account: Account = Depends(allocator),
) -> Response:
    result = allocate(request, account, call_id, body.dry_run, body.total_budget)
    return DataResponse(result, status_code=201 if result["confirmed"] else 200)
