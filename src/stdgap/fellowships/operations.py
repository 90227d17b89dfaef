"""Allocating the fellowships of one or more calls.

:func:`plan` reads the calls' applications, assesses each on the classifications at the
meeting's date (of the country of the member the person attends for, and of their nationality
when the store setting ``fellowship_nationality`` asks), solves the allocation
(:mod:`.solver`) and explains every decision by the rule that decides it (:mod:`.explain`);
:func:`allocate` stores the decisions on the applications and queues an e-mail to each
applicant who applied in the browser. Calls allocated together share their rules' caps and
regional share; a person's fellowships already granted in other calls of the same year count
against their yearly cap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, select, update
from sqlalchemy.orm import Session

from stdgap.fellowships.allocation import Candidate, Kind, Limits, Option
from stdgap.fellowships.eligibility import Applicant, assess
from stdgap.fellowships.explain import explain_all
from stdgap.fellowships.limits import check_amount
from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.fellowships.reasons import Joined, Reason, decode, rank, render
from stdgap.fellowships.rules import FellowshipRules
from stdgap.fellowships.solver import Solver
from stdgap.fund.ledger import reserve_for_call
from stdgap.i18n.translate import N_, LazyText, _l, use
from stdgap.notifications.outbox import notify_user
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.classification import ClassificationReader
from stdgap.store.models import Meeting, Member
from stdgap.store.settings import FELLOWSHIP_NATIONALITY, get_setting
from stdgap.store.unit import Unit, operation

GRANTED = ("full", "partial")
DECIDED_SUBJECT = N_("Decision on your fellowship application to %(meeting)s")
DECIDED_BODY = N_(
    "Dear %(name)s,\n\nyour application %(application)s for a fellowship to %(meeting)s "
    "(%(start)s): %(decision)s.\n\nWhy: %(reason)s\n\nYour applications and their decisions are "
    "on the page 'My applications' of the observatory (/fellowships/mine)."
)
DECISIONS: dict[str, LazyText] = {
    "full": _l("granted, a full fellowship"),
    "partial": _l("granted, a partial fellowship"),
    "not_granted": _l("not granted"),
    "ineligible": _l("not eligible"),
}


@dataclass(frozen=True)
class Decision:
    application_id: str
    call_id: str
    person: str
    member: str
    country: str  # of the delegation (the member's)
    nationality: str
    region: str | None
    decision: str  # full, partial, not_granted, ineligible
    value: float | None  # the applicant's score: the value of a full fellowship to them
    cost: int
    rule: str  # what decided it (see stdgap.fellowships.reasons)
    reason: str  # in the current language
    explanation: list[dict[str, Any]]  # the reason's messages, to store and translate


@dataclass(frozen=True)
class AllocationResult:
    decisions: list[Decision]
    optimal: bool
    message: str
    value: float
    spent: dict[str, int]
    budgets: dict[str, int]
    currencies: dict[str, str]
    fellows: int
    min_region_share: float
    region_minimum: int  # the fewest fellows a region must have (unless it is full)
    fellows_by_region: dict[str, int]


@dataclass(frozen=True)
class CallRow:
    pk: int
    call_id: str
    meeting: str
    start: date
    budget: int
    full_cost: int
    partial_cost: int
    closes: date | None
    rule_set: str
    currency: str
    country_units: int | None
    person_units: int | None
    min_region_share: float | None


def calls_named(connection: Connection, call_ids: list[str]) -> list[CallRow]:
    c = FellowshipCall
    query = (
        select(
            c.id.label("pk"),
            c.call_id,
            Meeting.meeting_id.label("meeting"),
            Meeting.start,
            c.budget,
            c.full_cost,
            c.partial_cost,
            c.closes,
            c.rule_set,
            c.currency,
            c.country_units,
            c.person_units,
            c.min_region_share,
        )
        .join(Meeting, Meeting.id == c.meeting_id)
        .where(c.call_id.in_(call_ids))
    )
    found = {row.call_id: CallRow(**row._mapping) for row in connection.execute(query)}
    missing = [call_id for call_id in call_ids if call_id not in found]
    if missing:
        raise ProgrammeError(_l("unknown call(s): %(calls)s", calls=", ".join(missing)))
    return [found[call_id] for call_id in call_ids]


def applications_of(
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


def _limits(
    connection: Connection,
    calls: list[CallRow],
    rules: FellowshipRules,
    total_budget: int | None,
) -> Limits:
    """The limits of calls allocated together: their caps (a call's own, else the rule set's)
    must agree."""
    caps = {
        (
            rules.country_units_per_meeting if call.country_units is None else call.country_units,
            rules.person_units_per_year if call.person_units is None else call.person_units,
            rules.min_region_share if call.min_region_share is None else call.min_region_share,
        )
        for call in calls
    }
    if len(caps) > 1:
        raise ProgrammeError(
            _l("calls allocated together must have the same caps and regional share")
        )
    country_units, person_units, share = caps.pop()
    return Limits(
        budgets={call.call_id: call.budget for call in calls},
        country_units=country_units,
        person_units=person_units,
        used_person_units=_used_units(connection, [call.pk for call in calls], rules),
        min_region_share=share,
        total_budget=total_budget,
    )


@dataclass(frozen=True)
class _Delegation:
    member: str
    type: str | None
    country: str | None


def _delegations(connection: Connection, refs: set[str]) -> dict[str, _Delegation]:
    found: dict[str, _Delegation] = {}
    wanted = sorted(refs)
    for start in range(0, len(wanted), 500):
        query = select(Member.member_id, Member.type, Member.country).where(
            Member.member_id.in_(wanted[start : start + 500])
        )
        for ref, kind, country in connection.execute(query):
            found[ref] = _Delegation(ref, kind, country)
    return found


class _Planner:
    """Turns the applications of some calls into candidates (or ineligible decisions)."""

    def __init__(
        self,
        connection: Connection,
        calls: list[CallRow],
        apps: list[FellowshipApplication],
        rules: FellowshipRules,
        limits: Limits,
    ) -> None:
        self.rules = rules
        self.limits = limits
        self.by_pk = {call.pk: call for call in calls}
        self.delegations = _delegations(connection, {app.member_ref for app in apps})
        pairs: list[tuple[str, date]] = []
        for app in apps:
            start = self.by_pk[app.call_id].start
            pairs.append((app.country, start))
            country = self.delegations.get(app.member_ref, _Delegation("", None, None)).country
            if country:
                pairs.append((country, start))
        self.statuses = ClassificationReader(connection, {c for c, _d in pairs}).statuses(pairs)
        self.nationality_rule = get_setting(connection, FELLOWSHIP_NATIONALITY)
        self.candidates: list[Candidate] = []
        self.ineligible: dict[str, Reason] = {}
        self.values: dict[str, float] = {}
        self.regions: dict[str, str | None] = {}
        self.countries: dict[str, str] = {}

    def add(self, order: int, app: FellowshipApplication) -> None:
        call = self.by_pk[app.call_id]
        key = app.application_id
        delegation = self.delegations.get(app.member_ref)
        if delegation is None or delegation.country is None:
            self.ineligible[key] = Reason(
                "eligibility",
                (_l("not eligible"), _l("unknown member %(member)r", member=app.member_ref)),
            )
            self.values[key], self.regions[key], self.countries[key] = 0.0, None, ""
            return
        status = self.statuses[(delegation.country, call.start)]
        self.regions[key], self.countries[key] = status.region, delegation.country
        applicant = Applicant(
            app.member_ref,
            delegation.type or "",
            app.gender,
            app.birth_year,
            app.contributions,
            app.submitted,
        )
        assessment = assess(
            applicant,
            status,
            self.rules,
            call.closes,
            self.statuses.get((app.country, call.start)),
            self.nationality_rule,
        )
        self.values[key] = assessment.value_full
        if not assessment.eligible:
            self.ineligible[key] = Reason("eligibility", (_l("not eligible"), *assessment.reasons))
            return
        self.candidates.append(
            self._candidate(
                order, app, call, status.region, delegation.country, assessment.value_full
            )
        )

    def _candidate(
        self,
        order: int,
        app: FellowshipApplication,
        call: CallRow,
        region: str | None,
        country: str,
        value: float,
    ) -> Candidate:
        rules, year = self.rules, call.start.year
        left = self.limits.person_cap(app.person_ref, year)
        options: dict[Kind, Option] = {}
        if app.request in ("full", "either") and rules.full_units <= left:
            cost = app.cost_full if app.cost_full is not None else call.full_cost
            options["full"] = Option(cost, value, rules.full_units)
        if app.request in ("partial", "either") and rules.partial_units <= left:
            cost = app.cost_partial if app.cost_partial is not None else call.partial_cost
            options["partial"] = Option(
                cost, round(value * rules.partial_value, 3), rules.partial_units
            )
        return Candidate(
            app.application_id,
            call.call_id,
            call.meeting,
            country,
            region,
            app.person_ref,
            year,
            options,
            order,
        )


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
    if total_budget is not None:
        check_amount("total_budget", total_budget)
    calls = calls_named(connection, list(dict.fromkeys(call_ids)))
    rule_sets = {call.rule_set for call in calls}
    if len(rule_sets) > 1:
        raise ProgrammeError(
            _l(
                "calls allocated together must share a rule set: %(sets)s",
                sets=", ".join(sorted(rule_sets)),
            )
        )
    currencies = {call.call_id: call.currency for call in calls}
    if total_budget is not None and len(set(currencies.values())) > 1:
        raise ProgrammeError(_l("a pooled budget needs calls in one currency"))
    rules = FellowshipRules.load(connection, rule_sets.pop())
    limits = _limits(connection, calls, rules, total_budget)
    by_pk = {call.pk: call for call in calls}
    apps = applications_of(
        connection,
        select(FellowshipApplication)
        .where(FellowshipApplication.call_id.in_(list(by_pk)))
        .order_by(FellowshipApplication.submitted, FellowshipApplication.application_id),
    )
    planner = _Planner(connection, calls, apps, rules, limits)
    for order, app in enumerate(apps):
        planner.add(order, app)
    candidates = planner.candidates
    solver = Solver(candidates, limits, time_limit)
    allocation = solver.allocation()
    currency = next(iter(currencies.values()))
    reasons = {
        **explain_all(candidates, limits, allocation, solver, currency),
        **planner.ineligible,
    }
    by_key = {candidate.key: candidate for candidate in candidates}
    decisions: list[Decision] = []
    spent: dict[str, int] = defaultdict(int)
    for app in apps:
        key, call = app.application_id, by_pk[app.call_id]
        kind = allocation.choice.get(key)
        cost = by_key[key].options[kind].cost if kind else 0
        spent[call.call_id] += cost
        reason = reasons[key]
        decisions.append(
            Decision(
                key,
                call.call_id,
                app.person_ref,
                app.member_ref,
                planner.countries[key],
                app.country,
                planner.regions[key],
                kind or ("ineligible" if key in planner.ineligible else "not_granted"),
                planner.values[key],
                cost,
                reason.rule,
                reason.text(),
                reason.data(),
            )
        )
    by_region = Counter(by_key[key].region or "?" for key in allocation.choice)
    decisions.sort(key=lambda d: rank(d.decision, d.value, d.application_id))
    return AllocationResult(
        decisions,
        allocation.optimal,
        allocation.message,
        allocation.value,
        {call.call_id: spent.get(call.call_id, 0) for call in calls},
        limits.budgets,
        currencies,
        len(allocation.choice),
        limits.min_region_share,
        limits.region_minimum(len(allocation.choice)),
        dict(sorted(by_region.items())),
    )


def _check_allocatable(
    connection: Connection, call_ids: list[str], day: date, close_now: bool
) -> None:
    """Refuse calls already allocated, and calls still open for applications on ``day``
    (unless the officer closes them now)."""
    rows = connection.execute(
        select(FellowshipCall.call_id, FellowshipCall.allocated, FellowshipCall.closes).where(
            FellowshipCall.call_id.in_(call_ids)
        )
    ).all()
    for call_id, allocated, closes in rows:
        if allocated:
            raise ProgrammeError(
                _l(
                    "the call %(call)s is already allocated: its decisions are final",
                    call=call_id,
                )
            )
        if closes is not None and closes >= day and not close_now:
            raise ProgrammeError(
                _l(
                    "applications to %(call)s are open until %(closes)s: allocate after that "
                    "day, or close the applications now",
                    call=call_id,
                    closes=closes.isoformat(),
                )
            )


def _reserve_from_fund(unit: Unit, call_ids: list[str], result: AllocationResult) -> list[int]:
    """Reserve each call's granted cost from its fund earmark (when it names one), in the
    allocation's transaction: a short earmark refuses the whole allocation."""
    earmarks: dict[str, str] = {
        call_id: earmark
        for call_id, earmark in unit.connection.execute(
            select(FellowshipCall.call_id, FellowshipCall.fund_earmark).where(
                FellowshipCall.call_id.in_(call_ids), FellowshipCall.fund_earmark.is_not(None)
            )
        )
        if earmark
    }
    made = []
    for call_id, earmark in sorted(earmarks.items()):
        number = reserve_for_call(
            unit, earmark, result.spent.get(call_id, 0), result.currencies[call_id], call_id
        )
        if number is not None:
            made.append(number)
    return made


