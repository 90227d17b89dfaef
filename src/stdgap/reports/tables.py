"""Turning indicator queries into report tables (and the figures charts are drawn from)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from stdgap.indicators import Cell, compute
from stdgap.reports.document import Query, Table


@dataclass
class Source:
    """The indicator engine on one store, with one minimum cell size for the whole report."""

    engine: Engine
    min_cell: int

    def cells(self, query: Query) -> list[Cell]:
        return compute(
            self.engine,
            list(query.indicators),
            list(query.by),
            dict(query.where),
            query.from_year,
            query.to_year,
            self.min_cell,
        )

    def table(self, caption: str, query: Query) -> Table:
        by_dims: dict[tuple[str, ...], dict[str, Cell]] = {}
        for cell in self.cells(query):
            key = tuple(str(cell.dims[name]) for name in query.by)
            by_dims.setdefault(key, {})[cell.indicator] = cell
        rows = [
            (dims, [found.get(indicator) for indicator in query.indicators])
            for dims, found in sorted(by_dims.items(), key=lambda item: _sort_key(item[0]))
        ]
        return Table(caption, query, rows)


def _sort_key(dims: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple((0, int(value), "") if value.isdigit() else (1, 0, value) for value in dims)


def chart_values(table: Table, indicator: str) -> list[dict[str, Any]]:
    """Rows for a chart of one indicator of a table: dimension values and ``value``; suppressed
    and empty cells are left out (a chart never shows a suppressed figure)."""
    column = table.query.indicators.index(indicator)
    values: list[dict[str, Any]] = []
    for dims, cells in table.rows:
        cell = cells[column]
        if cell is None or cell.suppressed or cell.value is None:
            continue
        row: dict[str, Any] = dict(zip(table.query.by, dims, strict=True))
        row["value"] = cell.value
        values.append(row)
    return values
