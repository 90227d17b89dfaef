"""The demo's events written through ``stdgap.events``' operations: each event with its
registrations (first come first served: some on the waiting list, some cancelled, their seats
going to the first waitlisted), the attendance the organiser marked after it (persons of the
registry attending for a member become attendance of the event's meeting), and its materials."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update

from stdgap.demo.calibration import COUNTRIES
from stdgap.demo.outreach_catalogue import person_name
from stdgap.demo.outreach_plan import CODE_OF_REGION, EventPlan
from stdgap.demo.outreach_world import Org, World, at
from stdgap.events.attendance import mark_attendance
from stdgap.events.models import Event, EventRegistration
from stdgap.events.operations import (
    EventInput,
    RegistrationInput,
    add_material,
    cancel,
    create_event,
    register,
)
from stdgap.events.vocabulary import WAITLISTED
from stdgap.store.models import Meeting
from stdgap.store.unit import Unit

LANGUAGES = {
    "Africa": ("en", "fr"),
    "Americas": ("en", "es"),
    "Arab States": ("ar", "en"),
    "Asia-Pacific": ("en",),
    "CIS": ("ru", "en"),
    "Europe": ("en", "fr"),
}
#: How many register, relative to the seats (more than the seats: a waiting list).
DEMAND = (0.7, 1.35)
#: Registrations of an event without a limit of seats.
OPEN_DEMAND = (15, 30)
DESCRIPTIONS = {
    "workshop": "A workshop held back to back with the regional group's meeting in the same city.",
    "training": "Hands-on training for experts of the region, with exercises.",
    "webinar": "An online session with questions and answers.",
    "elearning": "A self-paced online course over four weeks, with a tutor.",
    "awareness": "An awareness day on ITU-T's work for industry, academia and regulators.",
}


@dataclass
class EventsSummary:
    events: int = 0
    registrations: int = 0
    waitlisted: int = 0  # on the waiting list when they registered
    cancelled: int = 0
    promoted: int = 0
    attended: int = 0
    attendance: int = 0  # of those, attendance rows written for persons of the registry


class _Registrants:
    """People who register: persons of the registry of the event's region (or any), and guests
    who are not in the registry (students, officials, the press)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.by_region: dict[str, list[Org]] = {}
        for org in world.orgs:
            if org.people:
                self.by_region.setdefault(org.region, []).append(org)
        self.every = [org for org in world.orgs if org.people]
        self.countries = {
            region: [c.alpha3 for c in COUNTRIES if c.region == code]
            for region, code in CODE_OF_REGION.items()
        }

    def draw(
        self, rng: random.Random, plan: EventPlan, count: int
    ) -> list[tuple[RegistrationInput, date]]:
        opens = plan.start - timedelta(days=60)
        pool = self.by_region.get(plan.region, self.every) if plan.region else self.every
        pool = [org for org in pool if org.member_on(plan.start)] or self.every
        found: list[tuple[RegistrationInput, date]] = []
        emails: set[str] = set()
        for n in range(count):
            day = opens + timedelta(days=rng.randint(0, 57))
            if rng.random() < 0.7:
                org = rng.choice(pool)
                person = rng.choice(org.people)
                email = f"{person.lower()}@example.org"
                if email in emails:
                    continue
                digits = int("".join(ch for ch in person if ch.isdigit()) or 0)
                category = "speaker" if n < 3 else "delegate"
                entry = RegistrationInput(
                    person_name(digits), email, category, org.name, org.member_id, person,
                    org.country,
                )  # fmt: skip
            else:
                region = plan.region or rng.choice(list(self.countries))
                email = f"guest-{plan.event_id.lower()}-{n + 1}@example.org"
                category = rng.choice(("student", "student", "delegate", "press"))
                entry = RegistrationInput(
                    person_name(rng.randrange(10_000)), email, category, None, None, None,
                    rng.choice(self.countries[region]),
                )  # fmt: skip
            emails.add(email)
            found.append((entry, day))
        return sorted(found, key=lambda pair: pair[1])


def _materials(unit: Unit, rng: random.Random, plan: EventPlan) -> None:
    base = f"https://www.example.org/events/{plan.event_id}"
    add_material(unit, plan.event_id, "Programme", f"{base}/programme.pdf", "en")
    add_material(unit, plan.event_id, "Presentations", f"{base}/presentations.zip")
    if plan.format != "in_person" or rng.random() < 0.3:
        add_material(unit, plan.event_id, "Recording", f"{base}/recording")


def write_event(
    unit: Unit,
    plan: EventPlan,
    rng: random.Random,
    people: _Registrants,
    summary: EventsSummary,
    demand: float = 1.0,
) -> None:
    opens = plan.start - timedelta(days=60)
    closes = plan.start - timedelta(days=1)
    seats = max(6, round(plan.capacity * demand)) if plan.capacity else None
    languages = LANGUAGES.get(plan.region or "", ("en", "fr", "es"))
    create_event(
        unit,
        EventInput(
            plan.event_id,
            plan.title,
            plan.kind,
            plan.start,
            plan.end,
            plan.city or None,
            plan.host or None,
            plan.format,
            region=plan.region,
            capacity=seats,
            registration_opens=opens,
            registration_closes=closes,
            languages=languages,
            description=DESCRIPTIONS[plan.kind],
        ),
    )
    if seats:
        count = round(seats * rng.uniform(*DEMAND))
    else:
        count = round(rng.randint(*OPEN_DEMAND) * demand)
    confirmed: list[int] = []
    for n, (entry, day) in enumerate(people.draw(rng, plan, count)):
        registered = register(unit, plan.event_id, entry, today=day)
        unit.connection.execute(
            update(EventRegistration)
            .where(EventRegistration.id == registered.registration_id)
            .values(registered_at=at(day, 8) + timedelta(minutes=7 * n))  # in order
        )
        summary.registrations += 1
        if registered.status == WAITLISTED:
            summary.waitlisted += 1
        else:
            confirmed.append(registered.registration_id)
    # A few cancel in the last week; the first waitlisted take their seats.
    for registration in [r for r in confirmed if rng.random() < 0.08]:
        day = plan.start - timedelta(days=rng.randint(2, 7))
        outcome = cancel(unit, registration, today=day)
        unit.connection.execute(
            update(EventRegistration)
            .where(EventRegistration.id == registration)
            .values(cancelled_at=at(day, 12))
        )
        if outcome.promoted:
            unit.connection.execute(
                update(EventRegistration)
                .where(EventRegistration.id.in_(outcome.promoted))
                .values(promoted_at=at(day, 12))
            )
        summary.cancelled += 1
        summary.promoted += len(outcome.promoted)
        confirmed.remove(registration)
        confirmed += outcome.promoted
    came = [r for r in sorted(confirmed) if rng.random() < 0.85]
    marked = mark_attendance(unit, plan.event_id, came, today=plan.end)
    summary.attended += marked.attended
    summary.attendance += len(marked.recorded)
    _materials(unit, rng, plan)
    meeting = select(Meeting.id).where(Meeting.meeting_id == plan.event_id)
    unit.connection.execute(
        update(Event).where(Event.meeting_id.in_(meeting)).values(created_at=at(opens, 8))
    )
    summary.events += 1


def write_events(
    unit: Unit, plans: tuple[EventPlan, ...], world: World, rng: random.Random, demand: float = 1.0
) -> EventsSummary:
    summary = EventsSummary()
    people = _Registrants(world)
    for plan in plans:
        write_event(unit, plan, rng, people, summary, demand)
    return summary
