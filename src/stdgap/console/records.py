"""Printing lists of records the same way in every command: ``--format table`` (a Rich table),
``json`` (the page and its total, as the API answers) or ``csv`` (through the writer that
neutralises formulas, :mod:`stdgap.tabular.safe_cells`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from stdgap.console.common import console, data_table, err_console, fail

FORMATS = ("table", "json", "csv")
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv")]
ShowFormatOption = Annotated[str, typer.Option("--format", help="table or json")]


def check_format(chosen: str, allowed: Sequence[str] = FORMATS) -> str:
    if chosen not in allowed:
        fail(f"--format {chosen!r}: use one of {', '.join(allowed)}")
    return chosen


def text_of(value: Any) -> str:
    """A value as a table shows it: blank for None, yes or no, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(text_of(item) for item in value)
    return str(value)


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=1, default=str))


def emit_rows(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    chosen: str,
    title: str,
    total: int | None = None,
    offset: int = 0,
) -> None:
    """``rows`` (a page of ``total``) in the chosen format; ``columns`` for the table and CSV."""
    if chosen == "json":
        print_json(
            {"total": len(rows) if total is None else total, "offset": offset, "items": rows}
        )
        return
    if chosen == "csv":
        from stdgap.tabular.safe_cells import csv_text

        lines = [[_cell(row.get(column)) for column in columns] for row in rows]
        typer.echo(csv_text([list(columns), *lines]), nl=False)
        if total is not None and len(rows) < total:  # a page: say so beside the file
            err_console.print(
                f"{title}: rows {offset + 1:,}–{offset + len(rows):,} of {total:,} written; "
                "--limit and --offset give the others",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
        return
    shown = f"{title} ({offset + 1:,}–{offset + len(rows):,} of {total:,})" if total else title
    table = data_table(*columns, title=shown)
    for row in rows:
        table.add_row(*(text_of(row.get(column)) for column in columns))
    console.print(table)


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return value


def emit_fields(title: str, fields: dict[str, Any]) -> None:
    """One record as a two-column table (field, value)."""
    table = data_table("field", "value", title=title)
    for name, value in fields.items():
        table.add_row(name, text_of(value))
    console.print(table)
