"""Backing a store up into a portable archive (:mod:`.archive`); :mod:`.restore` reads one back.

A backup reads every table of the metadata it is given (every capability's: see
:func:`stdgap.bootstrap.metadata`) in one snapshot of the store, in the order of their foreign
keys, and writes them with the store's schema revisions and data version; then it reads the
archive back to check it and records itself in the audit log.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    func,
    select,
)

from stdgap.store.archive import Manifest, Reader, Writer, archived
from stdgap.store.unit import transaction
from stdgap.store.version import data_version


class Progress(Protocol):
    """Follows work over every table: ``start(total rows)``, then ``advance(table, rows done
    in that table)``."""

    def start(self, total: int) -> None: ...

    def advance(self, table: str, done: int) -> None: ...


BACKUP_ACTION = "db.backup"


@contextlib.contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection reading one consistent state of the store."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                yield connection
            return
        connection.exec_driver_sql("BEGIN")  # SQLite: one read transaction, one snapshot
        try:
            yield connection
        finally:
            connection.rollback()


def counts(connection: Connection, metadata: MetaData) -> dict[str, int]:
    """The number of rows of each table."""
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in archived(metadata)
    }


def _batches(connection: Connection, table: Table) -> Generator[list[tuple[Any, ...]]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(stream_results=True, yield_per=5_000).execute(
        select(table).order_by(*order)
    )
    try:
        for partition in result.partitions():
            yield [tuple(row) for row in partition]
    finally:
        result.close()  # also when the archive cannot be written (PostgreSQL: a server cursor)


def backup(
    engine: Engine,
    metadata: MetaData,
    path: Path,
    actor: str,
    version: str = "",
    progress: Progress | None = None,
) -> Manifest:
    """Write every table of ``metadata`` in ``engine``'s store to the archive ``path`` (written
    whole or not at all), read it back to check it, and record the backup in the audit log;
    the archive's manifest."""
    manifest = _write(engine, metadata, path, version, progress)
    with Reader(path) as reader:
        reader.check()
    with transaction(engine, actor, BACKUP_ACTION, path.name, data=False) as unit:
        unit.details = {"rows": manifest.rows, "data_version": manifest.data_version}
    return manifest


def _write(
    engine: Engine, metadata: MetaData, path: Path, version: str, progress: Progress | None
) -> Manifest:
    temporary = path.with_name(f".{path.name}.partial")
    writer = Writer(temporary)
    try:
        with _snapshot(engine) as connection:
            revisions = sorted(MigrationContext.configure(connection).get_current_heads())
            held = data_version(connection)
            if progress is not None:
                progress.start(sum(counts(connection, metadata).values()))
            for table in archived(metadata):

                def advance(done: int, name: str = table.name) -> None:
                    if progress is not None:
                        progress.advance(name, done)

                columns = [column.name for column in table.columns]
                with contextlib.closing(_batches(connection, table)) as batches:
                    writer.table(table.name, columns, batches, advance)
        manifest = Manifest(
            created=datetime.now(UTC).replace(microsecond=0).isoformat(),
            backend=engine.dialect.name,
            revisions=revisions,
            data_version=held,
            tables=writer.tables,
            stdgap_version=version,
        )
        writer.finish(manifest)
        os.replace(temporary, path)
    except BaseException:
        writer.abandon()
        temporary.unlink(missing_ok=True)
        raise
    return manifest
