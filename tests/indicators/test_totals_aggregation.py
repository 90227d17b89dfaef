"""The slim aggregation of the totals gives the columns a share of the total divides by exactly
as the full aggregation does, for any dimensions."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from stdgap.indicators.builtin import (
    aggregate_attendance,
    aggregate_attendance_totals,
    aggregate_contributions,
    aggregate_contributions_totals,
)
from stdgap.indicators.cache import facts_for


@pytest.mark.parametrize(
    "keys",
    [["year"], ["year", "group"], ["year", "group", "dev"], ["region"], ["gender", "year"]],
)
def test_the_totals_equal_the_full_aggregation_s(loaded: Engine, keys: list[str]) -> None:
    facts = facts_for(loaded)
    rows = facts.frames["attendance"].lazy()
    slim = aggregate_attendance_totals(rows, keys, facts.codes).sort(keys)
    assert slim.height > 0
    full = aggregate_attendance(rows, keys, facts.codes).sort(keys).select(slim.columns)
    assert slim.equals(full.cast(slim.schema))
    assert slim.schema == full.schema


@pytest.mark.parametrize("keys", [["year"], ["year", "group"], ["year", "group", "dev"]])
def test_the_contribution_totals_equal_the_full_aggregation_s(
    loaded: Engine, keys: list[str]
) -> None:
    facts = facts_for(loaded)
    rows = facts.frames["contributions"].lazy()
    slim = aggregate_contributions_totals(rows, keys, facts.codes).sort(keys)
    assert slim.height > 0
    full = aggregate_contributions(rows, keys, facts.codes).sort(keys).select(slim.columns)
    assert slim.equals(full) and slim.schema == full.schema
