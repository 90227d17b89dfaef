"""What the mentorship's pages and its API share: who acts, the guards, the data of a profile,
a pair and a cycle's matching, and the programme's errors as problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError

from stdgap.http.auth import engine_of, require
from stdgap.http.negotiate import wants_json
from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l
from stdgap.mentorship import planning, queries
from stdgap.mentorship.access import Actor, NotFound, NotYours
from stdgap.mentorship.explain import explain
from stdgap.mentorship.fields import MODELS, ROLES, Role, field_errors
from stdgap.mentorship.models import CONFIRMED, PROPOSED
from stdgap.permissions import Account
from stdgap.programmes.errors import ProgrammeError
from stdgap.programmes.rules import RuleError

participant = require("mentorship.take_part")
manager = require("mentorship.manage")
matcher = require("mentorship.match")
T = TypeVar("T")


def actor_of(account: Account) -> Actor:
    return Actor(account.name, account.id, account.can("mentorship.manage"))


def role_of(text: str) -> Role:
    if text not in ROLES:
        raise Problem(404, _l("no such page"), "not-found")
    return text


@contextmanager
def problems() -> Iterator[None]:
    """The programme's errors as problems: 404 (what one may not touch is, to them, not
    there: its existence is not told), else 422."""
    try:
        yield
    except NotFound as error:
        raise Problem(404, str(error), "not-found") from None
    except NotYours:
        raise Problem(404, _l("not found"), "not-found") from None
    except (ProgrammeError, RuleError) as error:
        raise Problem(422, str(error), "bad-mentorship") from None


def attempt(work: Callable[[], T]) -> T:
    with problems():
        return work()


class FormErrors(Exception):
    """A form's fields that were refused, each with its message."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__(errors)
        self.errors = errors


def refused(request: Request, error: Exception, again: Callable[..., Response]) -> Response:
    """The answer to a refused form: JSON gets a problem (422, or 404); a page is shown
    again with the errors (a message per field, or the reason)."""
    if isinstance(error, FormErrors):
        if wants_json(request):
            detail = "; ".join(f"{name}: {message}" for name, message in error.errors.items())
            errors = {name: str(message) for name, message in error.errors.items()}
            raise Problem(422, detail, "bad-form", errors=errors)
        return again(status=422, errors=error.errors)
    with problems():
        if wants_json(request) or isinstance(error, NotFound | NotYours):
            raise error
    return again(status=422, error=str(error))


def checked(role: Role, data: dict[str, Any]) -> dict[str, Any]:
    """A profile's values checked (:class:`FormErrors` with a message per field)."""
    try:
        return MODELS[role].model_validate(data).model_dump()
    except ValidationError as error:
        raise FormErrors(field_errors(error)) from None


def profile_data(request: Request, account: Account, role: Role, profile_id: int) -> dict[str, Any]:
    """A profile its owner or an officer may see, with its pairs (404 otherwise, whether it
    exists or not: nobody learns which ids are taken)."""
    found = queries.profile(engine_of(request), role, profile_id)
    if found is None or not actor_of(account).may_touch(found["user_id"]):
        raise Problem(404, _l("no such profile"), "not-found")
    person, officer = found["person"], account.can("mentorship.manage")
    found["pairs"] = [
        {key: p[key] for key in ("id", "cycle", "mentor", "mentee", "status", "score")}
        for p in queries.pairs(engine_of(request), queries.Filters(cycle=found["cycle"]))
        if p[role] == person and (officer or p["status"] == CONFIRMED)
    ]
    return found


def _members(request: Request, cycle: str) -> tuple[dict[str, Any], dict[str, Any]]:
    engine = engine_of(request)
    mentors = {p["person"]: p for p in queries.profiles(engine, "mentor", queries.Filters(cycle))}
    mentees = {p["person"]: p for p in queries.profiles(engine, "mentee", queries.Filters(cycle))}
    return mentors, mentees


def pair_data(request: Request, account: Account, pair_id: int) -> dict[str, Any]:
    """A pair its members or an officer may see: its score in numbers and words, its
    sessions (404 otherwise, whether it exists or not: nobody learns which ids are taken)."""
    found = queries.pair(engine_of(request), pair_id)
    officer = account.can("mentorship.manage")
    if (
        found is None
        or (found["status"] != CONFIRMED and not officer)  # a proposal is the officers'
        or not actor_of(account).may_touch(found["mentor_user"], found["mentee_user"])
    ):
        raise Problem(404, _l("no such pair"), "not-found")
    mentors, mentees = _members(request, found["cycle"])
    found["explained"] = explain(
        found["components"], mentors[found["mentor"]], mentees[found["mentee"]], found["matched_on"]
    )
    found["sessions"] = found.pop("session_list")
    for key in ("mentor_user", "mentee_user"):
        found[key] = found[key] is not None
    return found


def matching_data(request: Request, cycle: str, on: date) -> dict[str, Any]:
    """A cycle's pairs (proposed and confirmed), each explained, and the mentees without a
    mentor with the reason."""
    engine = engine_of(request)
    mentors, mentees = _members(request, cycle)
    pairs = queries.pairs(engine, queries.Filters(cycle=cycle))
    for pair in pairs:
        pair["explained"] = explain(
            pair["components"], mentors[pair["mentor"]], mentees[pair["mentee"]], pair["matched_on"]
        )
    with engine.connect() as connection:
        unmatched = planning.unmatched(connection, cycle, on) if mentees else []
    return {
        "cycle": cycle,
        "on": on,
        "cycles": queries.cycles(engine),
        "mentors": len(mentors),
        "mentees": len(mentees),
        "proposed": sum(1 for p in pairs if p["status"] == PROPOSED),
        "pairs": pairs,
        "unmatched": [asdict(item) for item in unmatched],
    }


def default_cycle(request: Request) -> str:
    found = queries.cycles(engine_of(request))
    return found[0] if found else str(date.today().year)
