"""What the pages and the API of the awards share: reads that answer as problems (404 for an
unknown call), the results' visibility, and every write turned into its answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

from stdgap.awards import queries
from stdgap.awards.answers import problem
from stdgap.awards.models import PUBLISHED
from stdgap.http.auth import current_user, engine_of, require
from stdgap.programmes.errors import ProgrammeError

T = TypeVar("T")
manager = require("awards.manage")
nominator = require("awards.nominate")
scorer = require("awards.score")


def attempt(work: Callable[[], T]) -> T:
    """``work()``, its refusal raised as the problem that answers it."""
    try:
        return work()
    except ProgrammeError as error:
        raise problem(error) from None


def call(request: Request, call_id: str) -> dict[str, Any]:
    return attempt(lambda: queries.call_detail(engine_of(request), call_id))


def results(request: Request, call_id: str) -> dict[str, Any]:
    """The results: everyone's once published, before that the officers' only (401/403). Who
    manages the calls sees every nominee and mark; the public, the ranked nominees only."""
    found = call(request, call_id)
    if found["status"] != PUBLISHED:
        manager(request)
    full = may(request, "awards.manage")
    return attempt(lambda: queries.results(engine_of(request), call_id, full))


def may(request: Request, permission: str) -> bool:
    account = current_user(request)
    return account is not None and account.can(permission)
