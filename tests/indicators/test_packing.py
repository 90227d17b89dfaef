"""Integer columns packed into one key and unpacked give the columns back, rows with the same
values get the same key and others another; columns with a null or too wide are not packed; the
attendance facts grouped on a packed key equal those grouped on the columns."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import dimension_sets, stores

from stdgap.indicators import builtin
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.compute import _column, _select
from stdgap.indicators.facts import build_facts
from stdgap.indicators.load import Tables
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.sources import registry
from stdgap.tabular.packing import Packing

columns = st.lists(
    st.tuples(st.integers(-(2**20), 2**20), st.integers(0, 2**12)), min_size=1, max_size=4
)


@settings(max_examples=100, deadline=None)
@given(ranges=columns, data=st.data())
def test_packed_keys_unpack_to_the_columns(
    ranges: list[tuple[int, int]], data: st.DataObject
) -> None:
    height = data.draw(st.integers(1, 30))
    frame = pl.DataFrame(
        {
            f"c{i}": data.draw(
                st.lists(st.integers(low, low + span), min_size=height, max_size=height)
            )
            for i, (low, span) in enumerate(ranges)
        },
        schema={f"c{i}": pl.Int32 for i in range(len(ranges))},
    )
    packing = Packing.of(frame, frame.columns)
    assert packing is not None
    packed = frame.with_columns(packing.key().alias("key"))
    assert packed.select(packing.unpacked("key", frame.schema)).equals(frame)
    assert packed["key"].min() >= 0
    distinct_rows = frame.unique().height
    assert packed["key"].n_unique() == distinct_rows


def test_a_null_or_too_many_bits_is_not_packed() -> None:
    with_null = pl.DataFrame({"a": [1, None], "b": [2, 3]})
    assert Packing.of(with_null, ["a", "b"]) is None
    wide = pl.DataFrame({"a": [0, 2**40], "b": [0, 2**30]}, schema={"a": pl.Int64, "b": pl.Int64})
    assert Packing.of(wide, ["a", "b"]) is None
    assert Packing.of(wide, ["a"]) is not None


@settings(max_examples=25, deadline=None)
@given(tables=stores())
def test_attendance_facts_are_the_same_grouped_on_the_columns(tables: Tables) -> None:
    packed = build_facts(tables).attendance
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtin.Packing, "of", classmethod(lambda cls, frame, names: None))
        plain = build_facts(tables).attendance
    assert packed.schema == plain.schema
    assert packed.sort(packed.columns).equals(plain.sort(plain.columns))


@settings(max_examples=60, deadline=None)
@given(tables=stores(), by=dimension_sets, filtered=st.booleans())
def test_attendance_aggregated_on_packed_keys_as_on_the_columns(
    tables: Tables, by: list[str], filtered: bool
) -> None:
    """Every cell of the attendance indicators, by any dimensions (a filter on the year too),
    is the same grouped on one packed integer of the cell and the person as on the columns."""
    facts = build_facts(tables)
    by = [d for d in by if d in CATALOGUE["participants"].dimensions]
    request = IndicatorRequest.of(
        ["participants"], by or ["year"], from_year=2020 if filtered else None
    )
    keys = [_column(d) for d in by] or ["_all"]
    source = registry()["attendance"]
    for aggregate in (source.aggregate, source.aggregate_totals):
        assert aggregate is not None
        packed = aggregate(_select(facts.attendance, facts, request), keys, facts.codes)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Packing, "of_lazy", classmethod(lambda cls, frame, names: None))
            plain = aggregate(_select(facts.attendance, facts, request), keys, facts.codes)
        assert packed.schema == plain.schema
        assert packed.sort(keys, nulls_last=True).equals(plain.sort(keys, nulls_last=True))


def test_the_packing_of_all_columns_but_the_last() -> None:
    frame = pl.DataFrame({"a": [3, 9, 5], "b": [True, False, True], "c": [100, 7, 40]})
    packing = Packing.of_lazy(frame.lazy(), ["a", "b", "c"])
    assert packing is not None
    keys = frame.with_columns(packing.key().alias("key"))
    fewer = packing.without_last()
    assert fewer.columns == ("a", "b")
    cut = keys.select((pl.col("key") // (1 << packing.widths[-1])).alias("key"))
    assert cut.select(fewer.unpacked("key", frame.schema)).equals(frame.select("a", "b"))
    assert keys.select(fewer.key()).to_series().equals(cut.to_series(), check_names=False)
    assert Packing.of_lazy(frame.clear().lazy(), ["a"]) is None
    assert Packing.of_lazy(pl.LazyFrame({"a": [1, None]}), ["a"]) is None


@settings(max_examples=200, deadline=None)
@given(tables=stores(), by=dimension_sets)
def test_person_counts_follow_any_row_of_the_person(tables: Tables, by: list[str]) -> None:
    """A person counts in a cell's p_dev, p_young, p_first and p_retained when any of the
    person's rows in the cell has the flag (counted here row by row, in plain Python)."""
    facts = build_facts(tables)
    by = [d for d in by if d in CATALOGUE["participants"].dimensions]
    keys = [_column(d) for d in by] or ["_all"]
    request = IndicatorRequest.of(["participants"], by or ["year"])
    rows = _select(facts.attendance, facts, request).collect().to_dicts()
    flags = {"p_dev": "dev", "p_young": "young", "p_first": "first", "p_retained": "first_retained"}
    persons: dict[tuple[Any, ...], dict[str, bool]] = defaultdict(
        lambda: dict.fromkeys(flags, False)
    )
    for row in rows:
        seen = persons[(*(row[k] for k in keys), row["person"])]
        for count, column in flags.items():
            seen[count] = seen[count] or bool(row[column])
    expected: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: dict.fromkeys(flags, 0))
    for (*cell, _person), seen in persons.items():
        for count in flags:
            expected[tuple(cell)][count] += seen[count]
    source = registry()["attendance"]
    found = source.aggregate(_select(facts.attendance, facts, request), keys, facts.codes)
    got = {
        tuple(row[k] for k in keys): {count: row[count] for count in flags}
        for row in found.to_dicts()
    }
    assert got == dict(expected)
