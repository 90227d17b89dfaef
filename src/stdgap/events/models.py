"""Events' tables (migration ``0013``): an event is a meeting of the registry (its group,
dates, city, host country, format and kind) with what only events have: a title, a region, a
capacity, registration categories, registrations, materials."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

import stdgap.accounts.models  # noqa: F401 - the users table registrations refer to
from stdgap.store.models import Base


class Event(Base):
    """An event: the meeting it is (``meeting_id``, whose source id is the event's id)."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    #: The ITU region the event is for (one of ITU_REGIONS), if any.
    region: Mapped[str | None] = mapped_column(String(20))
    #: Seats in all (None: no limit).
    capacity: Mapped[int | None] = mapped_column(Integer)
    registration_opens: Mapped[date | None] = mapped_column(Date)
    registration_closes: Mapped[date | None] = mapped_column(Date)
    #: The languages of the event, codes separated by commas (``en,fr``).
    languages: Mapped[str | None] = mapped_column(String(100))
    #: The survey asking participants for their feedback (its id), when there is one.
    feedback_survey: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class EventCategory(Base):
    """A category of registration (delegate, speaker …) with its own seats (None: no limit
    but the event's)."""

    __tablename__ = "event_categories"
    __table_args__ = (UniqueConstraint("event_id", "key", name="uq_event_categories_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EventRegistration(Base):
    """Someone registered for an event: confirmed, waitlisted (in the order they came) or
    cancelled; whether they came (``attended``) and whether that was written to the
    participation data (``recorded``)."""

    __tablename__ = "event_registrations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("event_categories.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str] = mapped_column(String(320))
    organisation: Mapped[str | None] = mapped_column(String(300))
    #: The member of the registry the registrant attends for (its source id), if any.
    member_ref: Mapped[str | None] = mapped_column(String(300))
    #: The person of the registry the registrant is (their source id), if known.
    person_ref: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    status: Mapped[str] = mapped_column(String(12))
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    promoted_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    attended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    recorded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class EventMaterial(Base):
    """A link to a material of an event (slides, recording …) with its language."""

    __tablename__ = "event_materials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(1000))
    language: Mapped[str | None] = mapped_column(String(10))
