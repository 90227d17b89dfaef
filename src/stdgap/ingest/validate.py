"""Checking rows against their kind's schema, with errors that name the line, column and value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stdgap.ingest.schemas import SCHEMAS
from stdgap.tabular.columns import MAX_ID, Column
from stdgap.tabular.errors import RowError, uneven_row
from stdgap.tabular.files import Values

NumberedValues = tuple[int, Values]
ParsedRow = tuple[int, dict[str, Any], dict[str, str]]  # line, typed values, extra columns


@dataclass(frozen=True)
class Layout:
    """Where the columns of ``kind`` sit in a file's header, with their types."""

    kind: str
    known: tuple[tuple[str, int, Column], ...]
    missing_required: tuple[str, ...]
    extra: tuple[tuple[str, int], ...]
    repeated: tuple[str, ...]
    width: int
    #: A separator other than the comma that the header holds (``;`` or ``|``), when a
    #: required column is missing: the file was likely saved so.
    separator: str | None = None

    @classmethod
    def of(cls, kind: str, header: list[str]) -> Layout:
        schema = SCHEMAS[kind]
        known = tuple(
            (name, index, schema[name]) for index, name in enumerate(header) if name in schema
        )
        present = {name for name, _index, _column in known}
        missing = tuple(
            name for name, column in schema.items() if column.required and name not in present
        )
        extra = tuple(
            (name, index) for index, name in enumerate(header) if name and name not in schema
        )
        repeated = tuple(sorted({name for name in header if name and header.count(name) > 1}))
        separator = (
            next((mark for mark in (";", "|") if any(mark in name for name in header)), None)
            if missing
            else None
        )
        return cls(kind, known, missing, extra, repeated, len(header), separator)


def validate_batch(
    layout: Layout,
    label: str,
    rows: list[NumberedValues],
    errors: list[RowError],
    unreadable: set[tuple[int, int]] | None = None,
) -> list[ParsedRow]:
    """Every row with the values of its cells that pass the schema of the layout's kind; the
    errors of the others go to ``errors``. A row with a bad cell is returned too (without that
    cell's value), so that its other cells are checked as well (its references among them);
    nothing is written once there is an error.

    Blank cells are left out of a row's values (unknown), so defaults apply later. Cells in
    ``unreadable`` (line, column index), whose error the reader has reported, are left out.
    """
    parsed: list[ParsedRow] = []
    known, extra = layout.known, layout.extra
    columns = [
        (name, index, column.required, column.is_text, column.memo, column)
        for name, index, column in known
    ]
    append = parsed.append
    width = layout.width
    for line, cells in rows:
        values: dict[str, Any] = {}
        if len(cells) != width:  # a short row is reported by its reader (a sheet's is filled)
            if len(cells) > width:
                errors.append(RowError(label, line, "(row)", uneven_row(len(cells), width)))
            continue
        for name, index, required, is_text, memo, column in columns:
            if unreadable and (line, index) in unreadable:
                continue
            text = cells[index].strip()
            if "\x00" in text:
                errors.append(RowError(label, line, name, "contains a NUL character"))
                continue
            if not text:
                if required:
                    errors.append(RowError(label, line, name, "required value is missing"))
                continue
            if is_text and len(text) <= MAX_ID:  # the common case, inlined: ids and names
                values[name] = text
                continue
            value, problem = memo.get(text) or column.check(text)
            if problem is None:
                values[name] = value
            else:
                errors.append(RowError(label, line, name, problem))
        extras = (
            {name: text for name, index in extra if (text := cells[index].strip())} if extra else {}
        )
        append((line, values, extras))
    return parsed
