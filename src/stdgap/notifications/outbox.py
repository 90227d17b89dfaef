"""Queueing e-mail: in the caller's unit of work, so a message exists only if its write does.

The subject and body are messages marked with ``N_`` (so that ``pybabel extract`` finds them),
translated into the recipient's language and filled with ``params`` when queued::

    notify_user(unit, user_id, "fellowship.decided",
                N_("Your fellowship application for %(meeting)s"),
                N_("Dear %(name)s,\\n\\nyour application ... %(decision)s ..."),
                meeting="SG17", decision=...)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from stdgap.accounts.contact import valid_address
from stdgap.accounts.models import User
from stdgap.i18n.catalogues import translations
from stdgap.i18n.locales import SOURCE, supported
from stdgap.i18n.translate import gettext, use
from stdgap.notifications.models import PENDING, OutboxMessage
from stdgap.store.unit import Unit


class NotificationError(ValueError):
    """A recipient that cannot be written to (a malformed address)."""


def now() -> datetime:
    return datetime.now().replace(microsecond=0)  # local time, as the accounts' times


def notify_address(
    unit: Unit,
    address: str,
    name: str,
    language: str | None,
    kind: str,
    subject: str,
    body: str,
    /,
    **params: Any,
) -> int:
    """Queue an e-mail to ``address``; its id. ``subject`` and ``body`` are translated into
    ``language`` (English when it is not one of the pages' languages) and filled from ``params``
    (the arguments before them are positional, so a placeholder may be called ``name``)."""
    address = address.strip()
    if not valid_address(address):
        raise NotificationError(f"not an e-mail address: {address!r}")
    found = supported(language or SOURCE)
    code = found.code if found is not None else SOURCE
    if translations(code).gettext(body) == body:
        code = SOURCE  # no translation of this message yet: it goes, and says it goes, in English
    with use(code):
        subject_text = gettext(subject, **params).replace("\r", " ").replace("\n", " ")
        body_text = gettext(body, **params)
    moment = now()
    message_id: int = unit.connection.execute(
        insert(OutboxMessage)
        .values(
            created_at=moment,
            kind=kind,
            recipient=address,
            recipient_name=name[:200],
            language=code,
            subject=subject_text[:300],
            body=body_text,
            status=PENDING,
            attempts=0,
            next_attempt_at=moment,
        )
        .returning(OutboxMessage.id)
    ).scalar_one()
    return message_id


def notify_user(
    unit: Unit, user_id: int, kind: str, subject: str, body: str, /, **params: Any
) -> int | None:
    """Queue an e-mail to a user, in the user's language; None when the user has no address or
    is disabled (nothing to send)."""
    row = unit.connection.execute(
        select(User.name, User.email, User.language, User.active).where(User.id == user_id)
    ).first()
    if row is None or not row.email or not row.active:
        return None
    filled = {"name": row.name, **params}
    return notify_address(unit, row.email, row.name, row.language, kind, subject, body, **filled)
