"""Answering errors: RFC 9457 problem details (``application/problem+json``) for API clients,
an HTML page for browsers, and a redirect to sign in for a browser that needs a session."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from stdgap.http.negotiate import wants_json
from stdgap.http.problems import MEDIA_TYPE, PHRASES, Problem, problem_body
from stdgap.http.render import render_page
from stdgap.i18n.translate import LazyText, _l


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

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
