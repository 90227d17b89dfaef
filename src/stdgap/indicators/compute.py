"""Cells of the catalogue's indicators from the fact frames: filter, group, decode."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import polars as pl
from sqlalchemy import Engine

from stdgap.i18n.translate import _l
from stdgap.indicators.cache import facts_for
from stdgap.indicators.catalogue import CATALOGUE, GENDERS, PROTECTED_DIMENSIONS, REGIONS, ROLES
from stdgap.indicators.cells import Cell, DimValue, IndicatorError
from stdgap.indicators.context import GENDER_CODES
from stdgap.indicators.disclosure import protect
from stdgap.indicators.facts import Facts
from stdgap.indicators.factsource import KEY, TOTAL, FactSource
from stdgap.indicators.flags import flag_of
from stdgap.indicators.load import StoreState, state
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.sources import source_of

#: The fact column holding each dimension's code.
COLUMN = {"status": "dev"}
_ALL = "_all"


#: The value of a dimension a row has none of.
UNKNOWN = "unknown"


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
    if dim == "role":
        return ROLES.index(value)
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
        "role": list(ROLES),
        "member_type": facts.member_types,
        "group": facts.groups,
        "country": facts.countries,
    }[dim]
    # a row with no value of the dimension (an event registrant of no member, a spending of no
    # beneficiary country) is in the cell "unknown", as a person of no stated gender is
    return lambda code: UNKNOWN if code is None else table[code]


def _select(
    frame: pl.DataFrame, facts: Facts, request: IndicatorRequest, protected_filters: bool = True
) -> pl.LazyFrame:
    """The rows of ``frame`` the request's filters and years keep (without the filters on
    protected dimensions when ``protected_filters`` is false)."""
    lazy = frame.lazy()
    for dim, value in request.where:
        if protected_filters or dim not in PROTECTED_DIMENSIONS:
            lazy = lazy.filter(pl.col(_column(dim)) == _code(facts, dim, value))
    if request.from_year is not None:
        lazy = lazy.filter(pl.col("year") >= request.from_year)
    if request.to_year is not None:
        lazy = lazy.filter(pl.col("year") <= request.to_year)
    return lazy.with_columns(pl.lit(0, pl.UInt8).alias(_ALL))


def _number(value: Any) -> int | float:
    return value if isinstance(value, int) else float(value)


def _grid(
    frame: pl.DataFrame, facts: Facts, request: IndicatorRequest, keys: list[str]
) -> pl.DataFrame:
    """Every combination of the requested dimension values a cell split or filtered by a
    protected dimension may have: the other dimensions' values where the population (without
    the protected filters) has rows, times every value of each protected dimension. So a cell
    of a protected split is published (or suppressed) even when it is empty, and an empty one
    cannot be told from the absent."""
    protected = [d for d in request.by if d in PROTECTED_DIMENSIONS and _column(d) in keys]
    others = [k for k in keys if k not in {_column(d) for d in protected}] or [_ALL]
    grid = _select(frame, facts, request, protected_filters=False).select(others).unique().collect()
    for dim in protected:
        column = _column(dim)
        domain = pl.DataFrame({column: [_code(facts, dim, v) for v in GENDERS]})
        grid = grid.join(domain.cast({column: frame.schema[column]}), how="cross")
    return grid.select(keys)


#: Aggregations kept, at most, with the frames they were computed from (see :func:`_aggregate`).
KEPT_AGGREGATIONS = 128
_aggregations: OrderedDict[tuple[Any, ...], tuple[Any, Any, pl.DataFrame]] = OrderedDict()
_aggregations_lock = threading.Lock()


def _aggregate(
    source: FactSource,
    facts: Facts,
    request: IndicatorRequest,
    keys: list[str],
    totals_only: bool = False,
) -> pl.DataFrame:
    """The source's aggregation by ``keys`` of the rows the request keeps. Kept for the frame it
    was computed from (held weakly: a frame no snapshot holds any more is not kept alive by it):
    a source's frame that a change did not touch is carried to the next data version as it is,
    so after an import only the sources it changed are aggregated again."""
    frame = facts.frames[source.name]
    key: tuple[Any, ...] = (source.name, id(frame), id(facts.codes), request.by, request.where)
    key += (request.from_year, request.to_year, tuple(keys), totals_only)
    with _aggregations_lock:
        kept = _aggregations.get(key)
        if kept is not None and kept[0]() is frame and kept[1]() is facts.codes:
            _aggregations.move_to_end(key)
            return kept[2]
    found = _aggregated(source, facts, request, keys, totals_only)
    with _aggregations_lock:
        _aggregations[key] = (weakref.ref(frame), weakref.ref(facts.codes), found)
        while len(_aggregations) > KEPT_AGGREGATIONS:
            _aggregations.popitem(last=False)
    return found


def forget_aggregations() -> None:
    """Forget the kept aggregations (a benchmark timing the computation itself)."""
    with _aggregations_lock:
        _aggregations.clear()


def _aggregated(
    source: FactSource,
    facts: Facts,
    request: IndicatorRequest,
    keys: list[str],
    totals_only: bool,
) -> pl.DataFrame:
    frame = facts.frames[source.name]
    aggregate = (totals_only and source.aggregate_totals) or source.aggregate
    found = aggregate(_select(frame, facts, request), keys, facts.codes)
    touched = any(d in PROTECTED_DIMENSIONS for d in (*request.by, *request.filters))
    if not touched or not all(_column(d) in frame.columns for d in PROTECTED_DIMENSIONS):
        return found
    grid = _grid(frame, facts, request, keys).cast({k: found.schema[k] for k in keys})
    measures = [c for c in found.columns if c not in keys]
    return grid.join(found, on=keys, how="left").with_columns(pl.col(measures).fill_null(0))


def _frame(
    source: FactSource, facts: Facts, request: IndicatorRequest, totals: bool
) -> pl.DataFrame:
    """The source's aggregation by the request's dimensions, with its ``@total`` columns (the
    same aggregation without the last dimension, nor a filter on it) when ``totals``."""
    keys = [_column(d) for d in request.by] or [_ALL]
    found = _aggregate(source, facts, request, keys)
    if not totals:
        return found
    parents = keys[:-1] or [_ALL]
    # The total runs over every value of the last dimension, whatever its filter keeps.
    over = request.by[-1] if request.by else None
    unfiltered = replace(request, where=tuple((d, v) for d, v in request.where if d != over))
    parent = _aggregate(source, facts, unfiltered, parents, totals_only=True)
    renamed = {c: _total_name(c) for c in parent.columns if c not in parents}
    parent = parent.rename(renamed)
    if parents == [_ALL] and keys != [_ALL]:
        return found.join(parent.drop(_ALL), how="cross")
    return found.join(parent, on=parents, how="left")


def _total_name(column: str) -> str:
    base, has_key, _ = column.partition(KEY)
    return base + TOTAL + (KEY if has_key else "")


def _key_at(keys: list[Any] | None, row: int) -> int | None:
    """The cell key of ``row`` in a column of keys (None: the measure has none)."""
    found = None if keys is None else keys[row]
    return int(found) if found is not None else None


def cells_of(facts: Facts, request: IndicatorRequest, today: date | None = None) -> list[Cell]:
    """Every cell of the request, unprotected, sorted by indicator then dimension values."""
    today = today or date.today()  # once, not for every cell's flag
    frames: dict[str, pl.DataFrame] = {}
    # One aggregation per source, with the totals when any chosen indicator of it needs them
    # (the others read the same frame: the totals only add columns).
    with_totals = {
        source_of(indicator).name
        for indicator in request.chosen
        if any(c.endswith(TOTAL) for c in source_of(indicator).values[indicator])
    }
    decoders = [(_column(d), d, _decoder(facts, d)) for d in request.by]
    columns_of: dict[str, dict[str, list[Any]]] = {}
    dims_of: dict[str, list[dict[str, DimValue]]] = {}
    cells: list[Cell] = []
    for indicator in request.chosen:
        source = source_of(indicator)
        columns = source.values[indicator]
        if source.name not in frames:
            frame = frames[source.name] = _frame(source, facts, request, source.name in with_totals)
            # each source's columns and decoded dimensions once, for all its indicators
            columns_of[source.name] = {name: frame[name].to_list() for name in frame.columns}
            decoded = [
                [decode(code) for code in columns_of[source.name][column]]
                for column, _dim, decode in decoders
            ]
            dims_of[source.name] = (
                [
                    dict(zip(request.by, values, strict=True))
                    for values in zip(*decoded, strict=True)
                ]
                if decoders
                else [{} for _ in range(frame.height)]
            )
        lists = columns_of[source.name]
        measures = [lists[column] for column in columns]
        key_lists = [lists.get(column + KEY) for column in columns]
        found: list[Cell] = []
        for row, dims in enumerate(dims_of[source.name]):
            flag = flag_of(indicator, dims, request, facts, today)
            keys = (
                _key_at(key_lists[0], row),
                _key_at(key_lists[1], row) if len(key_lists) > 1 else None,
            )
            if len(columns) == 1:
                value = int(measures[0][row])
                found.append(Cell(indicator, dict(dims), value, flag=flag, keys=keys))
                continue
            numerator, denominator = (_number(measure[row] or 0) for measure in measures)
            share = numerator / denominator if denominator else None
            found.append(
                Cell(indicator, dict(dims), share, numerator, denominator, flag=flag, keys=keys)
            )
        counted = CATALOGUE[indicator].roles
        if counted and "role" in request.by:  # a chair count has no cell of editors
            found = [cell for cell in found if cell.dims["role"] in counted]
        found.sort(key=lambda cell: tuple(cell.dims.values()))
        cells.extend(found)
    return cells


def compute(
    engine: Engine,
    request: IndicatorRequest,
    known: StoreState | None = None,
    stale_ok: bool = False,
) -> list[Cell]:
    """The cells of ``request`` as published (:mod:`.disclosure`): public record exact,
    figures about persons perturbed or suppressed, unless the request asks for exact figures.
    Always equal to the store's current content (as of ``known``, when the caller has just read
    the store's state); ``stale_ok``: see :func:`.cache.facts_for`."""
    current = known or state(engine)
    facts = facts_for(engine, current, stale_ok)
    return protect(cells_of(facts, request), request, current.public_min_cell)
