"""Reading fellowship calls, decisions and the follow-up of fellows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select

from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.registry.participation import Later, later_participation
from stdgap.store.models import Meeting

GRANTED = ("full", "partial")


@dataclass(frozen=True)
class CallSummary:
    call_id: str
    meeting: str
    start: date
    budget: int
    applications: int
    granted: int
    allocated: bool
    attendance_recorded: bool


def list_calls(engine: Engine, call_id: str | None = None) -> list[CallSummary]:
    """Every call (or the one named ``call_id``) with its applications and fellows granted."""
    apps = FellowshipApplication
    counts = (
        select(apps.call_id, func.count().label("applications")).group_by(apps.call_id).subquery()
    )
    granted = (
        select(apps.call_id, func.count().label("granted"))
        .where(apps.decision.in_(GRANTED))
        .group_by(apps.call_id)
        .subquery()
    )
    query = (
        select(
            FellowshipCall.call_id,
            FellowshipCall.budget,
            FellowshipCall.allocated,
            FellowshipCall.attendance_recorded,
            Meeting.meeting_id,
            Meeting.start,
            func.coalesce(counts.c.applications, 0),
            func.coalesce(granted.c.granted, 0),
        )
        .join(Meeting, Meeting.id == FellowshipCall.meeting_id)
        .outerjoin(counts, counts.c.call_id == FellowshipCall.id)
        .outerjoin(granted, granted.c.call_id == FellowshipCall.id)
        .order_by(Meeting.start, FellowshipCall.call_id)
    )
    if call_id is not None:
        query = query.where(FellowshipCall.call_id == call_id)
    with engine.connect() as connection:
        return [
            CallSummary(
                call_id, meeting, start, budget, applications, n_granted, allocated, recorded
            )
            for call_id, budget, allocated, recorded, meeting, start, applications, n_granted in (
                connection.execute(query)
            )
        ]


@dataclass(frozen=True)
class StoredDecision:
    application_id: str
    person: str
    country: str
    decision: str | None
    value: float | None
    reason: str | None


def decisions(engine: Engine, call_id: str) -> list[StoredDecision]:
    apps = FellowshipApplication
    query = (
        select(
            apps.application_id,
            apps.person_ref,
            apps.country,
            apps.decision,
            apps.value,
            apps.reason,
        )
        .join(FellowshipCall, FellowshipCall.id == apps.call_id)
        .where(FellowshipCall.call_id == call_id)
        .order_by(apps.application_id)
    )
    with engine.connect() as connection:
        return [StoredDecision(*row) for row in connection.execute(query)]


@dataclass(frozen=True)
class FellowFollowup:
    application_id: str
    call_id: str
    meeting: str
    person: str
    country: str
    decision: str
    later: Later


@dataclass(frozen=True)
class Followup:
    fellows: list[FellowFollowup]

    def share(self, what: str) -> float:
        if not self.fellows:
            return 0.0
        hits = sum(1 for fellow in self.fellows if getattr(fellow.later, what) > 0)
        return hits / len(self.fellows)


def followup(engine: Engine, call_ids: list[str] | None = None) -> Followup:
    """What each fellow did after the meeting of their fellowship."""
    apps = FellowshipApplication
    query = (
        select(
            apps.application_id,
            FellowshipCall.call_id,
            Meeting.meeting_id,
            Meeting.start,
            apps.person_ref,
            apps.country,
            apps.decision,
        )
        .join(FellowshipCall, FellowshipCall.id == apps.call_id)
        .join(Meeting, Meeting.id == FellowshipCall.meeting_id)
        .where(apps.decision.in_(GRANTED))
        .order_by(Meeting.start, apps.application_id)
    )
    if call_ids:
        query = query.where(FellowshipCall.call_id.in_(call_ids))
    with engine.connect() as connection:
        rows = list(connection.execute(query))
        since: dict[str, date] = {}
        for _app, _call, _meeting, start, person, _country, _decision in rows:
            since[person] = min(start, since.get(person, start))
        later = later_participation(connection, since)
    return Followup(
        [
            FellowFollowup(app, call, meeting, person, country, str(decision), later[person])
            for app, call, meeting, _start, person, country, decision in rows
        ]
    )
