"""Mentorship through the CLI on SQLite and PostgreSQL: profiles, matching, sessions, follow-up."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from programme_world import (
    invoke,
    world_fixture,  # noqa: F401 - the fixture 'world'
    write,
)
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from stdgap.accounts.operations import add_user
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.mentorship.followup import followup
from stdgap.notifications.models import OutboxMessage
from web_testing import password_of

MENTORS = """
cycle,person_id,study_groups,questions,languages,region,gender,capacity,available
2025,CHE-1,SG5;SG17,Q4/17,en;fr,Europe,M,1,true
2025,KEN-2,SG5,Q1/5,en;sw,Africa,M,1,yes
"""
MENTEES = """
cycle,person_id,study_groups,questions,languages,region,gender,birth_year,prefer_same_region
2025,KEN-1,SG5,Q1/5,en,Africa,F,1995,true
2025,FJI-1,SG17,Q4/17,fr,Asia-Pacific,M,1996,false
2025,BOL-1,SG13,,es,Americas,F,1998,false
2025,NPL-1,SG5,,en,Asia-Pacific,M,1970,false
"""


def test_mentorship_round_trip(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    db = ["--db", store_url]
    code, _o, err = invoke(
        cli, "mentorship", "import", "mentor", str(write(tmp_path / "r.csv", MENTORS)), *db
    )
    assert code == 0, err
    code, _o, err = invoke(
        cli, "mentorship", "import", "mentee", str(write(tmp_path / "e.csv", MENTEES)), *db
    )
    assert code == 0, err
    code, out, err = invoke(
        cli, "mentorship", "match", "--cycle", "2025", "--on", "2025-01-10", *db
    )
    assert code == 0, err
    assert "2 of 4 mentee(s) matched" in out
    assert "not next generation: 55" in out  # NPL-1, born 1970
    assert "no available mentor shares a language" in out  # BOL-1 speaks Spanish only
    code, _o, err = invoke(
        cli, "mentorship", "session", "KEN-1", "--cycle", "2025", "--on", "2025-02-01", *db
    )
    assert code == 2 and "confirmed pairs only" in err
    code, out, err = invoke(
        cli, "mentorship", "confirm", "--cycle", "2025", "--on", "2025-01-11", *db
    )
    assert code == 0 and "2 pair(s) confirmed" in out, err
    code, _o, err = invoke(
        cli, "mentorship", "session", "KEN-1", "--cycle", "2025", "--on", "2025-02-01", *db
    )
    assert code == 0, err
    code, _o, err = invoke(
        cli, "mentorship", "outcome", "KEN-1", "completed", "--cycle", "2025", *db
    )
    assert code == 0, err
    rows = [{"meeting_id": "SG17-2025-03", "person_id": "KEN-1", "member_id": "MS-KEN"}]
    run_import.perform(world, "test", [Source.from_rows("x", "attendance", list(rows[0]), rows)])
    code, out, err = invoke(cli, "mentorship", "followup", "--cycle", "2025", *db)
    assert code == 0, err
    assert "mentees at later meetings: 50%" in out
    pairs = {pair.mentee: pair for pair in followup(world, "2025")}
    pairs_before = {mentee: pair.mentor for mentee, pair in pairs.items()}
    assert pairs["KEN-1"].outcome == "completed" and pairs["KEN-1"].sessions == 1
    assert pairs["KEN-1"].later.meetings == 1 and pairs["FJI-1"].later.meetings == 0
    code, out, err = invoke(cli, "mentorship", "match", "--cycle", "2025", *db)
    assert code == 0 and "2 of 4 mentee(s) matched" in out, err  # the confirmed pairs stay
    assert {pair.mentee: pair.mentor for pair in followup(world, "2025")} == pairs_before


def test_bad_profile_rows_are_reported_and_nothing_is_written(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    bad = write(
        tmp_path / "bad.csv",
        "cycle,person_id,capacity,available\n2025,A,100,true\n2025,B,2,perhaps\n2025,A,1,true",
    )
    code, _o, err = invoke(cli, "mentorship", "import", "mentor", str(bad), "--db", store_url)
    assert code == 2
    assert f"{bad}:2: capacity:" in err and f"{bad}:3: available:" in err
    assert f"{bad}:4: person_id: 'A' appears twice" in err
    code, _o, err = invoke(cli, "mentorship", "match", "--cycle", "2025", "--db", store_url)
    assert code == 2 and "has no mentees" in err


def _profiles_with_accounts(world: Engine, cli: CliRunner, tmp_path: Path, db: list[str]) -> None:
    add_user.perform(world, "test", "ken1", "applicant", password_of("applicant"))
    mentors = write(
        tmp_path / "mentors.csv",
        "cycle,person_id,study_groups,expertise,languages,time_zone,capacity\n"
        "2025,CHE-1,SG5;SG17,security,en;fr,Europe/Zurich,1\n"
        "2025,KEN-2,SG5,,en,Africa/Nairobi,1\n",
    )
    mentees = write(
        tmp_path / "mentees.csv",
        "cycle,person_id,study_groups,expertise,languages,time_zone,birth_year,user\n"
        "2025,KEN-1,SG5,Security,en,Africa/Nairobi,1995,ken1\n"
        "2025,FJI-1,SG17,,fr,Pacific/Fiji,1996,\n",
    )
    for role, path in (("mentor", mentors), ("mentee", mentees)):
        code, _o, err = invoke(cli, "mentorship", "import", role, str(path), *db)
        assert code == 0, err


def test_lists_come_as_a_table_json_or_csv_with_filters(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    db = ["--db", store_url]
    _profiles_with_accounts(world, cli, tmp_path, db)
    code, out, err = invoke(cli, "mentorship", "mentees", "--format", "json", *db)
    assert code == 0, err
    listed = {m["person"]: m for m in json.loads(out)}
    assert listed["KEN-1"]["user"] == "ken1" and listed["KEN-1"]["time_zone"] == "Africa/Nairobi"
    assert listed["FJI-1"]["user"] is None and listed["FJI-1"]["mentor"] is None
    code, out, err = invoke(
        cli, "mentorship", "mentors", "--study-group", "sg17", "--format", "csv", *db
    )
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["id", "cycle", "person"] and [r[2] for r in rows[1:]] == ["CHE-1"]
    code, out, err = invoke(cli, "mentorship", "mentors", "--language", "fr", *db)
    assert code == 0 and "1 row(s)" in out, err
    code, out, err = invoke(
        cli, "mentorship", "match", "--cycle", "2025", "--on", "2025-01-10", *db
    )
    assert code == 0 and "2 of 2 mentee(s) matched" in out, err
    code, out, err = invoke(cli, "mentorship", "pairs", "--status", "proposed", "-f", "json", *db)
    pairs = {p["mentee"]: p for p in json.loads(out)}
    assert pairs["KEN-1"]["mentor"] == "KEN-2" and pairs["FJI-1"]["mentor"] == "CHE-1"
    assert pairs["KEN-1"]["components"]["time_zone"] == 1.0  # both in Nairobi
    assert pairs["FJI-1"]["components"] == {"base": 1.0, "study_groups": 3.0}  # 11 h apart
    code, out, err = invoke(cli, "mentorship", "pairs", "--status", "done", *db)
    assert code == 2 and "use proposed or confirmed" in err


def test_the_officer_excludes_sets_and_confirms_from_the_command_line(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    db = ["--db", store_url]
    _profiles_with_accounts(world, cli, tmp_path, db)
    code, out, err = invoke(
        cli, "mentorship", "match", "--cycle", "2025", "--on", "2025-01-10", *db
    )
    assert code == 0, err
    before = {p["mentee"]: p["mentor"] for p in _pairs(cli, db)}
    assert before == {"KEN-1": "KEN-2", "FJI-1": "CHE-1"}
    code, out, err = invoke(cli, "mentorship", "exclude", "KEN-1", "--cycle", "2025", *db)
    assert code == 0 and "excluded" in out, err
    code, out, err = invoke(
        cli, "mentorship", "match", "--cycle", "2025", "--on", "2025-01-10", *db
    )
    assert code == 0, err
    # KEN-1 now scores 6.667 with CHE-1 ("Security" is "security"), FJI-1 only 4
    chosen = {p["mentee"]: p for p in _pairs(cli, db)}
    assert {mentee: p["mentor"] for mentee, p in chosen.items()} == {"KEN-1": "CHE-1"}
    assert chosen["KEN-1"]["components"]["expertise"] == 2.0
    code, out, err = invoke(cli, "mentorship", "assign", "FJI-1", "KEN-2", "--cycle", "2025", *db)
    assert code == 2 and "do not allow this pair" in err  # no language in common
    code, out, err = invoke(
        cli, "mentorship", "assign", "KEN-1", "KEN-2", "--cycle", "2025", "--on", "2025-01-11", *db
    )
    assert code == 0 and "KEN-1 → KEN-2" in out, err
    code, out, err = invoke(
        cli, "mentorship", "match", "--cycle", "2025", "--on", "2025-01-12", *db
    )
    assert code == 0, err  # the pair set by hand stays; CHE-1 is free for FJI-1 again
    assert {p["mentee"]: p["mentor"] for p in _pairs(cli, db)} == before
    code, out, err = invoke(cli, "mentorship", "confirm", "--cycle", "2025", *db)
    assert code == 0 and "2 pair(s) confirmed" in out, err
    with world.connect() as connection:
        told = list(connection.execute(select(OutboxMessage.recipient, OutboxMessage.kind)))
    assert [tuple(row) for row in told] == []  # ken1 has no e-mail address: nothing to send
    code, out, err = invoke(cli, "mentorship", "exclude", "KEN-1", "--cycle", "2025", *db)
    assert code == 2 and "confirmed pair cannot be excluded" in err


def _pairs(cli: CliRunner, db: list[str]) -> list[dict[str, object]]:
    code, out, err = invoke(cli, "mentorship", "pairs", "--format", "json", *db)
    assert code == 0, err
    found: list[dict[str, object]] = json.loads(out)
    return found


def test_bad_time_zones_and_unknown_users_are_reported_and_nothing_is_written(
    world: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    bad = write(
        tmp_path / "bad.csv",
        "cycle,person_id,languages,time_zone,user\n"
        "2025,A,en,Mars/Olympus,\n2025,B,en,UTC,nobody\n2025,C,en,UTC,\n",
    )
    code, _o, err = invoke(cli, "mentorship", "import", "mentee", str(bad), "--db", store_url)
    assert code == 2
    assert f"{bad}:2: time_zone: 'Mars/Olympus'" in err and "is not a time zone" in err
    assert f"{bad}:3: user: no user named 'nobody'" in err
    code, out, _e = invoke(cli, "mentorship", "mentees", "--format", "json", "--db", store_url)
    assert json.loads(out) == []
    code, _o, err = invoke(
        cli, "mentorship", "add", "mentor", "Z", "--cycle", "2025", "--time-zone", "Nowhere",
        "--db", store_url,
    )  # fmt: skip
    assert code == 2 and "time_zone" in err
