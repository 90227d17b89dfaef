"""What went wrong with the database, in words a user can act on.

:func:`classify` reads an error raised by SQLAlchemy, by a DBAPI driver (sqlite3, psycopg, ADBC)
or by Alembic and answers with a :class:`Fault`: its kind, a message saying what failed (the
store's URL with its password hidden, never the SQL or its parameters), a hint saying what to
do, and whether trying again may help. Errors that are not faults of the database (a bug: a
syntax error, a wrong column) classify as None, to be raised as they are.

The command line prints a fault as one line (:mod:`stdgap.cli.main`); the web application
answers 503 with a problem document (:mod:`stdgap.http.handlers`). The messages are English
templates marked with ``N_``; the front ends translate them (``gettext(message, **params)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    InternalError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

#: The attribute of an exception naming the store it came from (set by the engine's
#: ``handle_error`` hook, :func:`stdgap.store.engine.make_engine`).
URL_ATTRIBUTE = "stdgap_store"


def N_(message: str) -> str:
    """Mark ``message`` for translation (``pybabel extract`` finds it); the front ends translate
    it where they show it (the store imports no translations)."""
    return message


@dataclass(frozen=True)
class Fault:
    """A fault of the database: what failed (``message``), what to do (``hint``), both
    templates filled from ``params``; whether trying again later may help (``retry``)."""

    kind: str
    message: str
    hint: str
    params: dict[str, str] = field(default_factory=dict)
    retry: bool = False

    def text(self, translate: Any = None) -> str:
        """``message; hint`` in one line, translated by ``translate(template, **params)``."""
        fill = translate or (lambda template, **params: template % params)
        return f"{fill(self.message, **self.params)}; {fill(self.hint, **self.params)}"

    #: What the web tells its users (no URL, no path: those are for the server's log).
    @property
    def public(self) -> str:
        return PUBLIC[self.kind]


class StoreFault(Exception):
    """A fault found before asking the database (a folder that does not exist)."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.text())
        self.fault = fault


#: Errors of SQLAlchemy that are about the database, not about the SQL sent to it.
OPERATIONAL = (OperationalError, InterfaceError, InternalError)

#: The words the web answers with, by kind of fault.
PUBLIC: dict[str, str] = {
    "unreachable": N_("the database cannot be reached; try again later"),
    "no-database": N_("the database is not available; try again later"),
    "sign-in": N_("the database refused the application's sign-in; try again later"),
    "disk-full": N_("the database's disk is full: nothing was written"),
    "busy": N_("another write is in progress; try again"),
    "conflict": N_("another write changed the same data at the same time; try again"),
    "not-set-up": N_("the store is not set up; try again later"),
    "newer-schema": N_("the store is newer than this application; try again later"),
    "read-only": N_("the store is read-only: nothing was written"),
    "not-a-database": N_("the store is not a database; try again later"),
    "damaged": N_("the store is damaged; try again later"),
    "cannot-open": N_("the store cannot be opened; try again later"),
    "missing-folder": N_("the store cannot be opened; try again later"),
    "bad-url": N_("the store's address is wrong; try again later"),
    "failed": N_("the database failed; try again later"),
}


def safe_url(url: object) -> str:
    """``url`` with its password hidden (``***``); an SQLite URL as written; a text that does
    not parse as a URL with anything between ``://`` and ``@`` hidden."""
    text = str(url)
    try:
        parsed = make_url(text)
    except (ArgumentError, ValueError):
        return re.sub(r"://[^@/]*@", "://***@", text)
    if parsed.get_backend_name() == "sqlite":
        return text
    return parsed.render_as_string(hide_password=True)


def sqlite_path(url: str) -> str | None:
    """The file of an SQLite URL (None for another database, or one in memory)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    database = str(parsed.database)
    return database.removeprefix("file:").split("?")[0]


def bad_url(url: str) -> Fault:
    return Fault(
        "bad-url",
        N_("%(url)s is not a database URL stdgap can use"),
        N_(
            "stdgap works with SQLite and PostgreSQL, e.g. sqlite:///stdgap.db or "
            "postgresql://user@host/database"
        ),
        {"url": safe_url(url)},
    )


def missing_folder(url: str) -> Fault:
    path = sqlite_path(url) or url
    return Fault(
        "missing-folder",
        N_("the folder %(folder)s of the store %(url)s does not exist"),
        N_("create it, or set STDGAP_DB or --db"),
        {"folder": str(Path(path).parent), "url": safe_url(url)},
    )


def _message(error: BaseException) -> str:
    """The driver's own words: its first line, the SQL and its parameters left out."""
    original = getattr(error, "orig", None) or error
    diag = getattr(original, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = str(primary or original)
    text = text.split("[SQL:")[0].strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else type(original).__name__)[:300]


def _sqlstate(error: BaseException) -> str | None:
    original = getattr(error, "orig", None) or error
    found = getattr(original, "sqlstate", None)
    return str(found) if found else None


