"""SQLite and PostgreSQL stores holding the same data give the same JSON, byte for byte."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from indicator_fixtures import load_fixture
from sqlalchemy import Engine, create_engine, text

from stdgap.bootstrap import open_store
from stdgap.indicators.formats import to_json
from stdgap.indicators.load import read_tables
from stdgap.indicators.sources import extra_tables
from stdgap_testing import compute

PG_URL = os.environ.get("STDGAP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def both(tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    sqlite = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    postgres = open_store(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        yield sqlite, postgres
    finally:
        sqlite.dispose()
        postgres.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.mark.parametrize(
    "by",
    [
        [],
        ["year"],
        ["year", "group", "status"],
        ["year", "region"],
        ["ldc", "member_type"],
        ["gender", "lldc", "sids"],
        ["country"],
        ["year", "country", "status"],
        ["region", "country", "gender"],
    ],
)
def test_same_json_on_both_backends(both: tuple[Engine, Engine], by: list[str]) -> None:
    sqlite, postgres = both
    load_fixture(sqlite)
    load_fixture(postgres)
    for min_cell in (1, 2, 5):
        assert to_json(compute(sqlite, by=by, min_cell=min_cell)) == to_json(
            compute(postgres, by=by, min_cell=min_cell)
        )


def test_the_tables_read_are_the_same_on_both_backends(both: tuple[Engine, Engine]) -> None:
    """SQLite's columns come as one text each (integers parsed by NumPy, NULL as a stand-in),
    PostgreSQL's as rows: the same frames, nulls where the store has them."""
    sqlite, postgres = both
    for engine in both:
        load_fixture(engine)
        with engine.begin() as connection:  # a person of no known birth year
            connection.execute(text("UPDATE people SET birth_year = NULL WHERE id = 1"))
    read = [read_tables(engine, extra_tables()) for engine in (sqlite, postgres)]
    names = ["attendance", "meetings", "groups", "members", "people", "contributions", "sources"]
    names += ["roles", "classifications"]
    frames = [{name: getattr(tables, name) for name in names} | tables.extra for tables in read]
    assert frames[0].keys() == frames[1].keys()
    assert frames[0]["people"]["birth_year"].null_count() >= 1
    for name, frame in frames[0].items():
        other = frames[1][name]
        assert frame.schema == other.schema, name
        assert frame.sort(frame.columns).equals(other.sort(other.columns)), name
