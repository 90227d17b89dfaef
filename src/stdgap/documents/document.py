"""A report as data: sections of paragraphs, tables of indicator cells, and charts.

Every number shown comes from an indicator cell; a table remembers the query it came from
(indicators, dimensions, filters) so that it can be checked against ``stdgap indicators``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from stdgap.i18n import formatting
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.cells import Cell
from stdgap.indicators.notes import mark
from stdgap.indicators.request import IndicatorRequest

DIMENSION_LABELS = {
    "year": "Year",
    "group": "Group",
    "region": "Region",
    "status": "Status",
    "ldc": "LDC",
    "lldc": "LLDC",
    "sids": "SIDS",
    "member_type": "Member type",
    "gender": "Gender",
    "country": "Country",
    "role": "Role",
}


def format_value(cell: Cell | None) -> str:
    """How a cell reads in a report: counts with thousands separators, shares as percentages
    (written as the pages write them, by :mod:`stdgap.i18n.formatting`); a figure of the data's
    edges says so in brackets (withheld, or provisional)."""
    if cell is None:
        return formatting.MISSING
    if cell.suppressed:
        return "suppressed"
    if cell.value is None:
        shown = formatting.MISSING
    elif CATALOGUE[cell.indicator].is_share:
        shown = formatting.percent(cell.value)
    else:
        shown = formatting.count(cell.value)
    words = mark(cell.flag)
    return f"{shown} ({words})" if words else shown


def indicator_label(indicator: str) -> str:
    return CATALOGUE[indicator].title


@dataclass
class Table:
    """Rows of dimension values, then one column per indicator; ``transposed`` turns a table
    with one dimension and many indicators on its side (a row per indicator, a column per value
    of the dimension) so that it fits the page."""

    caption: str
    query: IndicatorRequest
    rows: list[tuple[tuple[str, ...], list[Cell | None]]]
    transposed: bool = False

    @property
    def header(self) -> list[str]:
        if self.transposed:
            return ["Indicator", *(" ".join(dims) for dims, _cells in self.rows)]
        dims = [DIMENSION_LABELS.get(name, name) for name in self.query.by]
        return dims + [indicator_label(indicator) for indicator in self.query.chosen]

    @property
    def label_columns(self) -> int:
        """How many leading columns hold labels rather than figures."""
        return 1 if self.transposed else len(self.query.by)

    def text_rows(self) -> list[list[str]]:
        if self.transposed:
            return [
                [indicator_label(indicator)]
                + [format_value(cells[column]) for _d, cells in self.rows]
                for column, indicator in enumerate(self.query.chosen)
            ]
        return [list(dims) + [format_value(cell) for cell in cells] for dims, cells in self.rows]


@dataclass
class TextTable:
    """A table of text already written (a statement's figures): its header, its rows, and how
    many leading columns hold labels rather than figures."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    label_columns: int = 1

    def text_rows(self) -> list[list[str]]:
        return self.rows


@dataclass
class Chart:
    title: str
    alt: str
    spec: dict[str, Any]

    @property
    def drawable(self) -> bool:
        """Whether the chart has something to draw (a year without data has nothing)."""
        return any(_data_lists(self.spec))


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: Sequence[Table | TextTable] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    level: int = 1

    def __post_init__(self) -> None:
        self.charts = [chart for chart in self.charts if chart.drawable]


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]

    def tables(self) -> list[Table | TextTable]:
        return [table for section in self.sections for table in section.tables]

    def charts(self) -> list[Chart]:
        return [chart for section in self.sections for chart in section.charts]


def _data_lists(spec: Any) -> list[bool]:
    """For every inline data list of a Vega-Lite spec (map outlines aside), whether it has rows."""
    found: list[bool] = []
    if isinstance(spec, dict):
        data = spec.get("data")
        if isinstance(data, dict) and isinstance(data.get("values"), list):
            found.append(bool(data["values"]))
        for key, value in spec.items():
            if key != "data":
                found += _data_lists(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _data_lists(item)
    return found
