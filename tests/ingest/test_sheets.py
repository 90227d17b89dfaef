"""Every sheet of a workbook is imported or the workbook is refused (issue 12): sheets named
after a kind are imported as that kind, a sheet with data and another name refuses the
workbook, errors name the sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.ingest.sources import KindUnknown, file_sources
from stdgap.store.models import Attendance, Meeting, Member, Person
from stdgap.tabular.errors import InputError
from stdgap_testing import invoke
from workbooks import workbook

MEMBERS: list[list[object]] = [
    ["member_id", "name", "type", "country"],
    ["A", "Alpha", "academia", "KEN"],
]
PEOPLE: list[list[object]] = [["person_id", "member_id"], ["P1", "A"], ["P2", "A"]]
MEETINGS: list[list[object]] = [["meeting_id", "group", "start"], ["M1", "SG5", "2024-05-06"]]
ATTENDANCE: list[list[object]] = [
    ["meeting_id", "person_id", "member_id"],
    ["M1", "P1", "A"],
    ["M1", "P2", "A"],
]


def _counts(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as connection:
        return tuple(
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Member, Person, Meeting, Attendance)
        )


def test_every_sheet_named_after_a_kind_is_imported(
    cli: CliRunner, store_url: str, engine: Engine, tmp_path: Path
) -> None:
    book = workbook(
        tmp_path / "export.xlsx",
        # out of dependency order, in any case, with an empty sheet: all read in order
        {
            "Attendance": ATTENDANCE,
            "People": PEOPLE,
            "members": MEMBERS,
            "2024 Meetings": MEETINGS,
            "Sheet5": [],
        },
    )
    code, out, err = invoke(cli, "import", "--db", store_url, str(book))
    assert code == 0, err
    assert _counts(engine) == (1, 2, 1, 2)
    assert "attendance" in out


def test_a_sheet_with_data_and_no_kind_refuses_the_workbook(
    cli: CliRunner, store_url: str, engine: Engine, tmp_path: Path
) -> None:
    book = workbook(
        tmp_path / "2024-attendance.xlsx",
        {"members": MEMBERS, "Notes": [["checked by", "Ann"]], "Sheet3": [["x"]]},
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(book))
    assert code == 2
    assert "the sheet(s) 'Notes', 'Sheet3' hold data but their names are not kinds" in " ".join(
        err.split()
    )
    assert _counts(engine) == (0, 0, 0, 0)
    code, _out, err = invoke(
        cli, "import", "--db", store_url, "--kind", f"{book.name}=members", str(book)
    )
    assert code == 2 and "a kind is given for the whole file" in " ".join(err.split())


def test_one_sheet_takes_its_kind_from_the_caller_its_name_or_the_file_name(tmp_path: Path) -> None:
    named = workbook(tmp_path / "export.xlsx", {"Members": MEMBERS})
    assert [s.kind for s in file_sources(named, tmp_path)] == ["members"]
    assert [s.kind for s in file_sources(named, tmp_path, kind="people")] == ["people"]
    by_file = workbook(tmp_path / "people.xlsx", {"Sheet1": PEOPLE, "Sheet2": []})
    [source] = file_sources(by_file, tmp_path)
    assert (source.kind, source.label) == ("people", f"{by_file}[Sheet1]")
    unclear = workbook(tmp_path / "export2.xlsx", {"Sheet1": PEOPLE})
    with pytest.raises(KindUnknown):
        file_sources(unclear, tmp_path)
    assert [s.kind for s in file_sources(unclear, tmp_path, default="people")] == ["people"]
    with pytest.raises(InputError, match="no sheet with data"):
        file_sources(workbook(tmp_path / "people2.xlsx", {"Sheet1": []}), tmp_path)


def test_errors_name_the_sheet(
    cli: CliRunner, store_url: str, engine: Engine, tmp_path: Path
) -> None:
    rows = [*ATTENDANCE, ["M1", "P9", "A"]]
    book = workbook(
        tmp_path / "book.xlsx",
        {"members": MEMBERS, "people": PEOPLE, "meetings": MEETINGS, "attendance": rows},
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(book))
    assert code == 2
    assert f"{book}[attendance]:4: person_id: unknown person 'P9'" in err
    assert "1 error in 1 row; nothing was written" in err
    assert _counts(engine) == (0, 0, 0, 0)
