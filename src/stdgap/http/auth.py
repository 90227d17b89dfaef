"""Who is asking: the account of an API token (``Authorization: Bearer …``) or of the session
cookie, and the permission a route needs.

The web application puts the functions that find a session's account and a token's account on
``app.state.find_account`` and ``app.state.find_token`` (the accounts capability's), so this
toolkit depends on no capability. A request that carries a bearer token is authenticated by it
alone (its cookie, if any, is not read): a token that is unknown, revoked or expired is refused
with 401 on every route, reads included (a script whose token was revoked must fail, not go on
with the public's figures).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from sqlalchemy import Engine

from stdgap.http.cookies import SESSION_COOKIE
from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l
from stdgap.permissions import Account, role_may

_UNSET = object()
BAD_TOKEN = _l("the API token is not valid (unknown, revoked or expired, or its owner is disabled)")
FindAccount = Callable[[Engine, str], Account | None]
Guard = Callable[[Request], Account]
#: The dependencies :func:`require` made: a route that has one needs a signed-in account, and
#: :mod:`stdgap.http.limits` runs them before a write's body is read.
GUARDS: set[Guard] = set()


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if the request has one."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


def current_user(request: Request) -> Account | None:
    """The account of the request's bearer token, else of its session cookie, or None (looked
    up once per request)."""
    held = getattr(request.state, "account", _UNSET)
    if held is not _UNSET:
        return held  # type: ignore[return-value]
    bearer = bearer_token(request)
    if bearer is not None:
        find_token: FindAccount | None = getattr(request.app.state, "find_token", None)
        account = find_token(engine_of(request), bearer) if find_token else None
        if account is None:
            request.state.account = None  # the error page is the public's
            raise Problem(401, BAD_TOKEN, "unauthorized")
    else:
        token = request.cookies.get(SESSION_COOKIE)
        find: FindAccount = request.app.state.find_account
        account = find(engine_of(request), token) if token else None
    request.state.account = account
    return account


def require(permission: str) -> Guard:
    """A dependency: the account, which must hold ``permission`` (401 without one, else 403)."""

    def dependency(request: Request) -> Account:
        account = current_user(request)
        if account is None:
            if bearer_token(request) is not None:
                raise Problem(401, BAD_TOKEN, "unauthorized")
            raise Problem(401, _l("sign in first"), "unauthorized")
        if account.by_token and not account.can(permission) and role_may(account.role, permission):
            message = _l(
                "this API token's scopes do not include %(permission)s", permission=permission
            )
            raise Problem(403, message, "forbidden")
        if not account.can(permission):
            message = _l(
                "the role '%(role)s' may not do this (%(permission)s)",
                role=account.role,
                permission=permission,
            )
            raise Problem(403, message, "forbidden")
        return account

    dependency.__name__ = f"require_{permission.replace('.', '_')}"
    GUARDS.add(dependency)
    return dependency
