"""Checking a password: signing in, and changing one's own password; both throttled
(:mod:`stdgap.accounts.throttle`) and audited, failures included.

An attempt first reads whether its name or its address must wait; if so it is refused at once,
its password unchecked and nothing written (a flood of refused attempts fills neither the store
nor the audit log; they go to the server's log). Otherwise one unit of work locks the counts of
the name and the address (so that attempts made at once in several workers are counted one after
the other), checks the password, and writes the outcome: a session and the audit row
``sign-in``, or the failure counted and the audit row ``sign-in failed`` (who: the name tried;
target: the client's address; details: why). A failure from which attempts wait is answered as
throttled too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, select, update

from stdgap.accounts import passwords, throttle
from stdgap.accounts.models import User
from stdgap.accounts.operations import NAME, RESERVED, now, open_session, set_own_password
from stdgap.permissions import Account
from stdgap.store.unit import transaction

log = logging.getLogger("stdgap.accounts")

#: Who the audit log names for an attempt with a name no account can have.
NOT_A_NAME = "(not a name)"
SIGN_IN = "sign-in"
SIGN_IN_FAILED = "sign-in failed"
PASSWORD_CHANGE = "user.password.change"
PASSWORD_CHANGE_FAILED = "user.password.change failed"


class Throttled(Exception):
    """Too many failures in a row: try again in ``wait`` seconds."""

    def __init__(self, wait: int) -> None:
        super().__init__(f"try again in {wait} s")
        self.wait = wait


class WrongCredentials(Exception):
    """The name or the password is wrong, or the account is disabled (the answer does not say
    which)."""


@dataclass(frozen=True)
class SignedIn:
    account: Account
    token: str


def sanitised(name: str) -> str | None:
    """The name tried, when it is one an account could have (not one the system acts under)."""
    tried = name.strip()
    return tried if NAME.fullmatch(tried) and tried.lower() not in RESERVED else None


def _refuse_if_waiting(engine: Engine, held: list[throttle.Key], who: str, address: str) -> None:
    with engine.connect() as connection:
        wait = throttle.waiting(connection, held, throttle.clock())
    if wait:
        log.info("sign-in by %r from %s refused: throttled for %s s", who, address, wait)
        raise Throttled(wait)


def sign_in(
    engine: Engine, name: str, password: str, address: str, lifetime: timedelta
) -> SignedIn:
    """A new session for valid credentials; :class:`Throttled` or :class:`WrongCredentials`."""
    tried = sanitised(name)
    who = tried or NOT_A_NAME
    held = throttle.keys(tried, address)
    _refuse_if_waiting(engine, held, who, address)
    signed_in: SignedIn | None = None
    with transaction(engine, who, SIGN_IN_FAILED, address, data=False) as unit:
        connection = unit.connection
        moment = throttle.clock()
        rule = throttle.rules(connection)
        throttle.hold(connection, held, moment)
        wait = throttle.waiting(connection, held, moment)
        if wait:  # another worker's attempt made it wait meanwhile: nothing is written
            raise Throttled(wait)
        row = (
            connection.execute(
                select(User.id, User.name, User.role, User.active, User.password_hash).where(
                    User.name == tried
                )
            ).first()
            if tried
            else None
        )
        right = passwords.verify(row.password_hash if row else None, password)
        if row is not None and right and row.active:
            account = Account(row.id, row.name, row.role)
            throttle.succeed(connection, held)
            changes: dict[str, object] = {"last_sign_in_at": now()}
            if passwords.needs_rehash(row.password_hash):
                changes["password_hash"] = passwords.hash_password(password)
            connection.execute(update(User).where(User.id == row.id).values(**changes))
            signed_in = SignedIn(account, open_session(unit, account, lifetime))
            unit.action = SIGN_IN
        else:
            if tried is None:
                reason = "not a name"
            elif row is None:
                reason = "unknown name"
            elif not right:
                reason = "wrong password"
            else:
                reason = "account disabled"
            wait = throttle.fail(connection, held, moment, rule)
            unit.details.update(
                reason=reason,
                failures={kind: throttle.failures(connection, (kind, key)) for kind, key in held},
                **({"wait_seconds": wait} if wait else {}),
            )
            if tried is None:
                unit.details["name"] = ascii(name[:100])
    if signed_in is None:
        if wait:
            raise Throttled(wait)
        raise WrongCredentials()
    return signed_in


def change_own_password(
    engine: Engine, account: Account, current: str, new: str, keep: str | None, address: str
) -> None:
    """Change ``account``'s password given the current one (throttled and counted like a
    sign-in); the other sessions end. :class:`WrongCredentials` when ``current`` is wrong,
    :class:`~stdgap.accounts.errors.AccountError` when ``new`` is refused."""
    held = throttle.keys(account.name, address)
    _refuse_if_waiting(engine, held, account.name, address)
    wrong = False
    with transaction(engine, account.name, PASSWORD_CHANGE, account.name, data=False) as unit:
        connection = unit.connection
        moment = throttle.clock()
        rule = throttle.rules(connection)
        throttle.hold(connection, held, moment)
        wait = throttle.waiting(connection, held, moment)
        if wait:
            raise Throttled(wait)
        stored = connection.execute(
            select(User.password_hash).where(User.id == account.id, User.active.is_(True))
        ).scalar_one_or_none()
        if passwords.verify(stored, current):
            throttle.succeed(connection, held)
            set_own_password(unit, account, current, new, keep)
        else:
            wrong = True
            wait = throttle.fail(connection, held, moment, rule)
            unit.action = PASSWORD_CHANGE_FAILED
            unit.details.update(reason="wrong current password", address=address)
    if wrong:
        if wait:
            raise Throttled(wait)
        raise WrongCredentials()
