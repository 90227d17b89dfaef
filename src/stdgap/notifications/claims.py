"""The sender's writes to the outbox, each a short audited transaction of its own (none is open
while the SMTP server is spoken to):

1. :func:`claim` takes the next message due: ``pending`` and due, or ``sending`` with its
   lease over (its sender is taken to be gone). One ``UPDATE … WHERE id = (SELECT … FOR UPDATE
   SKIP LOCKED)``: on PostgreSQL two senders skip each other's rows, on SQLite the statement
   holds the database's write lock. The message becomes ``sending``, held by this sender until
   the lease ends, and the attempt is counted.
2. :func:`mark_sent` or :func:`mark_failed`, only while the message is still this sender's.

:func:`retry` (an admin's) makes a failed message due again with its attempts counted afresh.
"""

from __future__ import annotations

import os
import secrets
import socket
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, and_, or_, select, update

from stdgap.i18n.translate import _l
from stdgap.notifications.mail import Letter
from stdgap.notifications.models import FAILED, PENDING, SENDING, SENT, OutboxMessage
from stdgap.notifications.outbox import NotificationError
from stdgap.store.settings import MAIL_MAX_ATTEMPTS, MAIL_RETRY_SECONDS, get_setting
from stdgap.store.unit import Unit, operation, transaction

#: The longest wait between two attempts.
LONGEST_WAIT = timedelta(days=1)
ERROR_LENGTH = 500


def sender_id() -> str:
    """Who is sending: the host, the process and a random part (two senders never share one)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


def _due(moment: datetime) -> ColumnElement[bool]:
    table = OutboxMessage
    return or_(
        and_(table.status == PENDING, table.next_attempt_at <= moment),
        and_(table.status == SENDING, table.lease_until < moment),
    )


def anything_due(engine: Engine, moment: datetime) -> bool:
    """Whether a message is due (a read: a sender with nothing to do writes nothing)."""
    with engine.connect() as connection:
        found = connection.execute(select(OutboxMessage.id).where(_due(moment)).limit(1))
        return found.first() is not None


class _NothingDue(Exception):
    """Raised inside the claim's unit when another sender was quicker (nothing is written)."""


def claim(
    engine: Engine, actor: str, sender: str, moment: datetime, lease: timedelta
) -> Letter | None:
    """The next message due, now held by ``sender`` until ``moment + lease``; None when there
    is none (and then nothing is written, not even an audit row)."""
    table = OutboxMessage
    pick = (
        select(table.id)
        .where(_due(moment))
        .order_by(table.next_attempt_at, table.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    statement = (
        update(table)
        .where(table.id == pick, _due(moment))
        .values(
            status=SENDING,
            claimed_by=sender,
            lease_until=moment + lease,
            attempts=table.attempts + 1,
        )
        .returning(
            table.id,
            table.created_at,
            table.kind,
            table.recipient,
            table.recipient_name,
            table.language,
            table.subject,
            table.body,
            table.attempts,
        )
    )
    try:
        with transaction(engine, actor, "notification.claim", data=False) as unit:
            row = unit.connection.execute(statement).first()
            if row is None:
                raise _NothingDue
            unit.target = str(row.id)
            unit.details.update(sender=sender, attempt=row.attempts)
    except _NothingDue:
        return None
    return Letter(*row)


def _held(message_id: int, sender: str) -> ColumnElement[bool]:
    table = OutboxMessage
    return and_(table.id == message_id, table.status == SENDING, table.claimed_by == sender)


@operation("notification.sent", target=lambda message_id, *_: str(message_id), data=False)
def mark_sent(unit: Unit, message_id: int, sender: str, moment: datetime) -> bool:
    """The message was accepted by the server; False when it was no longer this sender's (its
    lease had ended and another sender took it over)."""
    done = unit.connection.execute(
        update(OutboxMessage)
        .where(_held(message_id, sender))
        .values(status=SENT, sent_at=moment, claimed_by=None, lease_until=None, last_error=None)
    )
    return bool(done.rowcount)


def backoff(attempts: int, first: timedelta) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: ``first``, doubling each time, at
    most a day."""
    wait: timedelta = first * 2 ** min(max(attempts - 1, 0), 20)
    return min(wait, LONGEST_WAIT)


@operation("notification.failed", target=lambda message_id, *_: str(message_id), data=False)
def mark_failed(
    unit: Unit,
    message_id: int,
    sender: str,
    moment: datetime,
    attempts: int,
    error: str,
    policy: tuple[int, timedelta],
) -> str | None:
    """An attempt failed: the message is due again after the backoff, or ``failed`` when it was
    the last attempt (``policy``: the most attempts, the first wait). Its new status, None when
    the message was no longer this sender's."""
    most, first = policy
    status = FAILED if attempts >= most else PENDING
    done = unit.connection.execute(
        update(OutboxMessage)
        .where(_held(message_id, sender))
        .values(
            status=status,
            next_attempt_at=moment + backoff(attempts, first),
            last_error=error[:ERROR_LENGTH],
            claimed_by=None,
            lease_until=None,
        )
    )
    unit.details.update(status=status, attempt=attempts)
    return status if done.rowcount else None


def policy(connection: Connection) -> tuple[int, timedelta]:
    """The store's retry policy: the most attempts per message and the first wait."""
    most = int(get_setting(connection, MAIL_MAX_ATTEMPTS))
    first = timedelta(seconds=int(get_setting(connection, MAIL_RETRY_SECONDS)))
    return most, first


@operation("notification.retry", target=lambda message_id, *_: str(message_id), data=False)
def retry(unit: Unit, message_id: int, moment: datetime) -> None:
    """Send a ``failed`` (or ``pending``) message at once, its attempts counted afresh."""
    table = OutboxMessage
    done = unit.connection.execute(
        update(table)
        .where(table.id == message_id, table.status.in_((FAILED, PENDING)))
        .values(status=PENDING, attempts=0, next_attempt_at=moment)
    )
    if done.rowcount:
        return
    status = unit.connection.execute(
        select(table.status).where(table.id == message_id)
    ).scalar_one_or_none()
    if status is None:
        raise NotificationError(_l("no message %(id)s in the outbox", id=message_id))
    raise NotificationError(
        _l(
            "message %(id)s is %(status)s: only a failed or pending one is retried",
            id=message_id,
            status=status,
        )
    )


@operation("notification.retry", target=lambda moment: "failed", data=False)
def retry_failed(unit: Unit, moment: datetime) -> int:
    """Send every ``failed`` message again (after an outage is over); how many."""
    table = OutboxMessage
    done = unit.connection.execute(
        update(table)
        .where(table.status == FAILED)
        .values(status=PENDING, attempts=0, next_attempt_at=moment)
    )
    return int(done.rowcount or 0)
