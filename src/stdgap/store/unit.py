"""The one door every write goes through: a unit of work.

``with transaction(engine, actor, action, target) as unit:`` opens one transaction; the
operation writes through ``unit.connection``; when the block ends without an error, the same
transaction gets the audit row (who, what, on what, how many rows) and, for a write to the data
the indicators read, a new data version; then it commits. On an error nothing is written, the
audit row included.

Operations are plain functions whose first argument is the unit. :func:`operation` names the
audited action of such a function once, so that the CLI and the web perform it alike:
``add_call.perform(engine, actor, "F-1", …)``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, event, insert

from stdgap.store import changes
from stdgap.store.audit import AuditEntry
from stdgap.store.version import bump_data_version

P = ParamSpec("P")
R = TypeVar("R")

#: Key of ``Connection.info`` under which a unit counts the rows written through it.
ROWS_KEY = "stdgap_rows"
SEEN_KEY = "stdgap_counted"
_DML = re.compile(r'^\s*(insert\s+into|update|delete\s+from)\s+"?(\w+)"?', re.IGNORECASE)
_VERBS = {"insert": "inserted", "update": "updated", "delete": "deleted"}
#: Longest text kept of a target in the audit log.
TARGET_LENGTH = 500


@dataclass
class Unit:
    """One write in progress: its connection, who is acting, and what the audit row will say."""

    connection: Connection
    actor: str
    action: str
    target: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    #: Whether the write changes data that derived caches (the indicators') read.
    changes_data: bool = True
    #: The data version this write makes (None for a write of no data).
    version: str | None = None

    @property
    def rows(self) -> dict[str, Counter[str]]:
        """Rows written so far, by verb (inserted, updated, deleted) and table."""
        counted: dict[str, Counter[str]] = self.connection.info.setdefault(ROWS_KEY, {})
        return counted

    def count(self, verb: str, table: str, rows: int) -> None:
        """Record rows written other than through SQLAlchemy (e.g. PostgreSQL COPY)."""
        self.rows.setdefault(verb, Counter())[table] += rows


def count_rows(connection: Connection, verb: str, table: str, rows: int) -> None:
    """Count ``rows`` written to ``table`` in the unit that owns ``connection`` (if any)."""
    counted = connection.info.get(ROWS_KEY)
    if counted is not None:
        counted.setdefault(verb, Counter())[table] += rows


def _counter(
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    found = _DML.match(statement)
    if found is None:
        return
    verb = _VERBS[found.group(1).split()[0].lower()]
    rows = cursor.rowcount if cursor.rowcount is not None else -1
    returning = "RETURNING" in statement.upper()
    if rows <= 0 and returning and verb == "inserted" and getattr(context, "compiled", None):
        # a write … RETURNING whose rows are not fetched yet (SQLite): one row per parameter
        # set of the statement, counted once however many batches it is sent in
        seen: set[int] = connection.info.setdefault(SEEN_KEY, set())
        if id(context) in seen:
            return
        seen.add(id(context))
        rows = len(context.compiled_parameters or [None])
    if rows >= 0:
        count_rows(connection, verb, found.group(2), rows)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _before_commit(unit: Unit) -> None:
    """Called with the audit row written, just before the commit (a seam for fault tests)."""


_committed_hooks: list[Callable[[Engine, Unit], None]] = []


def when_committed(hook: Callable[[Engine, Unit], None]) -> None:
    """Call ``hook(engine, unit)`` after every write of this process commits (caches that must
    see the write at once register here)."""
    if hook not in _committed_hooks:
        _committed_hooks.append(hook)


@contextmanager
def transaction(
    engine: Engine,
    actor: str,
    action: str,
    target: str | None = None,
    data: bool = True,
    checked_references: bool = False,
) -> Iterator[Unit]:
    """One audited write (see the module's documentation). ``data=False`` for writes that no
    derived data depends on (accounts, sessions): the data version stays.
    ``checked_references``: the operation checks every reference it writes against the rows
    stored (an import: an unknown id is a row error), so SQLite's per-row foreign-key lookups
    are left out of this transaction (on PostgreSQL the import decides, set-based)."""
    with engine.connect() as connection:
        connection.info[ROWS_KEY] = {}
        unchecked = checked_references and connection.dialect.name == "sqlite"
        if unchecked:
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                version = _take_write_lock(connection) if data else None
                event.listen(connection, "after_cursor_execute", _counter)
                unit = Unit(connection, actor, action, target, changes_data=data, version=version)
                yield unit
                event.remove(connection, "after_cursor_execute", _counter)
                _finish(unit)
        finally:
            if event.contains(connection, "after_cursor_execute", _counter):
                event.remove(connection, "after_cursor_execute", _counter)
            connection.info.pop(ROWS_KEY, None)
            connection.info.pop(SEEN_KEY, None)
            if unchecked:
                _foreign_keys(connection, on=True)
    for hook in _committed_hooks:
        hook(engine, unit)


def _foreign_keys(connection: Connection, on: bool) -> None:
    """SQLite's foreign-key enforcement of this connection on or off (outside a transaction:
    the pragma does nothing within one)."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


