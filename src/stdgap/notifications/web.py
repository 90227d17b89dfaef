"""The outbox in the browser and the API (admins): every message with its status, attempts and
last error, and a button that sends a failed one again."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from stdgap.http.api import PAGE, Limit, Offset
from stdgap.http.auth import engine_of, require
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.paging import pager
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import Message, _l
from stdgap.notifications import claims, queries
from stdgap.notifications.models import STATUSES
from stdgap.notifications.outbox import NotificationError, now
from stdgap.permissions import Account

router = APIRouter()
api = APIRouter(prefix="/api/v1/notifications", responses=PROBLEM_RESPONSES)
manager = require("notifications.manage")
Status = Annotated[str | None, Query(description="pending, sending, sent or failed")]
MessageId = Annotated[int, Path(ge=1, le=2**62)]


def _status(status: str | None) -> str | None:
    if status and status not in STATUSES:
        message = _l(
            "status %(status)r: use one of %(statuses)s",
            status=status,
            statuses=", ".join(STATUSES),
        )
        raise Problem(422, message, "bad-status")
    return status or None


def _listing(request: Request, status: str | None, limit: int, offset: int) -> dict[str, Any]:
    engine = engine_of(request)
    total, rows = queries.outbox(engine, _status(status), limit, offset)
    return {
        "status": status or None,
        "counts": queries.counts(engine),
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": rows,
    }


def _page(request: Request, status_code: int = 200, **extra: Any) -> Response:
    params = request.query_params
    limit = int(params.get("limit", "100")) if params.get("limit", "").isdigit() else 100
    offset = int(params.get("offset", "0")) if params.get("offset", "").isdigit() else 0
    data = _listing(request, params.get("status"), max(1, min(limit, 1000)), offset)
    paging = pager(request, data["total"], data["limit"], offset)
    return respond(
        request, "notifications.html", data, status_code, statuses=STATUSES, pager=paging, **extra
    )


@page(router, "/notifications")
def outbox_page(request: Request, account: Account = Depends(manager)) -> Response:
    return _page(request)


def _retry(request: Request, account: Account, message_id: int) -> Message:
    try:
        claims.retry.perform(engine_of(request), account.name, message_id, now())
    except NotificationError as error:
        raise Problem(422, error.args[0], "bad-retry") from None
    return _l("Message %(id)s will be sent at the sender's next run.", id=message_id)


@router.post(
    "/notifications/{message_id}/retry",
    include_in_schema=False,
    dependencies=[Depends(manager), Depends(csrf_protect)],
)
def retry_form(
    request: Request, message_id: MessageId, account: Account = Depends(manager)
) -> Response:
    try:
        done = _retry(request, account, message_id)
    except Problem as problem:
        if wants_json(request):
            raise
        return _page(request, problem.status, error=problem.detail)
    if wants_json(request):
        return DataResponse({"id": message_id, "status": "pending"})
    return _page(request, done=done)


@api.get("", responses=PAGE, summary="The outbox, newest first (admins)")
def outbox(
    request: Request,
    status: Status = None,
    limit: Limit = 100,
    offset: Offset = 0,
    account: Account = Depends(manager),
) -> Response:
    return DataResponse(_listing(request, status, limit, offset))


@api.post(
    "/{message_id}/retry",
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Send a failed message again at the sender's next run (admins)",
)
def retry(request: Request, message_id: MessageId, account: Account = Depends(manager)) -> Response:
    _retry(request, account, message_id)
    return DataResponse({"id": message_id, "status": "pending"})
