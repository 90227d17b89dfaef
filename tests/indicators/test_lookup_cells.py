"""The attendance rows grouped by lookups in arrays indexed by id give the cells the joins give;
where the lookups do not fit (an unknown id, a member without a country, ids out of range) they
step aside and the joins answer, with the same facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_properties import stores

from stdgap.indicators import builtin, lookup_cells
from stdgap.indicators.context import Codes, Context, FactOptions
from stdgap.indicators.facts import build_facts
from stdgap.indicators.load import Tables
from stdgap.indicators.lookup_cells import grouped_by_lookup

MEASURES = lookup_cells.CELL_MEASURES


@pytest.fixture(autouse=True)
def lookups_for_any_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookups for the few rows of these stores too (they step aside for fewer rows than
    (date, country) pairs: see the last test)."""
    monkeypatch.setattr(lookup_cells, "ROWS_PER_PAIR", 0)


def _context(tables: Tables, transition_counts: bool = True) -> Context:
    return Context(tables, Codes.of(tables), FactOptions(transition_counts))


def _decoded(found: tuple[pl.DataFrame, pl.DataFrame]) -> pl.DataFrame:
    """The grouped rows with their class columns instead of the class code (codes are numbered
    in the order each way meets them)."""
    grouped, classes = found
    decoded = grouped.join(classes, on="klass", how="left").drop("klass")
    decoded = decoded.select(sorted(decoded.columns))  # each way has its own order
    return decoded.sort(decoded.columns, nulls_last=True)


@settings(max_examples=60, deadline=None)
@given(tables=stores(), transition_counts=st.booleans())
def test_lookups_give_the_cells_of_the_joins(tables: Tables, transition_counts: bool) -> None:
    ctx = _context(tables, transition_counts)
    found = grouped_by_lookup(ctx)
    if tables.attendance.height == 0:
        assert found is None
        return
    assert found is not None, "the lookups stepped aside on a store they fit"
    joined = builtin._grouped_by_joins(_context(tables, transition_counts), MEASURES)
    assert found[0].schema == joined[0].select(found[0].columns).schema
    assert _decoded(found).equals(_decoded(joined).select(_decoded(found).columns))


def _with_unknown_meeting(tables: Tables) -> Tables:
    rows = tables.attendance.with_columns(pl.col("meeting_id").replace(1, 99))
    return replace(tables, attendance=rows)


def _with_unknown_member(tables: Tables) -> Tables:
    return replace(tables, members=tables.members.filter(pl.col("id") != 1))


def _with_no_country(tables: Tables) -> Tables:
    members = tables.members.with_columns(
        pl.when(pl.col("id") == 1).then(None).otherwise(pl.col("country")).alias("country")
    )
    return replace(tables, members=members)


def _with_negative_ids(tables: Tables) -> Tables:
    members = tables.members.with_columns(pl.col("id") - 3)
    rows = tables.attendance.with_columns(pl.col("member_id") - 3)
    return replace(tables, members=members, attendance=rows)


def _with_large_ids(tables: Tables) -> Tables:
    shift = lookup_cells.MOST_IDS
    people = tables.people.with_columns(pl.col("id") + shift)
    rows = tables.attendance.with_columns(pl.col("person_id") + shift)
    return replace(tables, people=people, attendance=rows)


def _with_repeated_member(tables: Tables) -> Tables:
    return replace(tables, members=pl.concat([tables.members, tables.members.head(1)]))


def _with_member_of_no_id(tables: Tables) -> Tables:
    nameless = tables.members.head(1).with_columns(pl.lit(None, pl.Int32).alias("id"))
    return replace(tables, members=pl.concat([tables.members, nameless]))


ODDITIES = [
    _with_member_of_no_id,
    _with_unknown_meeting,
    _with_unknown_member,
    _with_no_country,
    _with_negative_ids,
    _with_large_ids,
    _with_repeated_member,
]


@settings(max_examples=40, deadline=None)
@given(tables=stores(), oddity=st.sampled_from(ODDITIES))
def test_odd_stores_are_left_to_the_joins(tables: Tables, oddity: object) -> None:
    assert callable(oddity)
    odd = oddity(tables)
    touches = {  # whether the oddity reaches a row of attendance
        _with_unknown_meeting: odd.attendance["meeting_id"].eq(99).any(),
        _with_unknown_member: tables.attendance["member_id"].eq(1).any(),
        _with_no_country: tables.attendance["member_id"].eq(1).any(),
    }.get(oddity, tables.attendance.height > 0)
    found = grouped_by_lookup(_context(odd))
    if touches or odd.attendance.height == 0:
        assert found is None
    if oddity is _with_unknown_meeting:
        return  # a row of no meeting has no year: the store's foreign key keeps it out
    facts = build_facts(odd).attendance
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtin, "grouped_by_lookup", lambda ctx: None)
        joined = build_facts(odd).attendance
    assert facts.schema == joined.schema
    order = facts.columns
    assert facts.sort(order, nulls_last=True).equals(joined.sort(order, nulls_last=True))


