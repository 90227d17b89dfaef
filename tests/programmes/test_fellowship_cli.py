"""Fellowships through the CLI, on SQLite and PostgreSQL: files, allocation, attendance."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from programme_world import (
    invoke,
    world_fixture,  # noqa: F401 - the fixture 'world'
    write,
)
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.accounts.queries import audit_rows
from stdgap.fellowships.models import FellowshipApplication
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Attendance, Person

GOOD = """
application_id,call_id,person_id,member_id,country,gender,birth_year,request,contributions
A1,F-25,KEN-1,MS-KEN,Kenya,F,1995,either,1
A2,F-25,NPL-1,MS-NPL,NPL,M,1970,full,0
A3,F-25,NEW-1,MS-BOL,Bolivia,F,2000,partial,0
A4,F-25,CHE-1,MS-CHE,CHE,M,1970,either,0
"""

BAD = """
application_id,call_id,person_id,member_id,country,gender,birth_year,request
B1,F-25,KEN-2,MS-KEN,Kenya,Q,1995,either
B2,F-99,NPL-1,MS-NPL,Atlantis,M,1970,full
B3,F-25,BOL-1,MS-BOL,BOL,F,1970,sometimes
B3,F-25,FJI-1,MS-FJI,FJI,M,1980,full
"""


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(FellowshipApplication)
        ).scalar_one()


def test_fellowships_round_trip(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    db = ["--db", store_url]
    code, out, err = invoke(
        cli,
        "fellowships",
        "call",
        "F-25",
        "--meeting",
        "SG5-2025-01",
        "--budget",
        "6000",
        "--full-cost",
        "4000",
        "--partial-cost",
        "2000",
        "--history",
        *db,
    )
    assert code == 0, err
    code, _out, err = invoke(
        cli, "fellowships", "import", str(write(tmp_path / "a.csv", GOOD)), *db
    )
    assert code == 0, err
    code, _out, err = invoke(
        cli,
        "fellowships",
        "apply",
        "A5",
        "--call",
        "F-25",
        "--person",
        "FJI-1",
        "--member",
        "MS-FJI",
        "--country",
        "Fiji",
        "--gender",
        "m",
        "--birth-year",
        "1990",
        *db,
    )
    assert code == 0, err
    audited = len(audit_rows(world)[1])
    code, out, err = invoke(cli, "fellowships", "allocate", "F-25", "--dry-run", *db)
    assert code == 0 and "dry run" in out, err
    assert len(audit_rows(world)[1]) == audited  # a dry run writes nothing
    code, out, err = invoke(cli, "fellowships", "allocate", "F-25", *db)
    assert code == 0, err
    assert "optimal" in out and "spent 6,000 CHF of 6,000 CHF" in out
    entries = audit_rows(world)[1]
    assert len(entries) == audited + 1
    assert entries[0]["action"] == "fellowships.allocate" and entries[0]["target"] == "F-25"
    assert entries[0]["who"].startswith("cli:") and entries[0]["details"]["granted"] >= 2
    code, out, _err = invoke(cli, "fellowships", "decisions", "F-25", *db)
    assert "ineligible" in out and "granted" in out
    code, out, _err = invoke(cli, "fellowships", "calls", *db)
    assert "F-25" in out
    code, _out, err = invoke(cli, "fellowships", "attend", "F-25", "--as-of", "2024-12-31", *db)
    assert code == 2 and "not yet held" in err
    code, out, err = invoke(cli, "fellowships", "attend", "F-25", "--as-of", "2025-01-31", *db)
    assert code == 0, err
    attended = audit_rows(world)[1][0]  # the fellows' attendance and the call's mark: one write
    assert attended["action"] == "fellowships.attendance"
    assert attended["details"]["rows"]["inserted"]["attendance"] >= 2
    assert attended["details"]["rows"]["updated"]["fellowship_calls"] == 1
    with world.connect() as connection:
        fellows = connection.execute(
            select(func.count()).select_from(Attendance).where(Attendance.fellowship.is_(True))
        ).scalar_one()
        granted = connection.execute(
            select(func.count())
            .select_from(FellowshipApplication)
            .where(FellowshipApplication.decision.in_(["full", "partial"]))
        ).scalar_one()
        new_person = connection.execute(
            select(Person.id).where(Person.person_id == "NEW-1")
        ).scalar_one_or_none()
    assert fellows == granted >= 2
    # a fellow comes back to SG17 in March: the follow-up sees it
    later = [{"meeting_id": "SG17-2025-03", "person_id": "KEN-1", "member_id": "MS-KEN"}]
    run_import.perform(world, "test", [Source.from_rows("x", "attendance", list(later[0]), later)])
    code, out, err = invoke(cli, "fellowships", "followup", *db)
    assert code == 0, err
    if new_person is not None:
        assert "NEW-1" in out
    assert "returned" in out
    code, out, err = invoke(cli, "fellowships", "rules", "set", "weight_ldc", "3", *db)
    assert code == 0, err
    code, out, _err = invoke(cli, "fellowships", "rules", "show", *db)
    assert "weight_ldc" in out and "3 *" in out


def test_bad_application_files_give_line_errors_and_write_nothing(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    db = ["--db", store_url]
    invoke(
        cli,
        "fellowships",
        "call",
        "F-25",
        "--meeting",
        "SG5-2025-01",
        "--budget",
        "6000",
        "--full-cost",
        "4000",
        "--partial-cost",
        "2000",
        "--history",
        *db,
    )
    good = write(tmp_path / "good.csv", GOOD)
    bad = write(tmp_path / "bad.csv", BAD)
    code, _out, err = invoke(cli, "fellowships", "import", str(good), str(bad), *db)
    assert code == 2
    assert f"{bad}:2: gender: 'Q' is not one of" in err
    assert f"{bad}:3: call_id: unknown call 'F-99'" in err
    assert f"{bad}:3: country: 'Atlantis' is not a known country" in err
    assert f"{bad}:4: request: 'sometimes' is not one of" in err
    assert f"{bad}:5: application_id: 'B3' appears twice" in err
    assert "nothing was written" in err
    assert _count(world) == 0
    missing = write(tmp_path / "missing.csv", "application_id,call_id\nX,F-25")
    code, _out, err = invoke(cli, "fellowships", "import", str(missing), *db)
    assert code == 2 and f"{missing}:1: person_id: required column" in err


def test_xlsx_applications_import_and_reimport_is_idempotent(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    db = ["--db", store_url]
    invoke(
        cli,
        "fellowships",
        "call",
        "F-25",
        "--meeting",
        "SG5-2025-01",
        "--budget",
        "6000",
        "--full-cost",
        "4000",
        "--partial-cost",
        "2000",
        "--history",
        *db,
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in GOOD.strip().splitlines():
        sheet.append(line.split(","))
    path = tmp_path / "applications.xlsx"
    book.save(path)
    for _ in range(2):
        code, _out, err = invoke(cli, "fellowships", "import", str(path), *db)
        assert code == 0, err
    assert _count(world) == 4


@pytest.mark.parametrize("command", ["allocate", "decisions"])
def test_unknown_call(world: Engine, store_url: str, cli: CliRunner, command: str) -> None:
    code, _out, err = invoke(cli, "fellowships", command, "NOPE", "--db", store_url)
    assert (code == 2 and "unknown call" in err) or command == "decisions"


def _open(cli: CliRunner, db: list[str], call: str, meeting: str, *extra: str) -> None:
    code, _out, err = invoke(
        cli,
        "fellowships",
        "call",
        call,
        "--meeting",
        meeting,
        "--budget",
        "6000",
        "--full-cost",
        "4000",
        "--partial-cost",
        "2000",
        "--history",
        *extra,
        *db,
    )
    assert code == 0, err


def test_calls_are_listed_with_filters_as_a_table_json_or_csv(
    world: Engine, store_url: str, cli: CliRunner
) -> None:
    db = ["--db", store_url]
    _open(cli, db, "F-25", "SG5-2025-01", "--currency", "eur", "--closes", "2024-12-01")
    _open(cli, db, "F-17", "SG17-2025-03", "--min-region-share", "0.2", "--country-units", "1")
    code, _out, err = invoke(cli, "fellowships", "allocate", "F-25", *db)
    assert code == 0, err
    code, out, err = invoke(cli, "fellowships", "calls", "--format", "json", *db)
    assert code == 0, err
    listed = {c["call_id"]: c for c in json.loads(out)}
    assert listed["F-25"]["currency"] == "EUR" and listed["F-25"]["status"] == "allocated"
    assert listed["F-17"]["group"] == "SG17" and listed["F-17"]["closes"] is None
    code, out, _err = invoke(
        cli, "fellowships", "calls", "--status", "allocated", "--format", "csv", *db
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["call_id"] for row in rows] == ["F-25"] and rows[0]["budget"] == "6000"
    code, out, _err = invoke(cli, "fellowships", "calls", "--group", "SG17", *db)
    assert code == 0 and "F-17" in out and "CHF" in out and "EUR" not in out
    code, out, _err = invoke(cli, "fellowships", "calls", "--year", "2024", "--format", "json", *db)
    assert json.loads(out) == []
    code, _out, err = invoke(cli, "fellowships", "calls", "--format", "xml", *db)
    assert code == 2 and "--format 'xml': use one of table, json, csv" in err
    code, _out, err = invoke(cli, "fellowships", "calls", "--status", "soon", *db)
    assert code == 2 and "--status 'soon'" in err


def test_a_call_is_adjusted_until_it_is_allocated(
    world: Engine, store_url: str, cli: CliRunner
) -> None:
    db = ["--db", store_url]
    _open(cli, db, "F-25", "SG5-2025-01", "--person-units", "1")
    code, out, err = invoke(
        cli, "fellowships", "adjust", "F-25", "--budget", "9000", "--clear", "person_units", *db
    )
    assert code == 0 and "budget, person_units changed" in out, err
    code, _out, err = invoke(cli, "fellowships", "adjust", "F-25", "--currency", "CHX", *db)
    assert code == 2 and "'CHX' is not an ISO 4217 code" in err
    code, _out, err = invoke(cli, "fellowships", "adjust", "F-25", "--min-region-share", "2", *db)
    assert code == 2 and "min_region_share must be from 0 to 1" in err
    code, out, _err = invoke(cli, "fellowships", "calls", "--format", "json", *db)
    [call] = json.loads(out)
    assert (call["budget"], call["status"]) == (9000, "closed" if call["closes"] else "open")
    invoke(cli, "fellowships", "allocate", "F-25", *db)
    code, _out, err = invoke(cli, "fellowships", "adjust", "F-25", "--budget", "1", *db)
    assert code == 2 and "is allocated: its terms are final" in err
