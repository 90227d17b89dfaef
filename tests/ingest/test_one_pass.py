"""Every error of every row in one pass (issue 12): a row with a bad value is still checked
against the store, a row's id still counts for the rows that refer to it, and the summary
counts errors and rows apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.tabular.errors import ImportFailed
from stdgap_testing import invoke


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_type_and_reference_errors_of_a_row_come_together(engine: Engine, tmp_path: Path) -> None:
    members = _write(
        tmp_path,
        "members.csv",
        "member_id,name,type,country,joined,left\n"
        "A,Alpha,emperor,Atlantis,2020-01-01,2019-01-01\n"  # bad type, country, dates
        "B,Beta,academia,KEN,,\n",
    )
    people = _write(
        tmp_path,
        "people.csv",
        "person_id,birth_year,country,member_id\n"
        "P1,2099,Nowhere,ZZ\n"  # bad year, country, member
        "P2,1990,KEN,A\n",  # A is bad but declared: no error here
    )
    meetings = _write(
        tmp_path,
        "meetings.csv",
        "meeting_id,group,start,end,host_country,kind\nM1,SG5,soon,2024-01-01,Oz,party\n",
    )
    attendance = _write(
        tmp_path,
        "attendance.csv",
        "meeting_id,person_id,member_id,mode\n"
        "M9,P9,Z9,teleport\n"  # a bad mode and three unknown references
        "M1,P1,A,remote\n",  # all declared (by bad rows): no error
    )
    contributions = _write(
        tmp_path,
        "contributions.csv",
        "doc_id,meeting_id,sources,level,submitted\nD1,M9,A;Q,tiny,yesterday\n",
    )
    roles = _write(
        tmp_path,
        "roles.csv",
        "person_id,member_id,group,role,start,end\nP9,Z9,SG5,boss,2024-01-01,2023-01-01\n",
    )
    sources = [
        Source.from_path(path, path.stem)
        for path in (members, people, meetings, attendance, contributions, roles)
    ]
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(engine, "test", sources)
    found = {(Path(e.file).stem, e.line, e.column) for e in failure.value.errors}
    assert found == {
        ("members", 2, "type"),
        ("members", 2, "country"),
        ("members", 2, "left"),
        ("people", 2, "birth_year"),
        ("people", 2, "country"),
        ("people", 2, "member_id"),
        ("meetings", 2, "start"),
        ("meetings", 2, "host_country"),
        ("meetings", 2, "kind"),
        ("attendance", 2, "mode"),
        ("attendance", 2, "meeting_id"),
        ("attendance", 2, "person_id"),
        ("attendance", 2, "member_id"),
        ("contributions", 2, "meeting_id"),
        ("contributions", 2, "sources"),
        ("contributions", 2, "level"),
        ("contributions", 2, "submitted"),
        ("roles", 2, "person_id"),
        ("roles", 2, "member_id"),
        ("roles", 2, "role"),
        ("roles", 2, "end"),
    }
    assert len(failure.value.errors) == len(found)
    assert failure.value.rows == 6  # one row in each file


def test_the_summary_counts_errors_and_rows(cli: CliRunner, store_url: str, tmp_path: Path) -> None:
    members = _write(
        tmp_path, "members.csv", "member_id,name,type,country\nA,Alpha,emperor,Atlantis\n"
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(members))
    assert code == 2
    assert f"{members}:2: country: unknown country 'Atlantis'" in err
    assert f"{members}:2: type: 'emperor' is not one of" in err
    assert "2 errors in 1 row; nothing was written" in err
    more = _write(
        tmp_path,
        "more-members.csv",
        "member_id,name,type,country\nA,Alpha,emperor,Atlantis\nB,Beta,academia,Oz\n",
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, "--kind", "members", str(more))
    assert code == 2 and "3 errors in 2 rows; nothing was written" in err
