"""A report as data: sections of paragraphs, tables of indicator cells, and charts.

Every number shown comes from an indicator cell; a table remembers the query it came from
(indicators, dimensions, filters) so that it can be checked against ``stdgap indicators``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stdgap.documents.labels import dimension_label, indicator_label, value_label
from stdgap.documents.order import ordered
from stdgap.i18n import formatting
from stdgap.i18n.locales import Language
from stdgap.i18n.translate import N_, current
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.cells import Cell
from stdgap.indicators.notes import mark
from stdgap.indicators.request import IndicatorRequest

#: What a suppressed cell reads (translated where written).
SUPPRESSED = N_("suppressed")
#: Who writes every document.
AUTHOR = "ITU-T Standardization Gap Observatory (stdgap)"
_ITU = re.compile(r"ITU-([TRD])\b")


def unbreakable(text: str) -> str:
    """``ITU-T`` (and ``ITU-R``, ``ITU-D``) with a non-breaking hyphen (U+2011), so that a line
    never ends on "ITU-"."""
    return _ITU.sub("ITU\u2011\\1", text)


def format_value(cell: Cell | None) -> str:
    """How a cell reads in a report: counts with thousands separators, shares as percentages
    (written as the pages write them, by :mod:`stdgap.i18n.formatting`); a figure of the data's
    edges says so in brackets (withheld, or provisional)."""
    if cell is None:
        return formatting.MISSING
    if cell.suppressed:
        return _(SUPPRESSED)
    if cell.value is None:
        shown = formatting.MISSING
    elif CATALOGUE[cell.indicator].is_share:
        shown = formatting.percent(cell.value)
    else:
        shown = formatting.count(cell.value)
    words = mark(cell.flag)
    return f"{shown} ({words})" if words else shown


@dataclass
class Table:
    """Rows of dimension values, then one column per indicator; ``transposed`` turns a table
    with one dimension and many indicators on its side (a row per indicator, a column per value
    of the dimension) so that it fits the page.

    Rows keep the codes the indicator engine gives; they are shown with human labels
    (:mod:`stdgap.documents.labels`, ``names`` for the countries' names) in report order
    (:func:`stdgap.documents.order.ordered`)."""

    caption: str
    query: IndicatorRequest
    rows: list[tuple[tuple[str, ...], list[Cell | None]]]
    transposed: bool = False
    #: The names of values of the first dimension (a country's name by its code).
    names: dict[str, str] = field(default_factory=dict)

    def label(self, dimension: int, value: str) -> str:
        if dimension == 0 and value in self.names:
            return self.names[value]
        return value_label(self.query.by[dimension], value)

    def labelled_rows(self) -> list[tuple[tuple[str, ...], list[Cell | None]]]:
        """The rows with their labels, in report order (by the first dimension's order)."""
        labelled = [
            (tuple(self.label(i, value) for i, value in enumerate(dims)), dims, cells)
            for dims, cells in self.rows
        ]
        if self.query.by:
            labelled = ordered(
                self.query.by[0], labelled, code=lambda row: row[1][0], name=lambda row: row[0][0]
            )
        return [(labels, cells) for labels, _dims, cells in labelled]

    @property
    def header(self) -> list[str]:
        if self.transposed:
            return [_("Indicator"), *(" ".join(labels) for labels, _c in self.labelled_rows())]
        dims = [dimension_label(name) for name in self.query.by]
        return dims + [indicator_label(indicator) for indicator in self.query.chosen]

    @property
    def label_columns(self) -> int:
        """How many leading columns hold labels rather than figures."""
        return 1 if self.transposed else len(self.query.by)

    def text_rows(self) -> list[list[str]]:
        rows = self.labelled_rows()
        if self.transposed:
            return [
                [indicator_label(indicator)] + [format_value(cells[column]) for _l, cells in rows]
                for column, indicator in enumerate(self.query.chosen)
            ]
        return [list(labels) + [format_value(cell) for cell in cells] for labels, cells in rows]

    def value(self, dims: tuple[str, ...], indicator: str) -> Cell | None:
        """The cell of ``indicator`` in the row of ``dims`` (codes), or None."""
        for row_dims, cells in self.rows:
            if row_dims == dims:
                return cells[self.query.chosen.index(indicator)]
        return None


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
class Entry:
    """A numbered item of text read as a paragraph, not squeezed into a table column (a clause
    of a resolution): a heading line, its text, and a few lines of details under it."""

    heading: str
    text: str
    details: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: Sequence[Table | TextTable] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    level: int = 1
    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.charts = [chart for chart in self.charts if chart.drawable]


@dataclass
class Report:
    """A document: its cover (title, subtitle, symbol, date of issue, language), its contents
    and sections (the first may be an executive summary); its properties (subject, keywords)
    for the file's metadata.
    The language is the current one when the report is made: a report is made and written in
    one language (:func:`stdgap.i18n.translate.use`)."""

    title: str
    subtitle: str
    sections: list[Section]
    #: The document symbol, e.g. ``STDGAP/AR/2025`` (none: the cover shows none).
    symbol: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    issued: date = field(default_factory=date.today)
    language: Language = field(default_factory=current)

    @property
    def cover_title(self) -> str:
        """The title as printed (a non-breaking hyphen in ITU-T)."""
        return unbreakable(self.title)

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
