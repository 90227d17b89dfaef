"""Events' writes: creating an event (its meeting written through the import), its materials and
feedback survey; registering, with capacity and a waiting list per category; cancelling, which
promotes the first waitlisted who fits now. Every one an ``@operation``: one transaction, one
audit row; the e-mails it queues are in the same transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import Connection, func, insert, select, update

from stdgap.accounts.contact import valid_address
from stdgap.accounts.models import User
from stdgap.events.errors import EventError, NotYours, UnknownEvent, WrongTime
from stdgap.events.models import Event, EventCategory, EventMaterial, EventRegistration
from stdgap.events.vocabulary import (
    CANCELLED,
    CONFIRMED,
    DEFAULT_CATEGORIES,
    DEFAULT_GROUP,
    EVENT_KINDS,
    FORMATS,
    WAITLISTED,
)
from stdgap.i18n.translate import N_, _l
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.notifications.outbox import notify_address
from stdgap.reference.vocabulary import region_named
from stdgap.store.keys import storable
from stdgap.store.models import Country, Meeting, Member, Person
from stdgap.store.unit import Unit, operation
from stdgap.tabular.errors import ImportFailed
from stdgap.tabular.text import control_character

EVENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
CATEGORY_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
#: Words an event's id may not be (they are pages of /events).
RESERVED = frozenset({"new", "plan", "calendar", "mine"})
MEETING_HEADER = ["meeting_id", "group", "start", "end", "kind", "city", "host_country", "format"]


@dataclass(frozen=True)
class CategoryInput:
    key: str
    label: str
    capacity: int | None = None


@dataclass(frozen=True)
class EventInput:
    """What an event is made of (the meeting's columns, then the event's own)."""

    event_id: str
    title: str
    kind: str
    start: date
    end: date | None = None
    city: str | None = None
    host_country: str | None = None
    format: str = "in_person"
    group: str = DEFAULT_GROUP
    region: str | None = None
    capacity: int | None = None
    registration_opens: date | None = None
    registration_closes: date | None = None
    languages: tuple[str, ...] = ()
    description: str | None = None
    categories: tuple[CategoryInput, ...] = ()
    feedback_survey: str | None = None


@dataclass(frozen=True)
class RegistrationInput:
    name: str
    email: str
    category: str
    organisation: str | None = None
    member: str | None = None
    person: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Registered:
    registration_id: int
    status: str


@dataclass(frozen=True)
class Cancelled:
    registration_id: int
    promoted: list[int] = field(default_factory=list)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _positive(value: int | None, name: str) -> None:
    if value is not None and value < 1:
        raise EventError(
            _l("%(field)s: %(value)s is not a number of seats", field=name, value=value)
        )


def _check_event(connection: Connection, spec: EventInput) -> str | None:
    """Refuse a spec that cannot be; the region (one of ITU's) or None."""
    _refuse_control(
        {
            "title": spec.title,
            "description": spec.description,
            "city": spec.city,
            "group": spec.group,
            **{f"category {c.key}": c.label for c in spec.categories},
        }
    )
    if not EVENT_ID.fullmatch(spec.event_id) or spec.event_id.lower() in RESERVED:
        raise EventError(
            _l(
                "event id: %(value)r must be letters, digits, '-' or '_' (not new, plan, calendar)",
                value=spec.event_id,
            )
        )
    if not spec.title.strip():
        raise EventError(_l("title: it is required"))
    if spec.kind not in EVENT_KINDS:
        raise EventError(
            _l(
                "kind: %(value)r is not one of %(kinds)s",
                value=spec.kind,
                kinds=", ".join(EVENT_KINDS),
            )
        )
    if spec.format not in FORMATS:
        raise EventError(
            _l(
                "format: %(value)r is not one of %(formats)s",
                value=spec.format,
                formats=", ".join(FORMATS),
            )
        )
    if spec.end is not None and spec.end < spec.start:
        raise EventError(_l("end: %(value)s is before the start", value=spec.end.isoformat()))
    opens, closes = spec.registration_opens, spec.registration_closes
    if opens is not None and closes is not None and closes < opens:
        raise EventError(
            _l("registration closes: %(value)s is before it opens", value=closes.isoformat())
        )
    _positive(spec.capacity, "capacity")
    region = None
    if spec.region:
        region = region_named(spec.region)
        if region is None:
            raise EventError(_l("region: %(value)r is not an ITU region", value=spec.region))
    if spec.host_country and not _country_known(connection, spec.host_country):
        raise EventError(
            _l("host country: %(value)r is not a country code", value=spec.host_country)
        )
    keys = [category.key for category in spec.categories]
    for category in spec.categories:
        if not CATEGORY_KEY.fullmatch(category.key):
            raise EventError(
                _l(
                    "category: %(value)r must be lower-case letters, digits or '_'",
                    value=category.key,
                )
            )
        _positive(category.capacity, "category capacity")
    if len(set(keys)) != len(keys):
        raise EventError(_l("categories: a key is given twice"))
    taken = connection.execute(
        select(Meeting.id).where(Meeting.meeting_id == spec.event_id)
    ).first()
    if taken is not None:
        raise WrongTime(_l("a meeting or event %(id)s exists already", id=spec.event_id))
    return region


def _country_known(connection: Connection, code: str) -> bool:
    found = connection.execute(select(Country.alpha3).where(Country.alpha3 == code)).first()
    return found is not None


@operation("events.create", target=lambda spec, *a, **k: spec.event_id)
def create_event(unit: Unit, spec: EventInput) -> int:
    """Write the event's meeting through the import (kind, group, dates, city, host country,
    format), then the event and its categories (the default ones when none is given)."""
    connection = unit.connection
    region = _check_event(connection, spec)
    row = {
        "meeting_id": spec.event_id,
        "group": spec.group or DEFAULT_GROUP,
        "start": spec.start.isoformat(),
        "end": spec.end.isoformat() if spec.end else "",
        "kind": spec.kind,
        "city": spec.city or "",
        "host_country": spec.host_country or "",
        "format": spec.format,
    }
    source = Source.from_rows(f"events:{spec.event_id}", "meetings", MEETING_HEADER, [row])
    try:
        run_import(unit, [source])
    except ImportFailed as failed:
        first = failed.errors[0]
        raise EventError(
            _l("%(column)s: %(why)s", column=first.column or "", why=first.message)
        ) from None
    meeting = connection.execute(
        select(Meeting.id).where(Meeting.meeting_id == spec.event_id)
    ).scalar_one()
    event_pk: int = connection.execute(
        insert(Event)
        .values(
            meeting_id=meeting,
            title=spec.title.strip(),
            description=(spec.description or "").strip() or None,
            region=region,
            capacity=spec.capacity,
            registration_opens=spec.registration_opens,
            registration_closes=spec.registration_closes,
            languages=",".join(code.strip() for code in spec.languages if code.strip()) or None,
            feedback_survey=(spec.feedback_survey or "").strip() or None,
            created_at=now(),
        )
        .returning(Event.id)
    ).scalar_one()
    categories = spec.categories or tuple(
        CategoryInput(key, label) for key, label in DEFAULT_CATEGORIES
    )
    connection.execute(
        insert(EventCategory),
        [
            {
                "event_id": event_pk,
                "key": category.key,
                "label": category.label.strip() or category.key,
                "capacity": category.capacity,
                "position": position,
            }
            for position, category in enumerate(categories)
        ],
    )
    return event_pk


@dataclass(frozen=True)
class EventRow:
    pk: int
    event_id: str
    title: str
    start: date
    end: date | None
    capacity: int | None
    opens: date | None
    closes: date | None
    meeting_pk: int
    format: str | None


def event_named(connection: Connection, event_id: str) -> EventRow:
    row = connection.execute(
        select(
            Event.id,
            Meeting.meeting_id,
            Event.title,
            Meeting.start,
            Meeting.end,
            Event.capacity,
            Event.registration_opens,
            Event.registration_closes,
            Meeting.id,
            Meeting.format,
        )
        .join(Meeting, Meeting.id == Event.meeting_id)
        .where(Meeting.meeting_id == event_id)
    ).first()
    if row is None:
        raise UnknownEvent(_l("no event %(id)s", id=event_id))
    return EventRow(*tuple(row))


@operation("events.material", target=lambda event_id, *a, **k: event_id)
def add_material(
    unit: Unit, event_id: str, title: str, url: str, language: str | None = None
) -> int:
    """Add a link to a material of the event (http or https only)."""
    event = event_named(unit.connection, event_id)
    _refuse_control({"title": title})
    if not title.strip():
        raise EventError(_l("title: it is required"))
    if not re.fullmatch(r"https?://[^\s<>\"']+", url.strip()) or len(url) > 1000:
        raise EventError(_l("URL: %(value)r is not an http(s) address", value=url))
    if language and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", language.strip()):
        raise EventError(_l("language: %(value)r is not a language code", value=language))
    material: int = unit.connection.execute(
        insert(EventMaterial)
        .values(
            event_id=event.pk,
            title=title.strip(),
            url=url.strip(),
            language=(language or "").strip() or None,
        )
        .returning(EventMaterial.id)
    ).scalar_one()
    return material


@operation("events.feedback", target=lambda event_id, *a, **k: event_id)
def set_feedback_survey(unit: Unit, event_id: str, survey_id: str | None) -> None:
    """Name the survey asking the event's participants for their feedback (None: none)."""
    event = event_named(unit.connection, event_id)
    unit.connection.execute(
        update(Event)
        .where(Event.id == event.pk)
        .values(feedback_survey=(survey_id or "").strip() or None)
    )


def _category(connection: Connection, event: EventRow, key: str) -> tuple[int, int | None]:
    row = connection.execute(
        select(EventCategory.id, EventCategory.capacity).where(
            EventCategory.event_id == event.pk, EventCategory.key == key
        )
    ).first()
    if row is None:
        keys = connection.execute(
            select(EventCategory.key)
            .where(EventCategory.event_id == event.pk)
            .order_by(EventCategory.position)
        ).scalars()
        raise EventError(
            _l("category: %(value)r is not one of %(keys)s", value=key, keys=", ".join(keys))
        )
    return row[0], row[1]


def _confirmed(connection: Connection, event_pk: int, category_pk: int | None = None) -> int:
    query = select(func.count()).where(
        EventRegistration.event_id == event_pk, EventRegistration.status == CONFIRMED
    )
    if category_pk is not None:
        query = query.where(EventRegistration.category_id == category_pk)
    return int(connection.execute(query).scalar_one())


def _fits(connection: Connection, event: EventRow, category_pk: int, seats: int | None) -> bool:
    """Whether one more registration of the category can be confirmed."""
    if event.capacity is not None and _confirmed(connection, event.pk) >= event.capacity:
        return False
    return seats is None or _confirmed(connection, event.pk, category_pk) < seats


def _own_entry(connection: Connection, entry: RegistrationInput, user_id: int) -> RegistrationInput:
    """The registration an account makes of itself (not an officer's of someone else): with the
    account's e-mail when it has one, and naming no person of the registry (accounts are not
    linked to persons: a person named by anyone would be counted as having attended)."""
    if entry.person and entry.person.strip():
        raise EventError(
            _l(
                "person: %(value)r may only be given by an officer (accounts are not linked to "
                "persons of the registry)",
                value=entry.person,
            )
        )
    own = connection.execute(select(User.email).where(User.id == user_id)).scalar()
    email = entry.email.strip()
    if own:
        if email and email.lower() != own.strip().lower():
            raise EventError(
                _l(
                    "e-mail: %(value)r is not your account's address; register with %(own)s",
                    value=entry.email,
                    own=own,
                )
            )
        email = own.strip()
    elif email:
        taken = connection.execute(
            select(User.id).where(func.lower(User.email) == email.lower(), User.id != user_id)
        ).first()
        if taken is not None:
            raise EventError(
                _l("e-mail: %(value)r is another account's address", value=entry.email)
            )
    return replace(entry, email=email, person=None)


def _linked(
    connection: Connection, entry: RegistrationInput, user_id: int
) -> tuple[RegistrationInput, int | None]:
    """An officer's registration and the account it belongs to: the officer's own when it is
    made with the officer's address (or none), else no one's (someone else's, entered for
    them)."""
    own = connection.execute(select(User.email).where(User.id == user_id)).scalar()
    if own and not entry.email.strip():
        return replace(entry, email=own.strip()), user_id
    if own and own.strip().lower() == entry.email.strip().lower():
        return entry, user_id
    return entry, None


def _refuse_control(values: dict[str, str | None]) -> None:
    """Refuse a NUL or another control character in a text field, its value shown (the same
    refusal on SQLite, which would keep it, and on PostgreSQL, which refuses a NUL)."""
    for name, value in values.items():
        char = control_character(value)
        if char is not None:
            raise EventError(
                _l(
                    "%(field)s: %(value)r holds a control character (%(char)s)",
                    field=name,
                    value=(value or "")[:60],
                    char=char,
                )
            )


def _check_registrant(connection: Connection, entry: RegistrationInput) -> None:
    _refuse_control(
        {
            "name": entry.name,
            "e-mail": entry.email,
            "organisation": entry.organisation,
            "member": entry.member,
            "person": entry.person,
            "country": entry.country,
        }
    )
    if not entry.name.strip():
        raise EventError(_l("name: it is required"))
    if not valid_address(entry.email.strip()):
        raise EventError(_l("e-mail: %(value)r is not an e-mail address", value=entry.email))
    if entry.country and not _country_known(connection, entry.country):
        raise EventError(_l("country: %(value)r is not a country code", value=entry.country))
    if entry.member:
        found = connection.execute(select(Member.id).where(Member.member_id == entry.member))
        if found.first() is None:
            raise EventError(_l("member: %(value)r is not a member", value=entry.member))
    if entry.person:
        found = connection.execute(select(Person.id).where(Person.person_id == entry.person))
        if found.first() is None:
            raise EventError(
                _l("person: %(value)r is not a person of the registry", value=entry.person)
            )


def _language_of(connection: Connection, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    found = connection.execute(select(User.language).where(User.id == user_id)).scalar()
    return str(found) if found else None


STATUS_MAIL = {
    CONFIRMED: (
        N_("Your registration for %(event)s is confirmed"),
        N_(
            "Dear %(name)s,\n\nyour registration for %(event)s (%(dates)s) as %(category)s is "
            "confirmed.\n\n%(link)s"
        ),
    ),
    WAITLISTED: (
        N_("You are on the waiting list of %(event)s"),
        N_(
            "Dear %(name)s,\n\n%(event)s (%(dates)s) is full for %(category)s: you are on the "
            "waiting list, and we will write to you if a seat becomes free.\n\n%(link)s"
        ),
    ),
    "promoted": (
        N_("A seat for you at %(event)s"),
        N_(
            "Dear %(name)s,\n\na seat became free: your registration for %(event)s (%(dates)s) as "
            "%(category)s is now confirmed.\n\n%(link)s"
        ),
    ),
}


def _mail(unit: Unit, event: EventRow, registration_pk: int, what: str) -> None:
    row = unit.connection.execute(
        select(
            EventRegistration.email,
            EventRegistration.name,
            EventRegistration.user_id,
            EventCategory.label,
        )
        .join(EventCategory, EventCategory.id == EventRegistration.category_id)
        .where(EventRegistration.id == registration_pk)
    ).one()
    subject, body = STATUS_MAIL[what]
    end = event.end or event.start
    dates = event.start.isoformat() if end == event.start else f"{event.start} – {end}"
    notify_address(
        unit,
        row.email,
        row.name,
        _language_of(unit.connection, row.user_id),
        f"events.{what}",
        subject,
        body,
        name=row.name,
        event=event.title,
        dates=dates,
        category=row.label,
        link=f"/events/{event.event_id}",
    )


@operation("events.register", target=lambda event_id, *a, **k: event_id)
def register(
    unit: Unit,
    event_id: str,
    entry: RegistrationInput,
    user_id: int | None = None,
    today: date | None = None,
    for_others: bool = True,
) -> Registered:
    """Register ``entry`` for the event: confirmed while there are seats (the event's and the
    category's), else on the waiting list, first come first served; the registrant is told by
    e-mail. One active registration per account and per address.

    ``for_others`` (officers, the command line): any address, member and person; the account
    ``user_id`` is linked only when the address is its own. Else the account ``user_id``
    registers itself: its own address (when it has one), no person of the registry, the member
    only as declared (not counted in the participation data)."""
    connection = unit.connection
    event = event_named(connection, event_id)
    if not for_others:
        if user_id is None:
            raise NotYours(_l("only a signed-in account registers itself"))
        entry = _own_entry(connection, entry, user_id)
    elif user_id is not None:
        entry, user_id = _linked(connection, entry, user_id)
    day = today or date.today()
    if event.opens is not None and day < event.opens:
        raise WrongTime(_l("registration opens on %(day)s", day=event.opens.isoformat()))
    if (event.closes is not None and day > event.closes) or day > (event.end or event.start):
        raise WrongTime(_l("registration for %(id)s is closed", id=event_id))
    category_pk, seats = _category(connection, event, entry.category)
    _check_registrant(connection, entry)
    email = entry.email.strip()
    active = select(EventRegistration.id).where(
        EventRegistration.event_id == event.pk, EventRegistration.status != CANCELLED
    )
    same = active.where(func.lower(EventRegistration.email) == email.lower())
    if connection.execute(same).first() is not None or (
        user_id is not None
        and connection.execute(active.where(EventRegistration.user_id == user_id)).first()
    ):
        raise WrongTime(_l("already registered for %(id)s", id=event_id))
    status = CONFIRMED if _fits(connection, event, category_pk, seats) else WAITLISTED
    registration: int = connection.execute(
        insert(EventRegistration)
        .values(
            event_id=event.pk,
            category_id=category_pk,
            user_id=user_id,
            name=entry.name.strip(),
            email=email,
            organisation=(entry.organisation or "").strip() or None,
            member_ref=(entry.member or "").strip() or None,
            person_ref=(entry.person or "").strip() or None,
            country=entry.country or None,
            status=status,
            registered_at=now(),
            attended=False,
            recorded=False,
        )
        .returning(EventRegistration.id)
    ).scalar_one()
    _mail(unit, event, registration, status)
    unit.details.update(registration=registration, status=status)
    return Registered(registration, status)


def _promote(unit: Unit, event: EventRow, first_category: int) -> list[int]:
    """Confirm the waitlisted who fit now, first come first served, those of
    ``first_category`` (whose seat was freed) first; each is told by e-mail."""
    connection = unit.connection
    waiting = connection.execute(
        select(EventRegistration.id, EventRegistration.category_id, EventCategory.capacity)
        .join(EventCategory, EventCategory.id == EventRegistration.category_id)
        .where(EventRegistration.event_id == event.pk, EventRegistration.status == WAITLISTED)
        .order_by(EventRegistration.registered_at, EventRegistration.id)
    ).all()
    ordered = [w for w in waiting if w[1] == first_category] + [
        w for w in waiting if w[1] != first_category
    ]
    promoted: list[int] = []
    for registration, category, seats in ordered:
        if not _fits(connection, event, category, seats):
            continue
        connection.execute(
            update(EventRegistration)
            .where(EventRegistration.id == registration)
            .values(status=CONFIRMED, promoted_at=now())
        )
        _mail(unit, event, registration, "promoted")
        promoted.append(registration)
    return promoted


@operation("events.cancel", target=lambda registration_id, *a, **k: str(registration_id))
def cancel(
    unit: Unit,
    registration_id: int,
    user_id: int | None = None,
    event_id: str | None = None,
    today: date | None = None,
) -> Cancelled:
    """Cancel a registration (``user_id``: only that account's own; None: an officer's) before
    the event ends; a confirmed seat freed goes to the first waitlisted who fits."""
    connection = unit.connection
    if not storable(registration_id):
        raise UnknownEvent(_l("no registration %(id)s", id=registration_id))
    row = connection.execute(
        select(
            EventRegistration.event_id,
            EventRegistration.user_id,
            EventRegistration.status,
            EventRegistration.category_id,
            Meeting.meeting_id,
        )
        .join(Event, Event.id == EventRegistration.event_id)
        .join(Meeting, Meeting.id == Event.meeting_id)
        .where(EventRegistration.id == registration_id)
    ).first()
    if row is None or (event_id is not None and row.meeting_id != event_id):
        raise UnknownEvent(_l("no registration %(id)s", id=registration_id))
    if user_id is not None and row.user_id != user_id:
        raise NotYours(_l("registration %(id)s is someone else's", id=registration_id))
    if row.status == CANCELLED:
        raise WrongTime(_l("registration %(id)s is cancelled already", id=registration_id))
    event = event_named(connection, row.meeting_id)
    if (today or date.today()) > (event.end or event.start):
        raise WrongTime(_l("%(id)s is over", id=event.event_id))
    connection.execute(
        update(EventRegistration)
        .where(EventRegistration.id == registration_id)
        .values(status=CANCELLED, cancelled_at=now(), attended=False)
    )
    promoted = _promote(unit, event, row.category_id) if row.status == CONFIRMED else []
    unit.details.update(promoted=promoted)
    return Cancelled(registration_id, promoted)
