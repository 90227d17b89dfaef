"""Fast bulk insert of many rows inside the caller's transaction: COPY on PostgreSQL,
``executemany`` on SQLite (compiled once, no per-row statement processing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table

from stdgap.store.changes import COARSE_ROWS, LOGGED, ROW_KEYS, log_keys, log_rows, suspended
from stdgap.store.unit import count_rows

#: From how many rows an SQLite bulk insert into a logged table logs its keys itself (once
#: each) instead of letting the row trigger log every row.
SELF_LOGGED_ROWS = 1000


def bulk_insert(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``."""
    if not rows:
        return
    quoted = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in columns)
    name = connection.dialect.identifier_preparer.format_table(table)
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        count_rows(connection, "inserted", table.name, len(rows))
        return
    marks = ", ".join("?" for _ in columns)
    statement = f"INSERT INTO {name} ({quoted}) VALUES ({marks})"

    def values_of(wanted: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        positions = [list(columns).index(column) for column in wanted]
        return (tuple(row[i] for i in positions) for row in rows)

    with self_logged(connection, table.name, columns, len(rows), values_of):
        connection.exec_driver_sql(statement, list(rows))


@contextmanager
def self_logged(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    count: int,
    values_of: Callable[[Sequence[str]], Iterable[tuple[Any, ...]]],
) -> Iterator[None]:
    """An SQLite insert of ``count`` rows (of ``columns``) into ``table``, run within: from
    :data:`SELF_LOGGED_ROWS` rows on, the table's row triggers are suspended and the keys of
    the rows logged once each afterwards (exact keys up to :data:`COARSE_ROWS` rows, coarse
    ones beyond); ``values_of(names)`` gives each inserted row's values of those columns."""
    logged = LOGGED.get(table)
    if logged is None or count < SELF_LOGGED_ROWS or logged not in columns:
        yield
        return
    with suspended(connection, [table]) as logging:
        yield
    if not logging:
        return
    exact = ROW_KEYS.get(table, ())
    if exact and count <= COARSE_ROWS and all(name in columns for name in exact):
        log_rows(connection, table, set(values_of(exact)))
        return
    log_keys(connection, table, {key for (key,) in values_of([logged])})
