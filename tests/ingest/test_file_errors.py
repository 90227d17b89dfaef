"""Precise errors for odd files (issue 12): a byte that is not UTF-8 at its own line, column and
value; a cell past the CSV limit with its column; implausible birth years and dates; headers
written as people write them; a missing file said to be missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Meeting, Person
from stdgap.tabular.errors import ImportFailed, InputError
from stdgap.tabular.files import open_table
from stdgap.tabular.table import header_name
from stdgap_testing import invoke

MEMBERS = "member_id,name,type,country\n"


def _messages(engine: Engine, path: Path, kind: str) -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(engine, "test", [Source.from_path(path, kind)])
    return [str(error) for error in failure.value.errors]


def test_a_latin1_byte_is_named_at_its_line_and_column(engine: Engine, tmp_path: Path) -> None:
    good = "".join(f"M{i},Member {i},academia,KEN\n" for i in range(2, 600))  # past a read-ahead
    path = tmp_path / "members.csv"
    path.write_bytes(
        (MEMBERS + good).encode()
        + b'X1,"Universit\xe9 de\nDakar",academia,SEN\n'  # line 600, the byte on it
        + b'X2,"two\nlines",academia,C\xf4te d\'Ivoire\n'  # line 602, the byte on 603
        + b"X3,Fine,emperor,KEN\n"  # line 604: still checked
    )
    assert _messages(engine, path, "members") == [
        f"{path}:600: name: byte 0xE9 is not UTF-8: the file seems to be Latin-1/Windows-1252 "
        "(where this cell reads 'Université de\\nDakar'); save it as UTF-8",
        f"{path}:603: country: byte 0xF4 is not UTF-8: the file seems to be Latin-1/Windows-1252 "
        "(where this cell reads 'Côte d'Ivoire'); save it as UTF-8",
        f"{path}:604: type: 'emperor' is not one of 'member_state', 'sector_member', "
        "'associate' or 'academia'",
    ]


def test_bad_bytes_in_the_header_and_utf16_files_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(b"member_id,n\xe4me\nA,B\n")
    with pytest.raises(InputError, match=r":1: header: byte 0xE4 is not UTF-8"):
        open_table(path)
    path.write_bytes("member_id\nA\n".encode("utf-16"))
    with pytest.raises(InputError, match="the file is UTF-16 text; save it as UTF-8"):
        open_table(path)


def test_a_cell_past_the_csv_limit_is_named_with_its_column(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS + "A,Alpha,academia,KEN\nB," + "x" * 200_000 + ",academia,KEN\n")
    assert _messages(engine, path, "members") == [
        f"{path}:3: name: the cell is longer than 131,072 characters, the most a CSV cell may "
        "hold (the rest of the file was not read)"
    ]
    path.write_text(MEMBERS + 'A,Alpha,academia,KEN\nB,"Beta,academia,KEN\n' + "C,x,y,z\n" * 20_000)
    assert _messages(engine, path, "members") == [
        f"{path}:3: name: the cell is longer than 131,072 characters, the most a CSV cell may "
        "hold; it opens with a quote that seems never to be closed (the rest of the file was "
        "not read)"
    ]


def test_birth_years_and_dates_are_plausible(engine: Engine, tmp_path: Path) -> None:
    last = date.today().year - 12
    people = tmp_path / "people.csv"
    people.write_text(f"person_id,birth_year\nP1,2099\nP2,1899\nP3,{last + 1}\nP4,{last}\n")
    assert _messages(engine, people, "people") == [
        f"{people}:{line}: birth_year: '{year}' is not a plausible birth year (from 1900 to "
        f"{last}: participants are at least 12)"
        for line, year in ((2, 2099), (3, 1899), (4, last + 1))
    ]
    ahead = date.today().year + 10
    meetings = tmp_path / "meetings.csv"
    meetings.write_text(
        "meeting_id,group,start,end\n"
        "M1,SG5,2199-01-01,\nM2,SG5,1492-10-12,\n"
        f"M3,SG5,2024-01-01,{ahead + 1}-01-01\nM4,SG5,{ahead}-12-31,\n"
    )
    assert _messages(engine, meetings, "meetings") == [
        f"{meetings}:{line}: {column}: '{text}' is out of range (dates from 1865-01-01 to "
        f"{ahead}-12-31)"
        for line, column, text in (
            (2, "start", "2199-01-01"),
            (3, "start", "1492-10-12"),
            (4, "end", f"{ahead + 1}-01-01"),
        )
    ]
    people.write_text(f"person_id,birth_year\nP4,{last}\n")
    run_import.perform(engine, "test", [Source.from_path(people, "people")])
    with engine.connect() as connection:
        assert connection.execute(select(Person.birth_year)).scalar_one() == last


@pytest.mark.parametrize(
    "text",
    ["Meeting ID", "meeting-id", " MEETING_ID ", "\ufeffMeeting Id", "meeting__id", "Meeting - ID"],
)
def test_header_names_are_read_as_people_write_them(text: str) -> None:
    assert header_name(text) == "meeting_id"


def test_a_header_with_spaces_and_capitals_imports(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "meetings.csv"
    path.write_text("\ufeffMeeting ID, Group ,Start-Date,START\nM1,SG5,x,2024-05-06\n")
    run_import.perform(engine, "test", [Source.from_path(path, "meetings")])
    with engine.connect() as connection:
        stored = connection.execute(select(Meeting.meeting_id, Meeting.start, Meeting.attributes))
        assert stored.one() == ("M1", date(2024, 5, 6), {"start_date": "x"})


def test_a_missing_file_is_said_to_be_missing(
    cli: CliRunner, store_url: str, tmp_path: Path
) -> None:
    for name in ("export.csv", "export.xlsx", "attendance.xlsx"):
        code, _out, err = invoke(cli, "import", "--db", store_url, str(tmp_path / name))
        assert code == 2
        assert f"{tmp_path / name}: no such file" in " ".join(err.split())
        assert "cannot tell" not in err
