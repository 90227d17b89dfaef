"""Reading the store's tables into Polars frames: one query per table, nothing joined in SQL.

The attendance table (millions of rows) is read through ADBC as Arrow, columns of integers only;
the small tables through SQLAlchemy. Dates become Polars dates on both backends.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
from sqlalchemy import Connection, Engine, TextClause, bindparam, text
from sqlalchemy.engine import make_url

from stdgap.reference.classification import TRANSITION_SETTING
from stdgap.store.faults import StoreFault, classify
from stdgap.store.lookup import by_attendance_keys
from stdgap.store.settings import (
    LEADERSHIP_DATE,
    PUBLIC_MIN_CELL,
    all_settings,
    cell_key_secret,
)
from stdgap.store.version import data_version

#: SQL of a table a fact source reads, and the Polars schema of its columns.
TableQuery = tuple[str, Mapping[str, Any]]

_ATTENDANCE_SQL = (
    "SELECT meeting_id, person_id, member_id, "
    "CASE WHEN mode = 'remote' THEN 1 ELSE 0 END AS remote, "
    "CASE WHEN fellowship THEN 1 ELSE 0 END AS fellowship FROM attendance"
)
_ATTENDANCE_SCHEMA = {
    "meeting_id": pl.Int32,
    "person_id": pl.Int32,
    "member_id": pl.Int32,
    "remote": pl.Boolean,
    "fellowship": pl.Boolean,
}

_SMALL: dict[str, tuple[str, dict[str, Any]]] = {
    "meetings": (
        "SELECT id, group_id, start FROM meetings",
        {"id": pl.Int32, "group_id": pl.Int32, "start": pl.Date},
    ),
    "groups": ("SELECT id, code FROM groups", {"id": pl.Int32, "code": pl.String}),
    "members": (
        "SELECT id, type, country FROM members",
        {"id": pl.Int32, "type": pl.String, "country": pl.String},
    ),
    "people": (
        "SELECT id, gender, birth_year FROM people",
        {"id": pl.Int32, "gender": pl.String, "birth_year": pl.Int32},
    ),
    "contributions": (
        "SELECT id, meeting_id, level FROM contributions",
        {"id": pl.Int32, "meeting_id": pl.Int32, "level": pl.String},
    ),
    "sources": (
        "SELECT contribution_id, member_id FROM contribution_sources",
        {"contribution_id": pl.Int32, "member_id": pl.Int32},
    ),
    "roles": (
        'SELECT id, person_id, member_id, group_id, role, start, "end" FROM roles '
        "WHERE role <> 'mentor'",
        {
            "id": pl.Int32,
            "person_id": pl.Int32,
            "member_id": pl.Int32,
            "group_id": pl.Int32,
            "role": pl.String,
            "start": pl.Date,
            "end": pl.Date,
        },
    ),
    "classifications": (
        "SELECT country, attribute, value, valid_from, valid_to FROM classifications "
        "WHERE attribute IN ('itu_region', 'developing', 'transition', 'ldc', 'lldc', 'sids')",
        {
            "country": pl.String,
            "attribute": pl.String,
            "value": pl.String,
            "valid_from": pl.Date,
            "valid_to": pl.Date,
        },
    ),
}


@dataclass
class Tables:
    """The rows the indicators need, as read from the store."""

    attendance: pl.DataFrame
    meetings: pl.DataFrame
    groups: pl.DataFrame
    members: pl.DataFrame
    people: pl.DataFrame
    contributions: pl.DataFrame
    sources: pl.DataFrame
    roles: pl.DataFrame
    classifications: pl.DataFrame
    #: Tables the capabilities' fact sources read, by name.
    extra: dict[str, pl.DataFrame] = field(default_factory=dict)
    #: The store's cell-key secret: the seed of the record keys of protected figures.
    secret: int = 0


@dataclass(frozen=True)
class StoreState:
    """What answers about a store depend on besides the question: its data version, whether
    economies in transition count as developing, and the public minimum cell size."""

    version: str | None
    transition_counts: bool
    public_min_cell: int
    leadership_date: str = "12-31"

    @property
    def facts_key(self) -> tuple[str | None, bool, str]:
        """What the fact frames depend on."""
        return (self.version, self.transition_counts, self.leadership_date)


def state(engine: Engine) -> StoreState:
    """The store's state, read in one query."""
    with engine.connect() as connection:
        values = all_settings(connection)
        version = data_version(connection)
    return StoreState(
        version,
        values[TRANSITION_SETTING] == "true",
        int(values[PUBLIC_MIN_CELL]),
        values[LEADERSHIP_DATE],
    )


