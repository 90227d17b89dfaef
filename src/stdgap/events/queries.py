"""Events' reads: the calendar (filters: region, kind, year, upcoming or past), an event with its
categories, seats and materials, its registrations (personal data), an account's own
registrations, and the meetings the planner works from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, Select, and_, func, or_, select

from stdgap.accounts.models import User
from stdgap.events.errors import EventError, UnknownEvent
from stdgap.events.models import Event, EventCategory, EventMaterial, EventRegistration
from stdgap.events.vocabulary import CANCELLED, CONFIRMED, EVENT_KINDS, WAITLISTED
from stdgap.i18n.translate import _l
from stdgap.reference.classification import ClassificationReader
from stdgap.reference.vocabulary import ITU_REGIONS, region_named
from stdgap.store.models import Attendance, Country, Group, Meeting

WHEN = ("upcoming", "past")


@dataclass(frozen=True)
class EventFilter:
    region: str | None = None
    kind: str | None = None
    year: int | None = None
    when: str | None = None

    @classmethod
    def of(
        cls,
        region: str | None = None,
        kind: str | None = None,
        year: str | int | None = None,
        when: str | None = None,
    ) -> EventFilter:
        """Filters from what a user typed (blank: no filter); :class:`EventError` naming the
        filter and its value when one cannot be."""
        found_region = None
        if region:
            found_region = region_named(region)
            if found_region is None:
                raise EventError(_l("region: %(value)r is not an ITU region", value=region))
        if kind and kind not in EVENT_KINDS:
            raise EventError(_l("kind: %(value)r is not a kind of event", value=kind))
        if when and when not in WHEN:
            raise EventError(_l("when: %(value)r is not upcoming or past", value=when))
        found_year = None
        if year not in (None, ""):
            text = str(year).strip()
            if not text.isdigit() or not 1900 <= int(text) <= 2200:
                raise EventError(_l("year: %(value)r is not a year", value=year))
            found_year = int(text)
        return cls(found_region, kind or None, found_year, when or None)

    def given(self) -> dict[str, Any]:
        values = {"region": self.region, "kind": self.kind, "year": self.year, "when": self.when}
        return {name: value for name, value in values.items() if value is not None}


def _base() -> Select[*tuple[Any, ...]]:  # the columns _record reads
    query: Select[*tuple[Any, ...]] = (
        select(
            Event.id,
            Meeting.meeting_id,
            Event.title,
            Meeting.kind,
            Meeting.start,
            Meeting.end,
            Meeting.city,
            Meeting.host_country,
            Country.name,
            Meeting.format,
            Group.code,
            Event.region,
            Event.capacity,
            Event.registration_opens,
            Event.registration_closes,
            Event.languages,
            Event.description,
            Event.feedback_survey,
        )
        .join(Meeting, Meeting.id == Event.meeting_id)
        .join(Group, Group.id == Meeting.group_id)
        .outerjoin(Country, Country.alpha3 == Meeting.host_country)
    )
    return query


def _record(row: Any, today: date) -> dict[str, Any]:
    end = row.end or row.start
    opens, closes = row.registration_opens, row.registration_closes
    open_now = (
        (opens is None or opens <= today) and (closes is None or today <= closes) and today <= end
    )
    survey = row.feedback_survey
    return {
        "event_id": row.meeting_id,
        "title": row.title,
        "kind": row.kind,
        "start": row.start,
        "end": row.end,
        "city": row.city,
        "host_country": row.host_country,
        "country_name": row.name,
        "format": row.format,
        "group": row.code,
        "region": row.region,
        "capacity": row.capacity,
        "registration_opens": opens,
        "registration_closes": closes,
        "registration_open": open_now,
        "upcoming": end >= today,
        "languages": row.languages.split(",") if row.languages else [],
        "description": row.description,
        "feedback_survey": survey,
        "feedback_url": f"/surveys/{survey}" if survey else None,
        "ics": f"/events/{row.meeting_id}.ics",
    }


def list_events(
    engine: Engine, filters: EventFilter | None = None, today: date | None = None
) -> list[dict[str, Any]]:
    """Events, upcoming first by date then past ones latest first (or as filtered), each with
    its confirmed and waitlisted counts."""
    found = filters or EventFilter()
    day = today or date.today()
    query = _base()
    if found.region:
        query = query.where(Event.region == found.region)
    if found.kind:
        query = query.where(Meeting.kind == found.kind)
    if found.year:
        query = query.where(
            Meeting.start >= date(found.year, 1, 1), Meeting.start <= date(found.year, 12, 31)
        )
    ended = func.coalesce(Meeting.end, Meeting.start)
    if found.when == "upcoming":
        query = query.where(ended >= day)
    elif found.when == "past":
        query = query.where(ended < day)
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(Meeting.start, Meeting.meeting_id)).all()
        counts = Counter(
            (event, status)
            for event, status in connection.execute(
                select(EventRegistration.event_id, EventRegistration.status)
            )
        )
    records = []
    for row in rows:
        record = _record(row, day)
        record["confirmed"] = counts[(row.id, CONFIRMED)]
        record["waitlisted"] = counts[(row.id, WAITLISTED)]
        records.append(record)
    upcoming = [r for r in records if r["upcoming"]]
    past = [r for r in records if not r["upcoming"]]
    return upcoming + past[::-1]


def event_detail(engine: Engine, event_id: str, today: date | None = None) -> dict[str, Any]:
    """An event: what the calendar says, its categories with their seats taken and free, its
    counts and its materials; :class:`UnknownEvent` when there is none."""
    day = today or date.today()
    with engine.connect() as connection:
        row = connection.execute(_base().where(Meeting.meeting_id == event_id)).first()
        if row is None:
            raise UnknownEvent(_l("no event %(id)s", id=event_id))
        categories = connection.execute(
            select(EventCategory.id, EventCategory.key, EventCategory.label, EventCategory.capacity)
            .where(EventCategory.event_id == row.id)
            .order_by(EventCategory.position)
        ).all()
        counts = Counter(
            (category, status)
            for category, status in connection.execute(
                select(EventRegistration.category_id, EventRegistration.status).where(
                    EventRegistration.event_id == row.id
                )
            )
        )
        attended = connection.execute(
            select(func.count()).where(
                EventRegistration.event_id == row.id, EventRegistration.attended.is_(True)
            )
        ).scalar_one()
        materials = connection.execute(
            select(EventMaterial.id, EventMaterial.title, EventMaterial.url, EventMaterial.language)
            .where(EventMaterial.event_id == row.id)
            .order_by(EventMaterial.id)
        ).all()
    record = _record(row, day)
    confirmed = sum(n for (_c, status), n in counts.items() if status == CONFIRMED)
    record["categories"] = [
        {
            "key": key,
            "label": label,
            "capacity": capacity,
            "confirmed": counts[(pk, CONFIRMED)],
            "waitlisted": counts[(pk, WAITLISTED)],
        }
        for pk, key, label, capacity in categories
    ]
    record["confirmed"] = confirmed
    record["waitlisted"] = sum(n for (_c, s), n in counts.items() if s == WAITLISTED)
    record["cancelled"] = sum(n for (_c, s), n in counts.items() if s == CANCELLED)
    record["attended"] = int(attended)
    record["seats_left"] = None if row.capacity is None else max(row.capacity - confirmed, 0)
    record["materials"] = [
        {"id": pk, "title": title, "url": url, "language": language}
        for pk, title, url, language in materials
    ]
    return record


def registrations(engine: Engine, event_id: str) -> list[dict[str, Any]]:
    """The event's registrations with the registrants' personal data, in the order they came."""
    with engine.connect() as connection:
        found = connection.execute(
            select(Event.id)
            .join(Meeting, Meeting.id == Event.meeting_id)
            .where(Meeting.meeting_id == event_id)
        ).scalar()
        if found is None:
            raise UnknownEvent(_l("no event %(id)s", id=event_id))
        rows = connection.execute(
            select(
                EventRegistration.id,
                EventRegistration.name,
                EventRegistration.email,
                EventRegistration.organisation,
                EventRegistration.member_ref,
                EventRegistration.person_ref,
                EventRegistration.country,
                EventCategory.key,
                EventCategory.label,
                EventRegistration.status,
                EventRegistration.registered_at,
                EventRegistration.promoted_at,
                EventRegistration.cancelled_at,
                EventRegistration.attended,
                EventRegistration.recorded,
            )
            .join(EventCategory, EventCategory.id == EventRegistration.category_id)
            .where(EventRegistration.event_id == found)
            .order_by(EventRegistration.registered_at, EventRegistration.id)
        ).all()
    return [
        {
            "registration_id": row.id,
            "name": row.name,
            "email": row.email,
            "organisation": row.organisation,
            "member": row.member_ref,
            "person": row.person_ref,
            "country": row.country,
            "category": row.key,
            "category_label": row.label,
            "status": row.status,
            "registered_at": row.registered_at,
            "promoted_at": row.promoted_at,
            "cancelled_at": row.cancelled_at,
            "attended": bool(row.attended),
            "recorded": bool(row.recorded),
        }
        for row in rows
    ]


def account_email(engine: Engine, user_id: int) -> str | None:
    """The account's e-mail address, if it has one (the address it registers with)."""
    with engine.connect() as connection:
        found = connection.execute(select(User.email).where(User.id == user_id)).scalar()
    return str(found) if found else None


