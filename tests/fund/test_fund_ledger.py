"""The ledger on both stores: balances, refusals, append-only entries, reversals once only,
four eyes, the statement reconciling, the drift of models and migrations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fund_world import FELLOWSHIPS, GENERAL
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError

from stdgap.fund import ledger, queries
from stdgap.fund.errors import Conflict, FundError
from stdgap.fund.models import FundEntry, FundTransaction

OFFICER, ADMIN = "user:officer", "user:admin"


def test_balances_of_the_world(world: Engine) -> None:
    found = {row.key: row.balance for row in queries.balances(world).earmarks}
    fellowships, general = found[FELLOWSHIPS], found[GENERAL]
    assert fellowships.pledged == Decimal("50000")
    assert fellowships.received == Decimal("30000")
    assert fellowships.reserved == Decimal("5000")  # 8000 reserved, 3000 spent from it
    assert fellowships.spent == Decimal("3000")
    assert fellowships.available == Decimal("22000")
    # 10,000 EUR at 0.9412 = 9,412.00 CHF; 500 spent on administration
    assert general.received == Decimal("9412.00")
    assert general.available == Decimal("8912.00")


def test_a_reservation_refuses_to_overspend(world: Engine) -> None:
    with pytest.raises(FundError, match="available"):
        ledger.reserve.perform(world, OFFICER, GENERAL, "8912.01", "event", "E-1")
    ledger.reserve.perform(world, OFFICER, GENERAL, "8912", "event", "E-1")
    with pytest.raises(FundError, match="available"):
        ledger.spend.perform(world, OFFICER, GENERAL, "1", "other")


def test_entries_are_append_only(world: Engine) -> None:
    for statement in (
        update(FundEntry).values(amount=Decimal("1")),
        delete(FundEntry),
    ):
        with pytest.raises(DBAPIError, match="append-only"), world.begin() as connection:
            connection.execute(statement)
    with world.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM fund_entries")).scalar() == 12


def test_a_reversal_needs_four_eyes_and_happens_once(world: Engine) -> None:
    number = ledger.reverse.perform(world, OFFICER, 6, "booked on the wrong earmark")
    with pytest.raises(Conflict, match="already reversed"):
        ledger.reverse.perform(world, OFFICER, 6, "again")
    with pytest.raises(Conflict, match="four eyes"):
        ledger.approve.perform(world, OFFICER, number)
    ledger.approve.perform(world, ADMIN, number)
    with pytest.raises(Conflict, match="already reversed"):
        ledger.reverse.perform(world, OFFICER, 6, "again")
    with pytest.raises(Conflict):
        ledger.reverse.perform(world, OFFICER, number, "undo the undo")
    general = {row.key: row.balance for row in queries.balances(world).earmarks}[GENERAL]
    assert general.spent == 0 and general.available == Decimal("9412.00")


def test_spending_above_the_threshold_waits_for_approval(world: Engine) -> None:
    recorded = ledger.spend.perform(world, OFFICER, FELLOWSHIPS, "12000", "fellowship", "F-2")
    assert recorded.state == "pending"
    before = {row.key: row.balance for row in queries.balances(world).earmarks}[FELLOWSHIPS]
    assert before.spent == Decimal("3000")
    with pytest.raises(Conflict, match="four eyes"):
        ledger.approve.perform(world, OFFICER, recorded.number)
    ledger.approve.perform(world, ADMIN, recorded.number)
    after = {row.key: row.balance for row in queries.balances(world).earmarks}[FELLOWSHIPS]
    assert after.spent == Decimal("15000") and after.available == Decimal("10000")
    with pytest.raises(Conflict):
        ledger.approve.perform(world, ADMIN, recorded.number)


def test_receipts_in_other_currencies_need_a_rate(world: Engine) -> None:
    with pytest.raises(FundError, match="rate"):
        ledger.receive.perform(world, OFFICER, "Switzerland", GENERAL, "100", "USD")
    with pytest.raises(FundError, match="ISO 4217"):
        ledger.receive.perform(world, OFFICER, "Switzerland", GENERAL, "100", "XYZ", "1")
    number = ledger.receive.perform(
        world, OFFICER, "Switzerland", GENERAL, "1000", "JPY", "0.005845"
    )
    row = next(r for r in queries.ledger(world) if r.number == number)
    assert row.amount == Decimal("5.85")  # 5.845 rounded half-up to the centime
    assert row.original == Decimal("1000") and row.rate == "0.00584500"


def test_the_statement_reconciles(world: Engine) -> None:
    found = queries.statement(world, 2025)
    assert all(line.reconciles for line in found.lines)
    assert found.total.receipts == Decimal("39412.00")
    assert found.total.spending == Decimal("3500")
    assert found.total.closing == Decimal("35912.00")
    later = queries.statement(world, 2026)
    assert later.total.opening == Decimal("35912.00") and later.total.receipts == 0
    principles = {p.key: p for p in found.principles}
    assert principles["max_admin_share"].share == pytest.approx(500 / 3500)
    assert principles["max_admin_share"].met is False
    assert principles["min_ldc_share"].share == pytest.approx(3000 / 3500)
    assert principles["min_ldc_share"].met is True


def test_a_forced_restore_replaces_the_ledger(world: Engine, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stdgap.cli.main import app

    url = world.url.render_as_string(hide_password=False)
    archive = tmp_path / "fund.zip"
    cli = CliRunner()
    assert cli.invoke(app, ["--db", url, "db", "backup", str(archive)]).exit_code == 0
    ledger.receive.perform(world, OFFICER, "Switzerland", GENERAL, "1")
    result = cli.invoke(app, ["--db", url, "db", "restore", "--force", str(archive)])
    assert result.exit_code == 0, result.output
    general = {row.key: row.balance for row in queries.balances(world).earmarks}[GENERAL]
    assert general.received == Decimal("9412.00")
    with world.connect() as connection:
        assert (
            connection.execute(
                text("SELECT COUNT(*) FROM settings WHERE key = 'restoring'")
            ).scalar()
            == 0
        )
    with pytest.raises(DBAPIError, match="append-only"), world.begin() as connection:
        connection.execute(delete(FundEntry))
    with world.connect() as connection:
        links = connection.execute(
            select(FundTransaction.id, FundTransaction.pledge_id, FundTransaction.reservation_id)
            .where(
                (FundTransaction.pledge_id.is_not(None))
                | (FundTransaction.reservation_id.is_not(None))
            )
            .order_by(FundTransaction.id)
        ).all()
    assert [tuple(row) for row in links] == [(2, 1, None), (5, None, 4)]
    with pytest.raises(DBAPIError, match="keep what they record"), world.begin() as connection:
        connection.execute(delete(FundTransaction))


FIXED_CHANGES = [
    {"amount": Decimal("1")},
    {"day": date(2025, 1, 1)},
    {"earmark_id": 2},
    {"kind": "receipt"},
    {"currency": "EUR"},
    {"original": Decimal("2")},
    {"rate": "2"},
    {"donor_id": 2},
    {"recorded_by": "someone"},
    {"reservation_id": None},
    {"state": "pending"},
]


@pytest.mark.parametrize("change", FIXED_CHANGES, ids=[next(iter(c)) for c in FIXED_CHANGES])
def test_transactions_keep_their_money_fields(world: Engine, change: dict[str, object]) -> None:
    """Triggers refuse to change what a transaction records (spending 5: on earmark 1, drawn
    on reservation 4, posted) or to delete one; a pending one still becomes posted or
    refused (approve, reject)."""
    with pytest.raises(DBAPIError, match="keep what they record"), world.begin() as connection:
        connection.execute(update(FundTransaction).where(FundTransaction.id == 5).values(change))
    with pytest.raises(DBAPIError, match="keep what they record"), world.begin() as connection:
        connection.execute(delete(FundTransaction).where(FundTransaction.id == 5))


def test_pending_transactions_still_change_state(world: Engine) -> None:
    ledger.approve.perform(world, ADMIN, 7)  # the spending of 15,000 waiting
    number = ledger.reverse.perform(world, OFFICER, 6, "booked twice")
    ledger.reject.perform(world, ADMIN, number, "it was not")
    with world.connect() as connection:
        states = dict(
            connection.execute(
                select(FundTransaction.id, FundTransaction.state).where(
                    FundTransaction.id.in_((7, number))
                )
            ).all()
        )
    assert states == {7: "posted", number: "refused"}


def test_value_dates_are_checked(world: Engine) -> None:
    """The review's case: a receipt of 100 on 2026-01-05 cannot pay a spending dated
    2020-01-01; value dates stay from 2000-01-01 to a year ahead; a spending is not dated
    before its reservation, nor a reversal before its transaction."""
    from datetime import timedelta

    from fund_world import SWISS

    ledger.add_earmark.perform(world, OFFICER, "new", "general")
    ledger.receive.perform(world, OFFICER, SWISS, "new", "100", day=date(2026, 1, 5))
    for operation, args in (
        (ledger.spend, ("100", "other")),
        (ledger.reserve, ("100", "event", "E-1")),
    ):
        with pytest.raises(FundError, match="available from 2020-01-01 on"):
            operation.perform(world, OFFICER, "new", *args, day=date(2020, 1, 1))
    with pytest.raises(FundError, match="available from 2026-01-04 on"):
        ledger.spend.perform(world, OFFICER, "new", "0.01", "other", day=date(2026, 1, 4))
    for day in (date(2150, 1, 1), date(1999, 12, 31), date.today() + timedelta(days=367)):
        with pytest.raises(FundError, match="is not from 2000-01-01"):
            ledger.receive.perform(world, OFFICER, SWISS, "new", "100", day=day)
    # a spending dated after a later spending still leaves that one covered
    ledger.spend.perform(world, OFFICER, "new", "60", "other", day=date(2026, 3, 1))
    with pytest.raises(FundError, match=r"40\.00 CHF available from 2026-02-01"):
        ledger.spend.perform(world, OFFICER, "new", "50", "other", day=date(2026, 2, 1))
    ledger.spend.perform(world, OFFICER, "new", "40", "other", day=date(2026, 2, 1))
    # reservation 4 is dated 2025-03-01
    with pytest.raises(FundError, match="not dated before"):
        ledger.spend.perform(
            world, OFFICER, FELLOWSHIPS, "1", "fellowship", day=date(2025, 2, 1), reservation_id=4
        )
    with pytest.raises(FundError, match="not dated before"):
        ledger.reverse.perform(world, OFFICER, 6, "wrong", day=date(2025, 1, 1))


def test_the_statement_says_when_it_does_not_reconcile(world: Engine) -> None:
    """Closing = opening + receipts − spending is compared with the ledger's own balance on
    31 December: an entry changed behind the ledger's back shows as a difference."""
    from stdgap.fund.statement import render, statement_report

    assert queries.statement(world, 2025).total.reconciles
    with world.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE fund_entries DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER fund_entries_no_update"))
        connection.execute(
            text("UPDATE fund_entries SET amount = -9000 WHERE account = 'cash' AND amount = -500")
        )
    found = queries.statement(world, 2025)
    general = next(line for line in found.lines if line.key == GENERAL)
    assert not general.reconciles and general.difference == Decimal("8500.00")
    assert not found.total.reconciles
    report, _found = statement_report(world, 2025)
    html = render(report, "html").decode()
    assert "general DOES NOT RECONCILE" in html and "difference 8,500.00 CHF" in html
    assert "Every earmark reconciles." not in html