def _small(
    connection: Connection,
    sql: str | TextClause,
    schema: dict[str, Any],
    parameters: Mapping[str, Any] | None = None,
) -> pl.DataFrame:
    """The rows of ``sql`` as a frame of ``schema``: fetched as plain tuples by the driver's
    own cursor and converted a column at a time (SQLite's ISO date text parsed by Polars)."""
    if isinstance(sql, str) and not parameters and connection.dialect.name == "sqlite":
        return _sqlite_small(connection, sql, schema)
    if isinstance(sql, str) and not parameters:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql)
            rows: list[Any] = list(cursor.fetchall())
        finally:
            cursor.close()
    else:
        statement = text(sql) if isinstance(sql, str) else sql
        rows = [tuple(row) for row in connection.execute(statement, parameters or {})]
    sqlite = connection.dialect.name == "sqlite"  # dates kept as ISO text
    textual = {name for name, kind in schema.items() if kind == pl.Date} if sqlite else set()
    read = {name: (pl.String if name in textual else kind) for name, kind in schema.items()}
    frame = pl.DataFrame(rows, schema=read, orient="row")
    if textual:
        frame = frame.with_columns(pl.col(name).str.to_date("%Y-%m-%d") for name in textual)
    return frame


#: Integer column types read from SQLite as comma-separated text that NumPy parses.
_INTEGERS = frozenset({pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32})
#: Stands for NULL in such a text (no id, year or count of the store comes near it).
_NULL_INTEGER = -(2**62)


def _sqlite_small(connection: Connection, sql: str, schema: dict[str, Any]) -> pl.DataFrame:
    """The rows of ``sql`` on SQLite, each column handed over as one value, no Python object
    per row: an integer column as comma-separated text that NumPy parses (NULL written as
    :data:`_NULL_INTEGER`), any other as a JSON array that Polars decodes; dates as ISO text
    parsed a column at a time. The aggregates of one statement read the rows in one order.

    SQLite keeps whatever a column is given: an integer column holding a value of another type
    (text, a real number, a blob) or the stand-in itself is read as a JSON array instead, as
    any other column; a value beyond the column's type is read as null.

    Such values are found by aggregates, not by a test of every value: the sum of a column is
    an integer only when every value is an integer, null, or text SQLite reads as an integer
    (a third of the reading's time saved); a 64-bit column's minimum tells whether it holds the
    stand-in. A column declared INTEGER (every one the store has) holds no such text: SQLite
    stores it as the integer. A column of no declared type, or a computed one, may: its text
    '1980' is then read as 1980, where a test of every value read it as text, which JSON
    refuses. A sum beyond 64 bits is an error to SQLite: the values are then tested one by
    one."""
    names = list(schema)
    integers = [name for name in names if schema[name] in _INTEGERS]
    try:
        return _sqlite_columns(
            connection, sql, schema, integers, _odd_by_aggregates(integers, schema)
        )
    except sqlite3.OperationalError as error:
        if "integer overflow" not in str(error):
            raise
    return _sqlite_columns(connection, sql, schema, integers, _odd_by_rows(integers))


