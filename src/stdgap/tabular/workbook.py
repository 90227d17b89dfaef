"""Writing a workbook (XLSX) of rows, every cell through :func:`safe_cell` (a text that a
spreadsheet would run as a formula is written as text)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from stdgap.tabular.safe_cells import safe_cell


def xlsx_bytes(rows: Iterable[Sequence[Any]], title: str = "Sheet1") -> bytes:
    """One sheet named ``title`` (at most 31 characters) holding ``rows``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet1")
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
