"""Errors as RFC 9457 problem details: the exception routes raise, and its JSON body.

A problem's detail may be a lazy message (``_l``): it is written in the request's language
when the answer is made. The title is the status's English phrase in JSON, and its translation
on the error page (the phrases are marked below)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import Request
from pydantic import BaseModel

from stdgap.i18n.translate import N_, Message

PROBLEM_TYPE = "urn:stdgap:problem:"
MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """An error to answer with: its status, a short slug naming its kind, and a detail (and
    headers of the answer, e.g. ``Retry-After``)."""

    def __init__(
        self,
        status: int,
        detail: Message,
        kind: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.headers = headers or {}
        self.extra = extra


class ProblemModel(BaseModel):
    """The JSON body of every error (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None


#: The phrases of the statuses stdgap answers with, as titles of error pages (both spellings of
#: Python's versions where they differ).
PHRASES: frozenset[str] = frozenset(
    {
        N_("Bad Request"),
        N_("Unauthorized"),
        N_("Forbidden"),
        N_("Not Found"),
        N_("Method Not Allowed"),
        N_("Conflict"),
        N_("Request Entity Too Large"),
        N_("Content Too Large"),
        N_("Unprocessable Entity"),
        N_("Unprocessable Content"),
        N_("Too Many Requests"),
        N_("Internal Server Error"),
        N_("Service Unavailable"),
    }
)

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {
        "model": ProblemModel,
        "content": {MEDIA_TYPE: {}},
        "description": HTTPStatus(code).phrase,
    }
    for code in (400, 401, 403, 404, 422, 503)
}


def problem_body(request: Request, problem: Problem) -> dict[str, Any]:
    return {
        "type": PROBLEM_TYPE + problem.kind if problem.kind else "about:blank",
        "title": HTTPStatus(problem.status).phrase,
        "status": problem.status,
        "detail": str(problem.detail),
        "instance": request.url.path,
        **problem.extra,
    }
