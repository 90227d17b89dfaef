"""Mentors and mentees of a mentorship cycle, their matches and the sessions that follow."""

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
)
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.store.models import Base


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


class MentorshipSession(Base):
    __tablename__ = "mentorship_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("mentorship_matches.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(SmallInteger, default=60)
    topic: Mapped[str | None] = mapped_column(String(300))
