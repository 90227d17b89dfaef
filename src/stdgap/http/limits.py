"""Request bodies: the sign-in check before a write's body is read, and a size limit per route.

A pure ASGI middleware wraps ``receive``, the only way to a request's body. The first time the
application asks for the body (the route is known by then: ``scope["route"]``), before a byte
of it is read:

- a write (POST, PUT, PATCH, DELETE) to a route guarded by :func:`stdgap.http.auth.require`
  runs the route's guards on the headers alone: without a valid session the answer is 401
  (403 for an account without the permission), and the body is never read;
- a ``Content-Length`` over the route's limit is answered with 413.

Then the bytes are counted as they stream in (a chunked body has no ``Content-Length``): past
the limit the request is answered with 413 and nothing more is read, so no parser ever holds
(or spools to disk) more than the limit plus one chunk.

The limit of a route (:func:`limit_of`): an upload (a route with a file field) may send
``max_upload`` plus room for the multipart envelope; any other write of a signed-in account
``max_body``; everything else (signing in and out, any route without a guard) ``max_public_body``.
"""

from __future__ import annotations

from collections.abc import Iterator
from inspect import isawaitable

from fastapi import FastAPI, Request, params
from fastapi.dependencies.models import Dependant
from fastapi.responses import Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stdgap.http.auth import GUARDS, Guard, current_user
from stdgap.http.handlers import answer
from stdgap.http.problems import Problem
from stdgap.http.settings import KIB, WebSettings
from stdgap.i18n.translate import _l

#: Bytes of an uploaded file kept in memory before it is spooled to disk.
SPOOL_BYTES = 64 * KIB

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Room for the multipart envelope of an upload (boundaries, part headers, the other fields).
ENVELOPE = 64 * KIB


class Refused(StarletteHTTPException):
    """A body refused before it was (fully) read: the problem to answer with, or the error the
    check met (a store that cannot be read). An HTTP exception, so that FastAPI's body reading
    lets it through to the handler :func:`install` adds."""

    def __init__(self, problem: Problem | None = None, error: Exception | None = None) -> None:
        super().__init__(problem.status if problem else 500)
        self.problem = problem
        self.error = error


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def guards_of(route: object) -> list[Guard]:
    """The guards (``require(...)``) of ``route``, in order."""
    if not isinstance(route, APIRoute):
        return []
    calls = [found.call for found in _dependants(route.dependant)]
    return list(dict.fromkeys(call for call in calls if call in GUARDS))


def is_upload(route: object) -> bool:
    """Whether ``route`` takes files."""
    if not isinstance(route, APIRoute):
        return False
    return any(
        isinstance(field.field_info, params.File)
        for found in _dependants(route.dependant)
        for field in found.body_params
    )


def limit_of(route: object, settings: WebSettings) -> int:
    """The largest body ``route`` accepts, in bytes."""
    if is_upload(route):
        return settings.max_upload + ENVELOPE
    if guards_of(route):
        return settings.max_body
    return settings.max_public_body


def _content_length(scope: Scope) -> int | None:
    raw = Headers(scope=scope).get("content-length", "")
    return int(raw) if raw.isascii() and raw.isdigit() else None


def too_large(limit: int) -> Problem:
    return Problem(
        413,
        _l("the request is larger than this server accepts (%(limit)s bytes)", limit=limit),
        "too-large",
    )


class _Gate:
    """The ``receive`` of one request: checks first, then counts."""

    def __init__(self, scope: Scope, receive: Receive) -> None:
        self.scope = scope
        self.inner = receive
        self.checked = False
        self.refused: Refused | None = None
        self.limit = 0
        self.received = 0

    async def _check(self) -> None:
        route = self.scope.get("route")
        request = Request(self.scope)
        for guard in guards_of(route):
            await run_in_threadpool(guard, request)  # raises Problem (401, 403)
        settings: WebSettings = request.app.state.settings
        self.limit = limit_of(route, settings)
        length = _content_length(self.scope)
        if length is not None and length > self.limit:
            raise too_large(self.limit)

    async def receive(self) -> Message:
        if not self.checked:
            self.checked = True
            try:
                await self._check()
            except Problem as problem:
                self.refused = Refused(problem)
            except Exception as error:
                self.refused = Refused(error=error)
        if self.refused is not None:
            raise self.refused
        message = await self.inner()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                self.refused = Refused(too_large(self.limit))
                raise self.refused
        return message


def _holds_nul(scope: Scope) -> bool:
    """Whether the path or the query string holds a NUL character, which no answer needs and
    PostgreSQL cannot keep in text (SQLite can: refused on both, for the same answer)."""
    query: bytes = scope.get("query_string", b"")
    return "\x00" in scope["path"] or b"%00" in query or b"\x00" in query


class BodyLimitMiddleware:
    """See the module: the sign-in check and the size limit of request bodies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _holds_nul(scope):
            refusal = Problem(400, _l("a request may not hold a NUL character (%%00)"))
            response = await run_in_threadpool(answer, Request(scope), refusal)
            await response(scope, receive, send)
            return
        if scope["type"] == "http" and Headers(scope=scope).get("authorization"):
            request = Request(scope)
            try:  # a bad token is refused on every route, reads included (see auth)
                await run_in_threadpool(current_user, request)
            except Problem as refusal:
                response = await run_in_threadpool(answer, request, refusal)
                await response(scope, receive, send)
                return
            except SQLAlchemyError:
                pass  # the route meets the fault again and answers it
        if scope["type"] != "http" or scope["method"] not in WRITES:
            await self.app(scope, receive, send)  # nothing reads the body of a read
            return
        await self.app(scope, _Gate(scope, receive).receive, send)


async def _handle(request: Request, error: Exception) -> Response:
    """The answer the application's handlers give to ``error`` (raised again when none has
    one: a server error)."""
    handlers = request.app.exception_handlers
    for kind in type(error).__mro__:
        if kind in handlers and kind not in (Exception, BaseException):
            handled = handlers[kind](request, error)
            return await handled if isawaitable(handled) else handled  # type: ignore[no-any-return]
    raise error


def install(app: FastAPI) -> None:
    """Add the middleware, and answer its refusals as the application answers problems."""

    async def on_refused(request: Request, error: Exception) -> Response:
        assert isinstance(error, Refused)
        if error.problem is None:
            assert error.error is not None
            return await _handle(request, error.error)
        return await run_in_threadpool(answer, request, error.problem)

    app.add_exception_handler(Refused, on_refused)
    app.add_middleware(BodyLimitMiddleware)
    # an uploaded file goes to disk past this size (Starlette's default, 1 MiB, kept two hundred
    # files of 900 KB of one upload in memory)
    MultiPartParser.spool_max_size = SPOOL_BYTES
