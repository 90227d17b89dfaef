"""What the demo's CxO meetings, events and survey draw their people from: the store's members
(with their country's region and status on a day) and the persons affiliated to each, read once
and in a fixed order, so that the same store and seed give the same draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import delete, func, select

from stdgap.demo.calibration import COUNTRY_BY_CODE
from stdgap.demo.outreach_plan import REGION_OF_CODE
from stdgap.notifications.models import OutboxMessage
from stdgap.store.models import Member, Person
from stdgap.store.unit import Unit


@dataclass(frozen=True)
class Org:
    member_id: str
    name: str
    type: str
    country: str
    sme: bool | None
    joined: date | None
    left: date | None
    people: tuple[str, ...]  # person ids, in order

    @property
    def region(self) -> str:
        return REGION_OF_CODE[COUNTRY_BY_CODE[self.country].region]

    def developing(self, day: date) -> bool:
        return COUNTRY_BY_CODE[self.country].developing(day)

    def member_on(self, day: date) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or self.left > day
        )


@dataclass
class World:
    orgs: list[Org]
    by_id: dict[str, Org] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {org.member_id: org for org in self.orgs}

    def of_type(self, kind: str, day: date) -> list[Org]:
        return [o for o in self.orgs if o.type == kind and o.people and o.member_on(day)]


def read_world(unit: Unit) -> World:
    """The members of the store with the persons affiliated to each (by person id)."""
    connection = unit.connection
    people: dict[str, list[str]] = {}
    query = (
        select(Member.member_id, Person.person_id)
        .join(Member, Member.id == Person.member_id)
        .order_by(Person.person_id)
    )
    for member_id, person_id in connection.execute(query):
        people.setdefault(member_id, []).append(person_id)
    rows = connection.execute(
        select(
            Member.member_id,
            Member.name,
            Member.type,
            Member.country,
            Member.sme,
            Member.joined,
            Member.left,
        ).order_by(Member.member_id)
    ).all()
    return World(
        [
            Org(m, name, kind, country, sme, joined, left, tuple(people.get(m, ())))
            for m, name, kind, country, sme, joined, left in rows
            if country in COUNTRY_BY_CODE
        ]
    )


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def outbox_mark(unit: Unit) -> int:
    """The last message of the outbox now (the demo's own come after it)."""
    found = unit.connection.execute(select(func.max(OutboxMessage.id))).scalar()
    return int(found or 0)


def drop_outbox_since(unit: Unit, mark: int) -> int:
    """Take the e-mails the demo's writes queued out of the outbox: the demo's registrations and
    invitations were made in the past and must not go to anyone."""
    result = unit.connection.execute(delete(OutboxMessage).where(OutboxMessage.id > mark))
    return int(result.rowcount or 0)
