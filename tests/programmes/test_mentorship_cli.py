"""Mentorship through the CLI on SQLite and PostgreSQL: profiles, matching, sessions, follow-up."""

from __future__ import annotations

from pathlib import Path

from programme_world import (
    invoke,
    world_fixture,  # noqa: F401 - the fixture 'world'
    write,
)
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.mentorship.followup import followup

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
