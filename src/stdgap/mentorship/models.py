"""Mentors and mentees of a mentorship cycle, their matches and the sessions that follow
(tables of migrations ``0003`` and ``0009``).

A profile may belong to a user (who registered it, or for whom an officer did): that user may
edit it, sees its pairs and logs their sessions, and is notified. A match is ``proposed`` by the
matching (or set by an officer: ``pinned``) until an officer confirms it; an officer may exclude
a proposed pair, which the matching then never proposes again."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

import stdgap.accounts.models  # noqa: F401  # the users table the profiles refer to
from stdgap.store.models import Base

PROPOSED, CONFIRMED = "proposed", "confirmed"
STATUSES = (PROPOSED, CONFIRMED)


class Mentor(Base):
    """A mentor's profile; lists (study groups, Questions, languages) are ';'-separated."""

    __tablename__ = "mentorship_mentors"
    __table_args__ = (UniqueConstraint("cycle", "person_ref", name="uq_mentorship_mentor"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle: Mapped[str] = mapped_column(String(100), index=True)
    person_ref: Mapped[str] = mapped_column(String(300))
    study_groups: Mapped[str] = mapped_column(String(500), default="")
    questions: Mapped[str] = mapped_column(String(1000), default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str | None] = mapped_column(String(40))
    gender: Mapped[str | None] = mapped_column(String(1))
    capacity: Mapped[int] = mapped_column(SmallInteger, default=1)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    expertise: Mapped[str] = mapped_column(String(500), default="", server_default="")
    #: An IANA time zone (``Africa/Nairobi``).
    time_zone: Mapped[str | None] = mapped_column(String(60))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )


class Mentee(Base):
    __tablename__ = "mentorship_mentees"
    __table_args__ = (UniqueConstraint("cycle", "person_ref", name="uq_mentorship_mentee"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle: Mapped[str] = mapped_column(String(100), index=True)
    person_ref: Mapped[str] = mapped_column(String(300))
    study_groups: Mapped[str] = mapped_column(String(500), default="")
    questions: Mapped[str] = mapped_column(String(1000), default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str | None] = mapped_column(String(40))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    prefer_same_region: Mapped[bool] = mapped_column(Boolean, default=False)
    preferred_mentor_gender: Mapped[str | None] = mapped_column(String(1))
    expertise: Mapped[str] = mapped_column(String(500), default="", server_default="")
    time_zone: Mapped[str | None] = mapped_column(String(60))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )


class MentorshipMatch(Base):
    """One mentor-mentee pair with its score and the score's components (explained)."""

    __tablename__ = "mentorship_matches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle: Mapped[str] = mapped_column(String(100), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("mentorship_mentors.id"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentorship_mentees.id"), unique=True)
    score: Mapped[float] = mapped_column(Float)
    components: Mapped[dict[str, Any]] = mapped_column(JSON)
    matched_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20), default="ongoing")
    outcome_note: Mapped[str | None] = mapped_column(Text)
    #: ``proposed`` or ``confirmed`` (pairs made before migration 0009 are confirmed).
    status: Mapped[str] = mapped_column(String(20), default=PROPOSED, server_default=CONFIRMED)
    #: Set by an officer rather than by the matching (kept when the matching runs again).
    pinned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    confirmed_on: Mapped[date | None] = mapped_column(Date)


class MentorshipSession(Base):
    __tablename__ = "mentorship_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("mentorship_matches.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(SmallInteger, default=60)
    topic: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    #: Who logged it (a user's name, or ``cli:…``).
    logged_by: Mapped[str | None] = mapped_column(String(100))


class MentorshipExclusion(Base):
    """A pair an officer excluded: the matching does not propose it again."""

    __tablename__ = "mentorship_exclusions"
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentorship_mentees.id"), primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("mentorship_mentors.id"), primary_key=True)
    cycle: Mapped[str] = mapped_column(String(100), index=True)
