"""Fast bulk insert of many rows inside the caller's transaction: COPY on PostgreSQL,
``executemany`` on SQLite (compiled once, no per-row statement processing)."""

from __future__ import annotations

from collections.abc import Sequence
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
    logged = LOGGED.get(table.name)
    if logged is None or len(rows) < SELF_LOGGED_ROWS or logged not in columns:
        connection.exec_driver_sql(statement, list(rows))
        return
    with suspended(connection, [table.name]) as logging:
        connection.exec_driver_sql(statement, list(rows))
    if not logging:
        return
    exact = ROW_KEYS.get(table.name, ())
    if exact and len(rows) <= COARSE_ROWS and all(name in columns for name in exact):
        positions = [list(columns).index(name) for name in exact]
        log_rows(connection, table.name, {tuple(row[i] for i in positions) for row in rows})
        return
    position = list(columns).index(logged)
    log_keys(connection, table.name, {row[position] for row in rows})
