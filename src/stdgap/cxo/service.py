"""What the pages and the API of CxO meetings share: refusals as problems (404 unknown, 409 a
transition the lifecycle refuses, 422 anything else), reads that answer 404, who may see names,
and answering a form (JSON, or the page again saying what was done or why not)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from stdgap.cxo import queries
from stdgap.cxo.errors import Unknown, WrongState
from stdgap.http.auth import current_user, engine_of, require
from stdgap.http.negotiate import wants_json
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import LazyText, Message
from stdgap.programmes.errors import ProgrammeError
from stdgap.tabular.errors import ImportFailed, InputError

T = TypeVar("T")
manager = require("cxo.manage")
concluder = require("cxo.conclude")
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {**PROBLEM_RESPONSES[422], "description": "Conflict (the lifecycle refuses it)"}
}


def _message(error: Exception) -> Message:
    first = error.args[0] if error.args else str(error)
    return first if isinstance(first, LazyText | str) else str(first)


def problem(error: Exception) -> Problem:
    if isinstance(error, ImportFailed):
        errors = [str(e) for e in error.errors]
        return Problem(422, str(error) + ": " + "; ".join(errors[:5]), "bad-file", errors=errors)
    if isinstance(error, InputError):  # a file that cannot be read at all (it names the file)
        return Problem(422, str(error), "bad-file", errors=[str(error)])
    if isinstance(error, Unknown):
        return Problem(404, _message(error), "not-found")
    if isinstance(error, WrongState):
        similar = error.args[1] if len(error.args) > 1 else None
        extra = {"similar": similar} if similar else {}
        return Problem(409, _message(error), "wrong-state", **extra)
    return Problem(422, _message(error), "bad-cxo")


REFUSALS = (ProgrammeError, ImportFailed, InputError)


def attempt(work: Callable[[], T]) -> T:
    """``work()``, its refusal raised as the problem that answers it."""
    try:
        return work()
    except REFUSALS as error:
        raise problem(error) from None


def may(request: Request, permission: str) -> bool:
    account = current_user(request)
    return account is not None and account.can(permission)


def meeting(request: Request, meeting_id: str) -> dict[str, Any]:
    names = may(request, "cxo.participants")
    return attempt(lambda: queries.meeting_detail(engine_of(request), meeting_id, names))


def conclusion(request: Request, number: int) -> dict[str, Any]:
    return attempt(lambda: queries.conclusion_detail(engine_of(request), number))


def answer(
    request: Request,
    work: Callable[[], Any],
    again: Callable[..., Response],
    done: Message | None = None,
    status: int = 200,
    then: Callable[[Any], str] | None = None,
) -> Response:
    """Do ``work()``; its result as JSON (``status``), or the page ``again`` saying ``done``
    (or a redirect to ``then(result)``); a refusal as a problem (JSON) or the page again with
    the reason, with the problem's status."""
    try:
        try:
            result = work()
        except REFUSALS as error:
            raise problem(error) from None
    except Problem as found:
        if wants_json(request):
            raise
        return again(code=found.status, error=found.detail, errors=found.extra.get("errors"))
    if wants_json(request):
        return DataResponse(result, status_code=status)
    if then is not None:
        return RedirectResponse(then(result), status_code=303)
    return again(done=done)