def own_registrations(engine: Engine, event_id: str, user_id: int) -> list[dict[str, Any]]:
    """An account's registrations for the event that are not cancelled (its status)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(EventRegistration.id, EventRegistration.status, EventCategory.label)
            .join(EventCategory, EventCategory.id == EventRegistration.category_id)
            .join(Event, Event.id == EventRegistration.event_id)
            .join(Meeting, Meeting.id == Event.meeting_id)
            .where(
                Meeting.meeting_id == event_id,
                EventRegistration.user_id == user_id,
                EventRegistration.status != CANCELLED,
            )
            .order_by(EventRegistration.id)
        ).all()
    return [
        {"registration_id": pk, "status": status, "category_label": label}
        for pk, status, label in rows
    ]


def form_choices(engine: Engine) -> dict[str, Any]:
    """The countries (code, name) for the forms."""
    with engine.connect() as connection:
        countries = connection.execute(select(Country.alpha3, Country.name).order_by(Country.name))
        return {"countries": [tuple(row) for row in countries], "regions": list(ITU_REGIONS)}


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting the planner weighs: its place, region (its group's, else its host country's)
    and size (people who attended it)."""

    meeting_id: str
    group: str
    kind: str | None
    start: date
    end: date
    city: str | None
    country: str | None
    region: str | None
    size: int


