"""Properties of the engine on random stores (built as frames, no database) and on the fixture."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from stdgap.indicators.catalogue import DIMENSIONS
from stdgap.indicators.cells import Cell
from stdgap.indicators.compute import cells_of
from stdgap.indicators.context import FactOptions
from stdgap.indicators.facts import build_facts
from stdgap.indicators.load import Tables
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.suppress import suppress
from stdgap_testing import compute

SHIPPED = Path(__file__).parents[2] / "src" / "stdgap" / "reference" / "data"
COUNTRIES = ("BTN", "KEN", "CHE", "RUS", "USA", "ABW")  # ABW has no ITU region
TYPES = ("member_state", "sector_member", "academia")
GROUPS = ("SG3", "SG5", "TSAG")
DATES = [date(2022, 3, 1), date(2023, 5, 8), date(2023, 12, 18), date(2024, 2, 5), date(2025, 3, 3)]


def _classifications() -> pl.DataFrame:
    frame = pl.read_csv(SHIPPED / "classifications.csv", infer_schema=False)
    return frame.filter(pl.col("country").is_in(COUNTRIES)).select(
        "country",
        "attribute",
        "value",
        pl.col("valid_from").str.to_date(),
        pl.col("valid_to").str.to_date(),
    )


CLASSIFICATIONS = _classifications()


@st.composite
def stores(draw: st.DrawFn) -> Tables:
    n_people = draw(st.integers(1, 8))
    n_members = draw(st.integers(1, 5))
    n_meetings = draw(st.integers(1, 5))
    people = pl.DataFrame(
        {
            "id": list(range(1, n_people + 1)),
            "gender": draw(
                st.lists(
                    st.sampled_from(["F", "M", "X", None]), min_size=n_people, max_size=n_people
                )
            ),
            "birth_year": draw(
                st.lists(
                    st.one_of(st.none(), st.integers(1950, 2005)),
                    min_size=n_people,
                    max_size=n_people,
                )
            ),
        },
        schema={"id": pl.Int32, "gender": pl.String, "birth_year": pl.Int32},
    )
    members = pl.DataFrame(
        {
            "id": list(range(1, n_members + 1)),
            "type": draw(st.lists(st.sampled_from(TYPES), min_size=n_members, max_size=n_members)),
            "country": draw(
                st.lists(st.sampled_from(COUNTRIES), min_size=n_members, max_size=n_members)
            ),
        },
        schema={"id": pl.Int32, "type": pl.String, "country": pl.String},
    )
    groups = pl.DataFrame(
        {"id": [1, 2, 3], "code": list(GROUPS)}, schema={"id": pl.Int32, "code": pl.String}
    )
    meetings = pl.DataFrame(
        {
            "id": list(range(1, n_meetings + 1)),
            "group_id": draw(st.lists(st.integers(1, 3), min_size=n_meetings, max_size=n_meetings)),
            "start": draw(
                st.lists(st.sampled_from(DATES), min_size=n_meetings, max_size=n_meetings)
            ),
        },
        schema={"id": pl.Int32, "group_id": pl.Int32, "start": pl.Date},
    )
    keys = draw(
        st.sets(
            st.tuples(
                st.integers(1, n_meetings), st.integers(1, n_people), st.integers(1, n_members)
            ),
            max_size=30,
        )
    )
    rows = sorted(keys)
    flags = draw(
        st.lists(st.tuples(st.booleans(), st.booleans()), min_size=len(rows), max_size=len(rows))
    )
    attendance = pl.DataFrame(
        {
            "meeting_id": [r[0] for r in rows],
            "person_id": [r[1] for r in rows],
            "member_id": [r[2] for r in rows],
            "remote": [f[0] for f in flags],
            "fellowship": [f[1] for f in flags],
        },
        schema={
            "meeting_id": pl.Int32,
            "person_id": pl.Int32,
            "member_id": pl.Int32,
            "remote": pl.Boolean,
            "fellowship": pl.Boolean,
        },
    )
    n_contributions = draw(st.integers(0, 4))
    contributions = pl.DataFrame(
        {
            "id": list(range(1, n_contributions + 1)),
            "meeting_id": draw(
                st.lists(
                    st.integers(1, n_meetings), min_size=n_contributions, max_size=n_contributions
                )
            ),
            "level": draw(
                st.lists(
                    st.sampled_from(["question", "working_party", "plenary"]),
                    min_size=n_contributions,
                    max_size=n_contributions,
                )
            ),
        },
        schema={"id": pl.Int32, "meeting_id": pl.Int32, "level": pl.String},
    )
    pairs = sorted(
        {
            (c, m)
            for c in range(1, n_contributions + 1)
            for m in draw(st.sets(st.integers(1, n_members), min_size=1, max_size=3))
        }
    )
    sources = pl.DataFrame(
        {"contribution_id": [p[0] for p in pairs], "member_id": [p[1] for p in pairs]},
        schema={"contribution_id": pl.Int32, "member_id": pl.Int32},
    )
    n_roles = draw(st.integers(0, 4))
    starts = draw(st.lists(st.sampled_from(DATES), min_size=n_roles, max_size=n_roles))
    ends = [
        draw(st.one_of(st.none(), st.sampled_from([d for d in DATES if d >= s]))) for s in starts
    ]
    roles = pl.DataFrame(
        {
            "id": list(range(1, n_roles + 1)),
            "person_id": draw(
                st.lists(st.integers(1, n_people), min_size=n_roles, max_size=n_roles)
            ),
            "member_id": draw(
                st.lists(st.integers(1, n_members), min_size=n_roles, max_size=n_roles)
            ),
            "group_id": draw(st.lists(st.integers(1, 3), min_size=n_roles, max_size=n_roles)),
            "role": draw(
                st.lists(
                    st.sampled_from(["chair", "vice_chair"]), min_size=n_roles, max_size=n_roles
                )
            ),
            "start": starts,
            "end": ends,
        },
        schema={
            "id": pl.Int32,
            "person_id": pl.Int32,
            "member_id": pl.Int32,
            "group_id": pl.Int32,
            "role": pl.String,
            "start": pl.Date,
            "end": pl.Date,
        },
    )
    return Tables(
        attendance,
        meetings,
        groups,
        members,
        people,
        contributions,
        sources,
        roles,
        CLASSIFICATIONS,
    )


def _cells(tables: Tables, by: list[str], min_cell: int = 1) -> list[Cell]:
    facts = build_facts(tables, FactOptions(transition_counts=True))
    return suppress(cells_of(facts, IndicatorRequest.of(None, by)), min_cell)


def _totals(cells: list[Cell], indicator: str, dims: tuple[str, ...]) -> dict[Any, Any]:
    sums: dict[Any, Any] = defaultdict(int)
    for cell in cells:
        if cell.indicator == indicator:
            sums[tuple(cell.dims[d] for d in dims)] += cell.value
    return dict(sums)


dimension_sets = st.lists(st.sampled_from(DIMENSIONS), unique=True, max_size=3)


@settings(max_examples=60, deadline=None)
@given(tables=stores(), by=dimension_sets)
def test_shares_lie_in_0_1_and_parts_fit(tables: Tables, by: list[str]) -> None:
    for cell in _cells(tables, by):
        if cell.is_share:
            assert cell.numerator is not None and cell.denominator is not None
            assert 0 <= cell.numerator <= cell.denominator + 1e-9
            assert cell.value is None if cell.denominator == 0 else 0 <= cell.value <= 1 + 1e-12
        else:
            assert isinstance(cell.value, int) and cell.value >= 0


@settings(max_examples=60, deadline=None)
@given(tables=stores(), extra=st.sampled_from([d for d in DIMENSIONS if d not in ("year", "role")]))
def test_counts_add_up_across_a_dimension(tables: Tables, extra: str) -> None:
    by_year = _cells(tables, ["year"])
    split = _cells(tables, ["year", extra])
    for indicator in ("attendances", "fellowship_attendances"):
        assert _totals(split, indicator, ("year",)) == _totals(by_year, indicator, ("year",))
    if extra == "gender":  # a person has one gender
        assert _totals(split, "participants", ("year",)) == _totals(
            by_year, "participants", ("year",)
        )


@settings(max_examples=60, deadline=None)
@given(tables=stores(), by=dimension_sets)
def test_quality_shares_complete_the_known_ones(tables: Tables, by: list[str]) -> None:
    """Unknown gender + known gender = unknown birth year + known birth year = participants."""
    cells = {(c.indicator, *c.dims.values()): c for c in _cells(tables, by)}
    for (indicator, *key), cell in cells.items():
        if indicator != "participants":
            continue
        unknown = cells[("gender_unknown_share", *key)]
        known = cells[("women_share", *key)]
        assert unknown.denominator == cell.value
        assert unknown.numerator is not None and known.denominator is not None
        assert unknown.numerator + known.denominator == cell.value
        no_year = cells[("birth_year_unknown_share", *key)]
        born = cells[("young_share", *key)]
        assert no_year.denominator == cell.value
        assert no_year.numerator is not None and born.denominator is not None
        assert no_year.numerator + born.denominator == cell.value


@settings(max_examples=60, deadline=None)
@given(tables=stores(), by=st.sampled_from([[], ["year"], ["year", "group"]]))
def test_contribution_weight_adds_up_across_countries(tables: Tables, by: list[str]) -> None:
    """Each contribution weighs 1 in all, however its sources spread over countries; and the
    developing contribution share is always over the cell's number of contributions."""
    whole = _cells(tables, by)
    split = _cells(tables, [*by, "country"])
    for cells in (whole, split):
        counts = {tuple(c.dims.values()): c.value for c in cells if c.indicator == "contributions"}
        for cell in cells:
            if cell.indicator == "developing_contribution_share":
                assert cell.denominator == counts[tuple(cell.dims.values())]
    for share in ("drafting_stage_share",):
        for part in ("numerator", "denominator"):
            totals: dict[Any, float] = defaultdict(float)
            for cell in split:
                if cell.indicator == share:
                    totals[tuple(cell.dims[d] for d in by)] += getattr(cell, part)
            expected = {
                tuple(c.dims[d] for d in by): getattr(c, part)
                for c in whole
                if c.indicator == share
            }
            assert totals.keys() == expected.keys()
            for key, value in expected.items():
                assert totals[key] == pytest.approx(value, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(tables=stores())
def test_against_a_plain_python_oracle(tables: Tables) -> None:
    meetings = {r["id"]: r for r in tables.meetings.iter_rows(named=True)}
    rows = list(tables.attendance.iter_rows(named=True))
    first: dict[int, date] = {}
    years: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        day = meetings[row["meeting_id"]]["start"]
        first[row["person_id"]] = min(first.get(row["person_id"], day), day)
        years[row["person_id"]].add(day.year)
    expected: dict[int, dict[str, Any]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        day = meetings[row["meeting_id"]]["start"]
        cell = expected[day.year]
        cell["persons"].add(row["person_id"])
        cell["rows"].add((row["meeting_id"], row["person_id"], row["member_id"]))
        if day == first[row["person_id"]]:
            cell["new"].add(row["person_id"])
            if day.year + 1 in years[row["person_id"]]:
                cell["kept"].add(row["person_id"])
    got = {(c.indicator, c.dims["year"]): c for c in _cells(tables, ["year"])}
    for year, cell in expected.items():
        assert got["participants", year].value == len(cell["persons"])
        assert got["attendances", year].value == len(cell["rows"])
        assert got["newcomer_share", year].numerator == len(cell["new"])
        assert got["retention_rate", year].numerator == len(cell["kept"])
        assert got["retention_rate", year].denominator == len(cell["new"])
    assert {y for (i, y) in got if i == "participants"} == set(expected)


@settings(max_examples=40, deadline=None)
@given(tables=stores())
def test_by_year_and_country_against_an_oracle(tables: Tables) -> None:
    """A person's first attendance ever (over all data) counts in the cell of the country it was
    made for; a person attending for two countries counts in both."""
    meetings = {r["id"]: r["start"] for r in tables.meetings.iter_rows(named=True)}
    country = {r["id"]: r["country"] for r in tables.members.iter_rows(named=True)}
    rows = list(tables.attendance.iter_rows(named=True))
    first: dict[int, date] = {}
    years: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        day = meetings[row["meeting_id"]]
        first[row["person_id"]] = min(first.get(row["person_id"], day), day)
        years[row["person_id"]].add(day.year)
    expected: dict[tuple[int, str], dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        day = meetings[row["meeting_id"]]
        cell = expected[day.year, country[row["member_id"]]]
        cell["persons"].add(row["person_id"])
        cell["rows"].add((row["meeting_id"], row["person_id"], row["member_id"]))
        if day == first[row["person_id"]]:
            cell["new"].add(row["person_id"])
            if day.year + 1 in years[row["person_id"]]:
                cell["kept"].add(row["person_id"])
    got = {
        (c.indicator, c.dims["year"], c.dims["country"]): c
        for c in _cells(tables, ["year", "country"])
    }
    assert {k[1:] for k in got if k[0] == "participants"} == set(expected)
    for (year, place), cell in expected.items():
        assert got["participants", year, place].value == len(cell["persons"])
        assert got["attendances", year, place].value == len(cell["rows"])
        assert got["newcomer_share", year, place].numerator == len(cell["new"])
        assert got["retention_rate", year, place].numerator == len(cell["kept"])
        assert got["retention_rate", year, place].denominator == len(cell["new"])


@settings(max_examples=60, deadline=None)
@given(tables=stores(), by=dimension_sets, min_cell=st.integers(2, 6))
def test_suppression_never_leaks_a_small_cell(tables: Tables, by: list[str], min_cell: int) -> None:
    for cell in _cells(tables, by, min_cell):
        if cell.suppressed:
            assert (cell.value, cell.numerator, cell.denominator) == (None, None, None)
        elif cell.is_share:
            assert cell.denominator is not None and cell.denominator >= min_cell
        else:
            assert cell.value is not None and cell.value >= min_cell
    # Nor by subtraction: participants − unknown-gender persons is women_share's denominator.
    cells = {(c.indicator, *c.dims.values()): c for c in _cells(tables, by, min_cell)}
    for (indicator, *dims), cell in cells.items():
        partner = {"gender_unknown_share": "women_share", "birth_year_unknown_share": "young_share"}
        if indicator in partner and not cell.suppressed:
            assert cell.numerator is not None and cell.denominator is not None
            hidden = cells[(partner[indicator], *dims)]
            assert not hidden.suppressed
            assert cell.denominator - cell.numerator == hidden.denominator


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(by=dimension_sets, min_cell=st.integers(1, 6))
def test_fixture_store_any_grouping(loaded: Engine, by: list[str], min_cell: int) -> None:
    cells = compute(loaded, by=by, min_cell=min_cell)
    assert cells
    for cell in cells:
        assert list(cell.dims) == by
        if cell.value is not None and cell.is_share:
            assert 0 <= cell.value <= 1
        if min_cell > 1 and not cell.suppressed and cell.flag is None:
            size = cell.denominator if cell.is_share else cell.value
            assert size is not None and size >= min_cell


@pytest.mark.parametrize("dim", [d for d in DIMENSIONS if d not in ("year", "role")])
def test_fixture_attendances_add_up(loaded: Engine, dim: str) -> None:
    by_year = compute(loaded, ["attendances"], ["year"], min_cell=1)
    split = compute(loaded, ["attendances"], ["year", dim], min_cell=1)
    assert _totals(split, "attendances", ("year",)) == _totals(by_year, "attendances", ("year",))
