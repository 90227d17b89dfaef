"""Fixtures shared by the tests: a store of their own on SQLite and on PostgreSQL (a copy of a
template made once per session), the CLI, data files."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from route_contexts import share_route_contexts
from stdgap.bootstrap import open_store
from stdgap.store import migrate
from stdgap_testing import DATA
from stores import EMPTY, Templates

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its cheapest parameters: the tests make and check many passwords."""
    from argon2 import PasswordHasher, profiles

    from stdgap.accounts import passwords

    monkeypatch.setattr(passwords, "hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))


@pytest.fixture(autouse=True, scope="session")
def known_heads() -> Iterator[None]:
    """The heads of the migration folders read once per session, not at every opening of a store.

    Opening a store asks whether it is current, and Alembic answers by loading every revision's
    module (a tenth of a second or more; the tests open thousands of stores). The answer is kept
    for as long as the folders are unchanged (a new revision changes its folder's time)."""
    read = migrate.head_revisions
    known: dict[tuple[tuple[str, int], ...], set[str]] = {}

    def head_revisions(folders: Sequence[Path]) -> set[str]:
        key = tuple((str(folder), folder.stat().st_mtime_ns) for folder in folders)
        if key not in known:
            known[key] = read(folders)
        return set(known[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrate, "head_revisions", head_revisions)
        yield


@pytest.fixture(autouse=True, scope="session")
def shared_route_contexts() -> Iterator[None]:
    """FastAPI's routes prepared once per session, not per application (see route_contexts)."""
    with share_route_contexts():
        yield


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("templates"))
    yield made
    made.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """The URL of a store of this test's own, migrated and holding the shipped reference data:
    an SQLite file, or a PostgreSQL database."""
    url = templates.copy(backend, "empty", EMPTY, tmp_path)
    yield url
    templates.drop(url)


@pytest.fixture
def blank_url(backend: str, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """The URL of a store with nothing in it yet (no schema): what a first use finds."""
    url = templates.empty_url(backend, tmp_path)
    yield url
    templates.drop(url)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """An engine on the test's store."""
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