def _odd_by_aggregates(integers: list[str], schema: dict[str, Any]) -> list[str]:
    """Per integer column, an aggregate true when it holds a value that is no plain integer
    (its sum is not an integer), or the stand-in (a 64-bit column whose minimum reaches it;
    narrower columns read it as null either way)."""
    found = []
    for name in integers:
        test = f"typeof(sum(q.\"{name}\")) NOT IN ('integer', 'null')"
        if schema[name] == pl.Int64:
            test += f' OR min(q."{name}") <= {_NULL_INTEGER}'
        found.append(test)
    return found


def _odd_by_rows(integers: list[str]) -> list[str]:
    """:func:`_odd_by_aggregates`, testing every value (no sum that could overflow)."""
    return [
        f"sum(typeof(q.\"{name}\") NOT IN ('integer', 'null') OR q.\"{name}\" = {_NULL_INTEGER})"
        for name in integers
    ]


def _sqlite_columns(
    connection: Connection,
    sql: str,
    schema: dict[str, Any],
    integers: list[str],
    odd: list[str],
) -> pl.DataFrame:
    """:func:`_sqlite_small`'s reading, with the tests ``odd`` of the ``integers`` columns."""
    names = list(schema)

    def arrays(plain: Collection[str]) -> str:
        return ", ".join(
            f'group_concat(ifnull(q."{name}", {_NULL_INTEGER}))'
            if name in plain
            else f'json_group_array(q."{name}")'
            for name in names
        )

    with closing(connection.connection.cursor()) as cursor:
        cursor.execute(f"SELECT count(*), {', '.join([*odd, arrays(integers)])} FROM ({sql}) AS q")
        row: tuple[Any, ...] = cursor.fetchone() or (0,)
        count, found = row[0], list(row[1:])
        if not count:
            return pl.DataFrame(schema=schema)
        odd_counts: list[Any] = found[: len(odd)]
        found = found[len(odd) :]
        plain = {name for name, seen in zip(integers, odd_counts, strict=True) if not seen}
        if len(plain) < len(integers):  # rare: read again, those columns as JSON
            cursor.execute(f"SELECT {arrays(plain)} FROM ({sql}) AS q")
            found = list(cursor.fetchone() or ())
    columns = {}
    for name, listed in zip(names, found, strict=True):
        kind = schema[name]
        if name in plain:
            parsed = pl.Series(name, np.fromstring(listed, dtype=np.int64, sep=","))
            if parsed.len() != count:  # not expected: the values were checked to be integers
                raise ValueError(f"column {name} of ({sql}): {parsed.len()} of {count} read")
            column = parsed.set(parsed == _NULL_INTEGER, None).cast(kind, strict=False)
        else:
            read = pl.String if kind == pl.Date else kind
            column = pl.Series(name, [listed]).str.json_decode(pl.List(read)).explode()
            if kind == pl.Date:
                column = column.str.to_date("%Y-%m-%d")
        columns[name] = column
    return pl.DataFrame(columns, schema=schema)