def _sqlite_name(error: BaseException) -> str | None:
    original = getattr(error, "orig", None) or error
    found = getattr(original, "sqlite_errorname", None)
    return str(found) if found else None


def _connection_reason(text: str) -> str:
    lowered = text.lower()
    for needle, reason in (
        ("connection refused", "connection refused"),
        ("timeout", "timed out"),
        ("timed out", "timed out"),
        ("resolve host", "unknown host"),
        ("could not translate host name", "unknown host"),
        ("name or service not known", "unknown host"),
        ("no such file or directory", "no server at that socket"),
        ("network is unreachable", "network unreachable"),
        ("no route to host", "no route to host"),
        ("server closed the connection", "the server closed the connection"),
        ("terminating connection", "the server ended the connection"),
        ("connection is closed", "the connection was closed"),
        ("the database system is starting up", "the server is starting up"),
        ("the database system is shutting down", "the server is shutting down"),
    ):
        if needle in lowered:
            return reason
    return text


_UNREACHABLE = re.compile(
    r"connection refused|could not connect|connection failed|timeout expired|timed out|"
    r"resolve host|could not translate host|name or service not known|network is unreachable|"
    r"no route to host|server closed the connection|terminating connection|connection is closed|"
    r"the database system is (starting up|shutting down)|consuming input failed|"
    r"ssl syscall error|connection to server",
    re.IGNORECASE,
)


def _by_sqlstate(state: str, url: str, reason: str) -> Fault | None:
    if state == "3D000":
        return _no_database(url)
    if state in ("28000", "28P01"):
        return _sign_in(url, reason)
    if state.startswith("53"):  # insufficient resources: disk full (53100), memory, connections
        if state == "53300":
            return _unreachable(url, "too many connections")
        return _disk_full(url)
    if state in ("40001", "40P01", "55P03"):
        return _busy()
    if state == "23505" or state.startswith("23"):
        return _conflict(reason)
    if state in ("42P01", "42703", "42704", "3F000"):
        return _not_set_up(url)
    if state == "25006":
        return _read_only(url)
    if state.startswith("08") or state.startswith("57P"):
        return _unreachable(url, _connection_reason(reason))
    if state == "XX001" or state == "XX002":
        return _damaged(url)
    return None


def _unreachable(url: str, reason: str) -> Fault:
    return Fault(
        "unreachable",
        N_("cannot connect to the database at %(url)s (%(reason)s)"),
        N_("is the server running? set STDGAP_DB or --db"),
        {"url": url, "reason": reason},
        retry=True,
    )


def _no_database(url: str) -> Fault:
    return Fault(
        "no-database",
        N_("the database at %(url)s does not exist (or was dropped)"),
        N_("create it (e.g. createdb), or set STDGAP_DB or --db"),
        {"url": url},
    )


def _sign_in(url: str, reason: str) -> Fault:
    return Fault(
        "sign-in",
        N_("the database at %(url)s refused to sign in (%(reason)s)"),
        N_("check the user and password in STDGAP_DB or --db"),
        {"url": url, "reason": reason},
    )


def _disk_full(url: str) -> Fault:
    return Fault(
        "disk-full",
        N_("the disk of the database at %(url)s is full: nothing was written"),
        N_("free some space (or raise the database's size limit), then try again"),
        {"url": url},
    )


def _busy() -> Fault:
    return Fault(
        "busy",
        N_("another write is in progress: nothing was written"),
        N_("try again in a moment"),
        retry=True,
    )


def _conflict(reason: str) -> Fault:
    return Fault(
        "conflict",
        N_(
            "the store refused a write that conflicts with its data (%(reason)s): nothing was "
            "written"
        ),
        N_("if another write ran at the same time, try again"),
        {"reason": reason},
        retry=True,
    )


def _not_set_up(url: str) -> Fault:
    return Fault(
        "not-set-up",
        N_("the store at %(url)s is not set up, or its schema is out of date"),
        N_("run stdgap db upgrade"),
        {"url": url},
    )


def _read_only(url: str) -> Fault:
    return Fault(
        "read-only",
        N_("the store at %(url)s is read-only: nothing was written"),
        N_("check the permissions of the file and of its folder, or set STDGAP_DB or --db"),
        {"url": url},
    )


def _damaged(url: str) -> Fault:
    return Fault(
        "damaged",
        N_("the store at %(url)s is damaged"),
        N_("restore it from a backup (stdgap db restore)"),
        {"url": url},
    )


