"""``stdgap events …``: list in every format, create, register (waitlisted when full), cancel
with promotion, attend, material, plan with holidays (bad lines named), export to CSV/XLSX;
bad input in one line with exit status 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from event_world import TODAY, WEB, WS
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.events import queries


def _run(cli: CliRunner, world: Engine, *args: str) -> tuple[int, str, str]:
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(app, ["events", *args, "--db", url], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_list_create_register_cancel_attend_export(
    cli: CliRunner, world: Engine, tmp_path: Path
) -> None:
    code, out, err = _run(cli, world, "list", "--format", "json")
    assert code == 0, err
    assert [e["event_id"] for e in json.loads(out)] == [WEB, WS, "TR-OLD"]
    code, out, _err = _run(cli, world, "list", "--when", "upcoming", "--format", "csv")
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(out))] == [WEB, WS]
    code, _out, err = _run(cli, world, "list", "--kind", "party")
    assert code == 2 and "kind: 'party'" in err
    start = str(TODAY)
    code, out, err = _run(
        cli,
        world,
        "create",
        "TR-1",
        "--title",
        "Training",
        "--kind",
        "training",
        "--start",
        start,
        "--capacity",
        "1",
        "--category",
        "delegate:Delegate",
    )
    assert code == 0, err
    code, out, err = _run(
        cli,
        world,
        "register",
        "TR-1",
        "--name",
        "A",
        "--email",
        "a@x.org",
        "--member",
        "MS-KEN",
        "--person",
        "KEN-1",
    )
    assert code == 0 and "confirmed" in out, err
    code, out, _err = _run(
        cli,
        world,
        "register",
        "TR-1",
        "--name",
        "B",
        "--email",
        "b@x.org",
        "--member",
        "MS-KEN",
        "--person",
        "KEN-2",
    )
    assert "waitlisted" in out
    first, second = (r["registration_id"] for r in queries.registrations(world, "TR-1"))
    code, out, _err = _run(cli, world, "cancel", str(first))
    assert code == 0 and f"promoted: {second}" in out
    code, out, err = _run(cli, world, "attend", "TR-1", str(second))
    assert code == 0 and "1 present; 1 counted in participation" in out, err
    code, out, _err = _run(
        cli, world, "material", "TR-1", "--title", "Slides", "--url", "https://example.org/s.pdf"
    )
    assert code == 0
    assert queries.event_detail(world, "TR-1")["materials"][0]["title"] == "Slides"
    target = tmp_path / "list.xlsx"
    code, _out, err = _run(cli, world, "export", "TR-1", "--output", str(target))
    assert code == 0, err
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[1][1] == "B" and rows[1][7] == "true"
    code, _out, err = _run(cli, world, "export", "TR-1", "--output", str(tmp_path / "x.pdf"))
    assert code == 2 and "must end in .csv or .xlsx" in err


def test_plan_with_holidays(cli: CliRunner, world: Engine, tmp_path: Path) -> None:
    year = TODAY.year + 1
    code, out, err = _run(
        cli, world, "create", "RG-AFR", "--title", "x", "--kind", "workshop", "--start", str(TODAY)
    )
    holidays = tmp_path / "holidays.csv"
    holidays.write_text("country,date,name\nKEN,not-a-date,X\n")
    code, _out, err = _run(
        cli,
        world,
        "plan",
        "--region",
        "Africa",
        "--between",
        f"{year}-01-01",
        f"{year}-12-31",
        "--holidays",
        str(holidays),
    )
    assert code == 2 and "line 2, column date: 'not-a-date'" in err and "holidays.csv" in err
    holidays.write_text("country,date,name\nKEN,2030-01-01,New year\n")
    code, out, err = _run(
        cli,
        world,
        "plan",
        "--region",
        "Africa",
        "--between",
        f"{year}-01-01",
        f"{year}-12-31",
        "--holidays",
        str(holidays),
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["region"] == "Africa" and json.loads(out)["holidays"] == 1
    code, _out, err = _run(
        cli, world, "plan", "--region", "Mars", "--between", f"{year}-01-01", f"{year}-12-31"
    )
    assert code == 2 and "region: 'Mars'" in err
