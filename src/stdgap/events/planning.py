"""The planner over the store: the meetings around the window read once, the holidays checked
against the store's countries, the proposals as records (for the CLI, the page and the API)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from stdgap.events import queries
from stdgap.events.errors import EventError
from stdgap.events.holidays import Holiday
from stdgap.events.planner import plan
from stdgap.i18n.translate import _l
from stdgap.reference.vocabulary import region_named

MAX_DAYS = 30


def check_request(region: str, first: date, last: date, days: int) -> str:
    """The ITU region named; :class:`EventError` naming the field and value when a part of the
    request cannot be."""
    found = region_named(region)
    if found is None:
        raise EventError(_l("region: %(value)r is not an ITU region", value=region))
    if last < first:
        raise EventError(_l("between: %(value)s is before the first day", value=last.isoformat()))
    if (last - first).days > 3 * 366:
        raise EventError(_l("between: at most three years at once"))
    if not 1 <= days <= MAX_DAYS:
        raise EventError(_l("days: %(value)s is not from 1 to 30", value=days))
    return found


def proposals(
    engine: Engine,
    region: str,
    first: date,
    last: date,
    days: int,
    holidays: list[Holiday] | None = None,
) -> dict[str, Any]:
    """The ranked proposals with their conflicts, as data."""
    named = check_request(region, first, last, days)
    margin = timedelta(days=days + 1)
    meetings = queries.meetings_between(engine, first - margin, last + margin)
    found = plan(meetings, named, first, last, days, holidays or [])
    return {
        "region": named,
        "between": [first, last],
        "days": days,
        "holidays": len(holidays or []),
        "proposals": [proposal.record() for proposal in found],
    }
