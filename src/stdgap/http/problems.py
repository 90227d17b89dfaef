"""Errors as RFC 9457 problem details: the exception routes raise, and its JSON body."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import Request
from pydantic import BaseModel

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