def _postgres_attendance(engine: Engine) -> pl.DataFrame | None:
    """The attendance table of a PostgreSQL store through ADBC (binary COPY) as Arrow."""
    try:
        import adbc_driver_postgresql.dbapi as pg_adbc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    uri = make_url(engine.url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with pg_adbc.connect(uri) as connection, connection.cursor() as cursor:
            cursor.execute(_ATTENDANCE_SQL)
            table = cursor.fetch_arrow_table()
    except pg_adbc.Error as error:  # the database failed under ADBC: say so as SQLAlchemy's do
        fault = classify(error, engine.url.render_as_string(hide_password=False))
        if fault is None:
            raise
        raise StoreFault(fault) from error
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    if frame.height == 0:
        return pl.DataFrame(schema=_ATTENDANCE_SCHEMA)
    return frame.select(pl.col(name).cast(kind) for name, kind in _ATTENDANCE_SCHEMA.items())


@dataclass(frozen=True)
class _PackedAttendance:
    """How an SQLite store's attendance rows are read packed: each row one 64-bit integer of
    its meeting, person and member ids (bits of their own, as wide as the tables' largest ids),
    remote (bit 1) and fellowship (bit 0)."""

    shifts: tuple[int, int, int]
    widths: tuple[int, int, int]
    last_meeting: int

    @classmethod
    def of(cls, connection: Connection) -> _PackedAttendance | None:
        """The packing of the store's ids; None when they are too large to pack or one is
        negative (the rows are then read one by one). The widths come from the largest ids of
        the meetings, people and members: the store's foreign keys keep every attendance row's
        ids among theirs (each read from its table's key, and the attendance's meetings from
        its own, without reading the rows)."""
        bounds = connection.execute(
            text(
                "SELECT (SELECT min(id) FROM meetings), (SELECT max(id) FROM meetings), "
                "(SELECT min(id) FROM people), (SELECT max(id) FROM people), "
                "(SELECT min(id) FROM members), (SELECT max(id) FROM members), "
                "(SELECT min(meeting_id) FROM attendance), "
                "(SELECT max(meeting_id) FROM attendance)"
            )
        ).one()
        values = [int(value or 0) for value in bounds]
        lowest, highest = values[0:6:2] + values[6:7], values[1:6:2]
        if min(lowest) < 0 or values[7] > highest[0]:
            return None
        meeting_bits, person_bits, member_bits = (max(v, 1).bit_length() for v in highest)
        if meeting_bits + person_bits + member_bits + 2 > 63:
            return None
        member_shift = 2
        person_shift = member_shift + member_bits
        meeting_shift = person_shift + person_bits
        return cls(
            (meeting_shift, person_shift, member_shift),
            (meeting_bits, person_bits, member_bits),
            highest[0],
        )

    def ranges(self, parts: int) -> list[tuple[int, int]]:
        """``parts`` ranges of meeting ids (low exclusive, high inclusive) covering them all."""
        count = min(parts, max(1, self.last_meeting // 64))
        bounds = [self.last_meeting * i // count for i in range(count + 1)]
        found = list(itertools.pairwise(bounds))
        found[0] = (-1, found[0][1])
        return found

    def sql(self, low: int, high: int) -> str:
        """The statement giving the packed rows of meetings in (low, high] as one text of
        comma-separated integers (sums of disjoint bits: SQLite adds quicker than it ORs, and
        ``IS`` gives 0 or 1, never null, quicker than a CASE)."""
        meeting, person, member = self.shifts
        packed = (
            f"(meeting_id << {meeting}) + (person_id << {person}) + (member_id << {member}) "
            "+ (mode IS 'remote') * 2 + (CASE WHEN fellowship THEN 1 ELSE 0 END)"
        )
        return (
            f"SELECT group_concat({packed}) FROM attendance "
            f"WHERE meeting_id > {int(low)} AND meeting_id <= {int(high)}"
        )

    def frame(self, packed: npt.NDArray[np.int64]) -> pl.DataFrame:
        """The attendance frame of ``packed`` rows (a part of them: each reading thread unpacks
        its own, NumPy working without the interpreter's lock)."""
        scratch = np.empty_like(packed)

        def field(at: int) -> npt.NDArray[np.int32]:
            np.right_shift(packed, self.shifts[at], out=scratch)
            np.bitwise_and(scratch, (1 << self.widths[at]) - 1, out=scratch)
            return scratch.astype(np.int32)

        return pl.DataFrame(
            {
                "meeting_id": field(0),
                "person_id": field(1),
                "member_id": field(2),
                "remote": np.bitwise_and(packed, 2, out=scratch) != 0,
                "fellowship": np.bitwise_and(packed, 1, out=scratch) != 0,
            },
            schema=_ATTENDANCE_SCHEMA,
        )


def _integers_read(engine: Engine, sql: str) -> npt.NDArray[np.int64]:
    """The one text of comma-separated integers ``sql`` gives, parsed by NumPy (a few times
    quicker than decoding a JSON array in Polars), on a connection of its own."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(sql)
        found = cursor.fetchone()
        cursor.close()
    finally:
        raw.close()
    listed = found[0] if found and found[0] else ""
    return np.fromstring(listed, dtype=np.int64, sep=",")


def _attendance_part(
    engine: Engine, packing: _PackedAttendance, low: int, high: int
) -> pl.DataFrame:
    """The attendance columns of meetings in (low, high], read packed (:func:`_integers_read`)
    and unpacked by the reading thread."""
    return packing.frame(_integers_read(engine, packing.sql(low, high)))


def _small_read(engine: Engine, sql: str, schema: dict[str, Any]) -> pl.DataFrame:
    """:func:`_small` on a connection of its own."""
    with engine.connect() as connection:
        return _small(connection, sql, schema)


def _sqlite_tables(
    engine: Engine, queries: Mapping[str, tuple[str, dict[str, Any]]]
) -> tuple[pl.DataFrame | None, dict[str, pl.DataFrame]]:
    """The attendance table of an SQLite file (None when its ids are too large to pack: see
    :class:`_PackedAttendance`) and the frames of ``queries``, read by :data:`READ_THREADS`
    threads on connections of their own (SQLite works without the interpreter's lock): the
    attendance in ranges of meetings, each handed over as one text of integers that NumPy
    parses, no Python object per row; the other tables beside them. The caller checks that
    the store did not change meanwhile (the data version before and after).

    Python's own sqlite3 reads it (a second SQLite library in the process, as ADBC's, would
    break SQLite's file locking)."""
    with engine.connect() as connection:
        packing = _PackedAttendance.of(connection)
    # the attendance first, in twice as many parts as threads, the largest tables after it
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        parts = (
            [
                pool.submit(_attendance_part, engine, packing, *r)
                for r in packing.ranges(2 * READ_THREADS)
            ]
            if packing is not None
            else []
        )
        small = {
            name: pool.submit(_small_read, engine, sql, dict(schema))
            for name, (sql, schema) in queries.items()
        }
        # the parts as chunks of one frame, not copied into one array
        attendance = pl.concat([p.result() for p in parts], rechunk=False) if parts else None
        return attendance, {name: future.result() for name, future in small.items()}


def _generic_attendance(connection: Connection) -> pl.DataFrame:
    result = connection.execute(text(_ATTENDANCE_SQL))
    columns: list[list[int]] = [[], [], [], [], []]
    while chunk := result.fetchmany(200_000):
        for index, values in enumerate(zip(*chunk, strict=True)):
            columns[index].extend(values)
    return pl.DataFrame(
        {name: pl.Series(name, columns[i]) for i, name in enumerate(_ATTENDANCE_SCHEMA)}
    ).select(pl.col(name).cast(kind) for name, kind in _ATTENDANCE_SCHEMA.items())


#: The tables of :class:`Tables` a change log follows: the logged table (see
#: :mod:`stdgap.store.changes`) and the column its keys are values of.
LOGGED_BY = {
    "attendance": ("attendance", "meeting_id"),
    "meetings": ("meetings", "id"),
    "members": ("members", "id"),
    "people": ("people", "id"),
    "contributions": ("contributions", "id"),
    "sources": ("contribution_sources", "contribution_id"),
    "roles": ("roles", "id"),
}
#: Threads reading an SQLite store's attendance (ranges of meetings) at the same time.
READ_THREADS = max(1, min(4, os.cpu_count() or 1))
#: Keys read per statement.
KEYS_PER_READ = 5_000
ROW_KEYS_PER_READ = 1_000


def read_rows(connection: Connection, name: str, keys: Sequence[int]) -> pl.DataFrame:
    """The rows of table ``name`` of :class:`Tables` (not attendance: :func:`read_attendance`)
    whose logged column holds one of ``keys``, as the full read gives them."""
    column = LOGGED_BY[name][1]
    parts = []
    ordered = sorted(keys)
    for start in range(0, max(len(ordered), 1), KEYS_PER_READ):
        chunk = ordered[start : start + KEYS_PER_READ]
        sql, schema = _SMALL[name]
        statement = text(f"SELECT * FROM ({sql}) AS q WHERE q.{column} IN :keys").bindparams(
            bindparam("keys", expanding=True)
        )
        parts.append(_small(connection, statement, schema, {"keys": chunk}))
    return pl.concat(parts)


def read_attendance(
    connection: Connection, meetings: Iterable[int], rows: Iterable[tuple[int, ...]]
) -> pl.DataFrame:
    """The attendance rows of ``meetings`` and those of the exact keys ``rows`` (meeting,
    person, member) that are stored, as the full read gives them (the ids are integers from
    the store's own log, written into the statements as literals)."""
    statements = []
    chosen = sorted({int(meeting) for meeting in meetings})
    for start in range(0, len(chosen), KEYS_PER_READ):
        listed = ", ".join(str(key) for key in chosen[start : start + KEYS_PER_READ])
        statements.append(f"{_ATTENDANCE_SQL} WHERE meeting_id IN ({listed})")
    whole = set(chosen)  # (a row of a meeting read whole is read once)
    exact = [(int(m), int(p), int(b)) for m, p, b in rows if int(m) not in whole]
    select = (
        "a.meeting_id, a.person_id, a.member_id, CASE WHEN a.mode = 'remote' THEN 1 ELSE 0 END, "
        "CASE WHEN a.fellowship THEN 1 ELSE 0 END"
    )
    statements += by_attendance_keys(select, exact, ROW_KEYS_PER_READ)
    found: list[Any] = []
    cursor = connection.connection.cursor()
    try:
        for statement in statements:
            cursor.execute(statement)
            found += cursor.fetchall()
    finally:
        cursor.close()
    read = {
        name: (pl.Int8 if kind == pl.Boolean else kind) for name, kind in _ATTENDANCE_SCHEMA.items()
    }
    return pl.DataFrame(found, schema=read, orient="row").with_columns(
        pl.col("remote", "fellowship").cast(pl.Boolean)
    )


def read_extra(connection: Connection, query: TableQuery) -> pl.DataFrame:
    """The frame of one table a capability's fact source reads."""
    sql, schema = query
    return _small(connection, sql, dict(schema))


_EXTRA = "extra:"


def read_tables(engine: Engine, extra: Mapping[str, TableQuery] | None = None) -> Tables:
    """Every table the indicators use, read from ``engine``'s store (and the ``extra`` tables
    of the capabilities' fact sources)."""
    backend = engine.url.get_backend_name()
    queries = dict(_SMALL)  # the capabilities' tables named apart from the engine's own
    queries |= {_EXTRA + name: (sql, dict(schema)) for name, (sql, schema) in (extra or {}).items()}
    attendance: pl.DataFrame | None = None
    read: dict[str, pl.DataFrame] = {}
    if backend == "postgresql":
        attendance = _postgres_attendance(engine)
    elif backend == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        attendance, read = _sqlite_tables(engine, queries)
    with engine.connect() as connection:
        if attendance is None:
            attendance = _generic_attendance(connection)
        if not read:
            read = {
                name: _small(connection, sql, schema) for name, (sql, schema) in queries.items()
            }
        secret = cell_key_secret(connection)
    return Tables(
        attendance,
        read["meetings"],
        read["groups"],
        read["members"],
        read["people"],
        read["contributions"],
        read["sources"],
        read["roles"],
        read["classifications"],
        extra={name: read[_EXTRA + name] for name in extra or {}},
        secret=secret,
    )
