"""The log of changes the indicator engine's cache follows to stay current without a rebuild.

Triggers (migration 0023) log, for every row written to a table the indicators read, the table
and a key: an attendance row's (meeting, person, member) — or only its meeting, for a statement
of more than :data:`COARSE_ROWS` rows, standing for all the meeting's rows — the contribution
of a contribution's source, the row's own id otherwise. Each data write
(:mod:`stdgap.store.unit`) then records, in its own transaction, a numbered entry in
``fact_writes``: its data version, the last change it logged and the tables it wrote. Data
writes are serialised (the write lock), so the numbers follow the order of commits and the
changes of write *n* are those after write *n - 1*'s last one.

A cache built at write *n* brings itself to write *m* by reading the keys logged in between
(:func:`changes_between`); when the entries in between are gone (pruned after
:data:`KEEP_WRITES` writes, or a restore cleared them) it rebuilds from the tables.

Bulk writes may suspend the row triggers of a table on SQLite (:func:`suspended`), where a
trigger fires once per row, and log the keys they wrote themselves (:func:`log_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select

from stdgap.store.models import FactChange, FactWrite, table_of

#: Each logged table and the column whose value its changes are logged by (for attendance: the
#: coarse key, standing for every row of the meeting; :data:`ROW_KEYS` the exact one).
LOGGED = {
    "attendance": "meeting_id",
    "meetings": "id",
    "groups": "id",
    "members": "id",
    "people": "id",
    "contributions": "id",
    "contribution_sources": "contribution_id",
    "roles": "id",
    "classifications": "id",
}
#: Tables whose rows are logged by a key of several columns.
ROW_KEYS = {"attendance": ("meeting_id", "person_id", "member_id")}
#: A write of more rows than this to a table of :data:`ROW_KEYS` logs the coarse keys.
COARSE_ROWS = 20_000
_EVENTS = ("insert", "update", "delete")
#: Tables a write touches whatever it does: not news to a cache.
_BOOKKEEPING = frozenset({"settings", "audit_log", "fact_changes", "fact_writes"})
#: How many writes the log keeps; a cache further behind rebuilds.
KEEP_WRITES = 200
_CHANGES = table_of(FactChange)
_WRITES = table_of(FactWrite)


@dataclass(frozen=True)
class Changes:
    """What the writes after one point in the store's history changed."""

    #: The logged keys, by table (for a table of :data:`ROW_KEYS`, the coarse ones).
    keys: dict[str, set[int]]
    #: The exact keys of rows of the tables of :data:`ROW_KEYS`.
    rows: dict[str, set[tuple[int, ...]]]
    #: Every table written (logged or not).
    tables: frozenset[str]
    #: The number of the last write included.
    seq: int


def record_write(connection: Connection, version: str, tables: Iterable[str]) -> int:
    """Record the write now in ``connection``'s transaction (its data ``version`` and the
    ``tables`` it wrote) and prune the log; the write's number."""
    seq = int(connection.execute(select(func.coalesce(func.max(_WRITES.c.seq), 0))).scalar_one())
    seq += 1
    last = connection.execute(select(func.coalesce(func.max(_CHANGES.c.id), 0))).scalar_one()
    written = ",".join(sorted(set(tables) - _BOOKKEEPING))
    connection.execute(
        insert(_WRITES).values(seq=seq, version=version, last_change=last, tables=written[:2000])
    )
    if seq > KEEP_WRITES and seq % 20 == 0:
        _prune(connection, seq - KEEP_WRITES)
    return seq


def _prune(connection: Connection, oldest_kept: int) -> None:
    boundary = connection.execute(
        select(_WRITES.c.last_change).where(_WRITES.c.seq == oldest_kept)
    ).scalar_one_or_none()
    connection.execute(delete(_WRITES).where(_WRITES.c.seq < oldest_kept))
    if boundary is not None:
        # the newest change stays: SQLite numbers a row of an emptied table 1 again, below
        # the last change of the writes kept, whose followers would then miss it
        newest = select(func.max(_CHANGES.c.id)).scalar_subquery()
        connection.execute(
            delete(_CHANGES).where(_CHANGES.c.id <= boundary, _CHANGES.c.id < newest)
        )


def write_of(connection: Connection, version: str | None) -> int | None:
    """The number of the write that made data ``version`` (None: not in the log)."""
    if version is None:
        return None
    found = connection.execute(
        select(_WRITES.c.seq).where(_WRITES.c.version == version)
    ).scalar_one_or_none()
    return None if found is None else int(found)


