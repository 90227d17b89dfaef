"""Writing checked attendance rows set-based, with counts of what changed.

PostgreSQL: the rows are copied (``COPY``, CSV made by Polars) into a temporary staging table,
then one ``INSERT … ON CONFLICT DO UPDATE … WHERE changed`` writes them and counts the rows
inserted and updated. SQLite: the stored rows of the meetings the file touches (if any) are read
and compared in Polars; new rows go in by ``executemany`` of one prepared statement, changed
rows by one ``UPDATE`` per row. Rows are written in key order (the table is clustered on it).
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from sqlalchemy import Connection, bindparam, update

from stdgap.ingest.context import KindCounts
from stdgap.store.bulk import bulk_insert
from stdgap.store.models import Attendance, table_of
from stdgap.store.unit import count_rows

KEYS = ["meeting_id", "person_id", "member_id"]
VALUES = ["mode", "fellowship", "interpretation"]
COLUMNS = (*KEYS, *VALUES)
STAGE = "stdgap_attendance_stage"
IN_BATCH = 900
#: Rows written per statement (and between two reports of progress).
CHUNK = 100_000  # under SQLite's bound-parameter limit


def write_attendance(
    connection: Connection,
    rows: pl.DataFrame,
    counts: KindCounts,
    written: Callable[[int], None] | None = None,
) -> None:
    """Insert the new rows of ``rows`` (columns :data:`COLUMNS`), update the changed ones, in
    chunks of :data:`CHUNK` rows; ``written`` is told the rows done after each."""
    rows = rows.select(COLUMNS).sort(KEYS)
    write = _write_postgresql if connection.dialect.name == "postgresql" else _write_sqlite
    for start in range(0, rows.height, CHUNK):
        chunk = rows.slice(start, CHUNK)
        write(connection, chunk, counts)
        if written is not None:
            written(start + chunk.height)


def _write_postgresql(connection: Connection, rows: pl.DataFrame, counts: KindCounts) -> None:
    raw = connection.connection.driver_connection
    assert raw is not None
    names = ", ".join(COLUMNS)
    with raw.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} (meeting_id integer, person_id integer, "
            "member_id integer, mode varchar(10), fellowship boolean, "
            "interpretation varchar(300)) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE {STAGE}")
        with cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(rows.write_csv(include_header=False))
        cursor.execute(
            f"WITH done AS (INSERT INTO attendance ({names}) SELECT {names} FROM {STAGE} "
            "ON CONFLICT (meeting_id, person_id, member_id) DO UPDATE SET "
            "mode = EXCLUDED.mode, fellowship = EXCLUDED.fellowship, "
            "interpretation = EXCLUDED.interpretation "
            "WHERE (attendance.mode, attendance.fellowship, attendance.interpretation) "
            "IS DISTINCT FROM (EXCLUDED.mode, EXCLUDED.fellowship, EXCLUDED.interpretation) "
            "RETURNING xmax = 0 AS inserted) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) "
            "FROM done"
        )
        found = cursor.fetchone()
        assert found is not None
        inserted, updated = int(found[0]), int(found[1])
    for verb, done in (("inserted", inserted), ("updated", updated)):
        if done:
            count_rows(connection, verb, "attendance", done)
    counts.inserted += inserted
    counts.updated += updated
    counts.unchanged += rows.height - inserted - updated


TYPES: dict[str, pl.DataType] = {
    "meeting_id": pl.Int64(),
    "person_id": pl.Int64(),
    "member_id": pl.Int64(),
    "mode": pl.String(),
    "fellowship": pl.Int64(),
    "interpretation": pl.String(),
}


def _stored(connection: Connection, meetings: list[int]) -> pl.DataFrame:
    """The stored attendance of ``meetings``: SQLite hands each column over as one JSON array
    (no Python object per row), which Polars decodes."""
    arrays = ", ".join(f"json_group_array({name})" for name in COLUMNS)
    frames: list[pl.DataFrame] = []
    for start in range(0, len(meetings), IN_BATCH):
        batch = meetings[start : start + IN_BATCH]
        marks = ", ".join("?" for _ in batch)
        found = connection.exec_driver_sql(
            f"SELECT count(*), {arrays} FROM attendance WHERE meeting_id IN ({marks})",
            tuple(batch),
        ).one()
        if not found[0]:
            continue
        frames.append(
            pl.DataFrame(
                {
                    name: pl.Series([text]).str.json_decode(pl.List(TYPES[name])).explode()
                    for name, text in zip(COLUMNS, found[1:], strict=True)
                }
            )
        )
    stored = pl.concat(frames) if frames else pl.DataFrame(schema=TYPES)
    return stored.with_columns(pl.col("fellowship").cast(pl.Boolean))


def _meetings_with_rows(connection: Connection, meetings: list[int]) -> list[int]:
    found: list[int] = []
    for start in range(0, len(meetings), IN_BATCH):
        batch = meetings[start : start + IN_BATCH]
        marks = ", ".join("?" for _ in batch)
        found += connection.exec_driver_sql(
            f"SELECT DISTINCT meeting_id FROM attendance WHERE meeting_id IN ({marks})",
            tuple(batch),
        ).scalars()
    return found


def _tuples(rows: pl.DataFrame) -> list[tuple[object, ...]]:
    """The rows as tuples, made column by column (``iter_rows`` is several times slower)."""
    return list(zip(*(rows[name].to_list() for name in COLUMNS), strict=True))


def _write_sqlite(connection: Connection, rows: pl.DataFrame, counts: KindCounts) -> None:
    table = table_of(Attendance)
    meetings = _meetings_with_rows(connection, rows["meeting_id"].unique().sort().to_list())
    if not meetings:
        bulk_insert(connection, table, COLUMNS, _tuples(rows))
        counts.inserted += rows.height
        return
    stored = _stored(connection, meetings).with_columns(pl.lit(True).alias("_stored"))
    joined = rows.join(stored, on=KEYS, how="left", suffix="_stored", maintain_order="left")
    present = joined["_stored"].is_not_null()
    new_rows = joined.filter(~present).select(COLUMNS)
    differs = pl.lit(False)
    for name in VALUES:
        differs = differs | pl.col(name).ne_missing(pl.col(f"{name}_stored"))
    changed = joined.filter(present).filter(differs).select(COLUMNS)
    bulk_insert(connection, table, COLUMNS, _tuples(new_rows))
    counts.inserted += new_rows.height
    if changed.height:
        connection.execute(
            update(table)
            .where(
                (table.c.meeting_id == bindparam("k_meeting"))
                & (table.c.person_id == bindparam("k_person"))
                & (table.c.member_id == bindparam("k_member"))
            )
            .values(
                mode=bindparam("v_mode"),
                fellowship=bindparam("v_fellowship"),
                interpretation=bindparam("v_interpretation"),
            ),
            [
                {
                    "k_meeting": meeting,
                    "k_person": person,
                    "k_member": member,
                    "v_mode": mode,
                    "v_fellowship": fellowship,
                    "v_interpretation": interpretation,
                }
                for meeting, person, member, mode, fellowship, interpretation in changed.iter_rows()
            ],
        )
    counts.updated += changed.height
    counts.unchanged += int(present.sum()) - changed.height
