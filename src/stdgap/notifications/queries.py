"""The outbox as the command line and the admins' page show it: newest first, by status."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from stdgap.notifications.models import STATUSES, OutboxMessage


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value else None


def outbox(
    engine: Engine, status: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """How many messages (of ``status``, or all) and a page of them, newest first (the body
    is left out)."""
    table = OutboxMessage
    where = [table.status == status] if status else []
    query = (
        select(
            table.id,
            table.created_at,
            table.kind,
            table.recipient,
            table.recipient_name,
            table.language,
            table.subject,
            table.status,
            table.attempts,
            table.next_attempt_at,
            table.sent_at,
            table.last_error,
        )
        .where(*where)
        .order_by(table.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(table).where(*where))
        rows = connection.execute(query).all()
        count = int(total.scalar_one())
    return count, [
        {
            "id": row.id,
            "created_at": _iso(row.created_at),
            "kind": row.kind,
            "recipient": row.recipient,
            "recipient_name": row.recipient_name,
            "language": row.language,
            "subject": row.subject,
            "status": row.status,
            "attempts": row.attempts,
            "next_attempt_at": _iso(row.next_attempt_at) if row.status == "pending" else None,
            "sent_at": _iso(row.sent_at),
            "last_error": row.last_error,
        }
        for row in rows
    ]


def counts(engine: Engine) -> dict[str, int]:
    """Messages by status (every status, 0 when there is none)."""
    with engine.connect() as connection:
        found = dict(
            connection.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            ).all()
        )
    return {status: int(found.get(status, 0)) for status in STATUSES}
