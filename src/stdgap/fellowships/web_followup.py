"""What fellows did afterwards, in the browser and the API (officers and analysts): later
meetings, their delegations' contributions there, leadership roles taken — from the store."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from stdgap.fellowships.followup import followup
from stdgap.http.auth import engine_of, require
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES
from stdgap.http.render import DataResponse, respond
from stdgap.permissions import Account

router = APIRouter()
api = APIRouter(responses=PROBLEM_RESPONSES)
reader = require("fellowships.followup")
Calls = Annotated[list[str] | None, Query(max_length=50)]


def _followup(request: Request, call: list[str] | None) -> dict[str, Any]:
    report = followup(engine_of(request), call or None)
    return {
        "fellows": [asdict(fellow) for fellow in report.fellows],
        "total": len(report.fellows),
        "returned": report.share("meetings"),
        "contributed": report.share("contributions"),
        "took_roles": report.share("roles"),
    }


@page(router, "/fellowships/followup")
def followup_page(
    request: Request, call: Calls = None, account: Account = Depends(reader)
) -> Response:
    return respond(request, "fellowship_followup.html", _followup(request, call))


@api.get("/followup", summary="What fellows did afterwards (officers, analysts)")
def followup_api(
    request: Request, call: Calls = None, account: Account = Depends(reader)
) -> Response:
    return DataResponse(_followup(request, call))
