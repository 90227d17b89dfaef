"""The fund's tables (migration ``0018``): donors, earmarks, transactions and their entries.

The ledger is double-entry: a transaction (a pledge, a receipt, a reservation, a spending, a
reversal) has entries on accounts of one earmark whose amounts sum to zero (debits positive,
credits negative). Entries are append-only (triggers refuse UPDATE and DELETE on both stores); a
correction is a reversing transaction naming the one it reverses (once: ``reverses_id`` is
unique). A spending above the approval threshold and every reversal wait ``pending`` (no entries)
until someone else approves them (four eyes)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.fund.money import Money
from stdgap.store.models import Base


class Donor(Base):
    """A donor: a Member State or Sector Member of the registry (``member_id``), or another
    (a foundation, a company …) known by its name."""

    __tablename__ = "fund_donors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    #: member_state, sector_member or other.
    kind: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Earmark(Base):
    """What money is given for: a programme and/or an ITU region. Its row is the lock that
    reservations and spending on it take (``SELECT … FOR UPDATE``)."""

    __tablename__ = "fund_earmarks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    #: fellowships, events, interpretation, mentorship or general.
    programme: Mapped[str] = mapped_column(String(20))
    #: One of ITU_REGIONS, or None (any region).
    region: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class FundTransaction(Base):
    """One movement of the fund, in the fund's currency (``amount``, positive), with what it
    came from (``currency``, ``original``, ``rate``: the receipt's own) or paid for
    (``reference_kind``, ``reference``, the beneficiary ``country``)."""

    __tablename__ = "fund_transactions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: pledge, receipt, reservation, spending or reversal.
    kind: Mapped[str] = mapped_column(String(20))
    #: posted (its entries are in the ledger) or pending (waiting for approval).
    state: Mapped[str] = mapped_column(String(10))
    day: Mapped[date] = mapped_column(Date, index=True)
    earmark_id: Mapped[int] = mapped_column(ForeignKey("fund_earmarks.id"), index=True)
    donor_id: Mapped[int | None] = mapped_column(ForeignKey("fund_donors.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str | None] = mapped_column(String(3))
    original: Mapped[Decimal | None] = mapped_column(Money())
    #: Units of the fund's currency per unit of ``currency`` (exact decimal text).
    rate: Mapped[str | None] = mapped_column(String(30))
    #: The pledge a receipt pays (its transaction).
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("fund_transactions.id"))
    #: The reservation a spending draws on.
    reservation_id: Mapped[int | None] = mapped_column(ForeignKey("fund_transactions.id"))
    #: The transaction a reversal reverses (once only).
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("fund_transactions.id"), unique=True)
    #: fellowship, event, workshop, interpretation, administration or other.
    reference_kind: Mapped[str | None] = mapped_column(String(20))
    reference: Mapped[str | None] = mapped_column(String(100), index=True)
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(100))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)


class FundEntry(Base):
    """One line of a posted transaction: an account of an earmark and an amount (debit
    positive, credit negative). Append-only."""

    __tablename__ = "fund_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("fund_transactions.id"), index=True)
    earmark_id: Mapped[int] = mapped_column(ForeignKey("fund_earmarks.id"), index=True)
    #: cash, reserved, spent, received, pledged or pledges_receivable.
    account: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Money())
