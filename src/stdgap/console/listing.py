"""Lists of records printed by commands as a table, JSON or CSV (``--format``).

A record is a dict of plain values; the columns name which, in order. JSON keeps the values'
types (dates as ISO text); CSV goes through :func:`stdgap.tabular.safe_cells.csv_text` (no cell a
spreadsheet would run); the table shows booleans as yes/no and nested values as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer

from stdgap.console.common import console, print_rows


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="table, json or csv", case_sensitive=False)
]


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(_plain(value))


def print_records(
    title: str,
    columns: Sequence[str],
    records: list[dict[str, Any]],
    output: ListFormat,
    shown: Sequence[str] | None = None,
) -> None:
    """``records`` (their ``columns``) on standard output in the ``output`` format; a table
    shows only the ``shown`` columns when given (JSON and CSV have them all)."""
    if output is ListFormat.json:
        chosen = [{name: record.get(name) for name in columns} for record in records]
        typer.echo(json.dumps(chosen, ensure_ascii=False, indent=2, default=_plain))
    elif output is ListFormat.csv:
        from stdgap.tabular.safe_cells import csv_text

        rows = [[_plain(record.get(name)) for name in columns] for record in records]
        typer.echo(csv_text([list(columns), *rows]), nl=False)
    else:
        visible = list(shown or columns)
        rows_text = [[_text(record.get(name)) for name in visible] for record in records]
        print_rows(title, visible, rows_text)
        console.print(f"{len(records)} row(s)")
