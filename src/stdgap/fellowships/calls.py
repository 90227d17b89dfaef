"""Fellowship calls: opened for a meeting with a budget in a currency, unit costs, a deadline and
caps (when they differ from the rule set's), and adjusted until they are allocated."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, update

from stdgap.fellowships.limits import (
    CALL_ID_MAX as CALL_ID_MAX,
)
from stdgap.fellowships.limits import (
    check_amount,
    check_deadline,
    check_units,
)
from stdgap.fellowships.models import FellowshipCall
from stdgap.fund.ledger import earmark_exists
from stdgap.i18n.translate import _l
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.models import Meeting
from stdgap.store.unit import Unit, operation

CALL_ID = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{CALL_ID_MAX - 1}}}")
#: Paths of the fellowship pages that a call id cannot take.
RESERVED = frozenset({"new", "mine", "followup", "calls"})
DEFAULT_CURRENCY = "CHF"


@dataclass(frozen=True)
class CallTerms:
    """What an officer sets on a call; None leaves a value as it is (caps: the rule set's)."""

    budget: int | None = None
    full_cost: int | None = None
    partial_cost: int | None = None
    closes: date | None = None
    currency: str | None = None
    country_units: int | None = None
    person_units: int | None = None
    min_region_share: float | None = None
    #: The fund earmark paying the call (its key); "" clears it.
    fund_earmark: str | None = None

    def values(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


def check_currency(code: str) -> str:
    """The ISO 4217 code ``code`` (upper case); :class:`ProgrammeError` when it is not one."""
    from babel.numbers import is_currency

    upper = code.strip().upper()
    if not (len(upper) == 3 and upper.isalpha() and is_currency(upper)):
        raise ProgrammeError(_l("currency %(code)r is not an ISO 4217 code (e.g. CHF)", code=code))
    return upper


def check_terms(
    terms: CallTerms, start: date, current: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The values of ``terms`` checked (the one check of a call's terms, whoever sets them):
    amounts whole numbers that the store keeps, caps 0-1,000 units, the regional share 0-1,
    the partial cost no more than the full one (``current``: the call's values, when it is
    adjusted), a deadline from 2000 to the meeting's start ``start``, an ISO 4217 currency."""
    values = terms.values()
    for name in ("budget", "full_cost", "partial_cost"):
        if name in values:
            check_amount(name, values[name])
    for name in ("country_units", "person_units"):
        if name in values:
            check_units(name, values[name])
    share = values.get("min_region_share")
    if share is not None and not (math.isfinite(share) and 0 <= share <= 1):
        raise ProgrammeError(_l("min_region_share must be from 0 to 1, not %(value)s", value=share))
    merged = {**(current or {}), **values}
    full, partial = merged.get("full_cost"), merged.get("partial_cost")
    if full is not None and partial is not None and partial > full:
        raise ProgrammeError(
            _l(
                "partial_cost: %(partial)s is more than the full cost, %(full)s",
                partial=partial,
                full=full,
            )
        )
    if values.get("closes") is not None:
        check_deadline(values["closes"], start)
    if "currency" in values:
        values["currency"] = check_currency(values["currency"])
    if "fund_earmark" in values:
        values["fund_earmark"] = values["fund_earmark"].strip() or None
    return values


def _check_earmark(connection: Connection, values: dict[str, Any]) -> None:
    """A call's fund earmark must exist (the fund's currency is checked at the allocation)."""
    key = values.get("fund_earmark")
    if key and not earmark_exists(connection, key):
        raise ProgrammeError(_l("unknown fund earmark %(key)r", key=key))


def _call_pk(connection: Connection, call_id: str) -> int | None:
    return connection.execute(
        select(FellowshipCall.id).where(FellowshipCall.call_id == call_id)
    ).scalar_one_or_none()


@operation("fellowships.call")
def add_call(
    unit: Unit,
    call_id: str,
    meeting: str,
    budget: int,
    full_cost: int,
    partial_cost: int,
    closes: date | None = None,
    rule_set: str = "default",
    terms: CallTerms | None = None,
    history: bool = False,
) -> None:
    """Open a call for fellowships to ``meeting`` (its source id) with a budget and unit costs;
    ``terms`` may add the currency (default CHF) and caps of its own. A meeting already held
    is refused, unless ``history`` records a past programme's call."""
    if not CALL_ID.fullmatch(call_id) or call_id.lower() in RESERVED:
        raise ProgrammeError(
            _l(
                "call id %(call)r: use letters, digits, '.', '_' or '-' (at most %(max)s), and "
                "not %(reserved)s",
                call=call_id,
                max=CALL_ID_MAX,
                reserved=", ".join(sorted(RESERVED)),
            )
        )
    connection = unit.connection
    found = connection.execute(
        select(Meeting.id, Meeting.start).where(Meeting.meeting_id == meeting)
    ).first()
    if found is None:
        raise ProgrammeError(_l("unknown meeting %(meeting)r", meeting=meeting))
    if not history and found.start < date.today():
        raise ProgrammeError(
            _l(
                "meeting %(meeting)r was held (it started on %(start)s): a call is for a meeting "
                "to come",
                meeting=meeting,
                start=found.start.isoformat(),
            )
        )
    values = check_terms(
        CallTerms(budget, full_cost, partial_cost, closes, **(terms.values() if terms else {})),
        found.start,
    )
    if _call_pk(connection, call_id) is not None:
        raise ProgrammeError(_l("call %(call)r already exists", call=call_id))
    _check_earmark(connection, values)
    connection.execute(
        insert(FellowshipCall).values(
            call_id=call_id,
            meeting_id=found.id,
            rule_set=rule_set,
            allocated=False,
            attendance_recorded=False,
            **{"currency": DEFAULT_CURRENCY, "closes": closes, **values},
        )
    )


@operation("fellowships.call.adjust", target=lambda call_id, terms, clear=(): call_id)
def adjust_call(
    unit: Unit, call_id: str, terms: CallTerms, clear: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Change a call's budget, costs, deadline, currency or caps (before it is allocated); the
    caps named in ``clear`` go back to the rule set's. The values changed."""
    connection = unit.connection
    call = FellowshipCall
    row = connection.execute(
        select(call.id, call.allocated, call.full_cost, call.partial_cost, Meeting.start)
        .join(Meeting, Meeting.id == call.meeting_id)
        .where(call.call_id == call_id)
    ).first()
    if row is None:
        raise ProgrammeError(_l("unknown call(s): %(calls)s", calls=call_id))
    if row.allocated:
        raise ProgrammeError(_l("call %(call)r is allocated: its terms are final", call=call_id))
    current = {"full_cost": row.full_cost, "partial_cost": row.partial_cost}
    values = check_terms(terms, row.start, current)
    _check_earmark(connection, values)
    for name in clear:
        if name not in (
            "country_units",
            "person_units",
            "min_region_share",
            "closes",
            "fund_earmark",
        ):
            raise ProgrammeError(_l("%(field)s cannot be cleared", field=name))
        values[name] = None
    if values:
        connection.execute(update(call).where(call.id == row.id).values(**values))
    unit.details["changed"] = {
        k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()
    }
    return values
