"""Reading users' CSV and XLSX files into rows of trimmed strings keyed by lower-case header."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from stdgap.ingest.errors import InputError
from stdgap.ingest.kinds import kind_from_word

Row = dict[str, str]
Values = list[str]


@dataclass
class Table:
    """A file's normalised header and its rows as (line number, cells in header order).

    Line 1 is the header; cells are untrimmed strings, blank where empty.
    """

    header: list[str]
    rows: Iterator[tuple[int, Values]]


@dataclass(frozen=True)
class Source:
    """A table to import: its kind, a label for error messages, and how to open it."""

    label: str
    kind: str
    opener: Callable[[], Table]

    @classmethod
    def from_path(cls, path: Path, kind: str) -> Source:
        return cls(label=str(path), kind=kind, opener=lambda: open_table(path))

    @classmethod
    def from_rows(cls, label: str, kind: str, header: list[str], rows: Iterable[Row]) -> Source:
        """Rows made in memory (the demo generator); line numbers count as in a file."""

        def cells() -> Iterator[tuple[int, Values]]:
            for line, row in enumerate(rows, start=2):
                yield line, [row.get(name, "") for name in header]

        return cls(label, kind, lambda: Table(header, cells()))

    def open(self) -> Table:
        return self.opener()


def guess_kind(path: Path) -> str | None:
    """The kind named by the file's stem (``2024-attendance.xlsx`` → attendance), if exactly one."""
    words = [word for word in re.split(r"[^a-z]+", path.stem.lower()) if word]
    kinds = {kind for kind in (kind_from_word(word) for word in words) if kind}
    return kinds.pop() if len(kinds) == 1 else None


def _header(cells: list[str], label: str) -> list[str]:
    header = [cell.strip().lower() for cell in cells]
    if not any(header):
        raise InputError(f"{label}:1: the header row is empty")
    return header


def _read_csv(path: Path) -> Table:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    reader = csv.reader(handle)
    try:
        first = next(reader)
    except StopIteration:
        handle.close()
        raise InputError(f"{path}: the file is empty (a header row is required)") from None
    except UnicodeDecodeError as error:
        handle.close()
        raise InputError(f"{path}: not UTF-8 text ({error.reason})") from None
    except csv.Error as error:
        handle.close()
        raise InputError(f"{path}:1: not readable as CSV ({error})") from None
    header = _header(first, str(path))
    return Table(header, _csv_rows(path, handle, reader, header))


def _csv_rows(
    path: Path, handle: TextIO, reader: Any, header: list[str]
) -> Iterator[tuple[int, Values]]:
    width = len(header)
    with handle:
        while True:
            start = reader.line_num + 1  # a quoted cell may span lines: name the first
            try:
                values = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise InputError(f"{path}:{start}: not UTF-8 text ({error.reason})") from None
            except csv.Error as error:
                raise InputError(f"{path}:{start}: {error} (is a quote left open?)") from None
            if not any(values):
                continue
            if len(values) < width:
                values = values + [""] * (width - len(values))
            yield start, values


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise InputError(f"{path}: not a readable XLSX workbook ({error})") from None
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    first = next(rows, None)
    if first is None:
        workbook.close()
        raise InputError(f"{path}: the sheet is empty (a header row is required)")
    header = _header([_cell_text(cell) for cell in first], str(path))
    return Table(header, _xlsx_rows(workbook, rows, header))


def _xlsx_rows(
    workbook: Any, rows: Iterator[Any], header: list[str]
) -> Iterator[tuple[int, Values]]:
    width = len(header)
    try:
        for line, values in enumerate(rows, start=2):
            texts = [_cell_text(value) for value in values]
            if not any(texts):
                continue
            if len(texts) < width:
                texts += [""] * (width - len(texts))
            yield line, texts
    finally:
        workbook.close()


def open_table(path: Path) -> Table:
    """The header and rows of a CSV or XLSX file (cells trimmed, header lower-cased)."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise InputError(f"{path}: unsupported file type '{suffix}' (use .csv or .xlsx)")
