"""The limits of a call's terms, checked alike by the command line, the forms, the API and the
file import: amounts are whole numbers that fit the store's 32-bit integer columns, caps a few
units, years and deadlines plausible dates."""

from __future__ import annotations

from datetime import date

from stdgap.i18n.translate import _l
from stdgap.programmes.errors import ProgrammeError

#: The largest amount the store keeps (budgets and costs are 32-bit integer columns).
AMOUNT_MAX = 2_147_483_647
#: The most units of fellowship a cap may give.
UNITS_MAX = 1000
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: No deadline before this day.
FIRST_DEADLINE = date(2000, 1, 1)
#: The longest call id (an application's id is the call's, '/' and the applicant's name).
CALL_ID_MAX = 60


def amount_problem(value: int) -> str | None:
    """Why ``value`` is not an amount the store keeps (None when it is)."""
    if 0 <= value <= AMOUNT_MAX:
        return None
    return (
        f"{value} is not a whole number from 0 to {AMOUNT_MAX:,} (amounts are stored as 32-bit "
        "integers)"
    )


def check_amount(field: str, value: int) -> int:
    """``value`` when it is a whole number from 0 to 2,147,483,647; else :class:`ProgrammeError`
    naming the field."""
    if not 0 <= value <= AMOUNT_MAX:
        raise ProgrammeError(
            _l(
                "%(field)s: %(value)s is not a whole number from 0 to %(max)s (amounts are "
                "stored as 32-bit integers)",
                field=field,
                value=value,
                max=f"{AMOUNT_MAX:,}",
            )
        )
    return value


def check_units(field: str, value: int) -> int:
    if not 0 <= value <= UNITS_MAX:
        raise ProgrammeError(
            _l(
                "%(field)s: %(value)s is not a whole number of units from 0 to %(max)s",
                field=field,
                value=value,
                max=f"{UNITS_MAX:,}",
            )
        )
    return value


def check_year(field: str, value: int) -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ProgrammeError(
            _l(
                "%(field)s: %(value)s is not a year from %(first)s to %(last)s",
                field=field,
                value=value,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return value


def check_deadline(closes: date, start: date) -> date:
    """A deadline from 2000 to the meeting's first day."""
    if closes < FIRST_DEADLINE or closes > start:
        raise ProgrammeError(
            _l(
                "closes: %(value)s is not a plausible deadline (from %(first)s to the meeting's "
                "start, %(start)s)",
                value=closes.isoformat(),
                first=FIRST_DEADLINE.isoformat(),
                start=start.isoformat(),
            )
        )
    return closes
