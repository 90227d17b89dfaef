"""``stdgap fund …`` on the fund world: lists, writes, refusals with a clear message (exit 2),
four eyes between two operating-system users, the statement's files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fund_world import FELLOWSHIPS, GENERAL
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.fund import cli as fund_cli


def _run(cli: CliRunner, world: Engine, *args: str) -> tuple[int, str]:
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(app, ["fund", *args, "--db", url], catch_exceptions=False)
    return result.exit_code, result.output


def test_the_commands(
    cli: CliRunner, world: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _run(cli, world, "balances", "--format", "json")
    assert code == 0, out
    found = json.loads(out)
    assert found["total"]["received"] == "39412.00"
    code, out = _run(cli, world, "donors", "--add", "Acme", "--kind", "other")
    assert code == 0 and "donor Acme added" in out
    code, out = _run(
        cli, world, "receive", "Acme", GENERAL, "2500", "--currency", "usd", "--rate", "0.8"
    )
    assert code == 0 and "receipt 8 recorded" in out, out
    code, out = _run(
        cli, world, "reserve", GENERAL, "999999", "--kind", "event", "--reference", "E-9"
    )
    assert code == 2 and "available" in out
    code, out = _run(
        cli, world, "spend", FELLOWSHIPS, "12000", "--kind", "fellowship", "--country", "NPL"
    )
    assert code == 0 and "waits for approval" in out
    code, out = _run(cli, world, "approve", "9")
    assert code == 2 and "four eyes" in out  # the same operating-system user recorded it
    monkeypatch.setattr(fund_cli, "actor", lambda: "cli:someone-else")
    code, out = _run(cli, world, "approve", "9")
    assert code == 0 and "posted" in out, out
    code, out = _run(cli, world, "reverse", "9", "--reason", "wrong call")
    assert code == 0 and "waits for approval" in out
    code, out = _run(cli, world, "ledger", "--pending", "--format", "json")
    assert code == 0 and [(r["kind"], r["reverses"]) for r in json.loads(out)] == [
        ("reversal", 9),
        ("spending", None),
    ]
    code, out = _run(cli, world, "rules", "set", "min_ldc_share", "2")
    assert code == 2 and "maximum" in out
    code, out = _run(cli, world, "rules", "set", "currency", "EUR")
    assert code == 2 and "fixed" in out
    target = tmp_path / "statement.xlsx"
    code, out = _run(cli, world, "statement", "--year", "2025", "-o", str(target))
    assert code == 0, out
    assert load_workbook(target).worksheets
    code, out = _run(cli, world, "statement", "--year", "2025")
    assert code == 0 and "Every earmark reconciles." in out
