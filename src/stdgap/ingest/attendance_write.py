"""Writing checked attendance rows set-based, with counts of what changed.

PostgreSQL: the rows are copied (``COPY``, CSV made by Polars) into a temporary staging table,
then one ``INSERT … ON CONFLICT DO UPDATE … WHERE changed`` writes them and counts the rows
inserted and updated. SQLite: the stored rows of the meetings the file touches (if any) are read
and compared in Polars; new rows go in packed into 64-bit integers, a JSON array of them per
statement that SQLite unpacks (``executemany`` of one prepared statement for rows that cannot be
packed), changed rows by one ``UPDATE`` per row. Rows are written in key order (the table is
clustered on it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl
from sqlalchemy import Connection, Table, Update, bindparam, exists, select, update

from stdgap.ingest.context import KindCounts
from stdgap.store.bulk import bulk_insert, self_logged
from stdgap.store.changes import COARSE_ROWS
from stdgap.store.lookup import IN_BATCH, by_attendance_keys
from stdgap.store.models import Attendance, Meeting, table_of
from stdgap.store.unit import count_rows
from stdgap.tabular.packing import Packing

KEYS = ["meeting_id", "person_id", "member_id"]
VALUES = ["mode", "fellowship", "interpretation"]
COLUMNS = (*KEYS, *VALUES)
STAGE = "stdgap_attendance_stage"
#: Rows written per statement (and between two reports of progress).
CHUNK = 100_000  # under SQLite's bound-parameter limit
#: Rows an SQLite insert sends packed in one JSON array (:func:`_insert_sqlite`).
PACKED_ROWS = 100_000


def update_by_key(table: Table) -> Update:
    """The UPDATE of an attendance row's values by its key, its parameters named ``k_meeting``,
    ``k_person``, ``k_member`` (the key) and ``v_mode``, ``v_fellowship``,
    ``v_interpretation`` (the new values): the row-wise and the column-wise import share it."""
    return (
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
        )
    )


def write_attendance(
    connection: Connection,
    rows: pl.DataFrame,
    counts: KindCounts,
    written: Callable[[int], None] | None = None,
) -> None:
    """Insert the new rows of ``rows`` (columns :data:`COLUMNS`), update the changed ones, in
    chunks of :data:`CHUNK` rows; ``written`` is told the rows done after each."""
    rows = rows.select(COLUMNS).sort(KEYS)
    if connection.dialect.name == "postgresql":
        _write_postgresql(connection, rows, counts, written)
        return
    for start in range(0, rows.height, CHUNK):
        chunk = rows.slice(start, CHUNK)
        _write_sqlite(connection, chunk, counts)
        if written is not None:
            written(start + chunk.height)


#: The tables the attendance refers to, by its column.
REFERENCES = {"meeting_id": "meetings", "person_id": "people", "member_id": "members"}


def _may_skip_triggers(cursor: Any) -> bool:
    """Whether this role may turn the per-row triggers off (``session_replication_role``):
    a superuser, or on PostgreSQL 15 and later a role granted SET on it."""
    cursor.execute("SELECT current_setting('is_superuser'), current_setting('server_version_num')")
    superuser, version = cursor.fetchone()
    if superuser == "on":
        return True
    if int(version) < 150000:
        return False
    cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
    return bool(cursor.fetchone()[0])


def _references_hold(cursor: Any, rows: pl.DataFrame) -> bool:
    """Whether every row refers to stored rows, each of which is then locked against deletion
    (``FOR KEY SHARE``) until the transaction ends: what the foreign keys' triggers do row by
    row, set-based (once per distinct id)."""
    for column, table in REFERENCES.items():
        wanted = rows[column].unique().to_list()
        cursor.execute(
            f"SELECT count(*) FROM (SELECT id FROM {table} WHERE id = ANY(%s) FOR KEY SHARE) AS f",
            (wanted,),
        )
        if cursor.fetchone()[0] != len(wanted):
            return False
    return True


TRIGGERS_OFF = "SELECT set_config('session_replication_role', 'replica', true)"
TRIGGERS_ON = "SELECT set_config('session_replication_role', 'origin', true)"


def _skip_triggers(cursor: Any, rows: pl.DataFrame) -> bool:
    """Turn the per-row triggers off (until :data:`TRIGGERS_ON`) when the role may and the
    references of ``rows`` hold (checked and locked set-based); whether they are off."""
    if _may_skip_triggers(cursor) and _references_hold(cursor, rows):
        cursor.execute(TRIGGERS_OFF)
        return True
    return False


def _copy(
    cursor: Any, target: str, rows: pl.DataFrame, written: Callable[[int], None] | None
) -> None:
    """COPY ``rows`` into ``target`` as CSV made by Polars, a chunk at a time."""
    with cursor.copy(f"COPY {target} FROM STDIN (FORMAT csv)") as copy:
        for start in range(0, rows.height, CHUNK):
            chunk = rows.slice(start, CHUNK)
            copy.write(chunk.write_csv(include_header=False))
            if written is not None:
                written(start + chunk.height)


#: The change log's trigger on new attendance rows (migration 0023).
LOG_TRIGGER = "fact_log_attendance_insert"


def _may_log_itself(cursor: Any) -> bool:
    """Whether this role may switch the change log's trigger off (it owns the table): the
    import then logs what it wrote itself, set-based, instead of the trigger keeping every
    new row in a transition table."""
    cursor.execute(
        "SELECT pg_has_role(c.relowner, 'USAGE') FROM pg_class c "
        "WHERE c.oid = 'attendance'::regclass"
    )
    found = cursor.fetchone()
    return bool(found and found[0])


def _insert_logged(cursor: Any, rows: pl.DataFrame, insert: Callable[[], None]) -> None:
    """Run ``insert`` (of ``rows``, or of fewer: those not stored yet) with the change log
    written here (each row's key, or for many rows their meetings) rather than by the
    trigger, when the role may; else as it is."""
    if not _may_log_itself(cursor):
        insert()
        return
    cursor.execute(f"ALTER TABLE attendance DISABLE TRIGGER {LOG_TRIGGER}")
    insert()
    cursor.execute(f"ALTER TABLE attendance ENABLE ALWAYS TRIGGER {LOG_TRIGGER}")
    if rows.height <= COARSE_ROWS:
        cursor.execute(
            "INSERT INTO fact_changes (table_name, row_key, key2, key3) "
            "SELECT 'attendance', k.m, k.p, k.b "
            "FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[]) AS k(m, p, b)",
            tuple(rows[name].to_list() for name in KEYS),
        )
    else:
        cursor.execute(
            "INSERT INTO fact_changes (table_name, row_key) "
            "SELECT 'attendance', k.m FROM unnest(%s::bigint[]) AS k(m)",
            (rows["meeting_id"].unique().sort().to_list(),),
        )


def _write_postgresql(
    connection: Connection,
    rows: pl.DataFrame,
    counts: KindCounts,
    written: Callable[[int], None] | None,
) -> None:
    """COPY into the stage (``written`` told after each chunk); the rows stored and changed
    counted in one join; then an insert of the new rows and an update of the changed ones.
    The foreign keys of attendance fire a trigger per row (three lookups and row locks: most
    of the time of a large import); when the role may, they are checked set-based instead
    (:func:`_references_hold`) and the triggers turned off for these statements."""
    raw = connection.connection.driver_connection
    assert raw is not None
    names = ", ".join(COLUMNS)
    with raw.cursor() as cursor:
        meetings = rows["meeting_id"].unique().to_list()
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM attendance WHERE meeting_id = ANY(%s))", (meetings,)
        )
        if not cursor.fetchone()[0]:  # nothing stored for these meetings: all rows are new
            skip = _skip_triggers(cursor, rows)
            _insert_logged(
                cursor, rows, lambda: _copy(cursor, f"attendance ({names})", rows, written)
            )
            if skip:
                cursor.execute(TRIGGERS_ON)
            count_rows(connection, "inserted", "attendance", rows.height)
            counts.inserted += rows.height
            return
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} (meeting_id integer, person_id integer, "
            "member_id integer, mode varchar(10), fellowship boolean, "
            "interpretation varchar(300)) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE {STAGE}")
        _copy(cursor, f"{STAGE} ({names})", rows, written)
        cursor.execute(f"ANALYZE {STAGE}")
        cursor.execute(
            f"SELECT count(a.meeting_id), count(*) FILTER (WHERE "
            "(a.mode, a.fellowship, a.interpretation) IS DISTINCT FROM "
            f"(s.mode, s.fellowship, s.interpretation)) FROM {STAGE} s JOIN attendance a "
            "ON (a.meeting_id, a.person_id, a.member_id) = (s.meeting_id, s.person_id, s.member_id)"
        )
        stored, changed = cursor.fetchone()
        inserted = rows.height - stored
        skip = (
            bool(inserted or changed)
            and _may_skip_triggers(cursor)
            and _references_hold(cursor, rows)
        )
        if skip:
            cursor.execute("SELECT set_config('session_replication_role', 'replica', true)")
        if inserted:
            # DO NOTHING: an unchanged row is left alone (DO UPDATE … WHERE would lock each one)
            statement = f"INSERT INTO attendance ({names}) SELECT {names} FROM {STAGE}" + (
                " ON CONFLICT (meeting_id, person_id, member_id) DO NOTHING" if stored else ""
            )
            _insert_logged(cursor, rows, lambda: cursor.execute(statement))
        updated = 0
        if changed:
            cursor.execute(
                f"UPDATE attendance SET mode = s.mode, fellowship = s.fellowship, "
                f"interpretation = s.interpretation FROM {STAGE} s "
                "WHERE (attendance.meeting_id, attendance.person_id, attendance.member_id) = "
                "(s.meeting_id, s.person_id, s.member_id) "
                "AND (attendance.mode, attendance.fellowship, attendance.interpretation) "
                "IS DISTINCT FROM (s.mode, s.fellowship, s.interpretation)"
            )
            updated = cursor.rowcount
        if skip:  # (on an error the transaction is rolled back, the setting with it)
            cursor.execute(TRIGGERS_ON)
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


#: A meeting with fewer rows than this in a file has its stored rows looked up by key; from
#: this many on, all its stored rows are read at once (a file of a meeting's whole attendance).
SPARSE_ROWS = 64
_ROW_SCHEMA = pl.Schema(
    {
        "meeting_id": pl.Int64,
        "person_id": pl.Int64,
        "member_id": pl.Int64,
        "mode": pl.String,
        "fellowship": pl.Boolean,
        "interpretation": pl.String,
    }
)


def stored_rows(
    connection: Connection, keys: list[tuple[int, int, int]]
) -> list[tuple[int, int, int, str, bool, str | None]]:
    """The stored attendance rows of the exact ``keys`` (meeting, person, member) that exist,
    one lookup by primary key each (:func:`stdgap.store.lookup.by_attendance_keys`)."""
    found: list[tuple[int, int, int, str, bool, str | None]] = []
    select = "a.meeting_id, a.person_id, a.member_id, a.mode, a.fellowship, a.interpretation"
    for statement in by_attendance_keys(select, keys):
        result = connection.exec_driver_sql(statement)
        found += [(m, p, b, mode, bool(f), i) for m, p, b, mode, f, i in result]
    return found


def meetings_with_rows(connection: Connection, meetings: list[int]) -> list[int]:
    """Those of ``meetings`` that have stored attendance: one index seek each (a DISTINCT
    would read every row of the meetings asked about), :data:`IN_BATCH` at a time."""
    found: list[int] = []
    for start in range(0, len(meetings), IN_BATCH):
        query = select(Meeting.id).where(
            Meeting.id.in_(meetings[start : start + IN_BATCH]),
            exists().where(Attendance.meeting_id == Meeting.id),
        )
        found += connection.execute(query).scalars()
    return found


def _tuples(rows: pl.DataFrame) -> list[tuple[object, ...]]:
    """The rows as tuples, made column by column (``iter_rows`` is several times slower)."""
    return list(zip(*(rows[name].to_list() for name in COLUMNS), strict=True))


#: Modes one packed insert tells apart (the WHENs of its statement).
_PACKED_MODES = 4


def _insert_sqlite(connection: Connection, table: Table, rows: pl.DataFrame) -> None:
    """Insert ``rows`` (new, in key order) into SQLite's attendance table, their keys logged
    once for the whole (:func:`stdgap.store.bulk.self_logged`). Rows without an interpretation
    go in as one JSON array of 64-bit integers per statement (:func:`_packed_insert`), which
    SQLite unpacks itself (``json_each``): no Python parameters bound per row, about a third of
    the time of ``executemany``. The others, and rows whose ids do not fit, by ``executemany``."""

    def values_of(wanted: Sequence[str]) -> Iterable[tuple[Any, ...]]:
        return rows.select(wanted).unique().iter_rows()

    packable = pl.col("interpretation").is_null() & pl.all_horizontal(
        pl.col(*KEYS, "mode", "fellowship").is_not_null()
    )
    with self_logged(connection, table.name, COLUMNS, rows.height, values_of):
        plain = rows.filter(packable)
        if not _packed_insert(connection, plain):
            bulk_insert(connection, table, COLUMNS, _tuples(rows))
            return
        bulk_insert(connection, table, COLUMNS, _tuples(rows.filter(~packable)))


def _packed_insert(connection: Connection, plain: pl.DataFrame) -> bool:
    """Insert ``plain`` (no interpretation, nothing missing) packed (:mod:`stdgap.tabular.packing`:
    the three ids, the mode's number and the fellowship flag in one integer), :data:`PACKED_ROWS`
    a statement; False (nothing done) when it cannot be packed: no rows, more than
    :data:`_PACKED_MODES` modes, or values beyond 63 bits together."""
    modes = plain["mode"].unique().sort().to_list()
    if len(modes) > _PACKED_MODES:
        return False
    numbers = plain.select(
        *KEYS,
        pl.col("mode").replace_strict(
            {mode: number for number, mode in enumerate(modes)}, return_dtype=pl.Int64
        ),
        pl.col("fellowship").cast(pl.Int64),
    )
    packing = Packing.of(numbers, numbers.columns)
    if packing is None:
        return False
    packed = numbers.select(packing.key())[:, 0]
    whens = " ".join(f"WHEN {number} THEN ?" for number in range(_PACKED_MODES))
    unpacked = [packing.sql(name) for name in KEYS]
    statement = (
        f"INSERT INTO attendance ({', '.join(COLUMNS)}) SELECT {', '.join(unpacked)}, "
        f"CASE {packing.sql('mode')} {whens} END, {packing.sql('fellowship')}, NULL "
        "FROM json_each(?)"
    )
    named = [*modes, *[modes[-1]] * (_PACKED_MODES - len(modes))]
    for start in range(0, packed.len(), PACKED_ROWS):
        listed = packed.slice(start, PACKED_ROWS).cast(pl.String).str.join(",").item()
        connection.exec_driver_sql(statement, (*named, f"[{listed}]"))
    return True


def _write_sqlite(connection: Connection, rows: pl.DataFrame, counts: KindCounts) -> None:
    table = table_of(Attendance)
    meetings = meetings_with_rows(connection, rows["meeting_id"].unique().sort().to_list())
    if not meetings:
        _insert_sqlite(connection, table, rows)
        counts.inserted += rows.height
        return
    per_meeting = rows.filter(pl.col("meeting_id").is_in(meetings)).group_by("meeting_id").len()
    whole = per_meeting.filter(pl.col("len") >= SPARSE_ROWS)["meeting_id"].sort().to_list()
    sparse = rows.filter(pl.col("meeting_id").is_in(meetings) & ~pl.col("meeting_id").is_in(whole))
    found = [_stored(connection, whole)] if whole else []
    if sparse.height:
        keys = list(sparse.select(KEYS).iter_rows())
        found.append(pl.DataFrame(stored_rows(connection, keys), schema=_ROW_SCHEMA, orient="row"))
    stored = (
        pl.concat([frame.cast(_ROW_SCHEMA) for frame in found])
        if found
        else pl.DataFrame(schema=_ROW_SCHEMA)
    ).with_columns(pl.lit(True).alias("_stored"))
    joined = rows.join(stored, on=KEYS, how="left", suffix="_stored", maintain_order="left")
    present = joined["_stored"].is_not_null()
    new_rows = joined.filter(~present).select(COLUMNS)
    differs = pl.lit(False)
    for name in VALUES:
        differs = differs | pl.col(name).ne_missing(pl.col(f"{name}_stored"))
    changed = joined.filter(present).filter(differs).select(COLUMNS)
    _insert_sqlite(connection, table, new_rows)
    counts.inserted += new_rows.height
    if changed.height:
        connection.execute(
            update_by_key(table),
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
