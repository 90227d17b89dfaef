"""Reads of the accounts: sessions, users, the audit log, server secrets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.exc import IntegrityError

from stdgap.accounts import passwords
from stdgap.accounts.models import ApiToken, User, UserSession, WebSecret
from stdgap.accounts.operations import create_secret, now
from stdgap.permissions import Account
from stdgap.store.audit import AuditEntry
from stdgap.store.models import Person

SYSTEM = "system"


def session_account(engine: Engine, token: str) -> Account | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(User.id, User.name, User.role)
            .join(UserSession, UserSession.user_id == User.id)
            .where(
                UserSession.id == passwords.digest(token),
                UserSession.expires_at > now(),
                User.active.is_(True),
            )
        ).first()
    return Account(row.id, row.name, row.role) if row else None


def list_users(engine: Engine, name: str | None = None) -> list[dict[str, Any]]:
    """The accounts (or the one named), with their last sign-in and how many sessions and
    usable API tokens each has."""
    moment = now()
    sessions = (
        select(func.count())
        .where(UserSession.user_id == User.id, UserSession.expires_at > moment)
        .scalar_subquery()
    )
    tokens = (
        select(func.count())
        .where(
            ApiToken.user_id == User.id,
            ApiToken.revoked_at.is_(None),
            or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > moment),
        )
        .scalar_subquery()
    )
    query = (
        select(
            User.name,
            User.role,
            User.active,
            User.created_at,
            User.last_sign_in_at,
            User.email,
            User.language,
            Person.person_id.label("person"),
            sessions.label("sessions"),
            tokens.label("tokens"),
        )
        .outerjoin(Person, Person.id == User.person_id)
        .order_by(User.name)
    )
    if name is not None:
        query = query.where(User.name == name)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        {
            "name": row.name,
            "role": row.role,
            "active": row.active,
            "created_at": row.created_at.isoformat(),
            "last_sign_in_at": row.last_sign_in_at.isoformat() if row.last_sign_in_at else None,
            "sessions": row.sessions,
            "tokens": row.tokens,
            "email": row.email,
            "language": row.language,
            "person": row.person,
        }
        for row in rows
    ]


def server_secret(engine: Engine, name: str = "csrf") -> str:
    """The named secret, made once per store and shared by every worker."""
    for _ in range(3):
        with engine.connect() as connection:
            value = connection.execute(
                select(WebSecret.value).where(WebSecret.name == name)
            ).scalar_one_or_none()
        if value is not None:
            return value
        try:
            return create_secret.perform(engine, SYSTEM, name)
        except IntegrityError:  # another worker made it first
            continue
    raise RuntimeError("could not read or create the server secret")


def audit_rows(
    engine: Engine, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """The audit log, newest first: (total rows, this page's rows)."""
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        rows = connection.execute(
            select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
        ).all()
    return total, [
        {
            "id": r.id,
            "at": r.at.isoformat(),
            "who": r.who,
            "action": r.action,
            "target": r.target,
            "details": r.details,
        }
        for r in rows
    ]
