"""Reading users' CSV and XLSX files: a normalised header and numbered rows of cells."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from stdgap.tabular.errors import InputError

Row = dict[str, str]
Values = list[str]


@dataclass
class Table:
    """A file's normalised header and its rows as (line number, cells in header order).

    Line 1 is the header; cells are untrimmed strings, blank where empty.
    """

    header: list[str]
    rows: Iterator[tuple[int, Values]]


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
