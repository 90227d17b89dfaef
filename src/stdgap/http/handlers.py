"""Answering errors: RFC 9457 problem details (``application/problem+json``) for API clients,
an HTML page for browsers, and a redirect to sign in for a browser that needs a session."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from stdgap.http.negotiate import wants_json
from stdgap.http.problems import MEDIA_TYPE, PHRASES, Problem, problem_body
from stdgap.http.render import render_page
from stdgap.i18n.translate import LazyText, _l
from stdgap.store.faults import StoreFault, find

log = logging.getLogger("stdgap.web")
#: Seconds a client is asked to wait before trying again after a passing fault.
RETRY_AFTER = 5


def answer(request: Request, problem: Problem) -> Response:
    if problem.status == 401 and not wants_json(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    body = problem_body(request, problem)
    if wants_json(request):
        headers = dict(problem.headers)
        if problem.status == 401:
            headers["WWW-Authenticate"] = 'Cookie realm="stdgap", Bearer realm="stdgap"'
        return JSONResponse(body, problem.status, media_type=MEDIA_TYPE, headers=headers)
    page = render_page(request, "problem.html", {"problem": body}, status=problem.status)
    page.headers.update(problem.headers)
    return page


def install(app: FastAPI) -> None:
    async def on_problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, Problem)
        return answer(request, error)

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        detail = str(error.detail)
        phrase = detail in PHRASES  # Starlette's detail by default: the status's phrase
        return answer(request, Problem(error.status_code, LazyText(detail) if phrase else detail))

    async def on_invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in error.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors)
        return answer(request, Problem(422, detail or _l("invalid request"), errors=errors))

    async def on_store_fault(request: Request, error: Exception) -> Response:
        if isinstance(error, DataError) and "NUL" in str(error.orig):  # PostgreSQL's text
            return answer(request, Problem(422, _l("a value may not hold a NUL character")))
        fault = find(error, request.app.state.engine.url.render_as_string(hide_password=False))
        if fault is None:  # not the database's fault: a bug, answered 500
            raise error
        log.error("%s %s: %s", request.method, request.url.path, fault.text(), exc_info=error)
        request.state.account = None  # the page must not ask the database who is signed in
        response = answer(request, Problem(503, LazyText(fault.public), "store-unavailable"))
        if fault.retry:
            response.headers["Retry-After"] = str(RETRY_AFTER)
        return response

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(SQLAlchemyError, on_store_fault)
    app.add_exception_handler(StoreFault, on_store_fault)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
