"""Writes of the accounts: users, roles, passwords, sessions, server secrets; each through the
write door.

Passwords are hashed with Argon2id and must pass the password policy
(:mod:`stdgap.accounts.policy`); a session is a random token held by the browser's cookie, of
which the store keeps only the SHA-256, so a copy of the database opens no session. None of these
writes changes the data the indicators read (``data=False``).
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from stdgap.accounts import passwords, policy, throttle
from stdgap.accounts.errors import AccountError
from stdgap.accounts.models import ApiToken, User, UserSession, WebSecret
from stdgap.i18n.translate import _l
from stdgap.permissions import ADMIN, ROLES, Account
from stdgap.store.models import Person
from stdgap.store.settings import PASSWORD_MIN_LENGTH, get_setting
from stdgap.store.unit import Unit, operation

__all__ = ["AccountError"]

#: What a sign-in name may be: no spaces, no markup, no ':' (so none looks like "cli:root").
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
#: Names the system itself acts under in the audit log.
RESERVED = frozenset({"system", "demo", "test", "bench"})


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(
            _l("role must be one of %(roles)s, not %(role)r", roles=", ".join(ROLES), role=role)
        )


def check_password(connection: Connection, password: str, name: str, role: str) -> None:
    """Refuse a password the policy does not allow (the store's minimum length)."""
    policy.check(password, name, role, int(get_setting(connection, PASSWORD_MIN_LENGTH)))


def _user(connection: Connection, name: str) -> tuple[int, str, bool]:
    """(id, role, active) of the user ``name``; :class:`AccountError` when there is none."""
    row = connection.execute(
        select(User.id, User.role, User.active).where(User.name == name)
    ).first()
    if row is None:
        raise AccountError(_l("no user named %(name)r", name=name))
    return row.id, row.role, row.active


@operation("user.add", data=False)
def add_user(unit: Unit, name: str, role: str, password: str) -> Account:
    """Add an account (the password kept as an Argon2 hash)."""
    _check_role(role)
    name = name.strip()
    if not NAME.fullmatch(name):
        raise AccountError(
            _l("a name has 1 to 100 letters, digits and . _ @ -, and starts with a letter or digit")
        )
    if name.lower() in RESERVED:
        raise AccountError(_l("the name %(name)r is reserved", name=name))
    taken = unit.connection.execute(select(User.id).where(User.name == name)).first()
    if taken is not None:
        raise AccountError(_l("a user named %(name)r exists already", name=name))
    check_password(unit.connection, password, name, role)
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
        raise AccountError(_l("a user named %(name)r exists already", name=name)) from None
    unit.details["role"] = role
    return Account(user_id, name, role)


@operation("user.contact", data=False)
def set_contact(unit: Unit, name: str, email: str | None, language: str | None) -> None:
    """Set where a user's notifications go (``""`` removes the address) and their language."""
    from stdgap.accounts.contact import valid_address
    from stdgap.i18n.locales import listed

    user_id, _, _ = _user(unit.connection, name)
    changes: dict[str, str | None] = {}
    if email is not None:
        email = email.strip()
        if email and not valid_address(email):
            raise AccountError(_l("%(email)r is not an e-mail address", email=email))
        changes["email"] = email or None
        unit.details["email"] = "set" if email else "removed"
    if language is not None:
        codes = [found.code for found in listed()]
        if language not in codes:
            raise AccountError(
                _l(
                    "language %(language)r: use one of %(codes)s",
                    language=language,
                    codes=", ".join(codes),
                )
            )
        changes["language"] = language
        unit.details["language"] = language
    if changes:
        unit.connection.execute(update(User).where(User.id == user_id).values(**changes))


@operation("user.person")
def link_person(unit: Unit, name: str, person: str | None) -> None:
    """Link the user ``name`` to the registry's person ``person`` (their source id; None or
    ``""`` removes the link). A data write: the forum's experts and the country of an asker
    (its indicators) follow the link."""
    user_id, _, _ = _user(unit.connection, name)
    person_pk: int | None = None
    if person:
        person_pk = unit.connection.execute(
            select(Person.id).where(Person.person_id == person.strip())
        ).scalar_one_or_none()
        if person_pk is None:
            raise AccountError(_l("no person %(person)r in the registry", person=person))
    unit.connection.execute(update(User).where(User.id == user_id).values(person_id=person_pk))
    unit.details["person"] = person.strip() if person else None


@operation("user.role", data=False)
def set_role(unit: Unit, name: str, role: str) -> None:
    _check_role(role)
    _, current, active = _user(unit.connection, name)
    if current == ADMIN and role != ADMIN and active and _active_admins(unit.connection) <= 1:
        raise AccountError(
            _l("%(name)r is the last active admin: make another admin first", name=name)
        )
    unit.connection.execute(update(User).where(User.name == name).values(role=role))
    unit.details["role"] = role


def end_sessions_of(connection: Connection, user_id: int, keep: str | None = None) -> int:
    """End the sessions of a user (but the one whose token is ``keep``); how many ended."""
    query = delete(UserSession).where(UserSession.user_id == user_id)
    if keep is not None:
        query = query.where(UserSession.id != passwords.digest(keep))
    return int(connection.execute(query).rowcount or 0)


@operation("user.disable", data=False)
def disable_user(unit: Unit, name: str) -> None:
    """Disable an account: it cannot sign in, its sessions end, its API tokens are revoked."""
    user_id, role, active = _user(unit.connection, name)
    if unit.actor == name:
        raise AccountError(_l("you cannot disable your own account"))
    if role == ADMIN and active and _active_admins(unit.connection) <= 1:
        raise AccountError(_l("%(name)r is the last active admin", name=name))
    unit.connection.execute(update(User).where(User.id == user_id).values(active=False))
    unit.details["sessions_ended"] = end_sessions_of(unit.connection, user_id)
    revoked = unit.connection.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now())
    )
    unit.details["tokens_revoked"] = int(revoked.rowcount or 0)


