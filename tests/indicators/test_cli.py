"""``stdgap indicators``: formats, suppression, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import polars as pl
import pytest
from pysdmx.io import read_sdmx
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.indicators.builtin import BUILTIN
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
        "protection",
        "flag",
    }
    assert isinstance(share["year"], int) and share["ldc"] in ("true", "false")
    count = next(r for r in rows if r["indicator"] == "attendances")
    assert set(count) == {"indicator", "year", "ldc", "value", "suppressed", "protection", "flag"}
    # every indicator of the engine's own sources (the capabilities' have no facts in these files)
    assert {r["indicator"] for r in rows} == {i for source in BUILTIN for i in source.values}
    assert all(r["protection"] == "exact" for r in rows)  # --min-cell asks for exact figures


def test_default_rules_publish_public_record_and_protect_persons(
    cli: CliRunner, loaded: Engine
) -> None:
    code, out, _ = invoke(
        cli,
        "indicators",
        "--db",
        _db(loaded),
        "--by",
        "year",
        "--indicator",
        "attendances,remote_share,women_share",
        "--format",
        "json",
    )
    assert code == 0
    rows = {(r["indicator"], r["year"]): r for r in json.loads(out)}
    # attendance is public record: exact however small (2025 has 3 attendances)
    assert rows["attendances", 2024]["value"] == 7
    assert rows["attendances", 2025]["protection"] == "exact"
    assert rows["attendances", 2025]["value"] == 3 and not rows["attendances", 2025]["suppressed"]
    assert rows["remote_share", 2025]["protection"] == "exact"
    # gender describes persons: a share over fewer than 5 persons is withheld
    assert rows["women_share", 2025] == {
        "indicator": "women_share",
        "year": 2025,
        "value": None,
        "numerator": None,
        "denominator": None,
        "suppressed": True,
        "protection": "suppressed",
        "flag": None,
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
        "protection": "exact",
        "flag": None,
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
        "protection",
        "flag",
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
    assert {"TIME_PERIOD", "REGION", "INDICATOR", "OBS_VALUE", "OBS_STATUS"} <= set(header)
    assert "YEAR" not in header
    assert {r["DATAFLOW"] for r in rows} == {"STDGAP:PARTICIPATION(1.0)"}
    confidential = [r for r in rows if r["CONF_STATUS"] == "A"]  # small counts, withheld
    assert confidential and all(
        r["OBS_VALUE"] == "" and r["OBS_STATUS"] == "M" for r in confidential
    )
    perturbed = [r for r in rows if r["OBS_STATUS"] == "E"]  # estimated: noise added
    assert all(r["CONF_STATUS"] == "F" and r["OBS_VALUE"] != "" for r in perturbed)
    assert all(float(r["OBS_VALUE"]) >= 0 for r in rows if r["OBS_STATUS"] == "A")


def test_sdmx_csv_is_read_back_by_an_sdmx_library(cli: CliRunner, loaded: Engine) -> None:
    """pysdmx reads the SDMX-CSV as one dataset of the dataflow, with every observation and its
    attributes as the JSON output has them."""
    args = ["indicators", "--db", _db(loaded), "--by", "year,region,gender", "--indicator"]
    args += ["participants,women_share,leadership_held"]
    code, out, _ = invoke(cli, *args, "--format", "sdmx-csv")
    assert code == 0
    code, as_json, _ = invoke(cli, *args, "--format", "json")
    message = read_sdmx(out)
    (dataset,) = message.data
    assert dataset.short_urn == "Dataflow=STDGAP:PARTICIPATION(1.0)"
    read_back = {
        (r.INDICATOR, int(r.TIME_PERIOD), r.REGION, r.GENDER): (
            str(r.OBS_VALUE),
            r.OBS_STATUS,
            r.CONF_STATUS,
        )
        for r in dataset.data.astype(str).itertuples()
    }
    records = json.loads(as_json)
    assert len(read_back) == len(records) == len(dataset.data)
    for item in records:
        key = (item["indicator"].upper(), item["year"], item["region"], item["gender"])
        value, status, confidentiality = read_back[key]
        if item["value"] is None:
            assert value in ("", "nan") and status == "M"
        else:
            assert float(value) == pytest.approx(item["value"])
        expected = {"exact": "A", "perturbed": "E", "suppressed": "M"}[item["protection"]]
        if item["value"] is not None and item["flag"] == "provisional":
            expected = "P" if item["protection"] == "exact" else "E"
        assert status == expected, item
        assert confidentiality == ("A" if item["suppressed"] else "F")


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
    assert frame.columns == [
        "indicator",
        "year",
        "value",
        "numerator",
        "denominator",
        "suppressed",
        "protection",
        "flag",
    ]
    attendances = frame.filter(pl.col("indicator") == "attendances").sort("year")
    assert attendances.get_column("value").to_list() == [6, 7, 3]


def test_table_and_list(cli: CliRunner, loaded: Engine) -> None:
    code, out, _ = invoke(
        cli, "indicators", "--db", _db(loaded), "--by", "year", "--indicator", "women_share"
    )
    assert code == 0 and "suppressed" in out and "women_share" in out
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
        (
            ["--where", "country=Atlantis"],
            "where country=Atlantis: no country of that code or name",
        ),
        (["--indicator", "contributions", "--by", "gender"], "no dimension gender"),
        (["--format", "xml"], "--format 'xml'"),
        (["--min-cell", "0"], "min_cell 0: give a whole number, 1 or more"),
        (["--min-cell", "-3"], "min_cell -3: give a whole number, 1 or more"),
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
        ["--where", "country=KÉNX"],
        ["--where", "region:Africa:x"],
    ],
)
def test_odd_digits_and_values_are_clear_errors(
    cli: CliRunner, loaded: Engine, args: list[str]
) -> None:
    code, _out, err = invoke(cli, "indicators", "--db", _db(loaded), "--by", "year", *args)
    assert code == 2 and "rror" in err and "Traceback" not in err


def test_a_fresh_process_lists_the_capabilities_indicators_in_every_format() -> None:
    """``--list`` in a process of its own (nothing registered yet) lists the indicators the
    capabilities add, the same ids in the table, CSV and JSON."""

    def listed(*options: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "stdgap", "indicators", "--list", *options],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "COLUMNS": "400"},
        )
        return done.stdout

    ids = [entry["id"] for entry in json.loads(listed("--format", "json"))]
    assert {"forum_questions", "fund_spending", "participants"} <= set(ids)
    rows = list(csv.reader(io.StringIO(listed("--format", "csv"))))
    assert rows[0] == ["id", "unit", "disclosure", "clause", "title"]
    assert [row[0] for row in rows[1:]] == ids
    table = listed()
    assert all(indicator_id in table for indicator_id in ids)


@pytest.mark.parametrize("output_format", ["csv", "parquet"])
def test_out_makes_its_folders_and_a_path_it_cannot_write_is_one_error(
    cli: CliRunner, loaded: Engine, tmp_path: Path, output_format: str
) -> None:
    def run(out: Path) -> tuple[int, str]:
        code, _, err = invoke(
            cli, "indicators", "--db", _db(loaded), "--by", "year", "--format", output_format,
            "--out", str(out),
        )  # fmt: skip
        return code, err

    nested = tmp_path / "new" / "folder" / f"cells.{output_format}"
    assert run(nested) == (0, "")
    assert nested.stat().st_size > 0 and not list(nested.parent.glob(".*.part"))
    code, err = run(tmp_path)
    assert code == 2 and err.startswith("error: --out") and "is a folder" in err
    assert "Traceback" not in err
    blocked = tmp_path / "a-file"
    blocked.write_text("kept")
    code, err = run(blocked / "cells.csv")
    assert code == 2 and err.startswith("error: could not write") and "Traceback" not in err
    assert blocked.read_text() == "kept"
    target = tmp_path / "denied" / "cells.csv"
    real_write = Path.write_bytes

    def denied(path: Path, data: bytes) -> int:  # as a folder the user may not write into
        if path.parent == target.parent:
            raise PermissionError(13, "Permission denied", str(path))
        return real_write(path, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "write_bytes", denied)
        code, err = run(target)
    assert code == 2 and f"could not write {target}: Permission denied" in " ".join(err.split())
    assert list(target.parent.iterdir()) == []


def test_out_through_a_link_writes_the_file_it_names_and_a_pipe_is_written_not_replaced(
    cli: CliRunner, loaded: Engine, tmp_path: Path
) -> None:
    def run(out: Path) -> int:
        return invoke(
            cli, "indicators", "--db", _db(loaded), "--by", "year", "--format", "csv",
            "--out", str(out),
        )[0]  # fmt: skip

    real, link = tmp_path / "real.csv", tmp_path / "link.csv"
    real.write_text("old")
    link.symlink_to(real)
    assert run(link) == 0
    assert link.is_symlink() and real.read_text().startswith("indicator,")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(pipe.read_bytes()))
    reader.start()
    assert run(pipe) == 0
    reader.join(timeout=30)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert read and read[0].startswith(b"indicator,")


@pytest.mark.parametrize("spelling", ["KEN", "ken", "KE", "Kenya", " kenya ", "KENYA"])
def test_a_country_filter_takes_a_code_or_a_name(
    cli: CliRunner, loaded: Engine, spelling: str
) -> None:
    def cells(where: str) -> list[dict[str, object]]:
        code, out, err = invoke(
            cli, "indicators", "--db", _db(loaded), "--by", "year", "--where", where,
            "--format", "json", "--min-cell", "1",
        )  # fmt: skip
        assert code == 0, err
        return list(json.loads(out))

    by_code = cells("country=KEN")
    assert by_code and by_code == cells(f"country={spelling}")
    assert by_code != cells("country=CHE")


def test_a_country_filter_reads_itu_symbols_as_imports_do(cli: CliRunner, loaded: Engine) -> None:
    """SUI is Switzerland's ITU symbol (CHE its ISO code): the same figures either way."""

    def cells(where: str) -> str:
        code, out, err = invoke(
            cli, "indicators", "--db", _db(loaded), "--by", "year", "--where", where,
            "--format", "csv", "--min-cell", "1",
        )  # fmt: skip
        assert code == 0, err
        return out

    assert cells("country=SUI") == cells("country=CHE") == cells("country=Switzerland")
