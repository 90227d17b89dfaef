"""Factories of the fellowships capability: calls and applications, through its operations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from factories import ACTOR
from stdgap.fellowships.applications import ApplicationInput, add_application
from stdgap.fellowships.calls import add_call

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
    add_call.perform(engine, ACTOR, call_id, meeting, budget, full_cost, partial_cost, closes)
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
