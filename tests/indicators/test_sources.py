"""A capability adds a fact source and its indicators without touching the engine: registered,
it is read, cached, filtered, grouped, suppressed and listed like the engine's own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import polars as pl
import pytest
from sqlalchemy import Engine, text

from stdgap.indicators.catalogue import CATALOGUE, Indicator
from stdgap.indicators.context import Codes, Context
from stdgap.indicators.factsource import FactSource
from stdgap.indicators.sources import register, registry, unregister
from stdgap_testing import compute


def _build(ctx: Context) -> pl.DataFrame:
    held = ctx.tables.extra["test_meetings"].rename({"id": "meeting"})
    return held.join(ctx.meetings, on="meeting").select("meeting", "year", "group")


def _aggregate(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    return rows.group_by(keys).agg(pl.col("meeting").n_unique().alias("m")).collect()


MEETINGS = FactSource(
    "test_meetings",
    _build,
    _aggregate,
    {"meetings_held": ("m",)},
    {"test_meetings": ("SELECT id FROM meetings", {"id": pl.Int32})},
)
INDICATOR = Indicator(
    "meetings_held",
    "Meetings held",
    "Distinct meetings starting in the cell.",
    "count",
    "test_meetings",
    "test",
    ("year", "group"),
)


@pytest.fixture
def registered() -> Iterator[None]:
    register(MEETINGS, (INDICATOR,))
    yield
    unregister("test_meetings")


def test_a_registered_source_answers_like_the_engine_s_own(
    registered: None, loaded: Engine
) -> None:
    assert "test_meetings" in registry() and CATALOGUE["meetings_held"] is INDICATOR
    with loaded.connect() as connection:
        starts = connection.execute(text("SELECT start FROM meetings")).scalars().all()
    expected = Counter(
        (date.fromisoformat(start) if isinstance(start, str) else start).year for start in starts
    )
    cells = compute(loaded, ["meetings_held"], ["year"], min_cell=1)
    assert {int(c.dims["year"]): c.value for c in cells} == dict(expected)
    one_year = min(expected)
    filtered = compute(loaded, ["meetings_held"], ["group"], {"year": str(one_year)}, min_cell=1)
    assert sum(c.value or 0 for c in filtered) == expected[one_year]
    suppressed = compute(loaded, ["meetings_held"], ["year"], min_cell=10**6)
    assert all(c.suppressed and c.value is None for c in suppressed)


def test_a_source_refuses_a_dimension_it_does_not_have(registered: None, loaded: Engine) -> None:
    from stdgap.indicators.cells import IndicatorError

    with pytest.raises(IndicatorError, match="no dimension gender"):
        compute(loaded, ["meetings_held"], ["gender"])


def test_registering_twice_or_a_foreign_indicator_is_refused(registered: None) -> None:
    other = FactSource("test_meetings", _build, _aggregate, {})
    with pytest.raises(ValueError, match="registered already"):
        register(other)
    stray = Indicator("stray", "Stray", "-", "count", "attendance", "test", ("year",))
    with pytest.raises(ValueError, match="not computed by"):
        register(FactSource("test_other", _build, _aggregate, {}), (stray,))
    assert "test_other" not in registry() and "stray" not in CATALOGUE


def test_unregistered_sources_leave_the_catalogue_as_it_was(loaded: Engine) -> None:
    register(MEETINGS, (INDICATOR,))
    unregister("test_meetings")
    assert "meetings_held" not in CATALOGUE and "test_meetings" not in registry()
    assert compute(loaded, ["participants"], ["year"], min_cell=1)
