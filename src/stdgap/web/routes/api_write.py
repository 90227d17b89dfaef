"""The REST API's writes and its session: every POST/DELETE needs the CSRF token
(``X-CSRF-Token``), every write a role that may do it; each write leaves an audit row."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.web import writes
from stdgap.web.accounts import Account, close_session, session_account
from stdgap.web.auth import SESSION_COOKIE, current_user, engine_of, require, settings_of
from stdgap.web.csrf import csrf_protect, csrf_token, keep_nonce
from stdgap.web.problems import PROBLEM_RESPONSES, Problem, ProblemModel
from stdgap.web.render import DataResponse
from stdgap.web.routes.account import finish_sign_in, sign_in
from stdgap.web.routes.imports import uploads_of

router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
officer = require("track")
analyst = require("import")


class ActionIn(BaseModel):
    clause: str = Field(
        min_length=1, max_length=500, description="Clause key, e.g. 44/instructs-tsb/3"
    )
    who: str = Field(min_length=1, max_length=500)
    what: str = Field(min_length=1, max_length=5000)
    status: str = Field("planned", max_length=20)
    due: date | None = None
    evidence: str | None = Field(None, max_length=2000)


class Credentials(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    user: dict[str, str] | None
    csrf_token: str


def _session(request: Request, account: Account | None) -> dict[str, Any]:
    user = {"name": account.name, "role": account.role} if account else None
    return {"user": user, "csrf_token": csrf_token(request)}


@router.get("/session", response_model=SessionOut, summary="Who is signed in; the CSRF token")
def session(request: Request) -> Response:
    response = DataResponse(_session(request, current_user(request)))
    keep_nonce(request, response)
    return response


@router.post(
    "/session",
    response_model=SessionOut,
    dependencies=[Depends(csrf_protect)],
    summary="Sign in (sets the session cookie)",
)
def sign_in_api(request: Request, credentials: Credentials) -> Response:
    token = sign_in(request, credentials.name, credentials.password)
    if token is None:
        raise Problem(401, "wrong name or password", "unauthorized")
    account = session_account(engine_of(request), token)
    user = {"name": account.name, "role": account.role} if account else None
    body = {"user": user, "csrf_token": csrf_token(request, token)}
    return finish_sign_in(request, DataResponse(body), token)


@router.delete("/session", dependencies=[Depends(csrf_protect)], summary="Sign out")
def sign_out(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    account = current_user(request)
    if token and account is not None:
        close_session(engine_of(request), token, account.name)
    response = DataResponse({"user": None})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post(
    "/actions",
    status_code=201,
    dependencies=[Depends(officer), Depends(csrf_protect)],
    summary="Record an action on a clause (officers, analysts, admins)",
)
def add_action(request: Request, action: ActionIn, account: Account = Depends(officer)) -> Response:
    done = writes.record_action(
        engine_of(request),
        account,
        action.clause,
        action.who,
        action.what,
        action.status,
        action.due,
        action.evidence,
    )
    return DataResponse(done, status_code=201)


@router.post(
    "/imports",
    status_code=201,
    dependencies=[Depends(analyst), Depends(csrf_protect)],
    summary="Import canonical CSV/XLSX files (analysts, admins)",
    responses={413: {"model": ProblemModel, "description": "Files too large"}},
)
def import_files(
    request: Request,
    files: Annotated[list[UploadFile], File(description="CSV or XLSX files")],
    kind: Annotated[str, Form(max_length=20)] = "",
    account: Account = Depends(analyst),
) -> Response:
    """All files are checked and written in one transaction, or not at all: a 422 problem lists
    every bad row as ``FILE:LINE: column: message``."""
    result = writes.import_uploads(
        engine_of(request), account, uploads_of(files, kind), settings_of(request).max_upload
    )
    return DataResponse(result, status_code=201)
