"""Turning indicator queries into report tables (and the figures charts are drawn from)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from stdgap.documents.document import Report, Section, Table
from stdgap.i18n import formatting
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.cells import Cell
from stdgap.indicators.compute import compute
from stdgap.indicators.load import state
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import PUBLIC, Rule
from stdgap.store.models import Meeting

#: The part of a document symbol naming each kind of report (STDGAP/AR/2025 …).
SYMBOLS = {"annual": "AR", "region": "RR", "implementation": "RI"}
#: The regions' codes in symbols (as in the names of ITU-T regional groups).
REGION_CODES = {
    "Africa": "AFR",
    "Americas": "AMS",
    "Arab States": "ARB",
    "Asia-Pacific": "ASP",
    "CIS": "CIS",
    "Europe": "EUR",
}


def document_symbol(kind: str, year: int, region: str | None = None) -> str:
    """The document symbol of a report: ``STDGAP/AR/2025`` (annual), ``STDGAP/RR/AFR/2025``
    (a region's), ``STDGAP/RI/2025`` (implementation of resolutions, by year of issue)."""
    parts = ["STDGAP", SYMBOLS[kind]]
    if region is not None:
        parts.append(REGION_CODES.get(region, region.upper()))
    return "/".join([*parts, str(year)])


def empty_report(title: str, subtitle: str, symbol: str, reason: str) -> Report:
    """A report on a year without data: a valid document that says so."""
    return Report(
        title,
        subtitle,
        [
            Section(
                _("No data for this year"),
                [
                    reason,
                    _(
                        "This report therefore has no figures. Import the year's meetings, "
                        "or ask for a year the store covers."
                    ),
                ],
            )
        ],
        symbol=symbol,
    )


@dataclass
class Source:
    """The indicator engine on one store, with one minimum cell size for the whole report."""

    engine: Engine
    rule: Rule
    #: The minimum cell size the report applies (its rule's, else the store's public one).
    min_cell: int

    @classmethod
    def of(cls, engine: Engine, rule: Rule = PUBLIC) -> Source:
        """The engine publishing by ``rule``."""
        public = state(engine).public_min_cell
        return cls(engine, rule, rule.min_cell if rule.min_cell is not None else public)

    def method_note(self) -> str:
        """How this report's figures are published, for its method notes."""
        if self.rule.exact and self.min_cell <= 1:
            return _("every figure is exact; no cell is suppressed")
        if self.rule.exact:
            return _(
                "every figure is exact; cells under %(min_cell)s are suppressed",
                min_cell=self.min_cell,
            )
        return _(
            "public record (attendance, contributions, leadership) is exact; figures about "
            "persons are perturbed, and suppressed when fewer than %(min_cell)s before "
            "perturbation",
            min_cell=self.min_cell,
        )

    def missing_year(self, year: int) -> str | None:
        """Why the store has nothing to report on ``year`` (None when it has meetings in
        it)."""
        with self.engine.connect() as connection:
            first, last = connection.execute(
                select(func.min(Meeting.start), func.max(Meeting.start))
            ).one()
        if first is None:
            return _("The store holds no meetings yet: there is nothing to report on.")
        if not first.year <= year <= last.year:
            return _(
                "The store holds no meeting in %(year)s: its meetings run from %(first)s to "
                "%(last)s.",
                year=year,
                first=first.year,
                last=last.year,
            )
        return None

    def reference_date(self, year: int) -> str:
        """The day of ``year`` on which positions are counted, as a report writes it."""
        month, day = (int(part) for part in state(self.engine).leadership_date.split("-"))
        last = calendar.monthrange(year, month)[1]
        return formatting.date(date(year, month, min(day, last)))

    def cells(self, query: IndicatorRequest) -> list[Cell]:
        return compute(self.engine, query.with_rule(self.rule))

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


def chart_flags(table: Table, indicators: tuple[str, ...]) -> list[tuple[object, str | None]]:
    """The year and flag of every cell of ``indicators`` in a table (its year from the table's
    year column, else from its year filter), for the line under a chart's title
    (:func:`stdgap.indicators.notes.chart_note`)."""
    by = table.query.by
    year = table.query.filters.get("year")
    return [
        (dims[by.index("year")] if "year" in by else year, cell.flag)
        for dims, cells in table.rows
        for indicator in indicators
        if (cell := cells[table.query.chosen.index(indicator)]) is not None
    ]


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
