"""Cells that a spreadsheet will not run: every CSV or XLSX file stdgap writes goes through
:func:`safe_cell` (OWASP, "CSV Injection").

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by Excel, LibreOffice and Google Sheets (``=HYPERLINK(…)`` as a group code from an imported
file, say): it is written with a single quote before it, which makes it text. Numbers are written
as numbers (``-0.5`` stays ``-0.5``), and so is a text that is a plain number; only the written
file changes, never the stored value.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The full-width forms some spreadsheets also take for ``=``, ``+``, ``-`` and ``@``.
_WIDE_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(text: str) -> str:
    """``text``, with a quote before it when a spreadsheet would read it as a formula: it
    starts with one of :data:`FORMULA_STARTS` (or their full-width forms), also after blanks
    and line breaks, which some spreadsheets skip."""
    if _NUMBER.fullmatch(text.strip()):
        return text
    bare = text.lstrip(" \u00a0\n\t\r\u3000")
    if text.startswith(FORMULA_STARTS) or bare.startswith(FORMULA_STARTS + _WIDE_STARTS):
        return "'" + text
    return text


def safe_cell(value: Any) -> Any:
    """A value as a spreadsheet cell: None as blank, booleans as ``true``/``false``, numbers
    unchanged, texts neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return value
    return neutralise(str(value))


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text (lines ending in ``\\n``), every cell through :func:`safe_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()
