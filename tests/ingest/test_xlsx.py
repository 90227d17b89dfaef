"""XLSX files read like CSV files, dates and numbers included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine, select

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Meeting, Person
from stdgap.tabular.errors import ImportFailed


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_import_with_date_and_number_cells(engine: Engine, tmp_path: Path) -> None:
    members = _workbook(
        tmp_path / "members.xlsx",
        [["Member_ID", "Name", "Type", "Country"], ["MS-KEN", "Kenya", "member_state", "Kenya"]],
    )
    people = _workbook(
        tmp_path / "people.xlsx", [["person_id", "birth_year", "member_id"], ["P1", 1990, "MS-KEN"]]
    )
    meetings = _workbook(
        tmp_path / "2024-meetings.xlsx",
        [["meeting_id", "group", "start"], ["M1", "sg5", date(2024, 5, 6)], [None, None, None]],
    )
    report = run_import.perform(
        engine,
        "test",
        [
            Source.from_path(members, "members"),
            Source.from_path(people, "people"),
            Source.from_path(meetings, "meetings"),
        ],
    )
    assert report.counts["meetings"].inserted == 1
    with engine.connect() as connection:
        assert connection.execute(select(Person.birth_year)).scalar_one() == 1990
        assert connection.execute(select(Meeting.start)).scalar_one() == date(2024, 5, 6)


def test_xlsx_errors_name_the_row(engine: Engine, tmp_path: Path) -> None:
    meetings = _workbook(
        tmp_path / "meetings.xlsx", [["meeting_id", "group", "start"], ["M1", "SG5", "next week"]]
    )
    try:
        run_import.perform(engine, "test", [Source.from_path(meetings, "meetings")])
    except ImportFailed as failure:
        assert [str(e) for e in failure.errors] == [
            f"{meetings}:2: start: 'next week' is not a date (use YYYY-MM-DD)"
        ]
    else:
        raise AssertionError("the bad date was accepted")
