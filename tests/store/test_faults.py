"""Faults of the database reach the user as one line on standard error (what failed, what to
do), exit status 1 and no traceback, unless --debug (or STDGAP_DEBUG) asks for it; the password
of the URL is hidden and SQL parameters are never printed."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg.errors
import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.store import engine as engine_module
from stdgap.store.faults import classify
from stdgap.store.models import Member, Setting
from stdgap.store.unit import WRITE_LOCK
from stdgap_testing import PG_URL, invoke


def run(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    """``stdgap ARGS`` in-process, exceptions caught as a process would end with them."""
    result = cli.invoke(app, list(args))
    error = (
        ""
        if result.exception is None or isinstance(result.exception, SystemExit)
        else (f"{type(result.exception).__name__}: {result.exception}")
    )
    return result.exit_code, result.stdout, result.stderr + error


def one_line(code: int, err: str, *words: str) -> str:
    """The message of a fault: exit 1, one line starting with 'stdgap:', holding ``words``."""
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("stdgap: "), err
    assert "Traceback" not in err and "[SQL" not in err and "parameters" not in err
    for word in words:
        assert word in lines[0], err
    return lines[0]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def pg_url(**changes: Any) -> str:
    return make_url(PG_URL).set(**changes).render_as_string(hide_password=False)


def test_a_server_not_listening(cli: CliRunner) -> None:
    url = pg_url(port=closed_port(), password="s3cret-word")
    for args in (["indicators"], ["settings", "set", "public_min_cell", "7"], ["db", "upgrade"]):
        code, _out, err = run(cli, "--db", url, *args)
        line = one_line(code, err, "cannot connect", "connection refused", "is the server running")
        assert "s3cret-word" not in err and "***" in line
        assert "STDGAP_DB or --db" in line


def test_a_database_that_does_not_exist(cli: CliRunner) -> None:
    code, _out, err = run(cli, "--db", pg_url(database="stdgap_no_such_db"), "indicators")
    one_line(code, err, "does not exist", "stdgap_no_such_db", "createdb")


@pytest.mark.parametrize("url", ["mysql://x/y", "oracle://u:pw@h/db", "garbage"])
def test_a_database_stdgap_is_not_made_for(cli: CliRunner, url: str) -> None:
    code, _out, err = run(cli, "--db", url, "indicators")
    one_line(code, err, "is not a database URL stdgap can use", "SQLite and PostgreSQL")
    assert "pw" not in err


def test_an_sqlite_store_in_a_folder_that_does_not_exist(cli: CliRunner, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'store.db'}"
    code, _out, err = run(cli, "--db", url, "indicators")
    one_line(code, err, str(tmp_path / "nowhere"), "does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_the_default_store_gets_its_folder(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STDGAP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out, err = invoke(cli, "db", "current")
    assert code == 0, err
    assert (tmp_path / "data" / "stdgap").is_dir() and "schema empty" in out


def test_a_file_that_is_not_a_database(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    for args in (
        ["indicators"],
        ["db", "upgrade"],
        ["report", "annual", "--year", "2024", "--out", str(tmp_path / "a.html")],
    ):
        code, _out, err = run(cli, "--db", f"sqlite:///{path}", *args)
        one_line(code, err, str(path), "not an SQLite database")


def test_a_read_only_store(cli: CliRunner, store_url: str, backend: str) -> None:
    if backend == "sqlite":
        url = f"sqlite:///file:{make_url(store_url).database}?mode=ro&uri=true"
    else:
        url = store_url + "?options=-c%20default_transaction_read_only%3Don"
    code, _out, err = run(cli, "--db", url, "settings", "set", "public_min_cell", "7")
    one_line(code, err, "read-only", "nothing was written")
    code, out, err = invoke(cli, "--db", url, "settings", "show")
    assert code == 0 and "public_min_cell" in out, err


@pytest.fixture
def tight_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite stores that cannot grow (max_page_count: their size when opened): every write
    that needs a new page fails with 'database or disk is full', as on a full disk."""
    original = engine_module._set_sqlite_pragmas

    def tight(dbapi_connection: Any, record: Any) -> None:
        original(dbapi_connection, record)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={max(pages, 1)}")

    monkeypatch.setattr(engine_module, "_set_sqlite_pragmas", tight)


def _members(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Member)).scalar_one())


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_full_disk(cli: CliRunner, store_url: str, engine: Engine, tight_sqlite: None) -> None:
    code, _out, err = run(cli, "--db", store_url, "demo", "--scale", "small")
    one_line(code, err, "is full", "nothing was written", "free some space")
    assert "INSERT" not in err
    assert _members(engine) == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_debug_shows_the_traceback_without_parameters(
    cli: CliRunner, store_url: str, tight_sqlite: None
) -> None:
    result = cli.invoke(app, ["--debug", "--db", store_url, "demo", "--scale", "small"])
    assert isinstance(result.exception, OperationalError)
    assert "stdgap: " in result.stderr and "is full" in result.stderr
    assert "parameters hidden" in str(result.exception)


