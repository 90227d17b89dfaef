"""The bounds every way into the awards (the command line, the forms, the API) holds to: a
year of birth, and a criterion's weight and scale. One check each, so they agree."""

from __future__ import annotations

import math
from datetime import date

from stdgap.i18n.translate import _l
from stdgap.programmes.errors import ProgrammeError

#: The earliest year of birth taken.
FIRST_YEAR = 1900
#: The largest weight of a criterion and the highest score of its scale.
MAX_WEIGHT = 1000
MAX_SCORE = 1000


def birth_year(year: int | None, today: date | None = None) -> int | None:
    """``year`` if it is a year of birth (1900 to this year), None for none given."""
    if year is None:
        return None
    last = (today or date.today()).year
    if not FIRST_YEAR <= year <= last:
        raise ProgrammeError(
            _l(
                "%(year)s is not a year of birth (%(first)s to %(last)s)",
                year=year,
                first=FIRST_YEAR,
                last=last,
            )
        )
    return year


def stored_birth_year(given: int | None, stored: int | None, person: str) -> int | None:
    """The year of birth of the person ``person`` of the store: the store's (``stored``), which
    one given must agree with; the one given when the store has none."""
    given = birth_year(given)
    if stored is None:
        return given
    if given is not None and given != stored:
        raise ProgrammeError(
            _l(
                "year of birth: %(given)s was given, but the store has %(stored)s for "
                "%(person)s (leave it blank to use the store's)",
                given=given,
                stored=stored,
                person=person,
            )
        )
    return stored


def scale(weight: float, min_score: int, max_score: int) -> None:
    """A criterion's weight (above 0, up to 1000) and scale (a lowest score from 0 and a
    highest from 1, up to 1000, the lowest below the highest)."""
    if not (math.isfinite(weight) and 0 < weight <= MAX_WEIGHT):
        raise ProgrammeError(
            _l(
                "a criterion's weight is above 0 and at most %(most)s, not %(weight)s",
                most=MAX_WEIGHT,
                weight=f"{weight:g}",
            )
        )
    if not 1 <= max_score <= MAX_SCORE:
        raise ProgrammeError(
            _l(
                "a criterion's highest score is 1 to %(most)s, not %(score)s",
                most=MAX_SCORE,
                score=max_score,
            )
        )
    if not 0 <= min_score < max_score:
        raise ProgrammeError(
            _l(
                "a criterion's lowest score is 0 to %(highest)s (below its highest), not %(score)s",
                highest=max_score - 1,
                score=min_score,
            )
        )
