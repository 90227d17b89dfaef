"""What fellows did after the meeting of their fellowship: later meetings, their delegations'
contributions there, leadership roles taken (from the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.fellowships.queries import GRANTED
from stdgap.registry.participation import Later, later_participation
from stdgap.store.models import Meeting, Member


@dataclass(frozen=True)
class FellowFollowup:
    application_id: str
    call_id: str
    meeting: str
    person: str
    member: str
    country: str | None  # of the delegation
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
            apps.member_ref,
            Member.country,
            apps.decision,
        )
        .join(FellowshipCall, FellowshipCall.id == apps.call_id)
        .join(Meeting, Meeting.id == FellowshipCall.meeting_id)
        .outerjoin(Member, Member.member_id == apps.member_ref)
        .where(apps.decision.in_(GRANTED))
        .order_by(Meeting.start, apps.application_id)
    )
    if call_ids:
        query = query.where(FellowshipCall.call_id.in_(call_ids))
    with engine.connect() as connection:
        rows = list(connection.execute(query))
        since: dict[str, date] = {}
        for _app, _call, _meeting, start, person, _member, _country, _decision in rows:
            since[person] = min(start, since.get(person, start))
        later = later_participation(connection, since)
    return Followup(
        [
            FellowFollowup(
                app, call, meeting, person, member, country, str(decision), later[person]
            )
            for app, call, meeting, _start, person, member, country, decision in rows
        ]
    )
