"""The store: migrations on first use, the default location, SQLite settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from stdgap.bootstrap import head_revision
from stdgap.store.engine import default_sqlite_path, make_engine, resolve_url
from stdgap.store.migrate import current_revision
from stdgap_testing import invoke


def test_first_use_migrates_to_head(blank_url: str) -> None:
    from stdgap.bootstrap import open_store

    engine = open_store(blank_url)
    assert current_revision(engine) == head_revision() != ""
    engine.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    engine.dispose()


def test_url_comes_from_option_then_environment_then_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("STDGAP_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'stdgap' / 'stdgap.db'}"
    assert default_sqlite_path() == tmp_path / "stdgap" / "stdgap.db"
    monkeypatch.setenv("STDGAP_DB", "sqlite:///from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"
    assert resolve_url("sqlite:///given.db") == "sqlite:///given.db"


def test_db_upgrade_command_and_environment_variable(
    blank_url: str, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STDGAP_DB", blank_url)
    code, out, _err = invoke(cli, "db", "upgrade")
    assert code == 0 and head_revision() in out
    code, out, _err = invoke(cli, "db", "current")
    assert code == 0 and f"schema {head_revision()}" in out
