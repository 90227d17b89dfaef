"""What the pages and the API of the forum share: the guards, who reads, refusals turned into
problems (404 a post nobody may see, 403 someone else's question, 409 not in that state, 429 too
many posts, 422 anything else), and answering a form (JSON, or the page again saying why not)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from stdgap.forum.errors import ForumError, NotYours, TooMany, UnknownPost, WrongState
from stdgap.forum.queries import Viewer
from stdgap.http.auth import current_user, require
from stdgap.http.negotiate import wants_json
from stdgap.http.problems import Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import LazyText, Message, _l

T = TypeVar("T")
poster = require("forum.post")
moderator = require("forum.moderate")


def message(error: Exception) -> Message:
    first = error.args[0] if error.args else str(error)
    return first if isinstance(first, LazyText | str) else str(first)


def problem(error: ForumError) -> Problem:
    if isinstance(error, UnknownPost):
        return Problem(404, message(error), "not-found")
    if isinstance(error, NotYours):
        return Problem(403, message(error), "not-yours")
    if isinstance(error, WrongState):
        return Problem(409, message(error), "not-now")
    if isinstance(error, TooMany):
        wait = str(error.retry_after)
        return Problem(429, message(error), "too-many-posts", {"Retry-After": wait})
    return Problem(422, message(error), "bad-post")


def attempt(work: Callable[[], T]) -> T:
    """``work()``, its refusal raised as the problem that answers it."""
    try:
        return work()
    except ForumError as error:
        raise problem(error) from None


def question_number(text: str) -> int:
    """A question's number from its address; anything else is no question (404, like an
    unknown number), not a validation error."""
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise problem(UnknownPost(_l("no question %(id)s", id=text[:20])))
    return int(text)


def viewer(request: Request) -> Viewer:
    account = current_user(request)
    if account is None:
        return Viewer()
    return Viewer(account.id, account.can("forum.moderate"))


def answer(
    request: Request,
    work: Callable[[], Any],
    again: Callable[..., Response],
    status: int = 200,
    then: Callable[[Any], str] | None = None,
) -> Response:
    """Do ``work()``; answer with its result as JSON (``status``), or a redirect to
    ``then(result)`` (else the page ``again``); a refusal as a problem (JSON) or the page again
    with the reason, with the problem's status."""
    try:
        result = work()
    except ForumError as error:
        found = problem(error)
        if wants_json(request):
            raise found from None
        response = again(code=found.status, error=found.detail)
        response.headers.update(found.headers)
        return response
    if wants_json(request):
        return DataResponse(result, status_code=status)
    if then is not None:
        return RedirectResponse(then(result), status_code=303)
    return again()
