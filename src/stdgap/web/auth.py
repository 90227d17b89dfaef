"""Who is asking: the session cookie, the capability a route needs, the public cell floor."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request, Response
from sqlalchemy import Engine

from stdgap.web.accounts import Account, session_account
from stdgap.web.problems import Problem
from stdgap.web.settings import DEFAULT_MIN_CELL, WebSettings

SESSION_COOKIE = "stdgap_session"
_UNSET = object()


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def current_user(request: Request) -> Account | None:
    """The signed-in account, or None (looked up once per request)."""
    held = getattr(request.state, "account", _UNSET)
    if held is not _UNSET:
        return held  # type: ignore[return-value]
    token = request.cookies.get(SESSION_COOKIE)
    account = session_account(engine_of(request), token) if token else None
    request.state.account = account
    return account


def require(capability: str) -> Callable[[Request], Account]:
    """A dependency: the account, which must hold ``capability`` (401 without one, else 403)."""

    def dependency(request: Request) -> Account:
        account = current_user(request)
        if account is None:
            raise Problem(401, "sign in first", "unauthorized")
        if not account.can(capability):
            raise Problem(
                403, f"the role '{account.role}' may not do this ({capability})", "forbidden"
            )
        return account

    dependency.__name__ = f"require_{capability}"
    return dependency


def effective_min_cell(requested: int | None, account: Account | None) -> int:
    """The minimum cell size to apply: analysts may lower it; for anyone else it is at least 5."""
    if requested is None:
        return DEFAULT_MIN_CELL
    if account is not None and account.can("small_cells"):
        return max(1, requested)
    return max(DEFAULT_MIN_CELL, requested)


def secure_cookies(request: Request) -> bool:
    mode = settings_of(request).cookie_secure
    if mode in ("true", "false"):
        return mode == "true"
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        path="/",
    )
