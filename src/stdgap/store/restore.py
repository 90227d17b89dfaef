"""Restoring a store from an archive written by :mod:`.backup`.

A restore checks the whole archive first (format, schema revision, tables and columns, every
row against its checksum), then replaces the content of the store in one audited transaction:
every table emptied and refilled, the sequences of PostgreSQL set past the restored ids, the row
counts checked. On any error nothing is written. The store keeps the archive's data version, so
the indicators it answers are the archive's, whichever backend each side is on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from stdgap.store import changes
from stdgap.store.archive import ArchiveError, Manifest, Reader, archived, decoder
from stdgap.store.audit import AuditEntry
from stdgap.store.backup import Progress, counts
from stdgap.store.bulk import bulk_insert
from stdgap.store.faults import N_
from stdgap.store.unit import Unit, transaction

RESTORE_ACTION = "db.restore"
#: The key of the settings row present while a restore replaces a store (see :func:`_replace`).
RESTORING = "restoring"


def check_archive(
    reader: Reader,
    metadata: MetaData,
    heads: set[str],
    known: set[str],
    progress: Progress | None = None,
) -> Manifest:
    """The archive's manifest, once every check passed: the schema revisions are this
    store's, its tables and columns are the metadata's, every row matches its checksum."""
    manifest = reader.manifest
    revisions = set(manifest.revisions)
    unknown = revisions - known
    if unknown:
        raise ArchiveError(
            N_(
                "%(file)s was made with a newer schema (%(revision)s) than this stdgap knows "
                "(%(heads)s): upgrade stdgap before you restore it"
            ),
            file=reader.name,
            revision="+".join(sorted(unknown)),
            heads="+".join(sorted(heads)),
        )
    if revisions != heads:
        raise ArchiveError(
            N_(
                "%(file)s holds the schema %(revision)s, older than this stdgap's (%(heads)s): "
                "restore it with the version of stdgap that made it, then run stdgap db upgrade"
            ),
            file=reader.name,
            revision="+".join(sorted(revisions)) or "?",
            heads="+".join(sorted(heads)),
        )
    _check_tables(manifest, metadata, reader.name)
    if progress is not None:
        progress.start(manifest.rows)
    reader.check(progress.advance if progress is not None else None)
    return manifest


def _check_tables(manifest: Manifest, metadata: MetaData, name: str) -> None:
    held = {entry.name: entry for entry in manifest.tables}
    for table in archived(metadata):
        entry = held.pop(table.name, None)
        columns = [column.name for column in table.columns]
        if entry is None or sorted(entry.columns) != sorted(columns):
            raise ArchiveError(
                N_(
                    "%(file)s: the table %(table)s is missing or has other columns than the store's"
                ),
                file=name,
                table=table.name,
            )
    if held:
        raise ArchiveError(
            N_("%(file)s holds tables this store does not have: %(tables)s"),
            file=name,
            tables=", ".join(sorted(held)),
        )


def holds_data(connection: Connection) -> bool:
    """Whether anything was ever written to the store (every write leaves an audit row; the
    reference data loaded when a store is made does not)."""
    return bool(connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def restore(
    engine: Engine,
    metadata: MetaData,
    path: Path,
    actor: str,
    heads: set[str],
    known: set[str],
    force: bool = False,
    progress: Progress | None = None,
    checked: Progress | None = None,
) -> Manifest:
    """Replace the content of ``engine``'s store (migrated to ``heads``) by the archive
    ``path``, in one audited transaction; refused when the store holds data, unless ``force``.
    ``checked`` follows the check of the archive, ``progress`` the restore itself."""
    with Reader(path) as reader:
        manifest = check_archive(reader, metadata, heads, known, checked)
        with transaction(engine, actor, RESTORE_ACTION, path.name) as unit:
            if not force and holds_data(unit.connection):
                raise ArchiveError(
                    N_(
                        "the store %(url)s holds data: restoring %(file)s would replace it "
                        "(add --force to replace it, or restore into an empty store)"
                    ),
                    url=engine.url.render_as_string(hide_password=True),
                    file=path.name,
                )
            with changes.suspended(unit.connection, changes.LOGGED):
                _replace(unit, reader, manifest, metadata, progress)
            changes.clear(unit.connection)
            unit.details = {
                "archive": {
                    "created": manifest.created,
                    "backend": manifest.backend,
                    "revisions": manifest.revisions,
                    "data_version": manifest.data_version,
                    "rows": manifest.rows,
                },
                "replaced": force,
            }
    return manifest


def _replace(
    unit: Unit, reader: Reader, manifest: Manifest, metadata: MetaData, progress: Progress | None
) -> None:
    connection = unit.connection
    if progress is not None:
        progress.start(manifest.rows)
    # while the store is replaced, the settings table says so: append-only tables (the fund's
    # ledger) let their rows be deleted then and only then; it goes with the settings, last
    settings = metadata.tables["settings"]
    connection.execute(delete(settings).where(settings.c.key == RESTORING))
    connection.execute(insert(settings).values(key=RESTORING, value="true"))
    for table in reversed(archived(metadata)):
        if table is not settings:
            connection.execute(delete(table))
    connection.execute(delete(settings))
    entries = {entry.name: entry for entry in manifest.tables}
    for table in archived(metadata):
        entry = entries[table.name]
        _load(connection, table, entry.columns, reader.rows(entry), progress)
    found = counts(connection, metadata)
    for entry in manifest.tables:
        if found[entry.name] != entry.rows:
            raise ArchiveError(
                N_("restoring %(table)s gave %(rows)s rows, not %(expected)s: nothing was written"),
                table=entry.name,
                rows=found[entry.name],
                expected=entry.rows,
            )
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, metadata)


def _load(
    connection: Connection,
    table: Table,
    columns: list[str],
    batches: Iterator[list[list[Any]]],
    progress: Progress | None,
) -> None:
    """Insert the archive's rows of ``table``. A column referring to the same table (a
    member's parent) is filled in afterwards, when every row it may refer to is there."""
    dialect = connection.dialect
    chosen = [table.columns[name] for name in columns]
    steps = [_convert(column, dialect) for column in chosen]
    own = [i for i, column in enumerate(chosen) if _refers_to_own_table(column, table)]
    keys = [i for i, column in enumerate(chosen) if column.primary_key]
    later: list[dict[str, Any]] = []
    done = 0
    for batch in batches:
        rows = []
        for values in batch:
            row = [
                step(value) if step else value for step, value in zip(steps, values, strict=True)
            ]
            if own and any(values[i] is not None for i in own):
                later.append(
                    {
                        **{f"k_{columns[i]}": _parse(chosen[i], values[i]) for i in keys},
                        **{f"v_{columns[i]}": _parse(chosen[i], values[i]) for i in own},
                    }
                )
                for i in own:
                    row[i] = None
            rows.append(tuple(row))
        bulk_insert(connection, table, columns, rows)
        done += len(rows)
        if progress is not None:
            progress.advance(table.name, done)
    if later:
        statement = (
            update(table)
            .where(*(chosen[i] == bindparam(f"k_{columns[i]}") for i in keys))
            .values({columns[i]: bindparam(f"v_{columns[i]}") for i in own})
        )
        connection.execute(statement, later)