def group_region(code: str) -> str | None:
    """The ITU region a regional group's code names (``SG3RG-AFR`` → Africa), else None."""
    _head, marker, tail = code.partition("RG-")
    return region_named(tail) if marker and tail else None


def meetings_between(engine: Engine, first: date, last: date) -> list[HeldMeeting]:
    """The meetings overlapping [first, last] with their region and size."""
    ended = func.coalesce(Meeting.end, Meeting.start)
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Meeting.id,
                Meeting.meeting_id,
                Group.code,
                Meeting.kind,
                Meeting.start,
                Meeting.end,
                Meeting.city,
                Meeting.host_country,
            )
            .join(Group, Group.id == Meeting.group_id)
            .where(and_(Meeting.start <= last, or_(ended >= first)))
            .order_by(Meeting.start, Meeting.meeting_id)
        ).all()
        ids = [row.id for row in rows]
        sizes: dict[int, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sizes.update(
                connection.execute(
                    select(Attendance.meeting_id, func.count(func.distinct(Attendance.person_id)))
                    .where(Attendance.meeting_id.in_(chunk))
                    .group_by(Attendance.meeting_id)
                ).all()
            )
        reader = ClassificationReader(connection, {r.host_country for r in rows if r.host_country})
        statuses = reader.statuses((r.host_country, r.start) for r in rows if r.host_country)
    found = []
    for row in rows:
        region = group_region(row.code)
        if region is None and row.host_country:
            status = statuses.get((row.host_country, row.start))
            region = status.region if status else None
        found.append(
            HeldMeeting(
                row.meeting_id,
                row.code,
                row.kind,
                row.start,
                row.end or row.start,
                row.city,
                row.host_country,
                region,
                sizes.get(row.id, 0),
            )
        )
    return found


def known_countries(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(connection.execute(select(Country.alpha3)).scalars())
