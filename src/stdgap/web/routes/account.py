"""Signing in and out (a session cookie: HttpOnly, SameSite=Lax, Secure behind https)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from stdgap.web.accounts import authenticate, close_session, open_session
from stdgap.web.auth import SESSION_COOKIE, current_user, engine_of, set_cookie, settings_of
from stdgap.web.csrf import ANON_COOKIE, csrf_protect
from stdgap.web.negotiate import wants_json
from stdgap.web.problems import Problem
from stdgap.web.render import DataResponse, respond

router = APIRouter()


def _safe(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", include_in_schema=False)
@router.get("/login.json", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    account = current_user(request)
    data = {"user": {"name": account.name, "role": account.role} if account else None}
    return respond(request, "login.html", data, next=_safe(next), error=None)


def sign_in(request: Request, name: str, password: str) -> str | None:
    """A new session's token for valid credentials, else None."""
    engine = engine_of(request)
    account = authenticate(engine, name, password)
    if account is None:
        return None
    return open_session(engine, account, settings_of(request).session_lifetime)


def finish_sign_in(request: Request, response: Response, token: str) -> Response:
    lifetime = int(settings_of(request).session_lifetime.total_seconds())
    set_cookie(request, response, SESSION_COOKIE, token, lifetime)
    response.delete_cookie(ANON_COOKIE, path="/")
    return response


@router.post("/login", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    token = sign_in(request, name, password)
    if token is None:
        if wants_json(request):
            raise Problem(401, "wrong name or password", "unauthorized")
        return respond(
            request,
            "login.html",
            {"user": None},
            401,
            next=_safe(next),
            error="Wrong name or password.",
        )
    response: Response = RedirectResponse(_safe(next), status_code=303)
    if wants_json(request):
        response = DataResponse({"signed_in": True})
    return finish_sign_in(request, response, token)


@router.post("/logout", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    account = current_user(request)
    if token and account is not None:
        close_session(engine_of(request), token, account.name)
    response: Response = RedirectResponse("/", status_code=303)
    if wants_json(request):
        response = DataResponse({"signed_in": False})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
