"""A fellowship call paid by a fund earmark: its allocation reserves the granted cost from the
earmark in the same transaction, and is refused (nothing written) when the earmark is short."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from factories import ACTOR
from stdgap.bootstrap import open_store
from stdgap.fellowships.calls import CallTerms, adjust_call
from stdgap.fellowships.models import FellowshipCall
from stdgap.fellowships.operations import allocate
from stdgap.fund import ledger, queries
from stdgap.fund.errors import FundError
from stdgap.programmes.errors import ProgrammeError
from stores import Templates

sys.path.insert(0, str(Path(__file__).parents[1] / "fellowships"))
from fellowship_factories import CALL, build_call_world

EARMARK = "fellowships-all"


def build(engine: Engine) -> None:
    build_call_world(engine)
    ledger.add_donor.perform(engine, ACTOR, "Switzerland", "member_state", "MS-CHE")
    ledger.add_earmark.perform(engine, ACTOR, EARMARK, "fellowships")
    adjust_call.perform(engine, ACTOR, CALL, CallTerms(fund_earmark=EARMARK))


@pytest.fixture
def calls(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "fund-fellowships", build, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


def _allocated(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(
            connection.execute(
                select(FellowshipCall.allocated).where(FellowshipCall.call_id == CALL)
            ).scalar_one()
        )


def test_the_allocation_is_refused_when_the_earmark_is_short(calls: Engine) -> None:
    ledger.receive.perform(calls, ACTOR, "Switzerland", EARMARK, "5000")
    with pytest.raises(FundError, match=f"allocation of {CALL} is refused.*5000.00 CHF available"):
        allocate.perform(calls, "officer", [CALL])
    assert not _allocated(calls)
    balance = queries.balances(calls).earmarks[0].balance
    assert balance.reserved == 0 and balance.available == Decimal("5000")


def test_the_confirmed_allocation_reserves_its_cost(calls: Engine) -> None:
    ledger.receive.perform(calls, ACTOR, "Switzerland", EARMARK, "7000")
    result = allocate.perform(calls, "officer", [CALL])
    assert result.spent[CALL] == 6000
    assert _allocated(calls)
    balance = queries.balances(calls).earmarks[0].balance
    assert balance.reserved == Decimal("6000") and balance.available == Decimal("1000")
    reservation = next(row for row in queries.ledger(calls) if row.kind == "reservation")
    assert (reservation.reference_kind, reservation.reference) == ("fellowship", CALL)
    assert reservation.recorded_by == "officer"


def test_a_call_names_a_known_earmark(calls: Engine) -> None:
    with pytest.raises(ProgrammeError, match="unknown fund earmark"):
        adjust_call.perform(calls, ACTOR, CALL, CallTerms(fund_earmark="nope"))
