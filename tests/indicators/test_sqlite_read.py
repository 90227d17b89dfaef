"""SQLite's tables read a column at a time (integers parsed by NumPy) give what reading every
column as a JSON array gives, even when SQLite holds values of other types in an integer column
(it keeps whatever it is given): a value never lands in another row."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from indicator_fixtures import load_fixture
from sqlalchemy import Engine, text

from stdgap.bootstrap import open_store
from stdgap.indicators import load

PEOPLE_SQL, PEOPLE_SCHEMA = load._SMALL["people"]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Engine]:
    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    load_fixture(engine)
    yield engine
    engine.dispose()


def _read(engine: Engine, as_json: bool, monkeypatch: pytest.MonkeyPatch) -> pl.DataFrame:
    with monkeypatch.context() as patch:
        if as_json:
            patch.setattr(load, "_INTEGERS", frozenset())
        with engine.connect() as connection:
            return load._small(connection, PEOPLE_SQL, PEOPLE_SCHEMA)


@pytest.mark.parametrize(
    "stored",
    ["NULL", "1980.5", str(2**40), str(-(2**62)), "'1975'"],
    ids=["null", "real", "beyond-32-bits", "the-stand-in", "text-digits"],
)
def test_odd_values_read_as_json_would(
    sqlite_store: Engine, monkeypatch: pytest.MonkeyPatch, stored: str
) -> None:
    with sqlite_store.begin() as connection:
        connection.execute(text(f"UPDATE people SET birth_year = {stored} WHERE id = 2"))
    found = _read(sqlite_store, False, monkeypatch)
    assert found.equals(_read(sqlite_store, True, monkeypatch))
    assert found.filter(pl.col("id") == 3)["birth_year"].to_list() == (
        _read(sqlite_store, True, monkeypatch).filter(pl.col("id") == 3)["birth_year"].to_list()
    )


def test_a_sum_beyond_64_bits_tests_every_value(
    sqlite_store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Odd values are found by a column's sum; two values near 2**63 make that sum an error to
    SQLite, and the values are then tested one by one (what JSON gives, nothing refused)."""
    with sqlite_store.begin() as connection:
        connection.execute(text(f"UPDATE people SET birth_year = {2**62} WHERE id IN (1, 2)"))
    found = _read(sqlite_store, False, monkeypatch)
    assert found.equals(_read(sqlite_store, True, monkeypatch))
    assert found.filter(pl.col("id") == 1)["birth_year"].to_list() == [None]  # beyond Int32


def test_the_stand_in_in_a_64_bit_column_is_its_value(
    sqlite_store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 64-bit column can hold the value that stands for NULL in the text NumPy parses: such a
    column is read as JSON, so the value stays what it is."""
    stand_in = -(2**62)
    with sqlite_store.begin() as connection:
        connection.execute(text(f"UPDATE people SET birth_year = {stand_in} WHERE id = 2"))
    schema = {"id": pl.Int32, "birth_year": pl.Int64}
    with sqlite_store.connect() as connection:
        found = load._small(connection, "SELECT id, birth_year FROM people", schema)
    assert found.filter(pl.col("id") == 2)["birth_year"].to_list() == [stand_in]
    assert found.filter(pl.col("id") == 3)["birth_year"].null_count() == 0


@pytest.mark.parametrize("stored", ["'1980,1981'", "x'00'"], ids=["comma-text", "blob"])
def test_a_value_json_refuses_is_refused_not_shifted(
    sqlite_store: Engine, monkeypatch: pytest.MonkeyPatch, stored: str
) -> None:
    """'1980,1981' in one row and '' in the last: as many commas as rows, so a count of the
    parsed values alone would not see that every value after it moved one row down. Such a
    column is read as JSON, which refuses it, as it always did."""
    with sqlite_store.begin() as connection:
        connection.execute(text(f"UPDATE people SET birth_year = {stored} WHERE id = 1"))
        connection.execute(
            text("UPDATE people SET birth_year = '' WHERE id = (SELECT max(id) FROM people)")
        )
    for as_json in (True, False):
        with pytest.raises((pl.exceptions.ComputeError, sqlite3.OperationalError)):
            _read(sqlite_store, as_json, monkeypatch)


def _attendance_both_ways(engine: Engine) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The attendance as the whole read gives it, and read row by row."""
    packed = load.read_tables(engine).attendance
    with engine.connect() as connection:
        plain = load._generic_attendance(connection)
    order = list(plain.columns)
    return packed.sort(order), plain.sort(order)


@pytest.mark.parametrize(
    "statements",
    [
        [
            "UPDATE people SET id = -7 WHERE id = 1",
            "UPDATE attendance SET person_id = -7 WHERE person_id = 1",
        ],
        [
            "UPDATE meetings SET id = -5 WHERE id = 2",
            "UPDATE attendance SET meeting_id = -5 WHERE meeting_id = 2",
        ],
        ["UPDATE attendance SET meeting_id = 99999 WHERE meeting_id = 1"],
    ],
    ids=["negative-person", "negative-meeting", "unknown-meeting"],
)
def test_ids_the_packing_cannot_hold_are_read_row_by_row(
    sqlite_store: Engine, tmp_path: Path, statements: list[str]
) -> None:
    """Ids a store's foreign keys would refuse, written with them off (a negative id, an
    attendance meeting that is not a meeting), are read as they are stored, none dropped nor
    changed into another."""
    packed, plain = _attendance_both_ways(sqlite_store)
    assert packed.equals(plain) and packed.height > 0
    raw = sqlite3.connect(tmp_path / "store.db")  # foreign keys off, as any other tool's
    with raw:
        for statement in statements:
            raw.execute(statement)
    raw.close()
    packed, plain = _attendance_both_ways(sqlite_store)
    assert packed.height == plain.height
    assert packed.equals(plain)


def test_integer_text_in_a_column_of_no_type_is_read_as_its_integer(
    sqlite_store: Engine,
) -> None:
    """A column declared INTEGER stores '1980' as 1980; one of no declared type keeps the text,
    which the column's sum reads as the integer: so does the reading (see _sqlite_small)."""
    with sqlite_store.begin() as connection:
        connection.execute(text("CREATE TABLE untyped (v, w INTEGER)"))
        connection.execute(text("INSERT INTO untyped VALUES ('1980', 0), (5, 1), (NULL, 2)"))
    with sqlite_store.connect() as connection:
        found = load._small(connection, "SELECT v, w FROM untyped", {"v": pl.Int32, "w": pl.Int32})
    assert found["v"].to_list() == [1980, 5, None]
