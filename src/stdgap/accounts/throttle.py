"""Throttling of sign-ins: failed sign-ins in a row are counted in the store, for the name tried
and for the client's address, so that every worker process sees the same counts.

From the failure numbered by the store setting ``sign_in_throttle_from`` (10 by default), the next
attempt for that name, or from that address, must wait: 1 second after that failure, doubling
with each further one, up to ``sign_in_wait_max_seconds`` (15 minutes by default). While a name
or an address waits, its attempts are refused without checking the password. A successful sign-in
clears the name's count (not the address's: a guesser holding an account of their own could
otherwise clear it); a count is forgotten after a quiet time without failures (an hour, or twice
the longest wait when that is longer).

A name is slowed, never locked: the longest wait is a setting, so an attacker cannot shut a
user out for more than that after their last failure.

Times are in UTC, with microseconds; these functions run inside a sign-in's unit of work.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Insert, and_, delete, or_, select, tuple_, update

from stdgap.accounts.models import SignInFailure
from stdgap.store.settings import SIGN_IN_THROTTLE_FROM, SIGN_IN_WAIT_MAX, get_setting

NAME = "name"
ADDRESS = "address"
#: (kind, key): a sign-in name or a client address.
Key = tuple[str, str]
KEY_LENGTH = 100


@dataclass(frozen=True)
class Rules:
    """From which failure attempts wait, and the longest wait (seconds)."""

    start: int = 10
    longest: int = 900

    @property
    def quiet(self) -> timedelta:
        """How long without a failure before a count starts again."""
        return max(timedelta(hours=1), 2 * timedelta(seconds=self.longest))

    def wait_after(self, failures: int) -> int:
        """Seconds to wait after the ``failures``-th failure in a row."""
        if failures < self.start:
            return 0
        return int(min(2 ** min(failures - self.start, 40), self.longest))


def rules(connection: Connection) -> Rules:
    return Rules(
        int(get_setting(connection, SIGN_IN_THROTTLE_FROM)),
        int(get_setting(connection, SIGN_IN_WAIT_MAX)),
    )


def clock() -> datetime:
    """Now, in UTC (a seam for tests)."""
    return datetime.now(UTC).replace(tzinfo=None)


def keys(name: str | None, address: str) -> list[Key]:
    """The counts an attempt touches, in the order they are locked (names first)."""
    found = [(NAME, name[:KEY_LENGTH])] if name else []
    return [*found, (ADDRESS, (address or "unknown")[:KEY_LENGTH])]


def waiting(connection: Connection, held: Sequence[Key], moment: datetime) -> int:
    """Whole seconds until the attempt may be made (0: now)."""
    until = connection.execute(
        select(SignInFailure.locked_until).where(
            or_(*(_is(key) for key in held)), SignInFailure.locked_until > moment
        )
    ).scalars()
    longest = max(((u - moment).total_seconds() for u in until if u is not None), default=0.0)
    return math.ceil(longest)


def hold(connection: Connection, held: Sequence[Key], moment: datetime) -> None:
    """Make the counts exist and lock them until the end of the transaction (one attempt at a
    time per name and per address; on SQLite the first write takes the database's lock)."""
    for kind, key in held:
        connection.execute(
            _insert_missing(connection).values(
                kind=kind, key=key, failures=0, last_failure=moment, locked_until=None
            )
        )
        connection.execute(select(SignInFailure.kind).where(_is((kind, key))).with_for_update())


def fail(connection: Connection, held: Sequence[Key], moment: datetime, rule: Rules) -> int:
    """Count a failure for every key; the seconds the next attempt must wait."""
    longest = 0
    for key in held:
        row = connection.execute(
            select(SignInFailure.failures, SignInFailure.last_failure).where(_is(key))
        ).one()
        failures = 1 if row.last_failure < moment - rule.quiet else row.failures + 1
        wait = rule.wait_after(failures)
        connection.execute(
            update(SignInFailure)
            .where(_is(key))
            .values(
                failures=failures,
                last_failure=moment,
                locked_until=moment + timedelta(seconds=wait) if wait else None,
            )
        )
        longest = max(longest, wait)
    forget(connection, moment, rule)
    return longest


def failures(connection: Connection, key: Key) -> int:
    found = connection.execute(select(SignInFailure.failures).where(_is(key))).scalar()
    return int(found or 0)


def clear(connection: Connection, key: Key) -> None:
    """Start the count of ``key`` again (a password reset)."""
    connection.execute(delete(SignInFailure).where(_is(key)))


def succeed(connection: Connection, held: Sequence[Key]) -> None:
    """After a successful attempt: the name's count starts again; counts held without failures
    (made by :func:`hold`) are dropped."""
    for key in held:
        connection.execute(
            delete(SignInFailure).where(
                _is(key), or_(SignInFailure.kind == NAME, SignInFailure.failures == 0)
            )
        )


def forget(connection: Connection, moment: datetime, rule: Rules) -> None:
    """Drop the counts quiet for long enough and not waiting, but those another attempt holds
    (PostgreSQL: skipped, so two attempts never wait for each other)."""
    stale = (
        select(SignInFailure.kind, SignInFailure.key)
        .where(
            SignInFailure.last_failure < moment - rule.quiet,
            or_(SignInFailure.locked_until.is_(None), SignInFailure.locked_until < moment),
        )
        .with_for_update(skip_locked=True)
    )
    connection.execute(
        delete(SignInFailure).where(tuple_(SignInFailure.kind, SignInFailure.key).in_(stale))
    )


def _is(key: Key) -> ColumnElement[bool]:
    return and_(SignInFailure.kind == key[0], SignInFailure.key == key[1])


def _insert_missing(connection: Connection) -> Insert:
    """``INSERT … ON CONFLICT DO NOTHING`` for this connection's database."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(SignInFailure).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(SignInFailure).on_conflict_do_nothing()
