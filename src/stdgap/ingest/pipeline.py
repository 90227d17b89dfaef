"""One import: every table validated in dependency order and written in one transaction."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from stdgap.ingest.context import IdMaps, ImportContext, KindCounts
from stdgap.ingest.handlers.attendance import AttendanceHandler
from stdgap.ingest.handlers.attendance_columns import import_columns
from stdgap.ingest.handlers.contributions import ContributionsHandler
from stdgap.ingest.handlers.meetings import MeetingsHandler
from stdgap.ingest.handlers.members import MembersHandler
from stdgap.ingest.handlers.people import PeopleHandler
from stdgap.ingest.handlers.roles import RolesHandler
from stdgap.ingest.kinds import order_of
from stdgap.ingest.plaincsv import read_plain
from stdgap.ingest.sources import Source
from stdgap.ingest.validate import Layout, ParsedRow, validate_batch
from stdgap.ingest.writer import BackgroundWriter
from stdgap.reference.resolver import CountryResolver
from stdgap.store.unit import Unit, operation
from stdgap.tabular.errors import ImportFailed, InputError
from stdgap.tabular.files import Values

BATCH_ROWS = 20_000
#: Whether plain CSV files of attendance are read a column at a time (tests compare both ways).
COLUMNS_AT_A_TIME = True

# Called with (label of the table, rows done so far in it) after every batch.
Progress = Callable[[str, int], None]


class Handler(Protocol):
    kind: str
    streaming: bool

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None: ...


HANDLERS: dict[str, Callable[[], Handler]] = {
    "members": MembersHandler,
    "people": PeopleHandler,
    "meetings": MeetingsHandler,
    "attendance": AttendanceHandler,
    "contributions": ContributionsHandler,
    "roles": RolesHandler,
}


@dataclass(frozen=True)
class ImportReport:
    counts: dict[str, KindCounts]
    rows_read: dict[str, int]

    def summary(self, sources: list[Source]) -> dict[str, Any]:
        """The files, rows read and rows inserted/updated/unchanged per kind (as JSON)."""
        return {
            "files": [{"name": source.label, "kind": source.kind} for source in sources],
            "rows_read": dict(self.rows_read),
            "counts": {
                kind: {"inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged}
                for kind, c in self.counts.items()
            },
        }


def _batches(rows: Iterator[tuple[int, Values]], size: int) -> Iterator[list[tuple[int, Values]]]:
    while batch := list(islice(rows, size)):
        yield batch


def _header_errors(ctx: ImportContext, label: str, layout: Layout, head: int) -> bool:
    """Report the header's missing and repeated columns; whether there are any."""
    for name in layout.repeated:
        ctx.error(label, head, name, f"column '{name}' appears more than once in the header")
    hint = ""
    if layout.separator is not None:
        hint = f" (its cells are separated by '{layout.separator}': save the file with commas)"
    for name in layout.missing_required:
        ctx.error(label, head, name, f"required column '{name}' is missing from the header{hint}")
    return bool(layout.missing_required or layout.repeated)


def _import_columns(
    ctx: ImportContext, handler: Handler, source: Source, progress: Progress | None
) -> bool:
    """Import ``source`` a column at a time when it can be (a plain CSV file of attendance);
    whether it was."""
    if not isinstance(handler, AttendanceHandler) or source.csv_path is None:
        return False
    table = read_plain(source.csv_path, source.label)
    if table is None:
        return False
    layout = Layout.of(source.kind, table.header)
    if _header_errors(ctx, source.label, layout, 1):
        return True
    if table.records:  # as row-wise: a file without rows counts nothing
        ctx.rows_read[source.kind] += table.records
        ctx.counts_for(source.kind)
    label = source.label
    written = (lambda done: progress(label, done)) if progress else None
    import_columns(handler, ctx, label, table, layout, written)
    if progress:
        progress(label, table.records)
    return True


def _import_source(
    ctx: ImportContext, handler: Handler, source: Source, progress: Progress | None
) -> None:
    if COLUMNS_AT_A_TIME and _import_columns(ctx, handler, source, progress):
        return
    table = source.open()
    layout = Layout.of(source.kind, table.header)
    head = table.header_line
    if _header_errors(ctx, source.label, layout, head):
        for _ in table.rows:  # still read, to close the file (and report what cannot be read)
            pass
        ctx.errors.extend(table.take_problems())
        return
    done = 0
    pending: list[ParsedRow] = []
    for batch in _batches(table.rows, BATCH_ROWS):
        ctx.errors.extend(table.take_problems())
        parsed = validate_batch(layout, source.label, batch, ctx.errors, table.unreadable)
        done += len(batch)
        ctx.rows_read[source.kind] += len(batch)
        if handler.streaming:
            ctx.maps.fetch(parsed)
            handler.handle(ctx, source.label, parsed)
        else:
            pending.extend(parsed)
        if progress:
            progress(source.label, done)
    ctx.errors.extend(table.take_problems())
    if pending:
        ctx.maps.fetch(pending)
        handler.handle(ctx, source.label, pending)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: an import makes millions of small acyclic objects
    (freed by reference counting anyway), and collections over them cost more than the work."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _target(sources: list[Source], progress: Progress | None = None) -> str:
    return ", ".join(source.label for source in sources)


@operation("import", target=_target, checked_references=True)
def run_import(unit: Unit, sources: list[Source], progress: Progress | None = None) -> ImportReport:
    """Validate and write ``sources`` in the unit's transaction; raise :class:`ImportFailed` on
    bad rows (and the unit writes nothing).

    Tables are taken in dependency order (members, people, meetings, attendance, contributions,
    roles). Writing stops at the first error; the rest is still checked so that every error of
    every row is reported in one pass (a row with a bad value is still checked against the
    store, and its id still counts for the rows that refer to it).
    """
    for source in sources:
        if source.kind not in HANDLERS:
            raise InputError(f"{source.label}: unknown kind '{source.kind}'")
    ordered = sorted(sources, key=lambda source: order_of(source.kind))
    handlers: dict[str, Handler] = {}
    connection = unit.connection
    with _cyclic_gc_paused():
        background = connection.dialect.name != "sqlite"
        with BackgroundWriter(background) as writer:
            ctx = ImportContext(
                connection,
                IdMaps.load(connection, writer.wait),
                CountryResolver.from_connection(connection),
                writer,
            )
            for source in ordered:
                handler = handlers.setdefault(source.kind, HANDLERS[source.kind]())
                _import_source(ctx, handler, source, progress)
                writer.wait()
        if ctx.errors:
            raise ImportFailed(ctx.errors)
    report = ImportReport(ctx.counts, dict(ctx.rows_read))
    unit.details.update(report.summary(sources))
    return report