def changes_between(
    connection: Connection, since: int, since_version: str, version: str, limit: int
) -> Changes | None:
    """The changes of the writes after write ``since`` (which made ``since_version``) up to
    the one that made ``version``; None when the log cannot say (an entry in between is gone,
    or the history is another: a restore) or holds more than ``limit`` keys (rebuilding is
    then as quick)."""
    rows = connection.execute(
        select(_WRITES.c.seq, _WRITES.c.version, _WRITES.c.last_change, _WRITES.c.tables)
        .where(_WRITES.c.seq >= since)
        .order_by(_WRITES.c.seq)
    ).all()
    if not rows or rows[0].seq != since or rows[0].version != since_version:
        return None
    until = next((row for row in rows if row.version == version), None)
    if until is None:
        return None
    between = [row for row in rows if since < row.seq <= until.seq]
    if len(between) != until.seq - since:
        return None
    found = connection.execute(
        select(_CHANGES.c.table_name, _CHANGES.c.row_key, _CHANGES.c.key2, _CHANGES.c.key3)
        .where(_CHANGES.c.id > rows[0].last_change, _CHANGES.c.id <= until.last_change)
        .distinct()
        .limit(limit + 1)
    ).all()
    if len(found) > limit:
        return None
    keys: dict[str, set[int]] = {}
    exact: dict[str, set[tuple[int, ...]]] = {}
    for table, key, second, third in found:
        if table in ROW_KEYS and second is not None:
            exact.setdefault(table, set()).add((int(key), int(second), int(third)))
        else:
            keys.setdefault(table, set()).add(int(key))
    tables = frozenset(name for row in between for name in row.tables.split(",") if name)
    return Changes(keys, exact, tables | frozenset(keys) | frozenset(exact), until.seq)


def log_keys(connection: Connection, table: str, keys: Iterable[int]) -> None:
    """Log ``keys`` of ``table`` as changed (by a write that suspended its triggers)."""
    rows = [{"table_name": table, "row_key": int(key)} for key in sorted(set(keys))]
    if rows:
        connection.execute(insert(_CHANGES), rows)


def log_rows(connection: Connection, table: str, keys: Iterable[tuple[int, ...]]) -> None:
    """Log the rows of exact ``keys`` (of the columns :data:`ROW_KEYS` names) of ``table`` as
    changed (by a write that suspended its triggers)."""
    rows = [
        {"table_name": table, "row_key": int(key[0]), "key2": int(key[1]), "key3": int(key[2])}
        for key in sorted(set(keys))
    ]
    if rows:
        connection.execute(insert(_CHANGES), rows)


@contextmanager
def suspended(connection: Connection, tables: Iterable[str]) -> Iterator[bool]:
    """Within the caller's transaction, the change triggers of ``tables`` do not fire (the
    caller logs what it writes, or clears the log). SQLite: the triggers are dropped and made
    again from their own definitions; PostgreSQL: disabled and enabled again (a lock that
    stops other writes, not reads). Either way other connections never see them missing.
    Yields whether any trigger was on (within an outer suspension none is: log nothing)."""
    names = [name for name in tables if name in LOGGED]
    if connection.dialect.name == "postgresql":
        triggers = [(name, f"fact_log_{name}_{event}") for name in names for event in _EVENTS]
        for name, trigger in triggers:
            connection.exec_driver_sql(f"ALTER TABLE {name} DISABLE TRIGGER {trigger}")
        yield bool(triggers)  # on an error the transaction rolls back, the triggers with it
        for name, trigger in triggers:
            connection.exec_driver_sql(f"ALTER TABLE {name} ENABLE ALWAYS TRIGGER {trigger}")
        return
    definitions: list[tuple[str, str]] = []
    for name in names:
        definitions += connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND name LIKE 'fact_log_%'",
            (name,),
        ).all()
    for trigger, _sql in definitions:
        connection.exec_driver_sql(f'DROP TRIGGER "{trigger}"')
    yield bool(definitions)
    for _trigger, sql in definitions:
        connection.exec_driver_sql(sql)


def clear(connection: Connection) -> None:
    """Forget every logged change and write (a restore replaced the whole store)."""
    connection.execute(delete(_CHANGES))
    connection.execute(delete(_WRITES))
