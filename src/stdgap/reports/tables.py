"""Turning indicator queries into report tables (and the figures charts are drawn from)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from stdgap.indicators.cells import Cell
from stdgap.indicators.compute import compute
from stdgap.indicators.load import state
from stdgap.indicators.request import IndicatorRequest
from stdgap.reports.document import Table


@dataclass
class Source:
    """The indicator engine on one store, with one minimum cell size for the whole report."""

    engine: Engine
    min_cell: int

    @classmethod
    def of(cls, engine: Engine, min_cell: int | None) -> Source:
        """The engine with ``min_cell``, or the store's public minimum when None."""
        return cls(engine, min_cell if min_cell is not None else state(engine).public_min_cell)

    def cells(self, query: IndicatorRequest) -> list[Cell]:
        return compute(self.engine, query.with_min_cell(self.min_cell))

    def table(self, caption: str, query: IndicatorRequest) -> Table:
        by_dims: dict[tuple[str, ...], dict[str, Cell]] = {}
        for cell in self.cells(query):
            key = tuple(str(cell.dims[name]) for name in query.by)
            by_dims.setdefault(key, {})[cell.indicator] = cell
        rows = [
            (dims, [found.get(indicator) for indicator in query.chosen])
            for dims, found in sorted(by_dims.items(), key=lambda item: _sort_key(item[0]))
        ]
        return Table(caption, query, rows)


def _sort_key(dims: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(
        (0, int(value), "") if value.isascii() and value.isdigit() else (1, 0, value)
        for value in dims
    )


def chart_values(table: Table, indicator: str) -> list[dict[str, Any]]:
    """Rows for a chart of one indicator of a table: dimension values and ``value``; suppressed
    and empty cells are left out (a chart never shows a suppressed figure)."""
    column = table.query.chosen.index(indicator)
    values: list[dict[str, Any]] = []
    for dims, cells in table.rows:
        cell = cells[column]
        if cell is None or cell.suppressed or cell.value is None:
            continue
        row: dict[str, Any] = dict(zip(table.query.by, dims, strict=True))
        row["value"] = cell.value
        values.append(row)
    return values
