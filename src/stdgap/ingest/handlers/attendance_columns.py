"""attendance from a plain CSV file, a column at a time: the same checks, messages and rows as
:class:`AttendanceHandler` (which reads every other file), at the pace of the database.

The cells are checked per distinct text (:mod:`stdgap.ingest.columnar`), the ids mapped by
Polars, duplicates found by ``is_first_distinct``; only rows with an error are formatted. The
rows are then written by :mod:`stdgap.ingest.attendance_write`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import polars as pl

from stdgap.ingest.attendance_write import write_attendance
from stdgap.ingest.columnar import Checked, check_column, row_errors
from stdgap.ingest.context import ImportContext
from stdgap.ingest.plaincsv import LINE, PlainTable, cell
from stdgap.ingest.validate import Layout
from stdgap.tabular.errors import RowError, uneven_row

if TYPE_CHECKING:
    from stdgap.ingest.handlers.attendance import AttendanceHandler

KEYS = ("meeting_id", "person_id", "member_id")
VALUES = ("mode", "fellowship", "interpretation")
DEFAULTS: dict[str, object] = {"mode": "in_person", "fellowship": False, "interpretation": None}
TYPES: dict[str, pl.DataType] = {
    "mode": pl.String(),
    "fellowship": pl.Boolean(),
    "interpretation": pl.String(),
}


def _known(ctx: ImportContext, name: str) -> Mapping[str, int]:
    maps = ctx.maps
    return {"meeting_id": maps.meetings, "person_id": maps.people, "member_id": maps.members}[name]


def import_columns(
    handler: AttendanceHandler,
    ctx: ImportContext,
    label: str,
    table: PlainTable,
    layout: Layout,
    written: Callable[[int], None] | None = None,
) -> None:
    """Check ``table`` (whose layout has every required column, once) and, while the import
    has no error, write its rows (``written`` is told the rows done as they are)."""
    frame = table.frame
    lines = frame[LINE]
    errors: list[RowError] = [
        RowError(label, line, "(row)", uneven_row(cells, layout.width))
        for line, cells in table.ragged
    ]
    ids: dict[str, pl.Series] = {}
    checks: dict[str, Checked] = {}
    values: dict[str, pl.Series] = {}
    for name, index, column in layout.known:
        known = _known(ctx, name) if name in KEYS else None
        checks[name] = checked = check_column(frame[cell(index)], column, known)
        errors += row_errors(label, name, lines, checked)
        (ids if known is not None else values)[name] = checked.value
    # the row-wise order of checks: a reference is looked up once its three ids are known
    resolved = ids["meeting_id"].is_not_null() & ids["person_id"].is_not_null()
    resolved = resolved & ids["member_id"].is_not_null()
    for name in KEYS:
        unknown = checks[name].has_text & ids[name].is_null()
        if unknown.any():
            noun = name.removesuffix("_id")
            for line, text in zip(
                lines.filter(unknown).to_list(), checks[name].texts_where(unknown), strict=True
            ):
                errors.append(RowError(label, line, name, f"unknown {noun} '{text}'"))
    keys = pl.DataFrame({name: ids[name] for name in KEYS}).filter(resolved)
    key_lines = lines.filter(resolved)
    earlier = handler.keys_frame()
    combined = keys if earlier is None else pl.concat([earlier, keys])
    first = combined.select(pl.struct(*KEYS).is_first_distinct()).to_series().tail(keys.height)
    if not first.all():
        twice = ~first
        met_before = resolved.arg_true().filter(twice)
        where = pl.repeat(False, frame.height, eager=True).scatter(met_before, True)
        shown = zip(*(checks[name].texts_where(where) for name in KEYS), strict=True)
        for line, (meeting, person, member) in zip(
            key_lines.filter(twice).to_list(), shown, strict=True
        ):
            message = f"'{person}' attends '{meeting}' for '{member}' twice in this import"
            errors.append(RowError(label, line, "person_id", message))
    handler.seen_keys = combined
    ctx.errors.extend(errors)
    if ctx.errors or not keys.height:
        return
    columns: list[pl.Series] = []
    for name, dtype in TYPES.items():
        found = values.get(name)
        series = (
            found.filter(resolved)
            if found is not None
            else pl.Series(name, [None] * keys.height, dtype=dtype)
        )
        default = DEFAULTS[name]
        columns.append((series if default is None else series.fill_null(default)).alias(name))
    rows = keys.with_columns(columns)
    write_attendance(ctx.connection, rows, ctx.counts_for("attendance"), written)
