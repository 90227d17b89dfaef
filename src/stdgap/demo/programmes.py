"""A year of each programme for the demo data set, drawn from the store's demo data.

:func:`generate_programmes` needs members, people, meetings and roles in the store (``stdgap
demo``). For the last full year of meetings it opens fellowship calls for up to eight meetings
and allocates them (fellows of meetings held by the end of that year become attendance), runs a
mentorship cycle (mentors: people with leadership roles; mentees: people under 35) with
sessions and outcomes, and an award call with criteria, jurors, nominations, a declared
conflict and scores, its results published. The same store and seed give the same result; a
second run does nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select

from stdgap.awards import jury as award_jury
from stdgap.awards import operations as awards
from stdgap.fellowships import applications, attendance, operations
from stdgap.fellowships import calls as fellowship_calls
from stdgap.fellowships.models import FellowshipCall
from stdgap.mentorship import operations as mentorship
from stdgap.mentorship.access import command_line
from stdgap.mentorship.profiles import add_profile
from stdgap.mentorship.sessions import add_session
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.classification import ClassificationReader
from stdgap.store.models import Attendance, Group, Meeting, Member, Person, Role
from stdgap.store.unit import Unit, transaction

LANGUAGES = ("fr", "es", "ar", "ru", "zh")


@dataclass(frozen=True)
class ProgrammesSummary:
    year: int
    calls: int
    applications: int
    fellowship_attendance: int  # attendance rows with fellowship = true, all told
    mentees_matched: int
    nominations: int


@dataclass(frozen=True)
class _Person:
    ref: str
    member: str
    country: str
    gender: str | None
    birth_year: int | None


def _year(unit: Unit) -> int:
    connection = unit.connection
    last = connection.execute(select(func.max(Meeting.start))).scalar_one_or_none()
    if last is None:
        raise ProgrammeError("the store has no meetings: load the demo data first")
    return int(last.year) - 1 if last.month < 12 else int(last.year)


def _people(unit: Unit) -> list[_Person]:
    query = (
        select(Person.person_id, Member.member_id, Person.country, Person.gender, Person.birth_year)
        .join(Member, Member.id == Person.member_id)
        .where(Person.country.is_not(None))
        .order_by(Person.person_id)
    )
    connection = unit.connection
    return [_Person(a, b, c, d, e) for a, b, c, d, e in connection.execute(query) if c]


def _delegations(unit: Unit, on: dict[str, date]) -> dict[tuple[str, str], bool]:
    """Whether each member's country is developing on each meeting's date (meeting → date)."""
    query = select(Member.member_id, Member.country)
    countries = {member: country for member, country in unit.connection.execute(query)}
    reader = ClassificationReader(unit.connection, set(countries.values()))
    statuses = reader.statuses(
        (country, day) for country in countries.values() for day in on.values()
    )
    return {
        (member, meeting): statuses[(country, day)].developing
        for member, country in countries.items()
        for meeting, day in on.items()
    }


def _fellowships(unit: Unit, rng: random.Random, year: int, people: list[_Person]) -> int:
    query = (
        select(Meeting.meeting_id, Meeting.start)
        .where(Meeting.start >= date(year, 1, 1), Meeting.start <= date(year, 12, 31))
        .order_by(Meeting.start, Meeting.meeting_id)
    )
    connection = unit.connection
    meetings = list(connection.execute(query))[::3][:8]
    attended = {
        (meeting_id, person_id)
        for meeting_id, person_id in connection.execute(
            select(Meeting.meeting_id, Person.person_id)
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .join(Person, Person.id == Attendance.person_id)
            .where(Meeting.start >= date(year, 1, 1), Meeting.start <= date(year, 12, 31))
        )
    }
    developing = _delegations(unit, {meeting: start for meeting, start in meetings})
    calls = []
    count = 0
    for meeting, start in meetings:
        call_id = f"F-{meeting}"
        cost = rng.randrange(3000, 5500, 250)
        fellowship_calls.add_call(
            unit,
            call_id,
            meeting,
            cost * 10,
            cost,
            cost // 2,
            closes=date.fromordinal(start.toordinal() - 30),
            history=True,
        )
        calls.append(call_id)
        # Applicants are people the generated data does not already show at the meeting: a
        # fellowship brings its fellow in, so a re-run of the demo finds its rows unchanged.
        # Most attend for a delegation of a developing country; a few do not, and are refused.
        candidates = [person for person in people if (meeting, person.ref) not in attended]
        eligible = [p for p in candidates if developing[(p.member, meeting)]]
        others = [p for p in candidates if not developing[(p.member, meeting)]]
        chosen = rng.sample(eligible, min(27, len(eligible)))
        chosen += rng.sample(others, min(30 - len(chosen), len(others)))
        for n, person in enumerate(chosen):
            entry = applications.ApplicationInput(
                f"{call_id}-{n + 1:03d}",
                call_id,
                person.ref,
                person.member,
                person.country,
                person.gender,
                person.birth_year,
                rng.choice(["full", "either", "either"]),
                rng.choice([0, 0, 1, 2]),
            )
            applications.add_application(unit, entry)
            count += 1
    if calls:
        operations.allocate(unit, calls)
        for call_id, (_meeting, start) in zip(calls, meetings, strict=True):
            if start <= date(year, 12, 31):
                attendance.record_attendance(unit, call_id, as_of=date(year, 12, 31))
    return count


def _groups_of(unit: Unit, year: int) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Study groups of each person's roles, and of the meetings each attended in ``year``."""
    top = select(Group.id, Group.code, Group.parent_id)
    connection = unit.connection
    groups = {pk: (code, parent) for pk, code, parent in connection.execute(top)}

    def root(pk: int) -> str:
        code, parent = groups[pk]
        return root(parent) if parent is not None else code

    led: dict[str, set[str]] = {}
    for ref, group in connection.execute(
        select(Person.person_id, Role.group_id)
        .select_from(Role)
        .join(Person, Person.id == Role.person_id)
    ):
        led.setdefault(ref, set()).add(root(group))
    went: dict[str, set[str]] = {}
    attended = (
        select(Person.person_id, Meeting.group_id)
        .select_from(Attendance)
        .join(Person, Person.id == Attendance.person_id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.start >= date(year, 1, 1), Meeting.start <= date(year, 12, 31))
        .distinct()
    )
    for ref, group in connection.execute(attended):
        went.setdefault(ref, set()).add(root(group))
    return led, went