def _active_admins(connection: Connection) -> int:
    return int(
        connection.execute(
            select(func.count()).where(User.role == ADMIN, User.active.is_(True))
        ).scalar_one()
    )


@operation("user.enable", data=False)
def enable_user(unit: Unit, name: str) -> None:
    """Let a disabled account sign in again (its revoked tokens stay revoked)."""
    user_id, _role, _active = _user(unit.connection, name)
    unit.connection.execute(update(User).where(User.id == user_id).values(active=True))


@operation("user.password.reset", data=False)
def reset_password(unit: Unit, name: str, password: str) -> None:
    """Set a user's password (an admin's reset): their sessions end and the count of failed
    sign-ins for their name starts again. Their API tokens stay (revoke them if need be)."""
    user_id, role, _active = _user(unit.connection, name)
    check_password(unit.connection, password, name, role)
    unit.connection.execute(
        update(User)
        .where(User.id == user_id)
        .values(password_hash=passwords.hash_password(password))
    )
    unit.details["sessions_ended"] = end_sessions_of(unit.connection, user_id)
    throttle.clear(unit.connection, (throttle.NAME, name))


def set_own_password(
    unit: Unit, account: Account, current: str, new: str, keep: str | None
) -> None:
    """Write a user's new password, the current one having been checked (by
    :func:`stdgap.accounts.signin.change_own_password`); their other sessions end (all but the
    one whose token is ``keep``)."""
    check_password(unit.connection, new, account.name, account.role)
    if current == new:
        raise AccountError(_l("the new password is the current one"))
    unit.connection.execute(
        update(User).where(User.id == account.id).values(password_hash=passwords.hash_password(new))
    )
    unit.details["sessions_ended"] = end_sessions_of(unit.connection, account.id, keep)


@operation("user.sessions.end", data=False)
def end_sessions(unit: Unit, name: str) -> int:
    """End every session of the user ``name`` (signed out everywhere); how many ended."""
    user_id, _role, _active = _user(unit.connection, name)
    ended = end_sessions_of(unit.connection, user_id)
    unit.details["sessions_ended"] = ended
    return ended


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
