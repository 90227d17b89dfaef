"""Signing in and out (a session cookie: HttpOnly, SameSite=Lax, Secure behind https; sign-ins
throttled after failures, see :mod:`stdgap.accounts.signin`), the API's session, and the audit
log's page (admins); the pages that manage accounts and API tokens are in
:mod:`stdgap.accounts.manage_web`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from stdgap.accounts import manage_web, signin
from stdgap.accounts.operations import close_session
from stdgap.accounts.queries import audit_rows, list_users, session_account
from stdgap.accounts.web_common import client_address, too_many
from stdgap.http.auth import current_user, engine_of, require
from stdgap.http.cookies import SESSION_COOKIE, set_cookie, settings_of
from stdgap.http.csrf import ANON_COOKIE, csrf_protect, csrf_token, keep_nonce
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.redirects import local_target
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account

router = APIRouter()
api = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
auditor = require("audit.read")
router.include_router(manage_web.router)
THROTTLED: dict[int | str, dict[str, Any]] = {
    429: {**PROBLEM_RESPONSES[401], "description": "Too Many Requests (see Retry-After)"}
}


def _safe(target: str) -> str:
    return local_target(target)


def sign_in(request: Request, name: str, password: str) -> str:
    """A new session's token for valid credentials; :class:`Problem` 401, or 429 when sign-ins
    for this name or from this address must wait."""
    try:
        signed_in = signin.sign_in(
            engine_of(request),
            name,
            password,
            client_address(request),
            settings_of(request).session_lifetime,
        )
    except signin.Throttled as throttled:
        raise too_many(throttled.wait) from None
    except signin.WrongCredentials:
        raise Problem(401, _l("wrong name or password"), "unauthorized") from None
    return signed_in.token


def finish_sign_in(request: Request, response: Response, token: str) -> Response:
    lifetime = int(settings_of(request).session_lifetime.total_seconds())
    set_cookie(request, response, SESSION_COOKIE, token, lifetime)
    response.delete_cookie(ANON_COOKIE, path="/")
    return response


def sign_out(request: Request) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    account = current_user(request)
    if token and account is not None and not account.by_token:
        close_session.perform(engine_of(request), account.name, token)


@page(router, "/login")
def login_page(request: Request, next: str = "/") -> Response:
    account = current_user(request)
    data = {"user": {"name": account.name, "role": account.role} if account else None}
    return respond(request, "login.html", data, next=_safe(next), error=None)


@router.post("/login", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    try:
        token = sign_in(request, name, password)
    except Problem as problem:
        if wants_json(request):
            raise
        error = _l("Wrong name or password.") if problem.status == 401 else problem.detail
        page = respond(
            request, "login.html", {"user": None}, problem.status, next=_safe(next), error=error
        )
        page.headers.update(problem.headers)
        return page
    response: Response = RedirectResponse(_safe(next), status_code=303)
    if wants_json(request):
        response = DataResponse({"signed_in": True})
    return finish_sign_in(request, response, token)


@router.post("/logout", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def logout(request: Request) -> Response:
    sign_out(request)
    response: Response = RedirectResponse("/", status_code=303)
    if wants_json(request):
        response = DataResponse({"signed_in": False})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@page(router, "/audit")
def audit_page(
    request: Request,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    account: Account = Depends(auditor),
) -> Response:
    engine = engine_of(request)
    total, rows = audit_rows(engine, limit, offset)
    data = {
        "total": total,
        "limit": limit,
        "offset": offset,
        "entries": rows,
        "users": list_users(engine),
    }
    return respond(request, "audit.html", data)


class Credentials(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    user: dict[str, str] | None
    csrf_token: str


def _session(request: Request, account: Account | None) -> dict[str, Any]:
    user = {"name": account.name, "role": account.role} if account else None
    return {"user": user, "csrf_token": csrf_token(request)}


@api.get("/session", response_model=SessionOut, summary="Who is signed in; the CSRF token")
def session(request: Request) -> Response:
    response = DataResponse(_session(request, current_user(request)))
    keep_nonce(request, response)
    return response


@api.post(
    "/session",
    response_model=SessionOut,
    dependencies=[Depends(csrf_protect)],
    responses=THROTTLED,
    summary="Sign in (sets the session cookie)",
)
def sign_in_api(request: Request, credentials: Credentials) -> Response:
    token = sign_in(request, credentials.name, credentials.password)
    account = session_account(engine_of(request), token)
    user = {"name": account.name, "role": account.role} if account else None
    body = {"user": user, "csrf_token": csrf_token(request, token)}
    return finish_sign_in(request, DataResponse(body), token)


@api.delete("/session", dependencies=[Depends(csrf_protect)], summary="Sign out")
def sign_out_api(request: Request) -> Response:
    sign_out(request)
    response = DataResponse({"user": None})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@api.get("/audit", summary="The audit log (admins)")
def audit(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    account: Account = Depends(auditor),
) -> Response:
    total, rows = audit_rows(engine_of(request), limit, offset)
    return DataResponse({"total": total, "limit": limit, "offset": offset, "items": rows})
