"""Fixtures shared by the tests: a fresh store on SQLite and on PostgreSQL, the CLI, data files."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from typer.testing import CliRunner

from stdgap.store.open import open_store
from stdgap_testing import DATA, PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty store: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """An engine on a new store, migrated and holding the shipped reference data."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture
def small_files() -> list[Path]:
    """The six canonical files of a small, hand-checked data set."""
    return sorted((DATA / "small").glob("*.csv"))
