"""Reading users' CSV files: UTF-8 (with or without a byte-order mark), comma-separated.

A byte that is not UTF-8 does not stop the reading: it is reported at the line where it is,
with its column and value (``0xE9``) and the likely cause (a Latin-1/Windows-1252 file), and
every other row is still read and checked. Costs nothing on a clean file: the decoder's error
handler counts bad bytes, and rows are searched for them only after one was met.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from stdgap.tabular.errors import InputError, RowError, uneven_row
from stdgap.tabular.table import Table, Values, header_of

_BAD_BYTES = [0]  # bad bytes met so far, in any file: a change tells a reader to look
_ESCAPE = codecs.lookup_error("surrogateescape")
_SURROGATE = re.compile("[\udc80-\udcff]")
_NEWLINE = re.compile(r"\r\n?|\n")
_ERRORS = "stdgap-bad-bytes"


def _bad_bytes(error: UnicodeError) -> tuple[str | bytes, int]:
    _BAD_BYTES[0] += 1
    return _ESCAPE(error)


codecs.register_error(_ERRORS, _bad_bytes)


def bad_byte_message(text: str, found: re.Match[str]) -> str:
    byte = ord(found.group()) - 0xDC00
    raw = text.encode("utf-8", "surrogateescape")
    try:
        shown = raw.decode("cp1252")
    except UnicodeDecodeError:
        shown = raw.decode("latin-1")
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    return (
        f"byte 0x{byte:02X} is not UTF-8: the file seems to be Latin-1/Windows-1252 "
        f"(where this cell reads '{shown}'); save it as UTF-8"
    )


def _lines_in(text: str, end: int | None = None) -> int:
    return len(_NEWLINE.findall(text, 0, len(text) if end is None else end))


def _mark_bad_bytes(table: Table, start: int, values: Values) -> None:
    """Report each cell of the row starting at line ``start`` that holds a bad byte (at the line
    of the byte), and replace the byte so that no lone surrogate goes further."""
    lines = 0
    for index, text in enumerate(values):
        found = _SURROGATE.search(text)
        if found is not None:
            line = start + lines + _lines_in(text, found.start())
            message = bad_byte_message(text, found)
            table.problems.append(RowError(table.label, line, table.column_name(index), message))
            table.unreadable.add((start, index))
            values[index] = _SURROGATE.sub("\ufffd", text)
        lines += _lines_in(text)


def _long_cell(path: Path, start: int, limit: int) -> tuple[int, int, bool] | None:
    """(column index, line, opened by a quote) of the first cell longer than ``limit`` in the
    record that starts at line ``start``."""
    index = size = 0
    fresh, quoted, opened, after_quote, cell_line = True, False, False, False, start
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        for line, text in enumerate(islice(handle, start - 1, None), start=start):
            for char in text:
                if fresh:
                    fresh, size, cell_line = False, 0, line
                    opened = quoted = char == '"'
                    if quoted:
                        continue
                if quoted:
                    if after_quote:
                        after_quote = False
                        quoted = char == '"'  # "" is a quote; anything else closed the cell
                    elif char == '"':
                        after_quote = True
                        continue
                if not quoted:
                    if char == ",":
                        index, fresh = index + 1, True
                        continue
                    if char in "\r\n":
                        return None
                size += 1
                if size > limit:
                    return index, cell_line, opened
    return None


def _csv_problem(table: Table, path: Path, start: int, error: csv.Error) -> RowError:
    limit = csv.field_size_limit()
    found = _long_cell(path, start, limit) if "field limit" in str(error) else None
    if found is None:
        return RowError(table.label, start, "(row)", f"not readable as CSV ({error})")
    index, line, opened = found
    message = f"the cell is longer than {limit:,} characters, the most a CSV cell may hold"
    if opened:
        message += "; it opens with a quote that seems never to be closed"
    return RowError(table.label, line, table.column_name(index), message)


def _short_row(table: Table, line: int, values: Values, width: int) -> RowError:
    message = uneven_row(len(values), width)
    if any("\n" in value for value in values):
        message += "; a value runs over several lines: is a quote left open?"
    return RowError(table.label, line, "(row)", message)


class _RecordLines:
    """The lines of a text file, those of the record being read kept (``record``) so that it
    can be read again."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.record: list[str] = []

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        line = next(self.handle)
        self.record.append(line)
        return line


def _quote_left_open(lines: list[str]) -> bool:
    """Whether the record of ``lines`` ends inside a quoted cell (Python's lenient reader ends
    that cell at the end of the file without a word, whatever it swallowed)."""
    try:
        for _record in csv.reader(lines, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def _rows(
    table: Table, path: Path, lines: _RecordLines, reader: Any, seen: int
) -> Iterator[tuple[int, Values]]:
    width = len(table.header)
    last: tuple[int, Values] | None = None
    last_lines: list[str] = []
    with lines.handle:
        while True:
            start = reader.line_num + 1  # a quoted cell may span lines: name the first
            lines.record.clear()
            try:
                values = next(reader)
            except StopIteration:
                if last is not None and _quote_left_open(last_lines):
                    line, cells = last
                    message = (
                        "a quote opened in this cell is never closed: the rest of the file "
                        "was read into it"
                    )
                    column = table.column_name(len(cells) - 1)
                    table.problems.append(RowError(table.label, line, column, message))
                return
            except csv.Error as error:
                problem = _csv_problem(table, path, start, error)
                message = f"{problem.message} (the rest of the file was not read)"
                table.problems.append(RowError(problem.file, problem.line, problem.column, message))
                return
            if not any(values):
                continue
            if _BAD_BYTES[0] != seen:
                _mark_bad_bytes(table, start, values)
            if len(values) < width:  # reported, and yielded short: no cell is made up
                table.problems.append(_short_row(table, start, values, width))
            last, last_lines = (start, values), lines.record
            lines.record = []
            yield start, values


def read_csv(path: Path, label: str) -> Table:
    try:
        with path.open("rb") as raw:
            start = raw.read(2)
        handle = path.open(encoding="utf-8-sig", errors=_ERRORS, newline="")
    except OSError as error:
        raise InputError(f"{label}: cannot be read ({error.strerror})") from None
    if start in (b"\xff\xfe", b"\xfe\xff"):
        handle.close()
        raise InputError(f"{label}:1: the file is UTF-16 text; save it as UTF-8")
    seen = _BAD_BYTES[0]
    lines = _RecordLines(handle)
    reader = csv.reader(lines)
    try:
        first = next(reader)
    except StopIteration:
        handle.close()
        raise InputError(f"{label}: the file is empty (a header row is required)") from None
    except csv.Error as error:
        handle.close()
        raise InputError(f"{label}:1: not readable as CSV ({error})") from None
    for cell in first:
        if found := _SURROGATE.search(cell):
            handle.close()
            raise InputError(f"{label}:1: header: {bad_byte_message(cell, found)}")
    table = Table(header_of(first, label), iter(()), label)
    table.rows = _rows(table, path, lines, reader, seen)
    return table
