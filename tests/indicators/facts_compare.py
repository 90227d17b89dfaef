"""Comparing the facts the cache holds with a full rebuild from the store."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.indicators.context import FactOptions
from stdgap.indicators.facts import Facts, build_facts
from stdgap.indicators.load import read_tables, state
from stdgap.indicators.sources import extra_tables


def full_rebuild(engine: Engine) -> Facts:
    """The facts built afresh from everything the store holds now."""
    known = state(engine)
    return build_facts(
        read_tables(engine, extra_tables()),
        FactOptions(known.transition_counts, known.leadership_date),
    )


def assert_same_facts(held: Facts, full: Facts) -> None:
    """``held`` has the codes, years and frames of ``full`` (rows in any order)."""
    assert held.codes == full.codes
    assert (held.first_year, held.last_year) == (full.first_year, full.last_year)
    assert held.frames.keys() == full.frames.keys()
    for name, frame in full.frames.items():
        mine = held.frames[name]
        assert mine.schema == frame.schema, name
        order = list(frame.columns)
        assert mine.sort(order).equals(frame.sort(order)), name
