"""Cells of the catalogue's indicators from the fact frames: filter, group, decode."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
from sqlalchemy import Engine

from stdgap.i18n.translate import _l
from stdgap.indicators.cache import facts_for
from stdgap.indicators.catalogue import CATALOGUE, GENDERS, REGIONS
from stdgap.indicators.cells import Cell, DimValue, IndicatorError
from stdgap.indicators.facts import GENDER_CODES, UNKNOWN_GENDER, Facts
from stdgap.indicators.load import StoreState, state
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.suppress import suppress

#: The fact column holding each dimension's code.
COLUMN = {"status": "dev"}
WEIGHT_DIGITS = 9
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


def _attendance(facts: Facts, request: IndicatorRequest) -> pl.DataFrame:
    keys = _keys(request)
    rows = _select(facts.attendance, facts, request)
    persons = (
        rows.group_by([*keys, "person"])
        .agg(
            pl.col("n").sum().alias("a"),
            pl.col("n").filter("dev").sum().alias("a_dev"),
            pl.col("n_remote").sum().alias("a_remote"),
            pl.col("n_fellowship").sum().alias("a_fellowship"),
            pl.col("dev").any().alias("x_dev"),
            pl.col("young").any().alias("x_young"),
            pl.col("first").any().alias("x_first"),
            pl.col("first_retained").any().alias("x_retained"),
            pl.col("gender").first().alias("x_gender"),
            pl.col("born").first().alias("x_born"),
        )
        .group_by(keys)
        .agg(
            pl.len().alias("p"),
            pl.col("a").sum(),
            pl.col("a_dev").sum(),
            pl.col("a_remote").sum(),
            pl.col("a_fellowship").sum(),
            pl.col("x_dev").sum().alias("p_dev"),
            (pl.col("x_gender") == GENDER_CODES["F"]).sum().alias("p_f"),
            (pl.col("x_gender") != UNKNOWN_GENDER).sum().alias("p_gender"),
            (pl.col("x_gender") == UNKNOWN_GENDER).sum().alias("p_no_gender"),
            pl.col("x_young").sum().alias("p_young"),
            pl.col("x_born").sum().alias("p_born"),
            (~pl.col("x_born")).sum().alias("p_no_birth_year"),
            pl.col("x_first").sum().alias("p_first"),
            pl.col("x_retained").sum().alias("p_retained"),
        )
    )
    sector = facts.member_types.index("sector_member")
    members = (
        rows.filter(pl.col("dev") & (pl.col("member_type") == sector))
        .group_by(keys)
        .agg(pl.col("member").n_unique().alias("m_dev_sector"))
    )
    return (
        persons.join(members, on=keys, how="left", nulls_equal=True)
        .with_columns(pl.col("m_dev_sector").fill_null(0))
        .collect()
    )


def _contributions(facts: Facts, request: IndicatorRequest) -> pl.DataFrame:
    weight = pl.col("weight")
    keys = _keys(request)
    rows = _select(facts.contributions, facts, request)
    by_weight = rows.group_by(keys).agg(
        pl.col("contribution").n_unique().alias("c"),
        weight.sum().round(WEIGHT_DIGITS).alias("w"),
        weight.filter("drafting").sum().round(WEIGHT_DIGITS).alias("w_drafting"),
    )
    # Σ over the cell's contributions of their developing share: once per contribution, however
    # many of its sources fall in the cell.
    by_contribution = (
        rows.group_by([*keys, "contribution"])
        .agg(pl.col("dev_fraction").first())
        .group_by(keys)
        .agg(pl.col("dev_fraction").sum().round(WEIGHT_DIGITS).alias("c_dev"))
    )
    return by_weight.join(by_contribution, on=keys, how="left", nulls_equal=True).collect()


def _roles(facts: Facts, request: IndicatorRequest) -> pl.DataFrame:
    role = pl.col("role")
    return (
        _select(facts.roles, facts, request)
        .group_by(_keys(request))
        .agg(
            role.n_unique().alias("r"),
            role.filter("dev").n_unique().alias("r_dev"),
            role.filter(pl.col("gender") == GENDER_CODES["F"]).n_unique().alias("r_f"),
            role.filter(pl.col("gender") != UNKNOWN_GENDER).n_unique().alias("r_gender"),
        )
        .collect()
    )


#: For each indicator: its fact frame's aggregation, and the column(s) of its value:
#: one column for a count, (numerator, denominator) for a share.
FORMULAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "participants": ("attendance", ("p",)),
    "attendances": ("attendance", ("a",)),
    "developing_participant_share": ("attendance", ("p_dev", "p")),
    "developing_attendance_share": ("attendance", ("a_dev", "a")),
    "developing_sector_members": ("attendance", ("m_dev_sector",)),
    "remote_share": ("attendance", ("a_remote", "a")),
    "fellowship_attendances": ("attendance", ("a_fellowship",)),
    "women_share": ("attendance", ("p_f", "p_gender")),
    "young_share": ("attendance", ("p_young", "p_born")),
    "newcomer_share": ("attendance", ("p_first", "p")),
    "retention_rate": ("attendance", ("p_retained", "p_first")),
    "contributions": ("contributions", ("c",)),
    "developing_contribution_share": ("contributions", ("c_dev", "c")),
    "drafting_stage_share": ("contributions", ("w_drafting", "w")),
    "leadership_positions": ("roles", ("r",)),
    "developing_leadership_share": ("roles", ("r_dev", "r")),
    "women_leadership_share": ("roles", ("r_f", "r_gender")),
    "gender_unknown_share": ("attendance", ("p_no_gender", "p")),
    "birth_year_unknown_share": ("attendance", ("p_no_birth_year", "p")),
}

_AGGREGATE: dict[str, Callable[[Facts, IndicatorRequest], pl.DataFrame]] = {
    "attendance": _attendance,
    "contributions": _contributions,
    "roles": _roles,
}


def _number(value: Any) -> int | float:
    return value if isinstance(value, int) else float(value)


def cells_of(facts: Facts, request: IndicatorRequest) -> list[Cell]:
    """Every cell of the request, unsuppressed, sorted by indicator then dimension values."""
    frames: dict[str, pl.DataFrame] = {}
    decoders = [(_column(d), d, _decoder(facts, d)) for d in request.by]
    cells: list[Cell] = []
    for indicator in request.chosen:
        kind, columns = FORMULAS[indicator]
        if kind not in frames:
            frames[kind] = _AGGREGATE[kind](facts, request)
        found: list[Cell] = []
        for row in frames[kind].iter_rows(named=True):
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


assert set(FORMULAS) == set(CATALOGUE)