def test_debug_from_the_environment_in_a_process(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 100)
    command = [sys.executable, "-m", "stdgap", "--db", f"sqlite:///{path}", "indicators"]
    quiet = subprocess.run(command, capture_output=True, text=True)
    assert quiet.returncode == 1 and quiet.stderr.count("\n") == 1, quiet.stderr
    assert quiet.stderr.startswith("stdgap: ") and "Traceback" not in quiet.stderr
    loud = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "STDGAP_DEBUG": "1"}
    )
    assert loud.returncode == 1 and "Traceback" in loud.stderr
    assert "stdgap: " in loud.stderr and "file is not a database" in loud.stderr


@pytest.fixture
def write_in_progress(
    backend: str, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Another process holds the store's write lock (and waiting for it is short)."""
    if backend == "sqlite":
        original = engine_module._set_sqlite_pragmas

        def impatient(dbapi_connection: Any, record: Any) -> None:
            original(dbapi_connection, record)
            dbapi_connection.execute("PRAGMA busy_timeout=100")

        monkeypatch.setattr(engine_module, "_set_sqlite_pragmas", impatient)
        holder = sqlite3.connect(str(make_url(store_url).database), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        yield
        holder.execute("ROLLBACK")
        holder.close()
        return
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=200")
    other = create_engine(store_url)
    with other.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WRITE_LOCK})
        yield
    other.dispose()


def test_a_store_another_write_holds(
    cli: CliRunner, store_url: str, engine: Engine, write_in_progress: None
) -> None:
    code, _out, err = run(cli, "--db", store_url, "settings", "set", "public_min_cell", "7")
    one_line(code, err, "another write is in progress", "try again")
    with engine.connect() as connection:
        held = connection.execute(select(Setting.value).where(Setting.key == "public_min_cell"))
        assert held.scalar_one_or_none() is None


def test_a_store_without_its_tables(cli: CliRunner, blank_url: str) -> None:
    """A database whose tables are gone answers 'run stdgap db upgrade' (commands that open
    the store migrate it first; one that reads the settings directly does not)."""
    from stdgap.store.settings import all_settings

    engine = create_engine(blank_url)
    with pytest.raises(Exception) as raised, engine.connect() as connection:
        all_settings(connection)
    engine.dispose()
    fault = classify(raised.value, blank_url)
    assert fault is not None and fault.kind == "not-set-up"
    assert "run stdgap db upgrade" in fault.text()


def _wrapped(original: Exception) -> OperationalError:
    return OperationalError("INSERT INTO people VALUES (?)", {"name": "Ada Lovelace"}, original)


@pytest.mark.parametrize(
    ("original", "kind", "words"),
    [
        (
            psycopg.errors.DiskFull('could not extend file "base/1/2": No space left'),
            "disk-full",
            "is full",
        ),
        (
            psycopg.errors.SerializationFailure("could not serialize access"),
            "busy",
            "another write is in progress",
        ),
        (psycopg.errors.DeadlockDetected("deadlock detected"), "busy", "try again"),
        (
            psycopg.errors.UndefinedTable('relation "members" does not exist'),
            "not-set-up",
            "run stdgap db upgrade",
        ),
        (
            psycopg.errors.UniqueViolation("duplicate key value violates unique constraint"),
            "conflict",
            "try again",
        ),
        (sqlite3.OperationalError("database or disk is full"), "disk-full", "is full"),
        (sqlite3.OperationalError("database is locked"), "busy", "in progress"),
    ],
)
def test_postgresql_and_sqlite_errors_classify(original: Exception, kind: str, words: str) -> None:
    fault = classify(_wrapped(original), "postgresql://ada:pw@127.0.0.1/test")
    assert fault is not None and fault.kind == kind
    line = fault.text()
    assert words in line and "Ada Lovelace" not in line and ":pw@" not in line


def test_bugs_are_not_faults() -> None:
    """A syntax error is stdgap's bug: it stays a traceback, for someone to fix."""
    syntax = sqlite3.OperationalError('near "SELEC": syntax error')
    syntax.sqlite_errorname = "SQLITE_ERROR"  # type: ignore[attr-defined]
    assert classify(_wrapped(syntax), "sqlite:///x.db") is None
    wrong = ProgrammingError("SELECT x", {}, psycopg.errors.SyntaxError("syntax error"))
    assert classify(wrong, PG_URL) is None
    assert classify(ValueError("not a database's"), PG_URL) is None


def test_a_store_newer_than_stdgap(cli: CliRunner, store_url: str, engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE alembic_version SET version_num = 'f00d' WHERE "
                "version_num = (SELECT min(version_num) FROM alembic_version)"
            )
        )
    code, _out, err = run(cli, "--db", store_url, "indicators")
    one_line(code, err, "f00d", "newer than this stdgap knows", "upgrade stdgap")
