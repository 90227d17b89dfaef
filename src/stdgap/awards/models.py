"""Award calls, their weighted criteria, jurors, nominations, declared conflicts and scores."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
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


class AwardCall(Base):
    __tablename__ = "award_calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    closes: Mapped[date] = mapped_column(Date)
    max_age: Mapped[int | None] = mapped_column(SmallInteger)
    normalise: Mapped[str] = mapped_column(String(10), default="zscore")


class AwardCriterion(Base):
    __tablename__ = "award_criteria"
    __table_args__ = (UniqueConstraint("call_id", "key", name="uq_award_criteria_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(300))
    weight: Mapped[float] = mapped_column(Float)
    max_score: Mapped[int] = mapped_column(SmallInteger, default=10)


class AwardJuror(Base):
    __tablename__ = "award_jurors"
    __table_args__ = (UniqueConstraint("call_id", "juror_ref", name="uq_award_jurors_ref"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id"), index=True)
    juror_ref: Mapped[str] = mapped_column(String(300))
    member_ref: Mapped[str | None] = mapped_column(String(300))


class AwardNomination(Base):
    __tablename__ = "award_nominations"
    __table_args__ = (UniqueConstraint("call_id", "nominee_ref", name="uq_award_nominee"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nomination_id: Mapped[str] = mapped_column(String(100), unique=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id"), index=True)
    nominee_ref: Mapped[str] = mapped_column(String(300))
    member_ref: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    nominated_by: Mapped[str | None] = mapped_column(String(300))
    statement: Mapped[str | None] = mapped_column(Text)


class AwardConflict(Base):
    """A conflict of interest a juror declared (or the system found) with a nomination."""

    __tablename__ = "award_conflicts"
    juror_id: Mapped[int] = mapped_column(ForeignKey("award_jurors.id"), primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("award_nominations.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500))


class AwardScore(Base):
    __tablename__ = "award_scores"
    juror_id: Mapped[int] = mapped_column(ForeignKey("award_jurors.id"), primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("award_nominations.id"), primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criteria.id"), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
