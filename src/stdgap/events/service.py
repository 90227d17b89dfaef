"""What the pages and the API of events share: the guards, refusals turned into problems (404
an unknown event, 403 someone else's registration, 409 not now, 422 anything else), reading
form fields, and answering a form (JSON, or the page again saying what was done or why not)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from stdgap.events import queries
from stdgap.events.errors import EventError, NotYours, UnknownEvent, WrongTime
from stdgap.http.auth import current_user, engine_of, require
from stdgap.http.negotiate import wants_json
from stdgap.http.problems import Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import LazyText, Message, _l
from stdgap.permissions import Account

T = TypeVar("T")
manager = require("events.manage")
registrant = require("events.register")
reader = require("events.registrations")


def message(error: Exception) -> Message:
    first = error.args[0] if error.args else str(error)
    return first if isinstance(first, LazyText | str) else str(first)


def problem(error: EventError) -> Problem:
    if isinstance(error, UnknownEvent):
        return Problem(404, message(error), "not-found")
    if isinstance(error, NotYours):
        return Problem(403, message(error), "not-yours")
    if isinstance(error, WrongTime):
        return Problem(409, message(error), "not-now")
    return Problem(422, message(error), "bad-event")


def attempt(work: Callable[[], T]) -> T:
    """``work()``, its refusal raised as the problem that answers it."""
    try:
        return work()
    except EventError as error:
        raise problem(error) from None


def event(request: Request, event_id: str) -> dict[str, Any]:
    return attempt(lambda: queries.event_detail(engine_of(request), event_id))


def may(request: Request, permission: str) -> bool:
    account = current_user(request)
    return account is not None and account.can(permission)


def acting_user(account: Account) -> int | None:
    """The account whose own registrations a cancellation is limited to (None: an officer,
    who may cancel anyone's)."""
    return None if account.can("events.manage") else account.id


def day(text: str, field: Message, required: bool = True) -> date | None:
    if not text.strip():
        if required:
            raise EventError(_l("%(field)s: it is required", field=field))
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise EventError(
            _l("%(field)s: %(value)r is not a date (YYYY-MM-DD)", field=field, value=text)
        ) from None


def whole(text: str, field: Message) -> int | None:
    """A whole number typed in a form, or None for a blank field."""
    if not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise EventError(
            _l("%(field)s: %(value)r is not a whole number", field=field, value=text)
        ) from None


def answer(
    request: Request,
    work: Callable[[], Any],
    again: Callable[..., Response],
    status: int = 200,
    then: Callable[[Any], str] | None = None,
    shown: Callable[[Any], Response] | None = None,
) -> Response:
    """Do ``work()``; answer with its result as JSON (``status``), or a redirect to
    ``then(result)`` (else the page ``shown(result)`` or ``again``); a refusal as a problem
    (JSON) or the page again with the reason, with the problem's status."""
    try:
        result = work()
    except EventError as error:
        found = problem(error)
        if wants_json(request):
            raise found from None
        return again(code=found.status, error=found.detail)
    if wants_json(request):
        return DataResponse(result, status_code=status)
    if then is not None:
        return RedirectResponse(then(result), status_code=303)
    if shown is not None:
        return shown(result)
    return again()
