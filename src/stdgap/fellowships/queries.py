"""Reading fellowship calls, applications and decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import Engine, func, select

from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.fellowships.reasons import rank, render
from stdgap.i18n.translate import N_
from stdgap.store.models import Group, Meeting, Member

GRANTED = ("full", "partial")
Status = Literal["open", "closed", "allocated"]
STATUSES: tuple[Status, ...] = ("open", "closed", "allocated")
#: The states' names, for the pages to translate.
STATUS_LABELS = (N_("open"), N_("closed"), N_("allocated"))


@dataclass(frozen=True)
class CallSummary:
    call_id: str
    meeting: str
    group: str
    start: date
    closes: date | None
    status: Status
    budget: int
    currency: str
    full_cost: int
    partial_cost: int
    country_units: int | None
    person_units: int | None
    min_region_share: float | None
    applications: int
    granted: int
    allocated: bool
    attendance_recorded: bool
    #: The fund earmark its allocation reserves the granted cost from (None: no fund).
    fund_earmark: str | None = None


@dataclass(frozen=True)
class CallFilter:
    """Which calls to list: by state (open: before its deadline; closed: past it, not yet
    allocated; allocated), by the year of the meeting, by the meeting's group."""

    status: Status | None = None
    year: int | None = None
    group: str | None = None
    call_id: str | None = None


def status_of(allocated: bool, closes: date | None, today: date) -> Status:
    if allocated:
        return "allocated"
    return "open" if closes is None or closes >= today else "closed"


def _where(query: Any, chosen: CallFilter, today: date) -> Any:
    call = FellowshipCall
    if chosen.call_id is not None:
        query = query.where(call.call_id == chosen.call_id)
    if chosen.year is not None:
        query = query.where(
            Meeting.start >= date(chosen.year, 1, 1), Meeting.start <= date(chosen.year, 12, 31)
        )
    if chosen.group is not None:
        query = query.where(Group.code == chosen.group)
    if chosen.status == "allocated":
        query = query.where(call.allocated.is_(True))
    elif chosen.status == "open":
        query = query.where(
            call.allocated.is_(False), (call.closes.is_(None)) | (call.closes >= today)
        )
    elif chosen.status == "closed":
        query = query.where(call.allocated.is_(False), call.closes < today)
    return query


def list_calls(
    engine: Engine, chosen: CallFilter | None = None, today: date | None = None
) -> list[CallSummary]:
    """The calls ``chosen`` (all by default), with their applications and fellows granted."""
    chosen = chosen or CallFilter()
    day = today or date.today()
    apps = FellowshipApplication
    counts = (
        select(
            apps.call_id,
            func.count().label("applications"),
            func.count(apps.decision).filter(apps.decision.in_(GRANTED)).label("granted"),
        )
        .group_by(apps.call_id)
        .subquery()
    )
    c = FellowshipCall
    query = (
        select(
            c.call_id,
            Meeting.meeting_id,
            Group.code,
            Meeting.start,
            c.closes,
            c.allocated,
            c.budget,
            c.currency,
            c.full_cost,
            c.partial_cost,
            c.country_units,
            c.person_units,
            c.min_region_share,
            func.coalesce(counts.c.applications, 0),
            func.coalesce(counts.c.granted, 0),
            c.attendance_recorded,
            c.fund_earmark,
        )
        .join(Meeting, Meeting.id == c.meeting_id)
        .join(Group, Group.id == Meeting.group_id)
        .outerjoin(counts, counts.c.call_id == c.id)
        .order_by(Meeting.start, c.call_id)
    )
    query = _where(query, chosen, day)
    with engine.connect() as connection:
        return [
            CallSummary(
                call_id,
                meeting,
                group,
                start,
                closes,
                status_of(bool(allocated), closes, day),
                budget,
                currency,
                full_cost,
                partial_cost,
                country_units,
                person_units,
                share,
                applications,
                granted,
                bool(allocated),
                bool(recorded),
                fund_earmark,
            )
            for (
                call_id,
                meeting,
                group,
                start,
                closes,
                allocated,
                budget,
                currency,
                full_cost,
                partial_cost,
                country_units,
                person_units,
                share,
                applications,
                granted,
                recorded,
                fund_earmark,
            ) in connection.execute(query)
        ]


