"""Writes of the accounts: users, roles, sessions, server secrets; each through the write door.

Passwords are hashed with Argon2id; a session is a random token held by the browser's cookie,
of which the store keeps only the SHA-256, so a copy of the database opens no session. None of
these writes changes the data the indicators read (``data=False``).
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from stdgap.accounts import passwords
from stdgap.accounts.models import User, UserSession, WebSecret
from stdgap.permissions import ROLES, Account
from stdgap.store.unit import Unit, operation

MIN_PASSWORD = 8
#: What a sign-in name may be: no spaces, no markup, no ':' (so none looks like "cli:root").
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
#: Names the system itself acts under in the audit log.
RESERVED = frozenset({"system", "demo", "test", "bench"})


class AccountError(ValueError):
    """A request about accounts that cannot be honoured (unknown role, taken name …)."""


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")


@operation("user.add", data=False)
def add_user(unit: Unit, name: str, role: str, password: str) -> Account:
    """Add an account (the password kept as an Argon2 hash)."""
    _check_role(role)
    name = name.strip()
    if not NAME.fullmatch(name):
        raise AccountError(
            "a name has 1 to 100 letters, digits and . _ @ -, and starts with a letter or digit"
        )
    if name.lower() in RESERVED:
        raise AccountError(f"the name {name!r} is reserved")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    taken = unit.connection.execute(select(User.id).where(User.name == name)).first()
    if taken is not None:
        raise AccountError(f"a user named {name!r} exists already")
    try:
        user_id = unit.connection.execute(
            insert(User)
            .values(
                name=name,
                role=role,
                password_hash=passwords.hash_password(password),
                active=True,
                created_at=now(),
            )
            .returning(User.id)
        ).scalar_one()
    except IntegrityError:  # made at the same moment by another writer
        raise AccountError(f"a user named {name!r} exists already") from None
    unit.details["role"] = role
    return Account(user_id, name, role)


@operation("user.role", data=False)
def set_role(unit: Unit, name: str, role: str) -> None:
    _check_role(role)
    done = unit.connection.execute(update(User).where(User.name == name).values(role=role))
    if not done.rowcount:
        raise AccountError(f"no user named {name!r}")
    unit.details["role"] = role


@operation("session.open", target=lambda account, lifetime: account.name, data=False)
def open_session(unit: Unit, account: Account, lifetime: timedelta) -> str:
    """A new session for ``account``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    moment = now()
    unit.connection.execute(delete(UserSession).where(UserSession.expires_at < moment))
    unit.connection.execute(
        insert(UserSession).values(
            id=passwords.digest(token),
            user_id=account.id,
            created_at=moment,
            expires_at=moment + lifetime,
        )
    )
    return token


@operation("session.close", target=lambda token: None, data=False)
def close_session(unit: Unit, token: str) -> None:
    unit.connection.execute(delete(UserSession).where(UserSession.id == passwords.digest(token)))


@operation("secret.create", data=False)
def create_secret(unit: Unit, name: str) -> str:
    """Make the named server secret (the caller checked that it is missing)."""
    value = secrets.token_hex(32)
    unit.connection.execute(insert(WebSecret).values(name=name, value=value))
    return value
