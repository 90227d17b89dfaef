"""Opening the store: engine creation, SQLite pragmas, default location."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

ENV_VAR = "STDGAP_DB"


def default_sqlite_path() -> Path:
    """The embedded store: ``$XDG_DATA_HOME/stdgap/stdgap.db`` (``~/.local/share`` by default)."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "stdgap" / "stdgap.db"


def resolve_url(url: str | None) -> str:
    """The URL to use: the one given, else ``$STDGAP_DB``, else the default SQLite file."""
    if url:
        return url
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return from_env
    return f"sqlite:///{default_sqlite_path()}"


def _normalise_postgres_driver(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-200000")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (resolved as :func:`resolve_url` does)."""
    resolved = _normalise_postgres_driver(resolve_url(url))
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(resolved, pool_pre_ping=True)


def describe(engine: Engine) -> str:
    """A URL safe to print (password hidden)."""
    return engine.url.render_as_string(hide_password=True)
