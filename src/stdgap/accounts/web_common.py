"""What the accounts' pages share: who is asking, from where, and the answer to a throttled
attempt (429 with ``Retry-After``)."""

from __future__ import annotations

from fastapi import Request

from stdgap.http.auth import current_user
from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l, lazy_ngettext
from stdgap.permissions import Account


def client_address(request: Request) -> str:
    """The client's address (the proxy's client when uvicorn trusts its forwarded headers)."""
    return request.client.host if request.client else "unknown"


def too_many(wait: int) -> Problem:
    """Too many failed attempts: try again in ``wait`` seconds."""
    return Problem(
        429,
        lazy_ngettext(
            "too many failed sign-ins: try again in %(seconds)s second",
            "too many failed sign-ins: try again in %(seconds)s seconds",
            wait,
            seconds=wait,
        ),
        "throttled",
        headers={"Retry-After": str(wait)},
        retry_after=wait,
    )


def signed_in(request: Request) -> Account:
    """A dependency: the signed-in account (any role)."""
    account = current_user(request)
    if account is None:
        raise Problem(401, _l("sign in first"), "unauthorized")
    return account


def with_session(request: Request) -> Account:
    """A dependency: the account of a session (not of an API token)."""
    account = signed_in(request)
    if account.by_token:
        raise Problem(403, _l("this needs a signed-in session, not an API token"), "forbidden")
    return account
