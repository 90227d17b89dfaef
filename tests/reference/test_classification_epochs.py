"""Resolving a (country, date) once per epoch between the country's classification bounds gives
what resolving every date on its own gives: random overlapping rows, open bounds, dates on the
bounds, unknown countries and missing dates."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from stdgap.reference.classification import (
    CLASSIFICATION_SCHEMA,
    _on_dates,
    classify,
)
from stdgap.reference.vocabulary import BOOLEAN_ATTRIBUTES, CLASSIFIED_ATTRIBUTES

START = date(2020, 1, 1)
COUNTRIES = ("AAA", "BBB", "CCC")
days = st.integers(0, 40).map(lambda n: START + timedelta(days=n))
values = st.sampled_from(["true", "false", "TRUE", "Europe", "Africa", "high"])
rows = st.tuples(
    st.sampled_from(COUNTRIES),
    st.sampled_from(CLASSIFIED_ATTRIBUTES),
    values,
    st.none() | days,
    st.none() | days,
)
pairs = st.tuples(st.sampled_from((*COUNTRIES, "ZZZ")), st.none() | days)


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(rows, max_size=25),
    asked=st.lists(pairs, min_size=1, max_size=40),
    transition_counts=st.booleans(),
)
def test_by_epoch_is_the_same_as_date_by_date(
    rows: list[tuple[object, ...]], asked: list[tuple[object, ...]], transition_counts: bool
) -> None:
    classifications = pl.DataFrame(rows, schema=CLASSIFICATION_SCHEMA, orient="row")
    frame = pl.DataFrame(asked, schema={"country": pl.String, "date": pl.Date}, orient="row")
    found = classify(frame, classifications, transition_counts)
    by_date = _on_dates(frame.unique(), classifications, transition_counts)
    expected = frame.join(by_date, on=["country", "date"], how="left", nulls_equal=True)
    expected = expected.with_columns(
        pl.col(name).fill_null(False) for name in (*BOOLEAN_ATTRIBUTES, "developing_listed")
    )
    assert found.height == frame.height
    assert _sorted(found).equals(_sorted(expected.select(found.columns)))
