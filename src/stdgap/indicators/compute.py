"""Cells of the catalogue's indicators from the fact frames: filter, group, decode."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
from sqlalchemy import Engine

from stdgap.i18n.translate import _l
from stdgap.indicators.cache import facts_for
from stdgap.indicators.catalogue import GENDERS, REGIONS
from stdgap.indicators.cells import Cell, DimValue, IndicatorError
from stdgap.indicators.context import GENDER_CODES
from stdgap.indicators.facts import Facts
from stdgap.indicators.load import StoreState, state
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.sources import source_of
from stdgap.indicators.suppress import suppress

#: The fact column holding each dimension's code.
COLUMN = {"status": "dev"}
_ALL = "_all"


def _column(dim: str) -> str:
    return COLUMN.get(dim, dim)


def _code(facts: Facts, dim: str, value: str) -> Any:
    """The code stored in the facts for ``value`` of ``dim`` (validated by make_request)."""
    if dim == "year":
        return int(value)
    if dim == "status":
        return value == "developing"
    if dim in ("ldc", "lldc", "sids"):
        return value == "true"
    if dim == "region":
        return REGIONS.index(value)
    if dim == "gender":
        return GENDER_CODES[value]
    if dim == "member_type":
        return facts.member_types.index(value)
    if dim == "country":
        if value not in facts.countries:
            raise IndicatorError(
                _l("where country=%(value)s: no member of that country in the store", value=value)
            )
        return facts.countries.index(value)
    if value not in facts.groups:
        raise IndicatorError(
            _l("where group=%(value)s: no group has that code in the store", value=value)
        )
    return facts.groups.index(value)


def _decoder(facts: Facts, dim: str) -> Callable[[Any], DimValue]:
    if dim == "year":
        return int
    if dim == "status":
        return lambda code: "developing" if code else "developed"
    if dim in ("ldc", "lldc", "sids"):
        return lambda code: "true" if code else "false"
    table: list[str] = {
        "region": list(REGIONS),
        "gender": list(GENDERS),
        "member_type": facts.member_types,
        "group": facts.groups,
        "country": facts.countries,
    }[dim]
    return lambda code: table[code]


def _select(frame: pl.DataFrame, facts: Facts, request: IndicatorRequest) -> pl.LazyFrame:
    lazy = frame.lazy()
    for dim, value in request.where:
        lazy = lazy.filter(pl.col(_column(dim)) == _code(facts, dim, value))
    if request.from_year is not None:
        lazy = lazy.filter(pl.col("year") >= request.from_year)
    if request.to_year is not None:
        lazy = lazy.filter(pl.col("year") <= request.to_year)
    if not request.by:
        lazy = lazy.with_columns(pl.lit(0, pl.UInt8).alias(_ALL))
    return lazy


def _keys(request: IndicatorRequest) -> list[str]:
    return [_column(d) for d in request.by] or [_ALL]


def _number(value: Any) -> int | float:
    return value if isinstance(value, int) else float(value)


def cells_of(facts: Facts, request: IndicatorRequest) -> list[Cell]:
    """Every cell of the request, unsuppressed, sorted by indicator then dimension values."""
    frames: dict[str, pl.DataFrame] = {}
    keys = _keys(request)
    decoders = [(_column(d), d, _decoder(facts, d)) for d in request.by]
    cells: list[Cell] = []
    for indicator in request.chosen:
        source = source_of(indicator)
        columns = source.values[indicator]
        if source.name not in frames:
            selected = _select(facts.frames[source.name], facts, request)
            frames[source.name] = source.aggregate(selected, keys, facts.codes)
        found: list[Cell] = []
        for row in frames[source.name].iter_rows(named=True):
            dims = {dim: decode(row[column]) for column, dim, decode in decoders}
            if len(columns) == 1:
                found.append(Cell(indicator, dims, int(row[columns[0]])))
                continue
            numerator, denominator = (_number(row[c]) for c in columns)
            value = numerator / denominator if denominator else None
            found.append(Cell(indicator, dims, value, numerator, denominator))
        found.sort(key=lambda cell: tuple(cell.dims.values()))
        cells.extend(found)
    return cells


def compute(
    engine: Engine, request: IndicatorRequest, known: StoreState | None = None
) -> list[Cell]:
    """The cells of ``request``, suppressed below its minimum cell size (the store's public
    minimum when it names none). Always equal to the store's current content (as of ``known``,
    when the caller has just read the store's state)."""
    current = known or state(engine)
    facts = facts_for(engine, current)
    min_cell = request.min_cell if request.min_cell is not None else current.public_min_cell
    return suppress(cells_of(facts, request), min_cell)
