"""Opening users' CSV and XLSX files as tables: a normalised header and numbered rows of cells."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from stdgap.tabular.csvfile import read_csv
from stdgap.tabular.errors import InputError
from stdgap.tabular.table import Row, Table, Values, header_name
from stdgap.tabular.xlsx import Sheet, open_sheet, read_workbook

__all__ = ["SUFFIXES", "Row", "Table", "Values", "check_file", "header_name", "open_table"]

SUFFIXES = (".csv", ".xlsx", ".xlsm")


def check_file(path: Path, label: str | None = None) -> str:
    """The file's suffix (``.csv``, ``.xlsx``), once it exists and is a CSV or XLSX file."""
    label = label or str(path)
    if not path.exists():
        raise InputError(f"{label}: no such file")
    if not path.is_file():
        raise InputError(f"{label}: not a file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{label}: unsupported file type '{suffix}' (use .csv or .xlsx)")
    return suffix


def only_sheet(label: str, sheets: list[Sheet]) -> Sheet:
    """The one sheet of a workbook that holds data (a workbook of several is refused: none of
    its rows is left out silently)."""
    filled = [sheet for sheet in sheets if sheet.path is not None]
    if not filled:
        raise InputError(f"{label}: the workbook has no sheet with data (a header row is required)")
    if len(filled) > 1:
        names = ", ".join(f"'{sheet.name}'" for sheet in filled)
        raise InputError(
            f"{label}: {len(filled)} sheets hold data ({names}) where one is read; "
            "keep one sheet, or save each as a file of its own"
        )
    return filled[0]


def open_table(path: Path, label: str | None = None) -> Table:
    """The header and rows of a CSV file, or of the one sheet holding data of a workbook;
    errors name the file as ``label`` (default: the path)."""
    label = label or str(path)
    if check_file(path, label) == ".csv":
        return read_csv(path, label)
    folder = Path(tempfile.mkdtemp(prefix="stdgap-xlsx-"))
    try:
        return open_sheet(only_sheet(label, read_workbook(path, folder, label)))
    finally:  # the sheet's file is open: it is read to the end although removed (POSIX)
        shutil.rmtree(folder, ignore_errors=True)
