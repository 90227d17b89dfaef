"""The backup archive: a zip file holding ``manifest.json`` and one JSON-lines file per table.

The manifest says what the archive holds: its format and version, when and from which backend
it was made, the store's schema revisions and data version, and for each table (in the order
of its foreign keys) its columns, its number of rows and the SHA-256 of its file. Each line of
a table's file is one row, a JSON array of its values in the order of the columns: dates and
times as ISO 8601 text, decimals as text, bytes in base64, JSON columns as they are. Nothing in
it depends on the backend: an archive of an SQLite store restores into PostgreSQL and back.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from sqlalchemy import JSON, Column, LargeBinary, MetaData, Table

from stdgap.store.faults import N_

FORMAT = "stdgap-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: Rows written or read at a time.
BATCH = 5_000


class ArchiveError(ValueError):
    """An archive that cannot be restored, or a store it cannot be restored into: ``message``
    is an English template (translated by the front ends) filled from ``params``."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    columns: list[str]
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created: str
    backend: str
    revisions: list[str]
    data_version: str | None
    tables: list[TableEntry]
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    stdgap_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, name: str) -> Manifest:
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise ArchiveError(N_("%(file)s is not a stdgap backup"), file=name)
            version = int(raw["format_version"])
            if version > FORMAT_VERSION:
                raise ArchiveError(
                    N_(
                        "%(file)s is a backup of format %(version)s, newer than this stdgap "
                        "reads (%(known)s): upgrade stdgap"
                    ),
                    file=name,
                    version=version,
                    known=FORMAT_VERSION,
                )
            tables = [TableEntry(**entry) for entry in raw.pop("tables")]
            return cls(**{**raw, "tables": tables})
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            if isinstance(error, ArchiveError):
                raise
            raise ArchiveError(
                N_("%(file)s: its manifest is damaged (%(reason)s)"), file=name, reason=error
            ) from None


def encode(value: Any) -> Any:
    """A value of a row as JSON can hold it (see the module's documentation)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(f"cannot write {type(value).__name__} into a backup")


def decoder(column: Column[Any]) -> Callable[[Any], Any] | None:
    """The function turning a value read from JSON back into ``column``'s Python type (None
    when JSON already gives it)."""
    kind = column.type
    if isinstance(kind, JSON):
        return None
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    try:
        python = kind.python_type
    except NotImplementedError:
        return None
    parse: Callable[[Any], Any] | None = {
        datetime: datetime.fromisoformat,
        date: date.fromisoformat,
        time: time.fromisoformat,
        Decimal: Decimal,
        UUID: UUID,
    }.get(python)
    return parse


class _Hashing:
    """Lines written through it, hashed and counted."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.rows = 0

    def write_rows(self, rows: Iterable[Iterable[Any]]) -> None:
        lines = [
            json.dumps(list(row), default=encode, ensure_ascii=False, separators=(",", ":"))
            for row in rows
        ]
        if lines:
            data = ("\n".join(lines) + "\n").encode()
            self.digest.update(data)
            self.handle.write(data)
            self.rows += len(lines)


class Writer:
    """An archive being written to ``path`` (a zip file, deflated)."""

    def __init__(self, path: Path) -> None:
        # readable by its owner only: it holds password hashes and the cell-key secret
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)  # a file left by an earlier try keeps its mode otherwise
        self.file = os.fdopen(descriptor, "wb")
        self.zip = zipfile.ZipFile(self.file, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self.tables: list[TableEntry] = []

    def table(
        self,
        name: str,
        columns: list[str],
        batches: Iterable[Iterable[Iterable[Any]]],
        progress: Callable[[int], None] | None = None,
    ) -> TableEntry:
        file = f"tables/{name}.jsonl"
        with self.zip.open(file, "w", force_zip64=True) as handle:
            hashing = _Hashing(handle)
            for batch in batches:
                hashing.write_rows(batch)
                if progress is not None:
                    progress(hashing.rows)
        entry = TableEntry(name, file, columns, hashing.rows, hashing.digest.hexdigest())
        self.tables.append(entry)
        return entry

    def finish(self, manifest: Manifest) -> None:
        self.zip.writestr(MANIFEST, manifest.to_json())
        self.zip.close()
        self.file.close()

    def abandon(self) -> None:
        """Close the file of an archive that will not be finished (its disk may be full)."""
        with contextlib.suppress(OSError, ValueError, zipfile.BadZipFile):
            self.zip.close()
        with contextlib.suppress(OSError):
            self.file.close()


MIB = 1024 * 1024
#: The longest row (one JSON line) an archive may hold.
MAX_LINE = 16 * MIB


class Reader:
    """An archive read from ``path``: its manifest, and the rows of each table, checked
    against the manifest's counts and checksums as they are read."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        try:
            self.zip = zipfile.ZipFile(path)
            text = self.zip.read(MANIFEST).decode()
        except FileNotFoundError:
            raise ArchiveError(N_("%(file)s: no such file"), file=self.name) from None
        except (zipfile.BadZipFile, KeyError, OSError, UnicodeDecodeError, EOFError):
            raise ArchiveError(N_("%(file)s is not a stdgap backup"), file=self.name) from None
        self.manifest = Manifest.from_json(text, self.name)

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def rows(self, entry: TableEntry) -> Iterator[list[list[Any]]]:
        """The rows of ``entry``, in batches; an ArchiveError at the end when they are not
        what the manifest says."""
        digest = hashlib.sha256()
        count = 0
        try:
            with self.zip.open(entry.file) as handle:
                batch: list[list[Any]] = []
                while line := handle.readline(MAX_LINE + 1):
                    if len(line) > MAX_LINE:  # no row of a store is that long: a crafted one
                        raise ValueError(f"a row of more than {MAX_LINE // MIB} MiB")
                    count += 1
                    if count > entry.rows:  # more rows than the manifest says: stop now
                        raise ValueError(f"more than the {entry.rows:,} rows of the manifest")
                    digest.update(line)
                    batch.append(json.loads(line))
                    if len(batch) >= BATCH:
                        yield batch
                        batch = []
                if batch:
                    yield batch
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise ArchiveError(
                N_("%(file)s: the table %(table)s cannot be read (%(reason)s)"),
                file=self.name,
                table=entry.name,
                reason=str(error).splitlines()[0] if str(error) else type(error).__name__,
            ) from None
        if count != entry.rows or digest.hexdigest() != entry.sha256:
            raise ArchiveError(
                N_(
                    "%(file)s: the table %(table)s does not match its checksum or count "
                    "(%(rows)s rows read, %(expected)s expected): the archive is damaged"
                ),
                file=self.name,
                table=entry.name,
                rows=count,
                expected=entry.rows,
            )

    def check(self, progress: Callable[[str, int], None] | None = None) -> None:
        """Read every table through, checking its count and checksum."""
        for entry in self.manifest.tables:
            done = 0
            for batch in self.rows(entry):
                done += len(batch)
                if progress is not None:
                    progress(entry.name, done)


def archived(metadata: MetaData) -> list[Table]:
    """The tables a backup holds, in dependency order: all but the bookkeeping of derived
    caches (the change log, which a restore starts afresh)."""
    return [table for table in metadata.sorted_tables if table.info.get("archived", True)]