def _mentorship(unit: Unit, rng: random.Random, year: int, people: list[_Person]) -> int:
    led, went = _groups_of(unit, year)
    cycle = str(year)
    on = date(year, 3, 1)
    connection = unit.connection
    regions = {
        country: status.region
        for (country, _on), status in ClassificationReader(connection, {p.country for p in people})
        .statuses((p.country, on) for p in people)
        .items()
    }
    mentors = [p for p in people if p.ref in led][:80]
    young = [p for p in people if p.birth_year and year - p.birth_year < 35 and p.ref in went]
    mentees = young[:240]

    def languages() -> str:
        return ";".join(["en", *rng.sample(LANGUAGES, rng.randint(0, 1))])

    for p in mentors:
        add_profile(
            unit,
            "mentor",
            {
                "cycle": cycle,
                "person_id": p.ref,
                "study_groups": ";".join(sorted(led[p.ref])),
                "languages": languages(),
                "region": regions[p.country],
                "gender": p.gender,
                "capacity": rng.randint(1, 4),
            },
        )
    for p in mentees:
        add_profile(
            unit,
            "mentee",
            {
                "cycle": cycle,
                "person_id": p.ref,
                "study_groups": ";".join(sorted(went[p.ref])),
                "languages": languages(),
                "region": regions[p.country],
                "gender": p.gender,
                "birth_year": p.birth_year,
                "prefer_same_region": rng.random() < 0.3,
            },
        )
    if not mentees:
        return 0
    results = mentorship.match_cycle(unit, cycle, on)
    matched = [r for r in results if r.mentor]
    if matched:
        mentorship.confirm_cycle(unit, cycle, on)
    officer = command_line(unit.actor)
    for result in matched:
        for n in range(rng.randint(0, 4)):
            held = date.fromordinal(on.toordinal() + 30 * (n + 1))
            add_session(unit, officer, cycle, result.mentee, held, rng.choice([30, 60]), None)
        outcome = rng.choice(["completed", "completed", "ongoing", "ended_early"])
        mentorship.set_outcome(unit, cycle, result.mentee, outcome, None)
    return len(matched)


def _awards(unit: Unit, rng: random.Random, year: int, people: list[_Person]) -> int:
    call = f"YA-{year}"
    awards.add_call(unit, call, f"Young standards expert {year}", date(year, 9, 30))
    criteria = (("contributions", 3.0, 10), ("leadership", 2.0, 10), ("outreach", 1.0, 5))
    for key, weight, top in criteria:
        awards.add_criterion(unit, call, key, key.title(), weight, top)
    seniors = [p for p in people if p.birth_year and year - p.birth_year >= 45][:5]
    young = [p for p in people if p.birth_year and year - p.birth_year < 35]
    nominees = rng.sample(young, min(12, len(young)))
    for juror in seniors:
        awards.add_juror(unit, call, juror.ref, juror.member)
    for n, person in enumerate(nominees):
        by = rng.choice(seniors).ref if seniors and rng.random() < 0.3 else None
        awards.nominate(
            unit,
            call,
            f"{call}-N{n + 1:02d}",
            person.ref,
            person.member,
            person.country,
            person.gender,
            person.birth_year,
            by,
        )
    if not (seniors and nominees):
        return len(nominees)
    award_jury.open_scoring(unit, call)
    awards.declare_conflict(unit, call, seniors[0].ref, f"{call}-N01", "former colleague")
    for juror in seniors:
        for n in range(len(nominees)):
            for key, _weight, top in criteria:
                try:
                    awards.score(
                        unit,
                        call,
                        juror.ref,
                        f"{call}-N{n + 1:02d}",
                        key,
                        rng.randint(top // 3, top),
                    )
                except ProgrammeError:  # a conflict of interest: this juror may not score
                    break
    award_jury.publish_results(unit, call, allow_unscored=True)  # a nominee may have none
    return len(nominees)


def generate_programmes(
    engine: Engine, seed: int = 2024, actor: str = "demo"
) -> ProgrammesSummary | None:
    """Write a year of fellowships, mentorship and awards as ``actor`` (one audited write);
    None when already there."""
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(FellowshipCall)).scalar_one():
            return None
    with transaction(engine, actor, "demo.programmes") as unit:
        return _generate(unit, seed)


def _generate(unit: Unit, seed: int) -> ProgrammesSummary:
    year = _year(unit)
    people = _people(unit)
    rng = random.Random(seed)
    count = _fellowships(unit, rng, year, people)
    matched = _mentorship(unit, rng, year, people)
    nominations = _awards(unit, rng, year, people)
    connection = unit.connection
    fellows = connection.execute(
        select(func.count()).select_from(Attendance).where(Attendance.fellowship.is_(True))
    ).scalar_one()
    calls = connection.execute(select(func.count()).select_from(FellowshipCall)).scalar_one()
    return ProgrammesSummary(year, calls, count, fellows, matched, nominations)
