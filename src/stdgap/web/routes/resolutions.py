"""The resolution browser: resolutions, clauses by verb and addressee, actions and status."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from stdgap.resolutions.models import STATUSES
from stdgap.web import tracker, writes
from stdgap.web.accounts import Account
from stdgap.web.auth import engine_of, require
from stdgap.web.csrf import csrf_protect
from stdgap.web.negotiate import wants_json
from stdgap.web.problems import Problem
from stdgap.web.render import DataResponse, respond
from stdgap.web.routes import page

router = APIRouter()
officer = require("track")


def _filters(request: Request) -> dict[str, Any]:
    params = request.query_params
    status = params.get("status") or None
    if status and status not in STATUSES:
        raise Problem(422, f"status must be one of {', '.join(STATUSES)}")
    return {
        "verb": params.get("verb") or None,
        "addressee": params.get("addressee") or None,
        "status": status,
    }


@page(router, "/resolutions")
def resolutions_page(request: Request) -> Response:
    engine = engine_of(request)
    filters = _filters(request)
    rows = tracker.resolutions(engine)
    everything = tracker.clauses(engine)
    chosen = tracker.clauses(engine, **filters) if any(filters.values()) else []
    data = {"total": len(rows), "resolutions": rows, "filters": filters, "clauses": chosen}
    return respond(
        request,
        "resolutions.html",
        data,
        verbs=tracker.verbs(everything),
        addressees=tracker.addressees(everything),
        statuses=STATUSES,
    )


@page(router, "/resolutions/actions")
def actions_page(request: Request) -> Response:
    status = request.query_params.get("status") or None
    rows = tracker.actions(engine_of(request), None, status)
    data = {"status": status, "total": len(rows), "actions": rows}
    return respond(request, "actions.html", data, statuses=STATUSES)


@page(router, "/resolutions/{number}")
def resolution_page(request: Request, number: int) -> Response:
    engine = engine_of(request)
    body = request.query_params.get("body", "WTSA")
    filters = _filters(request)
    info = tracker.resolution(engine, number, body)
    everything = tracker.clauses(engine, number, body)
    rows = tracker.clauses(engine, number, body, **filters) if any(filters.values()) else everything
    data = {"resolution": info, "filters": filters, "total": len(rows), "clauses": rows}
    return respond(
        request,
        "resolution.html",
        data,
        verbs=tracker.verbs(everything),
        addressees=tracker.addressees(everything),
        statuses=STATUSES,
    )


@router.post(
    "/resolutions/actions",
    include_in_schema=False,
    dependencies=[Depends(officer), Depends(csrf_protect)],
)
def add_action_form(
    request: Request,
    clause: Annotated[str, Form()],
    who: Annotated[str, Form()],
    what: Annotated[str, Form()],
    status: Annotated[str, Form()] = "planned",
    due: Annotated[str, Form()] = "",
    evidence: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/resolutions",
    account: Account = Depends(officer),
) -> Response:
    """The action form of a clause: record, then back to the resolution."""
    try:
        when = date.fromisoformat(due) if due.strip() else None
    except ValueError:
        raise Problem(422, f"due must be a date YYYY-MM-DD, not {due!r}", "bad-action") from None
    action = writes.record_action(
        engine_of(request), account, clause, who, what, status, when, evidence
    )
    if wants_json(request):
        return DataResponse(action, status_code=201)
    local = back.startswith("/") and not back.startswith(("//", "/\\")) and "\\" not in back
    target = back if local else "/resolutions"
    return RedirectResponse(f"{target}#action-{action['id']}", status_code=303)