#: The PostgreSQL advisory lock that data writes hold for their whole transaction.
WRITE_LOCK = 0x57D6A9


def _take_write_lock(connection: Connection) -> str:
    """Data writes, one at a time: what a write reads (a person's fellowships this year, the
    ids an import maps to) cannot change under it before it commits. PostgreSQL: a transaction
    advisory lock; SQLite: the first statement of the transaction is a write (the new data
    version), which takes the database's write lock at once. Writes wait for each other (up to
    SQLite's busy timeout); reads never wait. The new data version."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    return bump_data_version(connection)


def _finish(unit: Unit) -> None:
    """The audit row and, for a data write, the new data version; then the seam before commit."""
    connection = unit.connection
    rows = {
        verb: {table: n for table, n in tables.items() if n}
        for verb, tables in unit.rows.items()
        if any(tables.values())
    }
    details = {**unit.details, **({"rows": rows} if rows else {})}
    if unit.version is not None:
        written = {table for tables in rows.values() for table in tables}
        changes.record_write(connection, unit.version, written)
    connection.execute(
        insert(AuditEntry).values(
            at=_now(),
            who=unit.actor[:100],
            action=unit.action[:50],
            target=unit.target[:TARGET_LENGTH] if unit.target else None,
            details=details or None,
        )
    )
    _before_commit(unit)


class Operation(Generic[P, R]):
    """A write operation: a function of a unit, with the action it is audited as."""

    def __init__(
        self,
        function: Callable[Concatenate[Unit, P], R],
        action: str,
        target: Callable[P, str | None] | None,
        data: bool,
        checked_references: bool = False,
    ) -> None:
        self.function = function
        self.action = action
        self.target = target
        self.data = data
        self.checked_references = checked_references
        self.__doc__ = function.__doc__
        self.__name__ = function.__name__

    def __call__(self, unit: Unit, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run inside a unit already open (an operation made of several)."""
        return self.function(unit, *args, **kwargs)

    def perform(self, engine: Engine, actor: str, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run in a unit of its own: one transaction, one audit row."""
        target = self.target(*args, **kwargs) if self.target else None
        with transaction(
            engine, actor, self.action, target, self.data, self.checked_references
        ) as unit:
            return self.function(unit, *args, **kwargs)


def operation(
    action: str,
    target: Callable[..., str | None] | None = None,
    data: bool = True,
    checked_references: bool = False,
) -> Callable[[Callable[Concatenate[Unit, P], R]], Operation[P, R]]:
    """Declare a write operation audited as ``action``; ``target`` names what it writes on from
    the operation's arguments (default: its first argument after the unit, when a string);
    ``checked_references``: see :func:`transaction`."""

    def declare(function: Callable[Concatenate[Unit, P], R]) -> Operation[P, R]:
        return Operation(function, action, target or _first_text, data, checked_references)

    return declare


def _first_text(*args: Any, **_kwargs: Any) -> str | None:
    return args[0] if args and isinstance(args[0], str) else None
