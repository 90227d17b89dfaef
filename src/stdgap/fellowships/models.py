"""Fellowship calls (one per meeting) and applications, with the decision of the allocation.

Migration ``0003`` made the tables; ``0008`` added the call's currency and caps (when they
differ from its rule set's), and the application's applicant account, motivation, the
contributions they plan, and the rule that decided it with its explanation."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
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
)
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.store.models import Base


class FellowshipCall(Base):
    __tablename__ = "fellowship_calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(String(100), unique=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    budget: Mapped[int] = mapped_column(Integer)
    full_cost: Mapped[int] = mapped_column(Integer)
    partial_cost: Mapped[int] = mapped_column(Integer)
    closes: Mapped[date | None] = mapped_column(Date)
    rule_set: Mapped[str] = mapped_column(String(100), default="default")
    allocated: Mapped[bool] = mapped_column(Boolean, default=False)
    attendance_recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The currency of the budget and costs (ISO 4217).
    currency: Mapped[str] = mapped_column(String(3), default="CHF", server_default="CHF")
    #: Caps of this call, when they differ from its rule set's.
    country_units: Mapped[int | None] = mapped_column(Integer)
    person_units: Mapped[int | None] = mapped_column(Integer)
    min_region_share: Mapped[float | None] = mapped_column(Float)
    #: The fund earmark (its key, :mod:`stdgap.fund`) the granted cost is reserved from when
    #: the call is allocated; None: the call is not paid by the fund.
    fund_earmark: Mapped[str | None] = mapped_column(String(60))


class FellowshipApplication(Base):
    """An application; ``decision`` is full, partial, not_granted or ineligible once allocated,
    ``rule`` the rule that decided it (see :mod:`stdgap.fellowships.reasons`), ``explanation``
    its reason as messages to translate, ``reason`` the same in English. ``country`` is the
    applicant's nationality; the delegation's country is the member's (``member_ref``)."""

    __tablename__ = "fellowship_applications"
    __table_args__ = (UniqueConstraint("call_id", "person_ref", name="uq_fellowship_app_person"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[str] = mapped_column(String(100), unique=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("fellowship_calls.id"), index=True)
    person_ref: Mapped[str] = mapped_column(String(300))
    member_ref: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    request: Mapped[str] = mapped_column(String(10), default="either")
    contributions: Mapped[int] = mapped_column(Integer, default=0)
    cost_full: Mapped[int | None] = mapped_column(Integer)
    cost_partial: Mapped[int | None] = mapped_column(Integer)
    submitted: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    #: The account that applied in the browser (None for applications entered or imported).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    motivation: Mapped[str | None] = mapped_column(Text)
    #: The contributions the applicant plans to bring (titles or a description).
    plans: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(String(20))
    explanation: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
