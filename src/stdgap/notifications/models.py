"""The outbox (created by migration ``0007``, claims by ``0011``): one row per e-mail to send,
kept after sending."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.store.models import Base

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
STATUSES = (PENDING, SENDING, SENT, FAILED)


class OutboxMessage(Base):
    """An e-mail, written in the recipient's language when it was queued."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: What the message is about, e.g. ``fellowship.decided`` (for filtering and tests).
    kind: Mapped[str] = mapped_column(String(50))
    recipient: Mapped[str] = mapped_column(String(320))
    recipient_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    #: ``pending`` (to send, at ``next_attempt_at``), ``sending`` (claimed by a sender until
    #: ``lease_until``), ``sent``, or ``failed`` (given up after the last attempt).
    status: Mapped[str] = mapped_column(String(10), index=True)
    #: Attempts so far (an attempt counts from its claim, so a sender that dies counts too).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    #: The sender holding the message while ``sending`` (host, process and a random part).
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    #: When another sender may take a ``sending`` message over (its sender is taken to be gone).
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)