@dataclass(frozen=True)
class StoredDecision:
    application_id: str
    person: str
    member: str
    member_name: str | None
    country: str | None  # of the delegation
    nationality: str
    request: str
    contributions: int
    plans: str | None
    motivation: str | None
    submitted: date | None
    decision: str | None
    value: float | None
    rule: str | None
    reason: str | None  # in the current language
    decided_at: datetime | None


def _stored(row: tuple[Any, ...]) -> StoredDecision:
    reason, explanation, decided_at = row[-3:]
    text = render(explanation, reason if isinstance(reason, str) else None) or None
    return StoredDecision(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        row[13],
        text,
        decided_at,
    )


def _decision_query() -> Any:
    apps = FellowshipApplication
    return (
        select(
            apps.application_id,
            apps.person_ref,
            apps.member_ref,
            Member.name,
            Member.country,
            apps.country,
            apps.request,
            apps.contributions,
            apps.plans,
            apps.motivation,
            apps.submitted,
            apps.decision,
            apps.value,
            apps.rule,
            apps.reason,
            apps.explanation,
            apps.decided_at,
        )
        .join(FellowshipCall, FellowshipCall.id == apps.call_id)
        .outerjoin(Member, Member.member_id == apps.member_ref)
    )


def decisions(engine: Engine, call_id: str) -> list[StoredDecision]:
    """A call's applications with what they ask and, once allocated, their decisions (by rank:
    granted first by score)."""
    query = _decision_query().where(FellowshipCall.call_id == call_id)
    query = query.order_by(FellowshipApplication.application_id)
    with engine.connect() as connection:
        found = [_stored(tuple(row)) for row in connection.execute(query)]
    return sorted(found, key=lambda d: rank(d.decision, d.value, d.application_id))


@dataclass(frozen=True)
class OwnApplication:
    call_id: str
    meeting: str
    start: date
    closes: date | None
    currency: str
    status: Status
    application: StoredDecision


def own_applications(
    engine: Engine, user_id: int, today: date | None = None
) -> list[OwnApplication]:
    """The applications an applicant made in the browser, with their decisions."""
    day = today or date.today()
    query = (
        _decision_query()
        .add_columns(
            FellowshipCall.call_id,
            Meeting.meeting_id,
            Meeting.start,
            FellowshipCall.closes,
            FellowshipCall.currency,
            FellowshipCall.allocated,
        )
        .join(Meeting, Meeting.id == FellowshipCall.meeting_id)
        .where(FellowshipApplication.user_id == user_id)
        .order_by(Meeting.start.desc(), FellowshipCall.call_id)
    )
    found: list[OwnApplication] = []
    with engine.connect() as connection:
        for row in connection.execute(query):
            *head, call_id, meeting, start, closes, currency, allocated = tuple(row)
            found.append(
                OwnApplication(
                    call_id,
                    meeting,
                    start,
                    closes,
                    currency,
                    status_of(bool(allocated), closes, day),
                    _stored(tuple(head)),
                )
            )
    return found


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def meetings_to_open(
    engine: Engine, today: date | None = None, limit: int = 500
) -> dict[str, list[Choice]]:
    """Meetings without a call, to choose from: those to come (soonest first); a call for a
    meeting held is refused (the command line records a past one with ``--history``)."""
    day = today or date.today()
    taken = select(FellowshipCall.meeting_id)
    base = (
        select(Meeting.meeting_id, Group.code, Meeting.start, Meeting.city)
        .join(Group, Group.id == Meeting.group_id)
        .where(Meeting.id.not_in(taken))
    )
    coming = base.where(Meeting.start >= day).order_by(Meeting.start, Meeting.meeting_id)

    def choices(query: Any) -> list[Choice]:
        return [
            Choice(ref, f"{start.isoformat()} {group}{f', {city}' if city else ''} ({ref})")
            for ref, group, start, city in connection.execute(query.limit(limit))
        ]

    with engine.connect() as connection:
        return {"coming": choices(coming)}


def members_to_choose(engine: Engine) -> list[Choice]:
    """Every member, for the applicant's choice of the member they attend for."""
    query = select(Member.member_id, Member.name, Member.country, Member.type).order_by(
        Member.name, Member.member_id
    )
    with engine.connect() as connection:
        return [
            Choice(ref, f"{name} ({country}, {kind.replace('_', ' ')})")
            for ref, name, country, kind in connection.execute(query)
        ]
