"""Figures shaped by the edges of the data rather than by what happened: each such cell says so.

- ``first_year``: in the first year of the data everyone is new, so ``newcomer_share`` is 100 %
  and ``retention_rate`` counts every participant as a newcomer: the value is withheld (null).
- ``no_next_year``: ``retention_rate`` of the last year of the data needs the next year's
  attendance, which is not there yet: withheld.
- ``provisional``: the current calendar year is not over; its figures will grow (kept).

The edges are the first and last meeting years of the store (for the first two) and today's
date (for the third).
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


def _year(dims: dict[str, DimValue], request: IndicatorRequest) -> int | None:
    if "year" in dims:
        return int(dims["year"])
    given = request.filters.get("year")
    if given is not None:
        return int(given)
    if request.from_year is not None and request.from_year == request.to_year:
        return request.from_year
    return None


def flag_of(
    indicator: str,
    dims: dict[str, DimValue],
    request: IndicatorRequest,
    facts: Facts,
    today: date | None = None,
) -> str | None:
    """The flag of one cell (None for an ordinary one)."""
    year = _year(dims, request)
    if year is None:
        return None
    if indicator in _NEW_PEOPLE and year == facts.first_year:
        return FIRST_YEAR
    if indicator == "retention_rate" and (facts.last_year is None or year >= facts.last_year):
        return NO_NEXT_YEAR
    current = (today or date.today()).year
    if year == current or (indicator == "retention_rate" and year + 1 == current):
        return PROVISIONAL
    return None
