"""Writing a table as an XLSX workbook, every cell through :func:`safe_cell` (a text a
spreadsheet would run as a formula is written as text), dates as dates."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from stdgap.tabular.safe_cells import safe_cell


def _cell(value: Any) -> Any:
    if isinstance(value, date):
        return value
    return safe_cell(value)


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "data") -> bytes:
    """A workbook of one sheet named ``title``: the header, then the rows."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "data")
    sheet.append([_cell(name) for name in header])
    for row in rows:
        sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
