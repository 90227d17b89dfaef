"""The demo's BSG fund: donors (three Member States and a Sector Member of the demo registry, a
foundation), earmarks by programme and region, pledges and receipts in CHF, EUR, USD and JPY at
their rates over two years, reservations and spending linked to the demo's granted fellowships
(their fellows' countries) and events (their host countries), administration, and a spending and
a reversal waiting for a second person's approval; all through the fund's operations in one
audited write, so ``/fund`` is not empty after ``./scripts/demo``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, func, select

from stdgap.events.models import Event
from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.fund import ledger
from stdgap.fund.models import Donor
from stdgap.store.models import Meeting, Member
from stdgap.store.unit import Unit, transaction

EARMARKS = (
    ("fellowships", "fellowships", None, "Fellowships (any region)"),
    ("fellowships-africa", "fellowships", "Africa", "Fellowships for Africa"),
    ("events-asia-pacific", "events", "Asia-Pacific", "Workshops in Asia-Pacific"),
    ("interpretation", "interpretation", None, "Interpretation of meetings"),
    ("mentorship", "mentorship", None, "Mentorship programme"),
    ("general", "general", None, "General contributions"),
)
#: Units of CHF per unit of each currency (demo rates).
RATES = {"CHF": "1", "EUR": "0.9412", "USD": "0.8815", "JPY": "0.005845"}


@dataclass(frozen=True)
class FundSummary:
    donors: int
    receipts: int
    spending: int


def generate_fund(engine: Engine, seed: int = 2024, actor: str = "demo") -> FundSummary | None:
    """Write the demo fund as ``actor`` (one audited write); None when the fund has donors."""
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(Donor)).scalar_one():
            return None
    with transaction(engine, actor, "demo.fund") as unit:
        return _generate(unit, random.Random(f"stdgap-demo-fund:{seed}"))


def _members(unit: Unit, kind: str, count: int) -> list[tuple[str, str]]:
    query = (
        select(Member.member_id, Member.name)
        .where(Member.type == kind, Member.parent_id.is_(None))
        .order_by(Member.member_id)
        .limit(count)
    )
    return [(member_id, name) for member_id, name in unit.connection.execute(query)]


def _generate(unit: Unit, rng: random.Random) -> FundSummary:
    today = date.today()
    last = today.year - 1
    donors: list[str] = []
    for member_id, name in _members(unit, "member_state", 3):
        ledger.add_donor(unit, name, "member_state", member_id)
        donors.append(name)
    for member_id, name in _members(unit, "sector_member", 1):
        ledger.add_donor(unit, name, "sector_member", member_id)
        donors.append(name)
    ledger.add_donor(unit, "Open Standards Foundation", "other")
    donors.append("Open Standards Foundation")
    for key, programme, region, title in EARMARKS:
        ledger.add_earmark(unit, key, programme, region, title)
    receipts = 0
    currencies = list(RATES)
    for index, donor in enumerate(donors):
        for key in (EARMARKS[index % 6][0], EARMARKS[(index + 3) % 6][0]):
            currency = currencies[(index + receipts) % len(currencies)]
            whole = rng.randrange(40, 120) * 1000
            amount = Decimal(whole * 150) if currency == "JPY" else Decimal(whole)
            pledge = ledger.pledge(
                unit, donor, key, amount * 2, currency, RATES[currency], date(last, 2, 1)
            )
            ledger.receive(
                unit, donor, key, amount, currency, RATES[currency], date(last, 3, 15), pledge
            )
            ledger.receive(
                unit,
                donor,
                key,
                amount / 2,
                currency,
                RATES[currency],
                date(today.year, 1, 20),
                pledge,
            )
            receipts += 2
    spending = _fellowships(unit, rng, today) + _events(unit, rng, today)
    ledger.spend(
        unit, "general", Decimal("2400.00"), "administration", "audit", None, date(last, 12, 15)
    )
    ledger.spend(
        unit, "interpretation", Decimal("8650.00"), "interpretation", "TSAG", None, date(last, 6, 1)
    )
    spending += 2
    # waiting for a second person: a large spending and the reversal of the administration
    ledger.spend(unit, "general", Decimal("25000"), "workshop", "regional workshop", None, today)
    numbers = [row.number for row in _posted(unit, "administration")]
    if numbers:
        ledger.reverse(unit, numbers[0], "charged to the wrong year", today)
    unit.details.update(donors=len(donors), receipts=receipts, spending=spending)
    return FundSummary(len(donors), receipts, spending)


@dataclass(frozen=True)
class _Row:
    number: int


def _posted(unit: Unit, kind: str) -> list[_Row]:
    from stdgap.fund.models import FundTransaction

    query = select(FundTransaction.id).where(
        FundTransaction.reference_kind == kind, FundTransaction.state == "posted"
    )
    return [_Row(number) for number in unit.connection.execute(query).scalars()]


def _fellowships(unit: Unit, rng: random.Random, today: date) -> int:
    """A reservation per allocated call (what it granted), and the fellows' spending from it."""
    query = (
        select(
            FellowshipCall.call_id,
            FellowshipApplication.country,
            FellowshipApplication.decision,
            FellowshipCall.full_cost,
            FellowshipCall.partial_cost,
            Meeting.start,
        )
        .join(FellowshipCall, FellowshipCall.id == FellowshipApplication.call_id)
        .join(Meeting, Meeting.id == FellowshipCall.meeting_id)
        .where(
            FellowshipApplication.decision.in_(("full", "partial")),
            FellowshipCall.currency == "CHF",
        )
        .order_by(FellowshipCall.call_id, FellowshipApplication.application_id)
    )
    by_call: dict[str, list[tuple[str, int, date]]] = {}
    for call_id, country, decision, full, partial, start in unit.connection.execute(query):
        by_call.setdefault(call_id, []).append(
            (country, full if decision == "full" else partial, start)
        )
    made = 0
    for call_id, fellows in list(by_call.items())[:4]:
        key = "fellowships-africa" if made % 2 else "fellowships"
        total = Decimal(sum(cost for _c, cost, _s in fellows[:8]))
        first = date(today.year - 1, 3, 16)  # after the first receipts
        day = min(max(fellows[0][2], first), today)
        available = ledger.available_from(unit.connection, _earmark_id(unit, key), day)
        if total <= 0 or total > available:
            continue
        reservation = ledger.reserve(unit, key, total, "fellowship", call_id, day)
        for country, cost, start in fellows[:8]:
            if start <= today and rng.random() < 0.85:
                paid = max(start, day)
                ledger.spend(
                    unit, key, Decimal(cost), "fellowship", call_id, country, paid, reservation
                )
                made += 1
    return made


def _events(unit: Unit, rng: random.Random, today: date) -> int:
    query = (
        select(Meeting.meeting_id, Meeting.host_country, Meeting.start)
        .join(Event, Event.meeting_id == Meeting.id)
        .where(
            Event.region == "Asia-Pacific",
            Meeting.start <= today,
            Meeting.start >= date(today.year - 1, 3, 16),
        )
        .order_by(Meeting.start)
    )
    made = 0
    for meeting_id, country, start in unit.connection.execute(query).all()[:5]:
        amount = Decimal(rng.randrange(20, 90) * 100)
        if amount <= ledger.available_from(
            unit.connection, _earmark_id(unit, "events-asia-pacific"), start
        ):
            ledger.spend(unit, "events-asia-pacific", amount, "event", meeting_id, country, start)
            made += 1
    return made


def _earmark_id(unit: Unit, key: str) -> int:
    from stdgap.fund.models import Earmark

    return int(unit.connection.execute(select(Earmark.id).where(Earmark.key == key)).scalar_one())
