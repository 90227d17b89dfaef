"""A person's first attendance and return the year after, worked out in arrays indexed by id,
give what the windows over the person give, on any cells (nulls, several cells on the first
date, years that do not follow the dates); ids that do not fit are left to the windows."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from stdgap.indicators import first_attendance
from stdgap.indicators.first_attendance import with_first_attendance

SCHEMA = {"person": pl.Int32, "year": pl.Int16, "earliest": pl.Date, "n": pl.UInt32}
START = date(2019, 1, 1)


@st.composite
def cells(draw: st.DrawFn, persons: st.SearchStrategy[int] | None = None) -> pl.DataFrame:
    rows = draw(
        st.lists(
            st.tuples(
                st.integers(0, 12) if persons is None else persons,
                st.none() | st.integers(2018, 2023) | st.just(1),  # 1: after no year 0
                st.none() | st.integers(0, 5 * 365),
            ),
            max_size=60,
        )
    )
    return pl.DataFrame(
        {
            "person": [person for person, _, _ in rows],
            "year": [year for _, year, _ in rows],
            "earliest": [None if day is None else START + timedelta(days=day) for *_, day in rows],
            "n": list(range(len(rows))),
        },
        schema=SCHEMA,
    )


@settings(max_examples=300, deadline=None)
@given(found=cells())
def test_arrays_give_what_the_windows_give(found: pl.DataFrame) -> None:
    by_arrays = first_attendance._by_arrays(found)
    if found.height == 0:
        assert by_arrays is None
        return
    assert by_arrays is not None, "the arrays stepped aside on ids they fit"
    assert by_arrays.equals(first_attendance._by_windows(found))
    assert by_arrays.columns == [*SCHEMA, "first", "first_retained"]


@settings(max_examples=50, deadline=None)
@given(found=cells(st.sampled_from([-3, 0, 5, first_attendance.MOST_PERSON_IDS])))
def test_ids_beyond_the_arrays_are_left_to_the_windows(found: pl.DataFrame) -> None:
    odd = found["person"].is_in([-3, first_attendance.MOST_PERSON_IDS]).any()
    assert (first_attendance._by_arrays(found) is None) == (odd or found.height == 0)
    assert with_first_attendance(found).equals(first_attendance._by_windows(found))


def test_first_attendance_and_return_the_year_after() -> None:
    found = pl.DataFrame(
        {
            "person": [1, 1, 1, 2, 2, 3, 3],
            "year": [2021, 2020, 2020, 2020, 2022, None, 2023],
            "earliest": [
                date(2021, 2, 1),
                date(2020, 5, 1),
                date(2020, 3, 1),  # person 1's first, and back in 2021
                date(2020, 3, 1),  # person 2's first; 2022 is not the year after
                date(2022, 1, 1),
                None,
                date(2023, 6, 1),  # person 3's first; a cell of no year is no return
            ],
            "n": [1, 2, 3, 4, 5, 6, 7],
        },
        schema=SCHEMA,
    )
    result = with_first_attendance(found)
    assert result["first"].to_list() == [False, False, True, True, False, False, True]
    assert result["first_retained"].to_list() == [False, False, True, False, False, False, False]


def test_a_few_cells_of_large_ids_are_left_to_the_windows() -> None:
    """A change's few cells of persons with large ids: no array of a million entries for them."""
    found = pl.DataFrame(
        {"person": [1_000_000, 1_000_000], "year": [2020, 2021], "n": [1, 1]}
        | {"earliest": [date(2020, 1, 1), date(2021, 1, 1)]},
        schema=SCHEMA,
    )
    assert first_attendance._by_arrays(found) is None
    assert with_first_attendance(found)["first_retained"].to_list() == [True, False]
