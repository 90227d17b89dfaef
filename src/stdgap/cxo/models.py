"""The tables of CxO meetings (migration ``0014``): a meeting of the registry (kind ``cto``)
with its theme and consulted regions, its agenda, recordings and participants; conclusions, the
meetings that raised or revisited them, the ITU-T work that took them up, and their history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.store.models import Base


class CxoMeeting(Base):
    """A CxO meeting: the registry's meeting (its date, place and group) and what only a CxO
    meeting has."""

    __tablename__ = "cxo_meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    #: Subject-specific theme: health, transport, education …
    theme: Mapped[str] = mapped_column(String(200))
    #: The ITU regions whose developing-country members were consulted before the meeting.
    regions: Mapped[list[str] | None] = mapped_column(JSON)
    summary: Mapped[str | None] = mapped_column(Text)


class CxoRecording(Base):
    """A recording of a presentation (a link; Res. 68 resolves 11)."""

    __tablename__ = "cxo_recordings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cxo_meeting_id: Mapped[int] = mapped_column(ForeignKey("cxo_meetings.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(1000))
    speaker: Mapped[str | None] = mapped_column(String(300))


class CxoAgendaItem(Base):
    """An item of a meeting's agenda, with where it came from (the consultation's survey and
    question when it came from the consultation of developing countries)."""

    __tablename__ = "cxo_agenda_items"
    __table_args__ = (
        UniqueConstraint("cxo_meeting_id", "position", name="uq_cxo_agenda_position"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cxo_meeting_id: Mapped[int] = mapped_column(ForeignKey("cxo_meetings.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    title: Mapped[str] = mapped_column(String(500))
    objective: Mapped[str | None] = mapped_column(String(100))
    work_item: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(20), default="secretariat")
    survey_id: Mapped[str | None] = mapped_column(String(100))
    question_key: Mapped[str | None] = mapped_column(String(100))


class CxoParticipant(Base):
    """Who came: an executive of an organisation, with what the diversity indicators count;
    the member and the person of the registry when known."""

    __tablename__ = "cxo_participants"
    __table_args__ = (
        UniqueConstraint("cxo_meeting_id", "name", "organisation", name="uq_cxo_participant"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cxo_meeting_id: Mapped[int] = mapped_column(ForeignKey("cxo_meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str] = mapped_column(String(300))
    size: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    level: Mapped[str] = mapped_column(String(10))
    mode: Mapped[str] = mapped_column(String(10), default="in_person")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))


class CxoConclusion(Base):
    """A conclusion followed through its lifecycle (raised → under study → addressed → closed,
    or dropped); ``topic_key`` is the topic normalised, by which a later meeting's conclusion on
    the same topic is linked to this one."""

    __tablename__ = "cxo_conclusions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(300))
    topic_key: Mapped[str] = mapped_column(String(300), index=True)
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    study_group: Mapped[str | None] = mapped_column(String(20))
    question: Mapped[str | None] = mapped_column(String(50))
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class CxoConclusionMeeting(Base):
    """A meeting that raised (``raised``) or revisited (``revisited``) a conclusion."""

    __tablename__ = "cxo_conclusion_meetings"
    conclusion_id: Mapped[int] = mapped_column(ForeignKey("cxo_conclusions.id"), primary_key=True)
    cxo_meeting_id: Mapped[int] = mapped_column(ForeignKey("cxo_meetings.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)


class CxoConclusionLink(Base):
    """ITU-T work that took a conclusion into account: a Question, a work item, a
    Recommendation …, with its address."""

    __tablename__ = "cxo_conclusion_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conclusion_id: Mapped[int] = mapped_column(ForeignKey("cxo_conclusions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    title: Mapped[str | None] = mapped_column(String(300))


class CxoConclusionEvent(Base):
    """One entry of a conclusion's history: raised, revisited, a change of state, a link."""

    __tablename__ = "cxo_conclusion_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conclusion_id: Mapped[int] = mapped_column(ForeignKey("cxo_conclusions.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    cxo_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("cxo_meetings.id"))
    who: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
