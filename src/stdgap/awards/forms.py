"""What the awards' forms share: reading numbers and dates typed into them, and answering a
form (its result as JSON, or the page again saying what was done or why not)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from stdgap.awards.answers import problem
from stdgap.http.negotiate import wants_json
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import Message, _l
from stdgap.programmes.errors import ProgrammeError


def number(text: str, field: Message) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise ProgrammeError(
            _l("%(field)s: %(value)r is not a number", field=field, value=text)
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ProgrammeError(_l("%(field)s: %(value)r is not a number", field=field, value=text))
    return value


def whole(text: str, field: Message) -> int | None:
    """A whole number typed in a form, or None for a blank field."""
    if not text.strip():
        return None
    value = number(text, field)
    if value != int(value):
        raise ProgrammeError(
            _l("%(field)s: %(value)r is not a whole number", field=field, value=text)
        )
    return int(value)


def day(text: str, field: Message) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ProgrammeError(
            _l("%(field)s: %(value)r is not a date (YYYY-MM-DD)", field=field, value=text)
        ) from None


def answer(
    request: Request,
    work: Callable[[], Any],
    again: Callable[..., Response],
    done: Callable[[Any], Message] | None = None,
    status: int = 200,
    then: Callable[[Any], str] | None = None,
) -> Response:
    """Do ``work()``; answer with its result as JSON (``status``), or the page ``again`` saying
    what was ``done`` (or a redirect to ``then(result)``); a refusal as a problem (JSON) or the
    page again with the reason, with the problem's status."""
    try:
        result = work()
    except ProgrammeError as error:
        found = problem(error)
        if wants_json(request):
            raise found from None
        return again(code=found.status, error=found.detail)
    if wants_json(request):
        return DataResponse(result, status_code=status)
    if then is not None:
        return RedirectResponse(then(result), status_code=303)
    return again(done=done(result) if done else None)