def _sqlite(name: str | None, text: str, url: str, raw_url: str) -> Fault | None:
    lowered = text.lower()
    path = sqlite_path(raw_url) or url
    if name == "SQLITE_FULL" or "database or disk is full" in lowered:
        return _disk_full(url)
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "database is locked" in lowered:
        return _busy()
    if name == "SQLITE_READONLY" or "readonly database" in lowered:
        return _read_only(url)
    if name == "SQLITE_NOTADB" or "file is not a database" in lowered:
        return Fault(
            "not-a-database",
            N_("%(path)s is not an SQLite database"),
            N_("set STDGAP_DB or --db to the store's file"),
            {"path": path},
        )
    if name == "SQLITE_CORRUPT" or "malformed" in lowered:
        return _damaged(url)
    if name == "SQLITE_CANTOPEN" or "unable to open database file" in lowered:
        return Fault(
            "cannot-open",
            N_("cannot open the store file %(path)s"),
            N_("check that its folder exists and may be written to, or set STDGAP_DB or --db"),
            {"path": path},
        )
    if (name or "").startswith("SQLITE_CONSTRAINT") or "constraint failed" in lowered:
        return _conflict(text)
    if name == "SQLITE_IOERR" or "disk i/o error" in lowered:
        return Fault(
            "failed",
            N_("the store file %(path)s could not be read or written (%(reason)s)"),
            N_("check the disk, then try again"),
            {"path": path, "reason": text},
        )
    if "no such table" in lowered or "no such column" in lowered:
        return _not_set_up(url)
    return None


def _newer_schema(error: BaseException, url: str) -> Fault | None:
    text = str(error)
    found = re.search(r"Can't locate revision identified by '([^']+)'", text)
    if found is None:
        return None
    return Fault(
        "newer-schema",
        N_("the store at %(url)s has a schema (%(revision)s) newer than this stdgap knows"),
        N_("upgrade stdgap, or set STDGAP_DB or --db"),
        {"url": url, "revision": found.group(1)},
    )


def store_of(error: BaseException, url: object = None) -> str:
    """The raw URL ``error`` came from (as the engine noted it), else ``url``."""
    noted = getattr(error, URL_ATTRIBUTE, None)
    return str(noted or url or "")


def classify(error: BaseException, url: object = None) -> Fault | None:
    """The fault ``error`` is, or None when it is not a fault of the database. ``url`` names
    the store when the error does not (errors of the engine carry theirs)."""
    if isinstance(error, StoreFault):
        return error.fault
    if hasattr(url, "render_as_string"):
        url = url.render_as_string(hide_password=False)
    raw = store_of(error, url)
    shown = safe_url(raw) if raw else "?"
    if isinstance(error, ArgumentError | NoSuchModuleError) and not isinstance(error, DBAPIError):
        if "URL" in str(error) or isinstance(error, NoSuchModuleError):
            return bad_url(raw)
        return None
    if type(error).__module__.startswith("alembic"):
        return _newer_schema(error, shown)
    if not _is_database_error(error):
        return None
    text = _message(error)
    state = _sqlstate(error)
    if state:
        found = _by_sqlstate(state, shown, text)
        if found is not None:
            return found
    original = getattr(error, "orig", None) or error
    if _backend(raw) == "sqlite" or type(original).__module__ == "sqlite3":
        found = _sqlite(_sqlite_name(error), text, shown, raw)
        if found is not None or _sqlite_name(error) == "SQLITE_ERROR":
            return found  # SQLITE_ERROR otherwise: bad SQL, a bug
    return _by_text(error, text, shown)


def _backend(url: str) -> str | None:
    try:
        return make_url(url).get_backend_name() if url else None
    except (ArgumentError, ValueError):
        return None


def _is_database_error(error: BaseException) -> bool:
    if isinstance(error, SQLAlchemyError):
        return isinstance(error, DBAPIError)
    module = type(error).__module__
    return module.startswith(("sqlite3", "psycopg", "adbc_driver"))


def _by_text(error: BaseException, text: str, url: str) -> Fault | None:
    lowered = text.lower()
    if re.search(r'database "[^"]*" does not exist', text):
        return _no_database(url)
    if re.search(r'role "[^"]*" does not exist|password authentication failed', text):
        return _sign_in(url, text.split("FATAL:")[-1].strip())
    if "could not extend file" in lowered or "no space left on device" in lowered:
        return _disk_full(url)
    if "deadlock detected" in lowered or "could not serialize access" in lowered:
        return _busy()
    if _UNREACHABLE.search(text):
        return _unreachable(url, _connection_reason(text))
    if re.search(r'relation "[^"]*" does not exist', text):
        return _not_set_up(url)
    original = getattr(error, "orig", None) or error
    operational = ("OperationalError", "InterfaceError", "InternalError")
    if not isinstance(error, OPERATIONAL) and type(original).__name__ not in operational:
        return None  # a bug of stdgap's (bad SQL, a wrong value), not a fault of the database
    return Fault(
        "failed",
        N_("the database at %(url)s failed (%(reason)s)"),
        N_("try again; if it fails again, run with --debug and report it"),
        {"url": url, "reason": text},
    )


def find(error: BaseException, url: object = None) -> Fault | None:
    """The fault ``error`` is, looking through the exceptions it was raised from too (``raise
    … from``: an error of the database wrapped by a caller's own); None when none of them is a
    fault. (An error raised while handling another is not that other: it may be a bug.)"""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = classify(current, url)
        if found is not None:
            return found
        current = current.__cause__
    return None