def _refers_to_own_table(column: Column[Any], table: Table) -> bool:
    return any(key.column.table is table for key in column.foreign_keys)


def _parse(column: Column[Any], value: Any) -> Any:
    parse = decoder(column)
    return parse(value) if parse is not None and value is not None else value


def _convert(column: Column[Any], dialect: Any) -> Callable[[Any], Any] | None:
    """From a value read from JSON to what the driver takes for ``column`` (a JSON null stays
    an SQL NULL)."""
    parse = decoder(column)
    bind = column.type.dialect_impl(dialect).bind_processor(dialect)
    if parse is None and bind is None:
        return None

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if parse is not None:
            value = parse(value)
        return bind(value) if bind is not None else value

    return convert


def _reset_sequences(connection: Connection, metadata: MetaData) -> None:
    """Set each PostgreSQL sequence of an integer key past the largest id restored."""
    quote = connection.dialect.identifier_preparer.quote
    for table in archived(metadata):
        keys = list(table.primary_key.columns)
        if len(keys) != 1:
            continue
        name = f"{quote(table.name)}"
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": name, "column": keys[0].name},
        ).scalar_one_or_none()
        if sequence is None:
            continue
        column = quote(keys[0].name)
        connection.execute(
            text(
                f"SELECT setval(:sequence, coalesce(max({column}), 1), max({column}) IS NOT NULL) "
                f"FROM {name}"
            ),
            {"sequence": sequence},
        )
