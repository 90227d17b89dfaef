"""Figures shaped by the edges of the data rather than by what happened: each such cell says so.

- ``first_year``: in the first year of the data everyone is new, so ``newcomer_share`` is 100 %
  and ``retention_rate`` counts every participant as a newcomer: the value is withheld (null).
- ``no_next_year``: ``retention_rate`` of the last year of the data needs the next year's
  attendance, which is not there yet: withheld.
- ``provisional``: the current calendar year is not over; its figures will grow (kept).

The edges are the first and last meeting years of the store (for the first two) and today's
date (for the third). A cell over several years (no year dimension, or a range of years) is
flagged when one of its years would be: over every year, everyone is a newcomer.
"""

from __future__ import annotations

from datetime import date

from stdgap.indicators.cells import DimValue
from stdgap.indicators.facts import Facts
from stdgap.indicators.request import IndicatorRequest

FIRST_YEAR = "first_year"
NO_NEXT_YEAR = "no_next_year"
PROVISIONAL = "provisional"
#: Flags whose cell's value is withheld (null): a figure that would mislead.
WITHHELD = frozenset({FIRST_YEAR, NO_NEXT_YEAR})
_NEW_PEOPLE = frozenset({"newcomer_share", "retention_rate"})


def _years(
    dims: dict[str, DimValue], request: IndicatorRequest, facts: Facts
) -> tuple[int, int] | None:
    """The first and last year of the data a cell covers (None when the store has none)."""
    if "year" in dims:
        return int(dims["year"]), int(dims["year"])
    given = request.filters.get("year")
    if given is not None:
        return int(given), int(given)
    if facts.first_year is None or facts.last_year is None:
        return None
    first = max(facts.first_year, request.from_year or facts.first_year)
    last = min(facts.last_year, request.to_year or facts.last_year)
    return first, last


def flag_of(
    indicator: str,
    dims: dict[str, DimValue],
    request: IndicatorRequest,
    facts: Facts,
    today: date | None = None,
) -> str | None:
    """The flag of one cell (None for an ordinary one). A cell over several years (no year
    dimension) is flagged when one of its years would be."""
    years = _years(dims, request, facts)
    if years is None:
        return None
    first, last = years
    if indicator in _NEW_PEOPLE and first <= (facts.first_year or first - 1):
        return FIRST_YEAR
    if indicator == "retention_rate" and (facts.last_year is None or last >= facts.last_year):
        return NO_NEXT_YEAR
    current = (today or date.today()).year
    if first <= current <= last or (indicator == "retention_rate" and last + 1 == current):
        return PROVISIONAL
    return None
