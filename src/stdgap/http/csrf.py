"""CSRF protection: a token per session, checked on every POST.

The token is an HMAC of the session token under the server's secret, so it needs no storage and
every worker agrees on it. Before sign-in (the login form itself), the session is a random nonce
in a cookie of its own. A POST carries the token in the ``csrf_token`` form field or the
``X-CSRF-Token`` header.

A request authenticated by an API token (``Authorization: Bearer …``) needs no CSRF token: it
carries no cookie that a browser would send on another site's behalf, and its cookie, if any, is
not read (see :mod:`stdgap.http.auth`). A bearer token that is not valid is refused (401).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from stdgap.http.auth import BAD_TOKEN, bearer_token, current_user
from stdgap.http.cookies import SESSION_COOKIE, set_cookie
from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l

ANON_COOKIE = "stdgap_anon"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
ANON_MAX_AGE = 24 * 3600


def _sign(request: Request, subject: str) -> str:
    secret: str = request.app.state.secret
    return hmac.new(secret.encode(), subject.encode(), hashlib.sha256).hexdigest()


def _subject(request: Request) -> str | None:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        return "session|" + session
    anon = request.cookies.get(ANON_COOKIE) or getattr(request.state, "new_anon", None)
    return "anon|" + anon if anon else None


def csrf_token(request: Request, session: str | None = None) -> str:
    """The token for forms of this request (starting an anonymous nonce when needed), or of the
    session whose token is ``session``."""
    subject = "session|" + session if session else _subject(request)
    if subject is None:
        request.state.new_anon = secrets.token_urlsafe(24)
        subject = "anon|" + request.state.new_anon
    return _sign(request, subject)


def keep_nonce(request: Request, response: Response) -> None:
    """Set the anonymous nonce cookie if this request started one."""
    nonce = getattr(request.state, "new_anon", None)
    if nonce:
        set_cookie(request, response, ANON_COOKIE, nonce, ANON_MAX_AGE)


async def csrf_protect(request: Request) -> None:
    """A dependency of every POST route: refuse (403) unless the token matches, or the request
    is authenticated by an API token."""
    if bearer_token(request) is not None:
        account = await run_in_threadpool(current_user, request)
        if account is None or not account.by_token:
            raise Problem(401, BAD_TOKEN, "unauthorized")
        return
    given = request.headers.get(HEADER)
    if not given:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(FIELD)
            given = value if isinstance(value, str) else None
    subject = _subject(request)
    if not given or subject is None or not hmac.compare_digest(given, _sign(request, subject)):
        raise Problem(403, _l("missing or wrong CSRF token; reload the page and try again"), "csrf")
