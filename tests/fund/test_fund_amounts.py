"""What the fund takes as an amount, a rate and a currency (the security review of the fund):
the cap holds after conversion, nothing is booked as 0, amounts are plain ASCII decimals with
the currency's decimals, rates are within bounds, ISO 4217 X-codes that are not money are
refused; on both stores, through the operations, the API (422) and the command line (exit 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from fund_world import GENERAL, SWISS
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.fund import ledger
from stdgap.fund.errors import FundError
from stdgap.fund.models import FundTransaction
from web_testing import sign_in

OFFICER = "user:officer"
JSON = {"Accept": "application/json"}


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count(FundTransaction.id))).scalar_one())


def test_the_cap_holds_after_conversion(world: Engine) -> None:
    before = _count(world)
    with pytest.raises(FundError, match="at that rate: more than 99,999,999,999"):
        ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "99999999999", "EUR", "100000")
    with pytest.raises(FundError, match="at that rate: more than"):
        ledger.pledge.perform(world, OFFICER, SWISS, GENERAL, "1000000000", "EUR", "100.5")
    for rate in ("100000.01", "0", "-1", "0.000000001", "1e2", "1,5", "NaN", "Infinity"):
        with pytest.raises(FundError, match="rate"):
            ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "10", "EUR", rate)
    assert _count(world) == before
    # the largest amount the fund takes, converted, is booked exactly
    ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "99999999999", "EUR", "1")
    with pytest.raises(FundError, match="is 0 in CHF at that rate"):
        ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "1", "EUR", "0.00000001")


@pytest.mark.parametrize(
    "amount, currency, rate",
    [
        ("0.001", "EUR", "1"),  # less than a cent of EUR
        ("0.001", None, None),  # more decimals than CHF has
        ("1e-999999999", "EUR", "1"),
        ("0.00001", "EUR", "1"),  # more than 4 decimals for another currency
        ("0.4", "JPY", "0.01"),  # less than a yen
        ("1", "EUR", "0.001"),  # 0.001 CHF: rounds to 0
        ("0", None, None),
        ("1.000,50", None, None),
        ("1,2,3,4", None, None),
        ("1,5", None, None),
        ("1'250", None, None),
        ("1e3", None, None),
        ("\uff11\uff12", None, None),  # full-width digits
        ("\u0661\u0662", None, None),  # Arabic-Indic digits
        ("-5", None, None),
        ("+5", None, None),
        ("1.", None, None),
        ("", None, None),
    ],
)
def test_amounts_that_are_refused(
    world: Engine, amount: str, currency: str | None, rate: str | None
) -> None:
    before = _count(world)
    for operation in (ledger.receive, ledger.pledge):
        with pytest.raises(FundError):
            operation.perform(world, OFFICER, SWISS, GENERAL, amount, currency, rate)
    if currency is None:
        with pytest.raises(FundError):
            ledger.reserve.perform(world, OFFICER, GENERAL, amount, "event", "E-1")
        with pytest.raises(FundError):
            ledger.spend.perform(world, OFFICER, GENERAL, amount, "event")
    assert _count(world) == before


def test_amounts_that_are_taken(world: Engine) -> None:
    ledger.pledge.perform(world, OFFICER, SWISS, GENERAL, "0.01")
    ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "1,250.50")
    ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "12,345,678")
    number = ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "10.1234", "EUR", "0.95")
    with world.connect() as connection:
        row = connection.execute(select(FundTransaction).where(FundTransaction.id == number)).one()
    assert row.original == Decimal("10.1234")  # kept as given
    assert row.amount == Decimal("9.62")  # 9.61723 half-up
    assert row.rate == "0.95000000"


@pytest.mark.parametrize("code", ["XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "ÇHF", "CH"])
def test_currencies_that_are_not_money(world: Engine, code: str) -> None:
    with pytest.raises(FundError, match="currency"):
        ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "10", code, "1.2")


def test_the_sdr_and_regional_francs_are_money(world: Engine) -> None:
    for code in ("XDR", "XOF", "XAF"):
        ledger.receive.perform(world, OFFICER, SWISS, GENERAL, "10", code, "1.2")


def test_the_api_answers_422_naming_the_value(client: TestClient) -> None:
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    for amount, rate, says in (
        ("99999999999", "100000", "more than 99,999,999,999"),
        ("1.000,50", "1", "1.000,50"),
        ("0.004", None, "0.004"),
    ):
        body = {"kind": "receipt", "donor": SWISS, "earmark": GENERAL, "amount": amount}
        if rate:
            body.update(currency="EUR", rate=rate)
        answer = client.post("/api/v1/fund/transactions", json=body, headers=headers)
        assert answer.status_code == 422, answer.text
        assert says in answer.text


def test_the_command_line_refuses_with_exit_2(cli: CliRunner, world: Engine) -> None:
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(
        app,
        [
            "fund",
            "receive",
            SWISS,
            GENERAL,
            "99999999999",
            "--currency",
            "EUR",
            "--rate",
            "100000",
            "--db",
            url,
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 2 and "more than 99,999,999,999" in result.output, result.output
