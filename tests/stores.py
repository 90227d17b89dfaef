"""Stores for the tests: one migrated template per database and content, copied for each test.

Migrating and seeding a store costs about a second on PostgreSQL; copying a template costs a
few milliseconds (an SQLite file) or about 50 ms (``CREATE DATABASE … TEMPLATE`` on
PostgreSQL). A template is built once per test session, the first time a test asks for it, and
every test gets its own copy: tests never see each other's writes.

Three costs of PostgreSQL are kept off the tests' path. The next copy of a template is made in
the background while a test runs. ``DROP DATABASE`` forces a checkpoint (a second or more on a
busy disk, each time): databases are dropped in the background, in rounds of many at once, whose
checkpoints PostgreSQL merges. And a commit waits for its WAL to reach the disk: the tests'
databases commit without waiting (``synchronous_commit = off``, a setting of each database; a
crash of the server could lose the last commits of a test database, nothing else).
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from stdgap.bootstrap import open_store
from stdgap_testing import PG_URL

Builder = Callable[[Engine], None]
PREFIX = "stdgap_t_"
#: Databases dropped at once, at most (their forced checkpoints are merged into one or two); two
#: test workers stay within PostgreSQL's default 100 connections.
BURST = 32
_numbers = itertools.count()


class Reaper:
    """Drops PostgreSQL databases in a background thread: each round drops every database given
    since the last round, all at once (one connection each), so a round costs about two
    checkpoints however many databases it drops."""

    def __init__(self, url: str) -> None:
        self._engine = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self._waiting: list[str] = []
        self._closing = False
        self._failures: list[BaseException] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="drop-databases", daemon=True)
        self._thread.start()

    def add(self, database: str) -> None:
        with self._changed:
            self._waiting.append(database)
            self._changed.notify()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._waiting and not self._closing:
                    self._changed.wait()
                if not self._waiting:
                    return
                batch, self._waiting = self._waiting, []
            with ThreadPoolExecutor(min(len(batch), BURST)) as pool:
                for failure in pool.map(self._drop, batch):
                    if failure is not None:
                        self._failures.append(failure)

    def _drop(self, database: str) -> BaseException | None:
        """Drop ``database``; the error, if it could not be dropped (``close`` raises it)."""
        for attempt in range(5):  # a busy server may refuse a connection for a moment
            try:
                with self._engine.connect() as connection:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                return None
            except OperationalError as failure:
                if attempt == 4:
                    return failure
                time.sleep(1 + attempt)
            except Exception as failure:
                return failure
        return None

    def close(self) -> None:
        """Drop what is left; a drop that failed fails the session's teardown."""
        with self._changed:
            self._closing = True
            self._changed.notify()
        self._thread.join()
        self._engine.dispose()
        if self._failures:
            raise self._failures[0]


def _nothing(engine: Engine) -> None:
    """The empty store: migrated, with the shipped reference data."""


class Templates:
    """Templates of stores by backend and content name, made on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[tuple[str, str], str] = {}
        self._admin: Engine | None = None
        self._reaper: Reaper | None = None
        self._makers: ThreadPoolExecutor | None = None
        self._spares: dict[str, Future[str]] = {}

    @property
    def admin(self) -> Engine:
        if self._admin is None:
            self._admin = create_engine(
                PG_URL,
                isolation_level="AUTOCOMMIT",
                connect_args={"options": "-c synchronous_commit=off"},
            )
            self._drop_leftovers()
        return self._admin

    def _drop_later(self, database: str) -> None:
        """Drop ``database`` in the background (``close`` waits for every drop)."""
        if self._reaper is None:
            self._reaper = Reaper(PG_URL)
        self._reaper.add(database)

    def _pg_url(self, database: str) -> str:
        return make_url(PG_URL).set(database=database).render_as_string(hide_password=False)

    def _new_database(self, template: str | None = None) -> str:
        name = f"{PREFIX}{os.getpid()}_{next(_numbers)}"
        clause = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}{clause}"))
            connection.execute(text(f"ALTER DATABASE {name} SET synchronous_commit = off"))
        return name

    def _drop_leftovers(self) -> None:
        """Databases of test runs that died before cleaning up (their process is gone)."""
        assert self._admin is not None
        with self._admin.connect() as connection:
            names = connection.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": PREFIX + "%"}
            ).scalars()
            for name in list(names):
                pid = name[len(PREFIX) :].split("_")[0]
                if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                    self._drop_later(name)

    def template(self, backend: str, content: str, build: Builder) -> str:
        """The template (an SQLite file or a PostgreSQL database name) of ``content``."""
        key = (backend, content)
        if key not in self.built:
            if backend == "sqlite":
                path = self.folder / f"{content}.db"
                engine = open_store(f"sqlite:///{path}")
                try:
                    build(engine)
                finally:
                    engine.dispose()
                self.built[key] = str(path)
            else:
                name = self._new_database()
                engine = open_store(self._pg_url(name))
                try:
                    build(engine)
                finally:
                    engine.dispose()
                self.built[key] = name
        return self.built[key]

    def copy(self, backend: str, content: str, build: Builder, folder: Path) -> str:
        """The URL of a new store holding what the template of ``content`` holds."""
        template = self.template(backend, content, build)
        if backend == "sqlite":
            target = folder / "store.db"
            shutil.copyfile(template, target)
            return f"sqlite:///{target}"
        return self._pg_url(self._next_copy(template))

    def _next_copy(self, template: str) -> str:
        """A new copy of the PostgreSQL database ``template``: the spare one made in the
        background while the previous test ran, if any; the next spare is started at once (the
        tests of a module mostly copy the same template)."""
        spare = self._spares.pop(template, None)
        name = spare.result() if spare is not None else self._new_database(template)
        if self._makers is None:
            self._makers = ThreadPoolExecutor(1, thread_name_prefix="copy-database")
        self._spares[template] = self._makers.submit(self._new_database, template)
        return name

    def empty_url(self, backend: str, folder: Path) -> str:
        """The URL of a new store with nothing in it (not even a schema)."""
        if backend == "sqlite":
            return f"sqlite:///{folder / 'empty.db'}"
        return self._pg_url(self._new_database())

    def drop(self, url: str) -> None:
        """Drop a PostgreSQL database made by :meth:`copy` or :meth:`empty_url` (soon: in the
        background)."""
        database = make_url(url).database
        if (
            database
            and database.startswith(PREFIX)
            and make_url(url).get_backend_name() != "sqlite"
        ):
            self._drop_later(database)

    def close(self) -> None:
        if self._makers is not None:
            self._makers.shutdown(wait=True)
        for spare in self._spares.values():
            self._drop_later(spare.result())
        for (backend, _content), name in self.built.items():
            if backend == "postgresql":
                self.drop(self._pg_url(name))
        if self._reaper is not None:
            self._reaper.close()
        if self._admin is not None:
            self._admin.dispose()


EMPTY: Builder = _nothing
