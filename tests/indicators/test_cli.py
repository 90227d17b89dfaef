"""``stdgap indicators``: formats, suppression, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.indicators.catalogue import CATALOGUE


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _db(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_json_has_the_contract_keys(cli: CliRunner, loaded: Engine) -> None:
    code, out, _ = invoke(
        cli,
        "indicators",
        "--db",
        _db(loaded),
        "--by",
        "year,ldc",
        "--format",
        "json",
        "--min-cell",
        "1",
    )
    assert code == 0
    rows = json.loads(out)
    assert isinstance(rows, list)
    share = next(r for r in rows if r["indicator"] == "remote_share" and r["year"] == 2023)
    assert set(share) == {
        "indicator",
        "year",
        "ldc",
        "value",
        "numerator",
        "denominator",
        "suppressed",
    }
    assert isinstance(share["year"], int) and share["ldc"] in ("true", "false")
    count = next(r for r in rows if r["indicator"] == "attendances")
    assert set(count) == {"indicator", "year", "ldc", "value", "suppressed"}
    assert {r["indicator"] for r in rows} == set(CATALOGUE)


def test_default_min_cell_suppresses_small_cells(cli: CliRunner, loaded: Engine) -> None:
    code, out, _ = invoke(
        cli,
        "indicators",
        "--db",
        _db(loaded),
        "--by",
        "year",
        "--indicator",
        "attendances,remote_share",
        "--format",
        "json",
    )
    assert code == 0
    rows = {(r["indicator"], r["year"]): r for r in json.loads(out)}
    assert rows["attendances", 2024]["value"] == 7
    assert rows["attendances", 2025] == {
        "indicator": "attendances",
        "year": 2025,
        "value": None,
        "suppressed": True,
    }
    assert rows["remote_share", 2025] == {
        "indicator": "remote_share",
        "year": 2025,
        "value": None,
        "numerator": None,
        "denominator": None,
        "suppressed": True,
    }


def test_json_country_is_the_alpha3_code(cli: CliRunner, loaded: Engine) -> None:
    code, out, _ = invoke(
        cli,
        "indicators",
        "--db",
        _db(loaded),
        "--by",
        "year,country",
        "--where",
        "country=KEN",
        "--indicator",
        "attendances,drafting_stage_share,gender_unknown_share",
        "--format",
        "json",
        "--min-cell",
        "1",
    )
    assert code == 0
    rows = json.loads(out)
    assert {r["country"] for r in rows} == {"KEN"}
    keyed = {(r["indicator"], r["year"]): r for r in rows}
    assert keyed["attendances", 2024] == {
        "indicator": "attendances",
        "year": 2024,
        "country": "KEN",
        "value": 2,
        "suppressed": False,
    }
    drafting = keyed["drafting_stage_share", 2024]
    assert drafting["numerator"] == pytest.approx(2 / 3)
    assert drafting["denominator"] == pytest.approx(2 / 3)
    assert keyed["gender_unknown_share", 2023]["value"] == 0


def test_csv_has_the_same_columns(cli: CliRunner, loaded: Engine) -> None:
    code, out, _ = invoke(
        cli,
        "indicators",
        "--db",
        _db(loaded),
        "--by",
        "group,status",
        "--format",
        "csv",
        "--min-cell",
        "1",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "indicator",
        "group",
        "status",
        "value",
        "numerator",
        "denominator",
        "suppressed",
    ]
    assert any(r["indicator"] == "contributions" for r in rows)


def test_sdmx_csv(cli: CliRunner, loaded: Engine) -> None:
    code, out, _ = invoke(
        cli, "indicators", "--db", _db(loaded), "--by", "year,region", "--format", "sdmx-csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    header = list(rows[0])
    assert header[0] == "DATAFLOW"
    assert {"YEAR", "REGION", "INDICATOR", "OBS_VALUE", "OBS_STATUS"} <= set(header)
    assert {r["DATAFLOW"] for r in rows} == {"STDGAP:PARTICIPATION(1.0)"}
    confidential = [r for r in rows if r["OBS_STATUS"] == "C"]
    assert confidential and all(r["OBS_VALUE"] == "" for r in confidential)
    assert all(float(r["OBS_VALUE"]) >= 0 for r in rows if r["OBS_STATUS"] == "A")


def test_parquet_needs_out(cli: CliRunner, loaded: Engine, tmp_path: Path) -> None:
    code, _, err = invoke(cli, "indicators", "--db", _db(loaded), "--format", "parquet")
    assert code == 2 and "--out" in err
    target = tmp_path / "cells.parquet"
    code, _, _ = invoke(
        cli,
        "indicators",
        "--db",
        _db(loaded),
        "--by",
        "year",
        "--format",
        "parquet",
        "--out",
        str(target),
        "--min-cell",
        "1",
    )
    assert code == 0
    frame = pl.read_parquet(target)
    assert frame.columns == ["indicator", "year", "value", "numerator", "denominator", "suppressed"]
    attendances = frame.filter(pl.col("indicator") == "attendances").sort("year")
    assert attendances.get_column("value").to_list() == [6, 7, 3]


def test_table_and_list(cli: CliRunner, loaded: Engine) -> None:
    code, out, _ = invoke(cli, "indicators", "--db", _db(loaded), "--by", "year")
    assert code == 0 and "suppressed" in out and "participants" in out
    code, out, _ = invoke(cli, "indicators", "--list")
    assert code == 0
    assert all(name in out for name in CATALOGUE)
    code, out, _ = invoke(cli, "indicators", "--list", "--format", "json")
    assert [entry["id"] for entry in json.loads(out)] == list(CATALOGUE)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "year,colour"], "unknown dimension 'colour'"),
        (["--indicator", "nonsense"], "unknown indicator 'nonsense'"),
        (["--where", "region=Atlantis"], "where region=Atlantis"),
        (["--where", "region"], "DIMENSION=VALUE"),
        (["--where", "year=soon"], "integer"),
        (["--where", "group=SG99"], "group=SG99"),
        (["--where", "country=FRA"], "where country=FRA: no member of that country"),
        (["--where", "country=Kenya"], "alpha-3"),
        (["--indicator", "contributions", "--by", "gender"], "no dimension gender"),
        (["--format", "xml"], "--format 'xml'"),
        (["--from-year", "2025", "--to-year", "2023"], "after"),
    ],
)
def test_bad_requests_exit_2(cli: CliRunner, loaded: Engine, args: list[str], message: str) -> None:
    code, _, err = invoke(cli, "indicators", "--db", _db(loaded), *args)
    assert code == 2
    assert message in " ".join(err.split())


@pytest.mark.parametrize(
    "args",
    [
        ["--where", "year=²"],
        ["--from-year", "²"],
        ["--where", "country=KÉN"],
        ["--where", "region:Africa:x"],
    ],
)
def test_odd_digits_and_values_are_clear_errors(
    cli: CliRunner, loaded: Engine, args: list[str]
) -> None:
    code, _out, err = invoke(cli, "indicators", "--db", _db(loaded), "--by", "year", *args)
    assert code == 2 and "rror" in err and "Traceback" not in err
