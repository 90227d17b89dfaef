"""Opening the store: engine creation, SQLite pragmas, default location."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from stdgap.store.faults import URL_ATTRIBUTE, StoreFault, bad_url, missing_folder, sqlite_path

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


def _note_store(context: ExceptionContext) -> None:
    """Name the store on every error of the engine (the messages of :mod:`.faults` say which
    store failed; the exception alone does not know)."""
    if context.engine is not None:
        url = context.engine.url.render_as_string(hide_password=False)
        for error in (context.sqlalchemy_exception, context.original_exception):
            if error is not None:
                with contextlib.suppress(AttributeError, TypeError):
                    setattr(error, URL_ATTRIBUTE, url)


def _sqlite_folder(url: str, given: bool) -> None:
    """The folder of an SQLite store: made for the default store, else it must exist (a
    mistyped path is an error, not a new folder)."""
    path = sqlite_path(url)
    if path is None:
        return
    folder = Path(path).parent
    if not given:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise StoreFault(missing_folder(url)) from None
    elif not folder.is_dir():
        raise StoreFault(missing_folder(url))


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (resolved as :func:`resolve_url` does). SQL parameters
    never appear in errors (they hold personal data); every error names its store."""
    given = bool(url or os.environ.get(ENV_VAR))
    resolved = resolve_url(url)
    try:
        resolved = _normalise_postgres_driver(resolved)
        backend = make_url(resolved).get_backend_name()
        if backend not in ("sqlite", "postgresql"):  # the two stores stdgap is made for
            raise StoreFault(bad_url(resolved))
        if backend == "sqlite":
            _sqlite_folder(resolved, given)
            engine = create_engine(resolved, hide_parameters=True)
            event.listen(engine, "connect", _set_sqlite_pragmas)
        else:
            engine = create_engine(resolved, pool_pre_ping=True, hide_parameters=True)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError):
        raise StoreFault(bad_url(resolved)) from None
    event.listen(engine, "handle_error", _note_store)
    return engine


def describe(engine: Engine) -> str:
    """A URL safe to print (password hidden)."""
    return engine.url.render_as_string(hide_password=True)
