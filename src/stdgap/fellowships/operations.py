"""Allocating the fellowships of one or more calls, and writing fellows' attendance.

:func:`allocate` reads the calls' applications, assesses each on the country's classification
at the meeting's date, solves the allocation (:mod:`.allocation`) and explains every decision
(:mod:`.explain`); with ``save`` the decisions are stored on the applications. Calls allocated
together share their rules' caps and regional share; a person's fellowships already granted in
other calls of the same year count against their yearly cap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Select, select, update
from sqlalchemy.orm import Session

from stdgap.fellowships.allocation import Candidate, Kind, Limits, Option, solve
from stdgap.fellowships.eligibility import Applicant, assess
from stdgap.fellowships.explain import explain_all
from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.fellowships.rules import FellowshipRules
from stdgap.i18n.translate import _l
from stdgap.ingest.pipeline import ImportReport, run_import
from stdgap.ingest.sources import Source
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.classification import ClassificationReader
from stdgap.store.models import Meeting, Person
from stdgap.store.unit import Unit, operation

GRANTED = ("full", "partial")


@dataclass(frozen=True)
class Decision:
    application_id: str
    call_id: str
    person: str
    country: str
    region: str | None
    decision: str  # full, partial, not_granted, ineligible
    value: float | None  # the applicant's value: that of a full fellowship to them
    cost: int
    reason: str


@dataclass(frozen=True)
class AllocationResult:
    decisions: list[Decision]
    optimal: bool
    message: str
    value: float
    spent: dict[str, int]
    budgets: dict[str, int]


@dataclass(frozen=True)
class _Call:
    pk: int
    call_id: str
    meeting: str
    start: date
    budget: int
    full_cost: int
    partial_cost: int
    closes: date | None
    rule_set: str


def _calls(connection: Connection, call_ids: list[str]) -> list[_Call]:
    c = FellowshipCall
    query = (
        select(
            c.id,
            c.call_id,
            Meeting.meeting_id,
            Meeting.start,
            c.budget,
            c.full_cost,
            c.partial_cost,
            c.closes,
            c.rule_set,
        )
        .join(Meeting, Meeting.id == c.meeting_id)
        .where(c.call_id.in_(call_ids))
    )
    found = {row[1]: _Call(*row) for row in connection.execute(query)}
    missing = [call_id for call_id in call_ids if call_id not in found]
    if missing:
        raise ProgrammeError(_l("unknown call(s): %(calls)s", calls=", ".join(missing)))
    return [found[call_id] for call_id in call_ids]


def _applications(
    connection: Connection, query: Select[FellowshipApplication]
) -> list[FellowshipApplication]:
    with Session(bind=connection) as session:
        return list(session.scalars(query))


def _used_units(
    connection: Connection, exclude: list[int], rules: FellowshipRules
) -> dict[tuple[str, int], int]:
    """Units each person already holds per year from calls outside this allocation."""
    query = (
        select(FellowshipApplication.person_ref, FellowshipApplication.decision, Meeting.start)
        .join(FellowshipCall, FellowshipCall.id == FellowshipApplication.call_id)
        .join(Meeting, Meeting.id == FellowshipCall.meeting_id)
        .where(FellowshipApplication.decision.in_(GRANTED), FellowshipCall.id.not_in(exclude))
    )
    used: dict[tuple[str, int], int] = defaultdict(int)
    for person, decision, start in connection.execute(query):
        used[(person, start.year)] += (
            rules.full_units if decision == "full" else rules.partial_units
        )
    return dict(used)


def plan(
    connection: Connection,
    call_ids: list[str],
    total_budget: int | None = None,
    time_limit: float = 60.0,
) -> AllocationResult:
    """The optimal allocation of the fellowships of ``call_ids``, every decision explained;
    nothing is written (a dry run, or what :func:`allocate` stores)."""
    if not call_ids:
        raise ProgrammeError(_l("name at least one call"))
    calls = _calls(connection, list(dict.fromkeys(call_ids)))
    rule_sets = {call.rule_set for call in calls}
    if len(rule_sets) > 1:
        raise ProgrammeError(
            _l("calls allocated together must share a rule set: %(sets)s", sets=rule_sets)
        )
    rules = FellowshipRules.load(connection, rule_sets.pop())
    by_pk = {call.pk: call for call in calls}
    apps = _applications(
        connection,
        select(FellowshipApplication)
        .where(FellowshipApplication.call_id.in_(list(by_pk)))
        .order_by(FellowshipApplication.submitted, FellowshipApplication.application_id),
    )
    statuses = ClassificationReader(connection, [app.country for app in apps]).statuses(
        (app.country, by_pk[app.call_id].start) for app in apps
    )
    limits = Limits(
        budgets={call.call_id: call.budget for call in calls},
        country_units=rules.country_units_per_meeting,
        person_units=rules.person_units_per_year,
        used_person_units=_used_units(connection, list(by_pk), rules),
        min_region_share=rules.min_region_share,
        total_budget=total_budget,
    )
    candidates: list[Candidate] = []
    ineligible: dict[str, str] = {}
    values: dict[str, float] = {}
    regions: dict[str, str | None] = {}
    for order, app in enumerate(apps):
        call = by_pk[app.call_id]
        status = statuses[(app.country, call.start)]
        regions[app.application_id] = status.region
        applicant = Applicant(
            app.country, app.gender, app.birth_year, app.contributions, app.submitted
        )
        assessment = assess(applicant, status, rules, call.closes)
        values[app.application_id] = assessment.value_full
        if not assessment.eligible:
            ineligible[app.application_id] = "ineligible — " + "; ".join(assessment.reasons)
            continue
        year = call.start.year
        left = limits.person_units - limits.used_person_units.get((app.person_ref, year), 0)
        options: dict[Kind, Option] = {}
        if app.request in ("full", "either") and rules.full_units <= left:
            cost = app.cost_full if app.cost_full is not None else call.full_cost
            options["full"] = Option(cost, assessment.value_full, rules.full_units)
        if app.request in ("partial", "either") and rules.partial_units <= left:
            cost = app.cost_partial if app.cost_partial is not None else call.partial_cost
            value = round(assessment.value_full * rules.partial_value, 3)
            options["partial"] = Option(cost, value, rules.partial_units)
        candidates.append(
            Candidate(
                app.application_id,
                call.call_id,
                call.meeting,
                app.country,
                status.region,
                app.person_ref,
                year,
                options,
                order,
            )
        )
    allocation = solve(candidates, limits, time_limit)
    reasons = explain_all(candidates, limits, allocation)
    by_key = {candidate.key: candidate for candidate in candidates}
    decisions: list[Decision] = []
    spent: dict[str, int] = defaultdict(int)
    for app in apps:
        key, call = app.application_id, by_pk[app.call_id]
        kind = allocation.choice.get(key)
        cost = by_key[key].options[kind].cost if kind else 0
        spent[call.call_id] += cost
        decision = kind or ("ineligible" if key in ineligible else "not_granted")
        value = values[key]
        reason = ineligible.get(key) or reasons[key]
        decisions.append(
            Decision(
                key,
                call.call_id,
                app.person_ref,
                app.country,
                regions[key],
                decision,
                value,
                cost,
                reason,
            )
        )
    return AllocationResult(
        decisions,
        allocation.optimal,
        allocation.message,
        allocation.value,
        {call.call_id: spent.get(call.call_id, 0) for call in calls},
        limits.budgets,
    )


def _calls_target(call_ids: list[str], *args: object, **kwargs: object) -> str:
    return ", ".join(call_ids)


@operation("fellowships.allocate", target=_calls_target)
def allocate(
    unit: Unit,
    call_ids: list[str],
    total_budget: int | None = None,
    time_limit: float = 60.0,
) -> AllocationResult:
    """Allocate the fellowships of ``call_ids`` (optimally), store every decision with its
    reason on its application, and mark the calls allocated."""
    connection = unit.connection
    result = plan(connection, call_ids, total_budget, time_limit)
    for decision in result.decisions:
        connection.execute(
            update(FellowshipApplication)
            .where(FellowshipApplication.application_id == decision.application_id)
            .values(decision=decision.decision, value=decision.value, reason=decision.reason)
        )
    connection.execute(
        update(FellowshipCall).where(FellowshipCall.call_id.in_(call_ids)).values(allocated=True)
    )
    granted = sum(1 for decision in result.decisions if decision.decision in GRANTED)
    unit.details.update(applications=len(result.decisions), granted=granted)
    return result


ATTENDANCE_HEADER = ["meeting_id", "person_id", "member_id", "mode", "fellowship"]
PEOPLE_HEADER = ["person_id", "gender", "birth_year", "country", "member_id"]


@operation("fellowships.attendance")
def record_attendance(
    unit: Unit,
    call_id: str,
    absent: frozenset[str] = frozenset(),
    as_of: date | None = None,
) -> ImportReport:
    """Write the fellows of an allocated call as attendance with ``fellowship = true`` through
    the import pipeline, once the meeting has started (``as_of``, default today), in the same
    transaction as the call's mark. Fellows listed in ``absent`` (application ids) did not
    come. People new to the store are added first."""
    connection = unit.connection
    call = _calls(connection, [call_id])[0]
    allocated = connection.execute(
        select(FellowshipCall.allocated).where(FellowshipCall.id == call.pk)
    ).scalar_one()
    if not allocated:
        raise ProgrammeError(f"call '{call_id}' has not been allocated yet")
    if call.start > (as_of or date.today()):
        raise ProgrammeError(f"meeting {call.meeting} starts on {call.start}: not yet held")
    apps = _applications(
        connection,
        select(FellowshipApplication)
        .where(
            FellowshipApplication.call_id == call.pk,
            FellowshipApplication.decision.in_(GRANTED),
        )
        .order_by(FellowshipApplication.application_id),
    )
    unknown = sorted(absent - {app.application_id for app in apps})
    if unknown:
        raise ProgrammeError(f"not fellows of {call_id}: {', '.join(unknown)}")
    known = set(
        connection.execute(
            select(Person.person_id).where(Person.person_id.in_([a.person_ref for a in apps]))
        ).scalars()
    )
    fellows = [app for app in apps if app.application_id not in absent]
    new_people = [
        {
            "person_id": app.person_ref,
            "gender": app.gender or "",
            "birth_year": str(app.birth_year or ""),
            "country": app.country,
            "member_id": app.member_ref,
        }
        for app in fellows
        if app.person_ref not in known
    ]
    attendance = [
        {
            "meeting_id": call.meeting,
            "person_id": app.person_ref,
            "member_id": app.member_ref,
            "mode": "in_person",
            "fellowship": "true",
        }
        for app in fellows
    ]
    label = f"fellowships:{call_id}"
    sources = [Source.from_rows(f"{label}:attendance", "attendance", ATTENDANCE_HEADER, attendance)]
    if new_people:
        sources.insert(0, Source.from_rows(f"{label}:people", "people", PEOPLE_HEADER, new_people))
    report = run_import(unit, sources)
    connection.execute(
        update(FellowshipCall).where(FellowshipCall.id == call.pk).values(attendance_recorded=True)
    )
    return report