def _calls_target(call_ids: list[str], *args: object, **kwargs: object) -> str:
    return ", ".join(call_ids)


@operation("fellowships.allocate", target=_calls_target)
def allocate(
    unit: Unit,
    call_ids: list[str],
    total_budget: int | None = None,
    time_limit: float = 60.0,
    *,
    close_now: bool = False,
    today: date | None = None,
) -> AllocationResult:
    """Allocate the fellowships of ``call_ids`` (optimally), store every decision with its
    reason on its application, mark the calls allocated, and queue an e-mail to each applicant
    with an account (granted or not, and why). Decisions are final: a call already allocated is
    refused, and so is one still open for applications unless ``close_now`` closes it today."""
    connection = unit.connection
    day = today or date.today()
    _check_allocatable(connection, call_ids, day, close_now)
    result = plan(connection, call_ids, total_budget, time_limit)
    moment = datetime.now().replace(microsecond=0)
    applicants = (
        select(FellowshipApplication.application_id, FellowshipApplication.user_id)
        .join(FellowshipCall, FellowshipCall.id == FellowshipApplication.call_id)
        .where(FellowshipCall.call_id.in_(call_ids), FellowshipApplication.user_id.is_not(None))
    )
    users = {key: user for key, user in connection.execute(applicants) if user is not None}
    calls = {call.call_id: call for call in calls_named(connection, list(dict.fromkeys(call_ids)))}
    notified = 0
    for decision in result.decisions:
        with use("en"):
            english = render(decision.explanation, decision.reason)
        connection.execute(
            update(FellowshipApplication)
            .where(FellowshipApplication.application_id == decision.application_id)
            .values(
                decision=decision.decision,
                value=decision.value,
                reason=english,
                rule=decision.rule,
                explanation=decision.explanation,
                decided_at=moment,
            )
        )
        user = users.get(decision.application_id)
        if user is not None:
            call = calls[decision.call_id]
            queued = notify_user(
                unit,
                user,
                "fellowship.decided",
                DECIDED_SUBJECT,
                DECIDED_BODY,
                application=decision.application_id,
                meeting=call.meeting,
                start=call.start.isoformat(),
                decision=DECISIONS[decision.decision],
                reason=Joined([decode(part) for part in decision.explanation]),
            )
            notified += queued is not None
    reserved = _reserve_from_fund(unit, call_ids, result)
    if reserved:
        unit.details["fund_reservations"] = reserved
    closing: dict[str, Any] = {"allocated": True}
    if close_now:
        closing["closes"] = day
    connection.execute(
        update(FellowshipCall).where(FellowshipCall.call_id.in_(call_ids)).values(**closing)
    )
    granted = sum(1 for decision in result.decisions if decision.decision in GRANTED)
    unit.details.update(applications=len(result.decisions), granted=granted, notified=notified)
    return result
