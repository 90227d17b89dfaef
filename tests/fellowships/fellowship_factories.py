"""Factories of the fellowships capability: calls and applications, through its operations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from factories import ACTOR, make_meeting, make_member, make_person
from stdgap.fellowships.applications import ApplicationInput, add_application
from stdgap.fellowships.calls import add_call
from web_testing import make_users

#: The call of the fellowship tests' world (conftest).
CALL = "F-SG5-2025-01"


def make_call(
    engine: Engine,
    call_id: str,
    meeting: str,
    budget: int = 10_000,
    full_cost: int = 4_000,
    partial_cost: int = 2_000,
    closes: date | None = None,
) -> str:
    add_call.perform(
        engine, ACTOR, call_id, meeting, budget, full_cost, partial_cost, closes, history=True
    )
    return call_id


def make_application(
    engine: Engine,
    application_id: str,
    call: str,
    person: str,
    member: str,
    country: str,
    gender: str | None = None,
    birth_year: int | None = None,
    request: str = "either",
    contributions: int = 0,
) -> str:
    entry = ApplicationInput(
        application_id,
        call,
        person,
        member,
        country,
        gender,
        birth_year,
        request,
        contributions,
    )
    add_application.perform(engine, ACTOR, entry)
    return application_id


def build_call_world(engine: Engine) -> None:
    """Kenya, Nepal and Switzerland; a meeting of SG5 in 2025 with a call for it; three
    applications (one from Switzerland, not eligible); users of every role."""
    make_meeting(engine, "SG5-2025-01", group="SG5", start="2025-01-20")
    for member, country in (("MS-KEN", "KEN"), ("MS-NPL", "NPL"), ("MS-CHE", "CHE")):
        make_member(engine, member, country=country)
        make_person(engine, f"{country}-1", member, country=country, gender="F", birth_year=1995)
    make_call(engine, CALL, "SG5-2025-01", budget=6_000, full_cost=4_000, partial_cost=2_000)
    make_application(engine, "A-KEN", CALL, "KEN-1", "MS-KEN", "KEN", "F", 1995)
    make_application(engine, "A-NPL", CALL, "NPL-1", "MS-NPL", "NPL", "F", 1995)
    make_application(engine, "A-CHE", CALL, "CHE-1", "MS-CHE", "CHE", "F", 1995)
    make_users(engine)
