"""Integer columns packed into one key and unpacked give the columns back, rows with the same
values get the same key and others another; columns with a null or too wide are not packed; the
attendance facts grouped on a packed key equal those grouped on the columns."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import stores

from stdgap.indicators import builtin
from stdgap.indicators.facts import build_facts
from stdgap.indicators.load import Tables
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