@settings(max_examples=10, deadline=None)
@given(tables=stores())
def test_a_store_with_too_many_pairs_is_left_to_the_joins(tables: Tables) -> None:
    assume(tables.attendance.height > 0)
    assert grouped_by_lookup(_context(tables)) is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lookup_cells, "MOST_PAIRS", 0)
        assert grouped_by_lookup(_context(tables)) is None


@settings(max_examples=10, deadline=None)
@given(tables=stores())
def test_fewer_rows_than_pairs_are_left_to_the_joins(tables: Tables) -> None:
    assume(tables.attendance.height > 0)
    dates = tables.meetings["start"].n_unique()
    countries = tables.members["country"].n_unique()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lookup_cells, "ROWS_PER_PAIR", 1)
        patch.setattr(lookup_cells, "ALWAYS_PAIRS", 0)
        patch.setattr(lookup_cells, "_last_classes", [])
        found = grouped_by_lookup(_context(tables))
    assert (found is None) == (dates * countries > tables.attendance.height)


@settings(max_examples=20, deadline=None)
@given(tables=stores(), transition_counts=st.booleans())
def test_a_change_reuses_the_class_codes_of_the_build_before(
    tables: Tables, transition_counts: bool
) -> None:
    """A change's few rows are grouped by lookups with the class codes the build before worked
    out (same dates, countries, setting and classifications: in another frame too, as read
    back from the Parquet cache), giving the joins' cells; other classifications, or another
    setting, are not taken for the same."""
    assume(tables.attendance.height > 1)
    lookup_cells._last_classes.clear()
    assert grouped_by_lookup(_context(tables, transition_counts)) is not None
    few = replace(
        tables,
        attendance=tables.attendance.head(1),
        classifications=tables.classifications.clone(),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lookup_cells, "ROWS_PER_PAIR", 10**9)  # nothing pays for classifying
        patch.setattr(lookup_cells, "ALWAYS_PAIRS", 0)
        found = grouped_by_lookup(_context(few, transition_counts))
        assert found is not None
        joined = builtin._grouped_by_joins(_context(few, transition_counts), MEASURES)
        assert _decoded(found).equals(_decoded(joined).select(_decoded(found).columns))
        assert grouped_by_lookup(_context(few, not transition_counts)) is None
        moved = few.classifications.with_columns(
            pl.when(pl.int_range(pl.len()) == 0)
            .then(pl.col("value") + "x")
            .otherwise(pl.col("value"))
            .alias("value")
        )
        other = replace(few, classifications=moved)
        assert grouped_by_lookup(_context(other, transition_counts)) is None


@settings(max_examples=10, deadline=None)
@given(tables=stores())
def test_few_pairs_are_classified_whatever_the_rows(tables: Tables) -> None:
    assume(tables.attendance.height > 0)
    lookup_cells._last_classes.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lookup_cells, "ROWS_PER_PAIR", 10**9)
        assert grouped_by_lookup(_context(tables)) is not None  # under ALWAYS_PAIRS
        lookup_cells._last_classes.clear()
        patch.setattr(lookup_cells, "ALWAYS_PAIRS", 0)
        assert grouped_by_lookup(_context(tables)) is None


@settings(max_examples=30, deadline=None)
@given(tables=stores(), meetings=st.integers(2, 6), data=st.data())
def test_cells_of_many_rows_count_each_and_keep_the_earliest_date(
    tables: Tables, meetings: int, data: st.DataObject
) -> None:
    """Every person at every meeting of one group and year for every member: each cell holds
    several rows, remote and fellowship ones among them, at meetings numbered against the order
    of their dates (the lookups count the rows in one packed sum and take the earliest meeting
    by its place in date order)."""
    days = sorted(data.draw(st.sets(st.integers(0, 360), min_size=meetings, max_size=meetings)))
    starts = [date(2023, 1, 1) + timedelta(days=day) for day in reversed(days)]
    dense_meetings = pl.DataFrame(
        {"id": list(range(1, meetings + 1)), "group_id": [1] * meetings, "start": starts},
        schema=tables.meetings.schema,
    )
    triples = [
        (meeting, person, member)
        for meeting in range(1, meetings + 1)
        for person in tables.people["id"]
        for member in tables.members["id"]
    ]
    flags = data.draw(
        st.lists(
            st.tuples(st.booleans(), st.booleans()), min_size=len(triples), max_size=len(triples)
        )
    )
    rows = pl.DataFrame(
        [(*triple, *flag) for triple, flag in zip(triples, flags, strict=True)],
        schema=tables.attendance.schema,
        orient="row",
    )
    dense = replace(tables, meetings=dense_meetings, attendance=rows)
    found = grouped_by_lookup(_context(dense))
    assert found is not None
    joined = builtin._grouped_by_joins(_context(dense), MEASURES)
    assert _decoded(found).equals(_decoded(joined))
    assert found[0]["n"].sum() == rows.height
    assert found[0]["n_fellowship"].sum() == rows["fellowship"].sum()
    assert found[0]["earliest"].min() == starts[-1]
