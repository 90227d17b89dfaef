"""Fast bulk insert of many rows inside the caller's transaction: COPY on PostgreSQL,
``executemany`` on SQLite (compiled once, no per-row statement processing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table

from stdgap.store.unit import count_rows


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
    connection.exec_driver_sql(f"INSERT INTO {name} ({quoted}) VALUES ({marks})", list(rows))
