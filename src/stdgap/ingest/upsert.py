"""Set-based insert-or-update of rows keyed by their source ids, with counts of what changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, update

from stdgap.ingest.context import KindCounts

BATCH = 900  # stays under SQLite's bound-parameter limit in IN lists


def _fetch_existing(
    connection: Connection, table: Table, key_columns: Sequence[str], keys: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    first = table.c[key_columns[0]]
    wanted = set(keys)
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    firsts = sorted({key[0] for key in keys})
    for start in range(0, len(firsts), BATCH):
        batch = firsts[start : start + BATCH]
        for row in connection.execute(select(table).where(first.in_(batch))).mappings():
            key = tuple(row[name] for name in key_columns)
            if key in wanted:
                found[key] = dict(row)
    return found


def upsert(
    connection: Connection,
    table: Table,
    key_columns: Sequence[str],
    rows: list[dict[str, Any]],
    counts: KindCounts,
    unchanged_keys: set[tuple[Any, ...]] | None = None,
) -> dict[tuple[Any, ...], int]:
    """Insert new rows, update changed ones, leave equal ones; return key → ``id``.

    Keys of the rows left as they were are added to ``unchanged_keys`` when given.
    """
    keys = [tuple(row[name] for name in key_columns) for row in rows]
    existing = _fetch_existing(connection, table, key_columns, keys)
    ids: dict[tuple[Any, ...], int] = {key: stored["id"] for key, stored in existing.items()}
    new_rows: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for key, row in zip(keys, rows, strict=True):
        stored = existing.get(key)
        if stored is None:
            new_rows.append(row)
        elif any(stored[name] != value for name, value in row.items()):
            changed.append({**row, "_id": stored["id"]})
        else:
            counts.unchanged += 1
            if unchanged_keys is not None:
                unchanged_keys.add(key)
    if new_rows:
        connection.execute(insert(table), new_rows)
        counts.inserted += len(new_rows)
        inserted = _fetch_existing(
            connection, table, key_columns, [tuple(r[n] for n in key_columns) for r in new_rows]
        )
        ids.update({key: stored["id"] for key, stored in inserted.items()})
    if changed:
        columns = [name for name in changed[0] if name != "_id"]
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({name: bindparam(f"new_{name}") for name in columns})
        )
        connection.execute(
            statement,
            [{"_id": row["_id"], **{f"new_{n}": row[n] for n in columns}} for row in changed],
        )
        counts.updated += len(changed)
    return ids
