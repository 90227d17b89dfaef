"""The fund tests' world: members of Nepal (an LDC) and Switzerland, users of every role, two
donors and two earmarks (fellowships for Asia-Pacific, general), a pledge and receipts in CHF and
EUR, a reservation and a spending for a beneficiary in Nepal, and a spending waiting for
approval; all through the operations the command line and the web use."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from factories import ACTOR, make_member
from stdgap.fund import ledger
from web_testing import make_users

DAY = date(2025, 3, 1)
FELLOWSHIPS, GENERAL = "fellowships-asia", "general"
SWISS, FOUNDATION = "Switzerland", "Open Networks Foundation"


def build_fund_world(engine: Engine) -> None:
    make_member(engine, "MS-CHE", country="CHE", name="Switzerland")
    make_member(engine, "MS-NPL", country="NPL", name="Nepal")
    make_users(engine)
    ledger.add_donor.perform(engine, ACTOR, SWISS, "member_state", "MS-CHE")
    ledger.add_donor.perform(engine, ACTOR, FOUNDATION, "other")
    ledger.add_earmark.perform(
        engine, ACTOR, FELLOWSHIPS, "fellowships", "Asia-Pacific", "Fellowships, Asia-Pacific"
    )
    ledger.add_earmark.perform(engine, ACTOR, GENERAL, "general")
    ledger.pledge.perform(engine, ACTOR, SWISS, FELLOWSHIPS, "50000", day=DAY)
    ledger.receive.perform(engine, ACTOR, SWISS, FELLOWSHIPS, "30000", day=DAY, pledge_id=1)
    ledger.receive.perform(engine, ACTOR, FOUNDATION, GENERAL, "10000", "EUR", "0.9412", day=DAY)
    ledger.reserve.perform(engine, ACTOR, FELLOWSHIPS, "8000", "fellowship", "F-1", day=DAY)
    ledger.spend.perform(
        engine,
        ACTOR,
        FELLOWSHIPS,
        "3000",
        "fellowship",
        "F-1",
        "NPL",
        day=date(2025, 4, 1),
        reservation_id=4,
    )
    ledger.spend.perform(
        engine, ACTOR, GENERAL, "500", "administration", None, day=date(2025, 4, 2)
    )
    # above the approval threshold (10,000): transaction 7 waits for someone else's approval
    ledger.spend.perform(
        engine, ACTOR, FELLOWSHIPS, "15000", "fellowship", "F-2", "NPL", day=date(2025, 5, 1)
    )
