"""Who is asking: the account of the session cookie, and the permission a route needs.

The web application puts the function that finds a session's account on ``app.state.find_account``
(the accounts capability's), so this toolkit depends on no capability.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from sqlalchemy import Engine

from stdgap.http.cookies import SESSION_COOKIE
from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l
from stdgap.permissions import Account

_UNSET = object()
FindAccount = Callable[[Engine, str], Account | None]
Guard = Callable[[Request], Account]
#: The dependencies :func:`require` made: a route that has one needs a signed-in account, and
#: :mod:`stdgap.http.limits` runs them before a write's body is read.
GUARDS: set[Guard] = set()


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def current_user(request: Request) -> Account | None:
    """The signed-in account, or None (looked up once per request)."""
    held = getattr(request.state, "account", _UNSET)
    if held is not _UNSET:
        return held  # type: ignore[return-value]
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
            raise Problem(401, _l("sign in first"), "unauthorized")
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
