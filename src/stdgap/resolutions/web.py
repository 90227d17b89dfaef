"""The resolution browser: resolutions, clauses by verb and addressee, actions and status
(pages that are also JSON, and the API under ``/api/v1``); officers record actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from stdgap.http.api import OBJECT, PAGE, Limit, Offset, Text, paginate
from stdgap.http.auth import engine_of, require
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.redirects import local_target
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.resolutions import browse
from stdgap.resolutions.evidence import (
    MAX_BYTES,
    EvidenceError,
    Upload,
    check_link,
    check_text,
    check_upload,
)
from stdgap.resolutions.models import STATUSES
from stdgap.resolutions.queries import TrackingError
from stdgap.resolutions.tracking import WHAT_LIMIT, WHO_LIMIT, add_action, withdraw_action

router = APIRouter()
api = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
tracker = require("resolutions.track")
#: How the comparison names what happened to a clause.
DIFF_STATUSES = {
    "added": _l("added"),
    "removed": _l("removed"),
    "changed": _l("changed"),
    "unchanged": _l("unchanged"),
    "not_quoted": _l("not quoted by the extract"),
}
#: The largest id a store holds (PostgreSQL's integer): larger ones name nothing.
LARGEST_ID = 2**31 - 1
Body = Annotated[str, Query(min_length=1, max_length=20, description="Assembly, e.g. WTSA")]
Number = Annotated[int, Path(ge=0, le=10_000)]
Status = Annotated[str | None, Query(description=", ".join(STATUSES), max_length=20)]


def _status(status: str | None) -> str | None:
    if status and status not in STATUSES:
        raise Problem(422, _l("status must be one of %(statuses)s", statuses=", ".join(STATUSES)))
    return status or None


def _filters(request: Request) -> dict[str, Any]:
    params = request.query_params
    return {
        "verb": params.get("verb") or None,
        "addressee": params.get("addressee") or None,
        "involves": params.get("involves") or None,
        "status": _status(params.get("status")),
    }


def record_action(
    request: Request,
    account: Account,
    clause: str,
    who: str,
    what: str,
    status: str = "planned",
    due: date | None = None,
    evidence: str | None = None,
    upload: Upload | None = None,
) -> dict[str, Any]:
    """Record an action on a clause (a 404 problem for an unknown clause), one audited write;
    its evidence a link or text, or an uploaded file."""
    if status not in STATUSES:
        message = _l("status must be one of %(statuses)s", statuses=", ".join(STATUSES))
        raise Problem(422, message, "bad-action")
    if not who.strip() or not what.strip():
        raise Problem(422, _l("say who acts and what is done"), "bad-action")
    evidence = (evidence or "").strip() or None
    if evidence and upload is not None:
        raise Problem(422, _l("give the evidence as a link or as a file, not both"), "bad-action")
    try:
        check_text(str(_l("who")), who, WHO_LIMIT)
        check_text(str(_l("what")), what, WHAT_LIMIT)
        if evidence:
            check_link(evidence)
        if upload is not None:
            check_upload(upload)
    except EvidenceError as error:
        raise Problem(422, str(error), "bad-evidence") from None
    try:
        action_id, key = add_action.perform(
            engine_of(request),
            account.name,
            clause,
            who.strip(),
            what.strip(),
            status,
            due,
            evidence,
            upload,
        )
    except TrackingError as error:
        raise Problem(404, str(error), "not-found") from None
    kept = browse.action(engine_of(request), action_id)
    return {
        "id": action_id,
        "clause": key,
        "who": who.strip(),
        "what": what.strip(),
        "status": status,
        "when": due.isoformat() if due else None,
        "evidence": kept["evidence"],
        "evidence_file": kept["evidence_file"],
    }


def read_upload(file: UploadFile | None) -> Upload | None:
    """The file sent with a form (None when no file was chosen), read up to the limit."""
    if file is None or not (file.filename or "").strip():
        return None
    content = file.file.read(MAX_BYTES + 1)
    if not content and not file.filename:
        return None
    return Upload(file.filename or "", content)


@page(router, "/resolutions")
def resolutions_page(request: Request) -> Response:
    engine = engine_of(request)
    filters = _filters(request)
    rows = browse.resolutions(engine)
    everything = browse.clauses(engine)
    chosen = browse.clauses(engine, **filters) if any(filters.values()) else []
    data = {"total": len(rows), "resolutions": rows, "filters": filters, "clauses": chosen}
    return respond(
        request,
        "resolutions.html",
        data,
        verbs=browse.verbs(everything),
        addressees=browse.addressees(everything),
        statuses=STATUSES,
    )


@page(router, "/resolutions/actions")
def actions_page(request: Request) -> Response:
    status = request.query_params.get("status") or None
    rows = browse.actions(engine_of(request), None, status)
    data = {"status": status, "total": len(rows), "actions": rows}
    return respond(request, "actions.html", data, statuses=STATUSES)


@router.get("/resolutions/evidence/{file_id}", include_in_schema=False)
def evidence_download(request: Request, file_id: Annotated[int, Path(ge=1)]) -> Response:
    """An uploaded evidence file, as an attachment (never shown inline)."""
    if file_id > LARGEST_ID:
        raise Problem(404, _l("no evidence file %(id)s", id=file_id), "not-found")
    found = browse.evidence(engine_of(request), file_id)
    return Response(
        found.content,
        media_type=found.media_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(found.filename)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "Cache-Control": "private, max-age=3600",
        },
    )


@page(router, "/resolutions/{number}/diff")
def diff_page(request: Request, number: Number) -> Response:
    params = request.query_params
    body = params.get("body", "WTSA")
    data = browse.diff(
        engine_of(request),
        number,
        body,
        params.get("from") or None,
        params.get("to") or None,
        params.get("all") == "1",
    )
    return respond(request, "resolution_diff.html", data, diff_statuses=DIFF_STATUSES)


@router.get("/resolutions/{number}/download", include_in_schema=False)
def download_page(
    request: Request,
    number: Number,
    format: Annotated[str, Query(pattern="^(json|akn)$")] = "json",
    version: Annotated[str | None, Query(max_length=100)] = None,
    body: Body = "WTSA",
) -> Response:
    """The stored text of a version (the basis of tracking by default): JSON or Akoma Ntoso."""
    return browse.download(engine_of(request), number, body, version, format)


@page(router, "/resolutions/{number}")
def resolution_page(request: Request, number: int) -> Response:
    engine = engine_of(request)
    body = request.query_params.get("body", "WTSA")
    filters = _filters(request)
    info = browse.resolution(engine, number, body)
    everything = browse.clauses(engine, number, body)
    rows = browse.clauses(engine, number, body, **filters) if any(filters.values()) else everything
    text = browse.text(engine, number, body)
    data = {
        "resolution": info,
        **text,
        "filters": filters,
        "total": len(rows),
        "clauses": rows,
    }
    return respond(
        request,
        "resolution.html",
        data,
        verbs=browse.verbs(everything),
        addressees=browse.addressees(everything),
        statuses=STATUSES,
    )


@router.post(
    "/resolutions/actions",
    include_in_schema=False,
    dependencies=[Depends(tracker), Depends(csrf_protect)],
)
def add_action_form(
    request: Request,
    clause: Annotated[str, Form()],
    who: Annotated[str, Form()],
    what: Annotated[str, Form()],
    status: Annotated[str, Form()] = "planned",
    due: Annotated[str, Form()] = "",
    evidence: Annotated[str, Form()] = "",
    evidence_file: Annotated[UploadFile | None, File()] = None,
    back: Annotated[str, Form()] = "/resolutions",
    account: Account = Depends(tracker),
) -> Response:
    """The action form of a clause: record, then back to the resolution."""
    try:
        when = date.fromisoformat(due) if due.strip() else None
    except ValueError:
        raise Problem(
            422, _l("due must be a date YYYY-MM-DD, not %(due)r", due=due), "bad-action"
        ) from None
    target = local_target(back, "/resolutions")
    try:
        upload = read_upload(evidence_file)
        action = record_action(request, account, clause, who, what, status, when, evidence, upload)
    except Problem as refused:
        if wants_json(request):
            raise
        return _refused(request, refused, target)
    if wants_json(request):
        return DataResponse(action, status_code=201)
    return RedirectResponse(f"{target}#action-{action['id']}", status_code=303)


def _refused(request: Request, refused: Problem, back: str) -> Response:
    """A form that could not be done: the reason, and the way back to the page it came from
    (the browser's Back keeps what was typed)."""
    return respond(
        request,
        "action_refused.html",
        {"detail": str(refused.detail), "back": back},
        refused.status,
    )


@router.post(
    "/resolutions/actions/{action_id}/withdraw",
    include_in_schema=False,
    dependencies=[Depends(tracker), Depends(csrf_protect)],
)
def withdraw_form(
    request: Request,
    action_id: Annotated[int, Path(ge=1, le=LARGEST_ID)],
    reason: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/resolutions/actions",
    account: Account = Depends(tracker),
) -> Response:
    """Withdraw an action recorded in error (with its copies in other versions)."""
    target = local_target(back, "/resolutions/actions")
    try:
        done = withdraw(request, account, action_id, reason)
    except Problem as refused:
        if wants_json(request):
            raise
        return _refused(request, refused, target)
    if wants_json(request):
        return DataResponse(done)
    return RedirectResponse(target, status_code=303)


def withdraw(request: Request, account: Account, action_id: int, reason: str) -> dict[str, Any]:
    if not reason.strip():
        raise Problem(422, _l("say why the action is withdrawn"), "bad-action")
    try:
        check_text(str(_l("reason")), reason, 1000)
    except EvidenceError as error:
        raise Problem(422, str(error), "bad-action") from None
    try:
        ids = withdraw_action.perform(engine_of(request), account.name, action_id, reason.strip())
    except TrackingError as error:
        raise Problem(404, str(error), "not-found") from None
    return {"withdrawn": ids, "reason": reason.strip()}


@api.get("/resolutions", responses=PAGE, summary="Tracked resolutions")
def resolutions(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    return paginate(browse.resolutions(engine_of(request)), limit, offset)


@api.get("/resolutions/{number}", responses=OBJECT, summary="A resolution")
def resolution(request: Request, number: Number, body: Body = "WTSA") -> Response:
    return DataResponse(browse.resolution(engine_of(request), number, body))


@api.get("/resolutions/{number}/clauses", responses=PAGE, summary="A resolution's clauses")
def resolution_clauses(
    request: Request,
    number: Number,
    body: Body = "WTSA",
    verb: Text = None,
    addressee: Text = None,
    involves: Text = None,
    status: Status = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Operative clauses of the tracking view (the newest full text, updated by newer
    extracts), by verb, addressee (``involves``: addressee or collaborator) and status."""
    rows = browse.clauses(
        engine_of(request), number, body, verb, addressee, _status(status), involves
    )
    return paginate(rows, limit, offset)


@api.get("/clauses", responses=PAGE, summary="Clauses of every resolution")
def all_clauses(
    request: Request,
    verb: Text = None,
    addressee: Text = None,
    involves: Text = None,
    status: Status = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    rows = browse.clauses(
        engine_of(request), None, "WTSA", verb, addressee, _status(status), involves
    )
    return paginate(rows, limit, offset)


@api.get("/actions", responses=PAGE, summary="Actions on clauses")
def actions(
    request: Request,
    resolution: Annotated[int | None, Query(ge=0, le=10_000)] = None,
    status: Status = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    rows = browse.actions(engine_of(request), resolution, _status(status))
    return paginate(rows, limit, offset)


class ActionIn(BaseModel):
    clause: str = Field(
        min_length=1, max_length=500, description="Clause key, e.g. 44/instructs-tsb/3"
    )
    who: str = Field(min_length=1, max_length=200)
    what: str = Field(min_length=1, max_length=5000)
    status: str = Field("planned", max_length=20)
    due: date | None = None
    evidence: str | None = Field(None, max_length=1000)


@api.post(
    "/actions",
    status_code=201,
    dependencies=[Depends(tracker), Depends(csrf_protect)],
    summary="Record an action on a clause (officers, analysts, admins)",
)
def add_action_api(
    request: Request, action: ActionIn, account: Account = Depends(tracker)
) -> Response:
    done = record_action(
        request,
        account,
        action.clause,
        action.who,
        action.what,
        action.status,
        action.due,
        action.evidence,
    )
    return DataResponse(done, status_code=201)


@api.get("/resolutions/{number}/versions", responses=PAGE, summary="A resolution's versions")
def resolution_versions(
    request: Request, number: Number, body: Body = "WTSA", limit: Limit = 100, offset: Offset = 0
) -> Response:
    """Every version stored, oldest first; ``basis`` marks the full text tracking is based on,
    ``tracked`` the versions whose clauses the tracking view shows."""
    return paginate(browse.versions(engine_of(request), number, body), limit, offset)


@api.get("/resolutions/{number}/text", responses=OBJECT, summary="A version's parsed text")
def resolution_text(
    request: Request,
    number: Number,
    body: Body = "WTSA",
    version: Annotated[str | None, Query(max_length=100)] = None,
    format: Annotated[str, Query(pattern="^(json|akn)$")] = "json",
) -> Response:
    """The stored text of a version (the basis of tracking by default), as the parser's JSON
    or as Akoma Ntoso XML."""
    return browse.download(engine_of(request), number, body, version, format, attachment=False)


@api.get("/resolutions/{number}/diff", responses=OBJECT, summary="Two versions compared")
def resolution_diff(
    request: Request,
    number: Number,
    body: Body = "WTSA",
    old: Annotated[str | None, Query(alias="from", max_length=100)] = None,
    new: Annotated[str | None, Query(alias="to", max_length=100)] = None,
) -> Response:
    """Clause by clause (matched on the clause path): added, removed, changed, unchanged, and
    not_quoted when the newer version is an extract; by default the two newest versions."""
    return DataResponse(browse.diff(engine_of(request), number, body, old, new, True))


class WithdrawalIn(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


@api.post(
    "/actions/{action_id}/withdraw",
    dependencies=[Depends(tracker), Depends(csrf_protect)],
    summary="Withdraw an action recorded in error (officers, analysts, admins)",
)
def withdraw_api(
    request: Request,
    action_id: Annotated[int, Path(ge=1, le=LARGEST_ID)],
    withdrawal: WithdrawalIn,
    account: Account = Depends(tracker),
) -> Response:
    """The action and its copies in other versions are removed, with the uploaded file it named
    when no other action names it; the audit log keeps what was withdrawn and why."""
    return DataResponse(withdraw(request, account, action_id, withdrawal.reason))
