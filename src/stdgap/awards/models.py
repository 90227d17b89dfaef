"""Award calls, their weighted criteria, jurors, nominations, declared conflicts and scores
(tables of migration ``0003``; ``0010`` added a call's state and conflict rule, a criterion's
lowest score, the juror's account and person, the nominee's name, address and nominator, and
the kind of a declared conflict)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
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

import stdgap.accounts.models  # noqa: F401 - the users table the jurors and nominators refer to
from stdgap.store.models import Base

#: A call's states, in order: nominations open until the deadline, then jurors score, then the
#: results are public.
NOMINATING, SCORING, PUBLISHED = "nominating", "scoring", "published"
STATES = (NOMINATING, SCORING, PUBLISHED)
#: Kinds of conflict of interest a juror declares (``country`` only when the call says so).
CONFLICT_KINDS = ("member", "country", "relation", "other")


class AwardCall(Base):
    __tablename__ = "award_calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    #: The deadline of nominations (the last day they are received).
    closes: Mapped[date] = mapped_column(Date)
    max_age: Mapped[int | None] = mapped_column(SmallInteger)
    normalise: Mapped[str] = mapped_column(String(10), default="zscore")
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=NOMINATING, server_default=NOMINATING)
    #: Whether a juror from a nominee's country is in conflict with them.
    country_conflicts: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    published_at: Mapped[datetime | None] = mapped_column(DateTime)


class AwardCriterion(Base):
    __tablename__ = "award_criteria"
    __table_args__ = (UniqueConstraint("call_id", "key", name="uq_award_criteria_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(300))
    weight: Mapped[float] = mapped_column(Float)
    #: The scale: scores from ``min_score`` to ``max_score``.
    max_score: Mapped[int] = mapped_column(SmallInteger, default=10)
    min_score: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")


class AwardJuror(Base):
    """A juror: a person (``juror_ref``, from the command line) or a user appointed in the
    browser (``juror_ref`` is then the user's name), with the person of the store they are and
    the member they belong to, when known (for the conflicts found from the data)."""

    __tablename__ = "award_jurors"
    __table_args__ = (UniqueConstraint("call_id", "juror_ref", name="uq_award_jurors_ref"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id"), index=True)
    juror_ref: Mapped[str] = mapped_column(String(300))
    member_ref: Mapped[str | None] = mapped_column(String(300))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    person_ref: Mapped[str | None] = mapped_column(String(300))


class AwardNomination(Base):
    __tablename__ = "award_nominations"
    __table_args__ = (UniqueConstraint("call_id", "nominee_ref", name="uq_award_nominee"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nomination_id: Mapped[str] = mapped_column(String(100), unique=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id"), index=True)
    #: The nominee: a person of the store (their id), or ``~name|country`` for someone who is not.
    nominee_ref: Mapped[str] = mapped_column(String(300))
    nominee_name: Mapped[str | None] = mapped_column(String(300))
    #: Where the nominee hears about the nomination and the results (optional).
    nominee_email: Mapped[str | None] = mapped_column(String(320))
    member_ref: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    nominated_by: Mapped[str | None] = mapped_column(String(300))
    nominator_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    statement: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime | None] = mapped_column(DateTime)


class AwardConflict(Base):
    """A conflict of interest a juror declared with a nomination: its kind (one of
    :data:`CONFLICT_KINDS`) and what the juror said."""

    __tablename__ = "award_conflicts"
    juror_id: Mapped[int] = mapped_column(ForeignKey("award_jurors.id"), primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("award_nominations.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), default="other", server_default="other")


class AwardScore(Base):
    __tablename__ = "award_scores"
    juror_id: Mapped[int] = mapped_column(ForeignKey("award_jurors.id"), primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("award_nominations.id"), primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criteria.id"), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
