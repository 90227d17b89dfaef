"""The tables of surveys (migration ``0012``): a survey and its questions, the invitations sent
to its target population, and the responses with their answers.

An anonymous survey's response holds no link to who answered: no user, member or invitation,
only the country and kind of member answering (for the results by country group) and the day.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

import stdgap.accounts.models  # noqa: F401 - the users table invitations refer to
from stdgap.store.models import Base

DRAFT, OPEN, CLOSED = "draft", "open", "closed"
STATES = (DRAFT, OPEN, CLOSED)
PURPOSES = ("consultation", "priorities", "feedback", "other")
SINGLE, MULTIPLE, SCALE, TEXT = "single", "multiple", "scale", "text"
QUESTION_TYPES = (SINGLE, MULTIPLE, SCALE, TEXT)


class Survey(Base):
    __tablename__ = "surveys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(String(20))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    description: Mapped[str | None] = mapped_column(Text)
    #: The first day answers are received (None: from its opening) and the last one.
    opens: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=DRAFT, server_default=DRAFT)
    #: Who is invited, as data (:class:`stdgap.surveys.targeting.Target`), set when opened.
    target: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: What the survey is about, for other capabilities (a meeting id, an event id).
    subject: Mapped[str | None] = mapped_column(String(300), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class SurveyQuestion(Base):
    """A question: its type, choices (``options``) or scale, whether it must be answered, and
    the condition under which it is shown (``{"question": key, "op": "equals"|"includes",
    "values": [...]}``: an earlier question's answer is, or includes, one of the values)."""

    __tablename__ = "survey_questions"
    __table_args__ = (UniqueConstraint("survey_id", "key", name="uq_survey_questions_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(SmallInteger)
    type: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(String(1000))
    options: Mapped[list[str] | None] = mapped_column(JSON)
    scale_min: Mapped[int | None] = mapped_column(SmallInteger)
    scale_max: Mapped[int | None] = mapped_column(SmallInteger)
    min_label: Mapped[str | None] = mapped_column(String(200))
    max_label: Mapped[str | None] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    condition: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SurveyInvitation(Base):
    """Someone invited: a user, or the e-mail address of a member's contact, answering for a
    member (when known). The token (only its SHA-256 kept) lets them answer without signing in;
    ``answered`` says whether they did (no time: it would tie an anonymous answer to them)."""

    __tablename__ = "survey_invitations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(300))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    answered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    invited_at: Mapped[datetime] = mapped_column(DateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime)
    reminders: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")


class SurveyResponse(Base):
    """One response: the day, the country and kind of the member answering (their country's
    group on that day gives the results' country groups); for a named survey also the member,
    the user and the invitation (none of them for an anonymous one)."""

    __tablename__ = "survey_responses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"), index=True)
    submitted_on: Mapped[date] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    member_type: Mapped[str | None] = mapped_column(String(20))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_invitations.id"), unique=True
    )
    updated_on: Mapped[date | None] = mapped_column(Date)


class SurveyAnswer(Base):
    """One answer to one question: a choice (the option's index, or the scale's value; one row
    per option chosen) or a text."""

    __tablename__ = "survey_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id"), index=True)
    choice: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
