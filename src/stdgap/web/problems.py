"""Errors as RFC 9457 problem details (``application/problem+json``), or as an HTML page."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from stdgap.web.negotiate import wants_json

PROBLEM_TYPE = "urn:stdgap:problem:"
MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """An error to answer with: its status, a short slug naming its kind, and a detail."""

    def __init__(self, status: int, detail: str, kind: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.extra = extra


class ProblemModel(BaseModel):
    """The JSON body of every error (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {
        "model": ProblemModel,
        "content": {MEDIA_TYPE: {}},
        "description": HTTPStatus(code).phrase,
    }
    for code in (400, 401, 403, 404, 422)
}


def problem_body(request: Request, problem: Problem) -> dict[str, Any]:
    return {
        "type": PROBLEM_TYPE + problem.kind if problem.kind else "about:blank",
        "title": HTTPStatus(problem.status).phrase,
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.url.path,
        **problem.extra,
    }


def answer(request: Request, problem: Problem) -> Response:
    if problem.status == 401 and not wants_json(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    body = problem_body(request, problem)
    if wants_json(request):
        headers = {"WWW-Authenticate": 'Cookie realm="stdgap"'} if problem.status == 401 else None
        return JSONResponse(body, problem.status, media_type=MEDIA_TYPE, headers=headers)
    from stdgap.web.render import render_page

    return render_page(request, "problem.html", {"problem": body}, status=problem.status)


def install(app: FastAPI) -> None:
    async def on_problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, Problem)
        return answer(request, error)

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        return answer(request, Problem(error.status_code, str(error.detail)))

    async def on_invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in error.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors)
        return answer(request, Problem(422, detail or "invalid request", errors=errors))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
