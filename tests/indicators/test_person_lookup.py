"""A person's gender and birth year looked up in an array indexed by id give what the left join
to the people gives, row for row in the frame's order (persons not among the people, people
with no gender or birth year); ids that do not fit are joined."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from stdgap.indicators import context

PEOPLE = {"person": pl.Int32, "gender": pl.UInt8, "birth_year": pl.Int32}
FRAME = {"person": pl.Int32, "year": pl.Int16}


@st.composite
def people_and_frame(
    draw: st.DrawFn, ids: st.SearchStrategy[int] = st.integers(0, 30)
) -> tuple[pl.DataFrame, pl.DataFrame]:
    listed = draw(st.lists(ids, max_size=20))
    people = pl.DataFrame(
        {
            "person": listed,
            "gender": [draw(st.none() | st.integers(0, 3)) for _ in listed],
            "birth_year": [draw(st.none() | st.integers(1940, 2010)) for _ in listed],
        },
        schema=PEOPLE,
    )
    persons = draw(st.lists(ids, max_size=40))
    frame = pl.DataFrame(
        {"person": persons, "year": [2020 + i % 5 for i in range(len(persons))]}, schema=FRAME
    )
    return people, frame


def _joined(frame: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    return frame.join(people, on="person", how="left", maintain_order="left")


@settings(max_examples=300, deadline=None)
@given(found=people_and_frame())
def test_lookup_gives_the_left_join(found: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    people, frame = found
    gathered = context._gathered_people(frame, people)
    unique = people["person"].n_unique() == people.height
    if people.height == 0 or frame.height == 0 or not unique:
        assert gathered is None
        return
    assert gathered is not None, "the lookup stepped aside on ids it fits"
    assert gathered.equals(_joined(frame, people))


@settings(max_examples=100, deadline=None)
@given(found=people_and_frame(st.sampled_from([-2, 0, 3, context.MOST_PERSON_IDS])))
def test_ids_beyond_the_array_are_joined(found: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    people, frame = found
    ids = pl.concat([people["person"], frame["person"]])
    if ids.is_in([-2, context.MOST_PERSON_IDS]).any():
        assert context._gathered_people(frame, people) is None


def test_a_person_listed_twice_is_joined_as_the_join_does() -> None:
    people = pl.DataFrame(
        {"person": [1, 1, 2], "gender": [0, 1, 2], "birth_year": [1980, 1981, None]},
        schema=PEOPLE,
    )
    frame = pl.DataFrame({"person": [1, 2], "year": [2020, 2021]}, schema=FRAME)
    assert context._gathered_people(frame, people) is None
    assert context._with_person(frame, _tables(people)).height == 3  # as the join gives it


def _tables(people: pl.DataFrame) -> context.Tables:
    empty = pl.DataFrame()
    return context.Tables(
        attendance=empty,
        meetings=empty,
        groups=empty,
        members=empty,
        people=people.rename({"person": "id"}).with_columns(
            pl.col("gender").replace_strict(
                dict(enumerate(context.GENDER_CODES)), return_dtype=pl.String
            )
        ),
        contributions=empty,
        sources=empty,
        roles=empty,
        classifications=empty,
    )


def test_a_few_people_of_large_ids_are_joined() -> None:
    """A change's few rows and one person of a large id: no array of millions of entries."""
    people = pl.DataFrame(
        {"person": [1, 2, 10_000_000], "gender": [0, 1, 2], "birth_year": [1980, None, 1990]},
        schema=PEOPLE,
    )
    frame = pl.DataFrame({"person": [10_000_000, 1], "year": [2020, 2021]}, schema=FRAME)
    assert context._gathered_people(frame, people) is None
    found = context._with_person(frame, _tables(people))
    assert found["gender"].to_list() == [2, 0]
