"""Accounts, sessions and the audit log: the one door every write of the web goes through.

Passwords are hashed with Argon2id; a session is a random token held by the browser's cookie,
of which the store keeps only the SHA-256, so a copy of the database opens no session.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from stdgap.web.models import ROLES, AuditEntry, User, UserSession, WebSecret

_hasher = PasswordHasher()
#: Hash checked when the name is unknown, so that a wrong name costs the time of a wrong password.
_DUMMY = _hasher.hash("not a password")

#: What each role may do; a role holds every capability of the roles below it.
CAPABILITIES: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read"}),
    "officer": frozenset({"read", "track"}),
    "analyst": frozenset({"read", "track", "import", "small_cells"}),
    "admin": frozenset({"read", "track", "import", "small_cells", "admin"}),
}


class AccountError(ValueError):
    """A request about accounts that cannot be honoured (unknown role, taken name …)."""


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str

    def can(self, capability: str) -> bool:
        return capability in CAPABILITIES.get(self.role, frozenset())


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def audit(
    connection: Connection,
    who: str,
    action: str,
    target: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Record a write in the audit log (in the caller's transaction)."""
    connection.execute(
        insert(AuditEntry).values(at=_now(), who=who, action=action, target=target, details=details)
    )


@contextmanager
def write(
    engine: Engine, who: str, action: str, target: str | None = None
) -> Iterator[tuple[Connection, dict[str, Any]]]:
    """One write: a transaction whose audit row commits with it (details filled by the caller)."""
    details: dict[str, Any] = {}
    with engine.begin() as connection:
        yield connection, details
        audit(connection, who, action, target, details or None)


def add_user(engine: Engine, name: str, role: str, password: str, who: str = "cli") -> Account:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError("the name must have 1 to 100 characters")
    if len(password) < 8:
        raise AccountError("the password must have at least 8 characters")
    try:
        with write(engine, who, "user.add", name) as (connection, details):
            user_id = connection.execute(
                insert(User)
                .values(
                    name=name,
                    role=role,
                    password_hash=_hasher.hash(password),
                    active=True,
                    created_at=_now(),
                )
                .returning(User.id)
            ).scalar_one()
            details["role"] = role
    except IntegrityError:
        raise AccountError(f"a user named {name!r} exists already") from None
    return Account(user_id, name, role)


def list_users(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(User.name, User.role, User.active, User.created_at).order_by(User.name)
        ).all()
    return [{"name": n, "role": r, "active": a, "created_at": c.isoformat()} for n, r, a, c in rows]


def authenticate(engine: Engine, name: str, password: str) -> Account | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(User.id, User.name, User.role, User.password_hash).where(
                User.name == name.strip(), User.active.is_(True)
            )
        ).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return Account(row.id, row.name, row.role) if row else None


def open_session(engine: Engine, account: Account, lifetime: timedelta) -> str:
    """A new session for ``account``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with write(engine, account.name, "session.open") as (connection, _):
        connection.execute(delete(UserSession).where(UserSession.expires_at < now))
        connection.execute(
            insert(UserSession).values(
                id=_digest(token), user_id=account.id, created_at=now, expires_at=now + lifetime
            )
        )
    return token


def session_account(engine: Engine, token: str) -> Account | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(User.id, User.name, User.role)
            .join(UserSession, UserSession.user_id == User.id)
            .where(
                UserSession.id == _digest(token),
                UserSession.expires_at > _now(),
                User.active.is_(True),
            )
        ).first()
    return Account(row.id, row.name, row.role) if row else None


def close_session(engine: Engine, token: str, who: str) -> None:
    with write(engine, who, "session.close") as (connection, _):
        connection.execute(delete(UserSession).where(UserSession.id == _digest(token)))


def set_role(engine: Engine, name: str, role: str, who: str = "cli") -> None:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    with write(engine, who, "user.role", name) as (connection, details):
        done = connection.execute(update(User).where(User.name == name).values(role=role))
        if not done.rowcount:
            raise AccountError(f"no user named {name!r}")
        details["role"] = role


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
            with engine.begin() as connection:
                connection.execute(insert(WebSecret).values(name=name, value=secrets.token_hex(32)))
        except IntegrityError:  # another worker made it first
            continue
    raise RuntimeError("could not read or create the server secret")


def audit_rows(
    engine: Engine, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    from sqlalchemy import func

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
