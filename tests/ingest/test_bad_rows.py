"""Bad rows: every one named as FILE:LINE: column: message, exit status 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Attendance, Meeting, Member, Person
from stdgap.tabular.errors import ImportFailed
from stdgap_testing import invoke


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Member, Person, Attendance)
        )


def test_every_bad_line_is_named_and_nothing_is_written(
    store_url: str, small_files: list[Path], cli: CliRunner, tmp_path: Path, engine: Engine
) -> None:
    assert invoke(cli, "import", "--db", store_url, *map(str, small_files))[0] == 0
    before = _counts(engine)
    members = _write(
        tmp_path,
        "members.csv",
        "member_id,name,type,country,sme\n"
        "NEW-1,Good One,sector_member,Kenya,no\n"
        "NEW-2,Bad Country,sector_member,Atlantis,no\n"
        "NEW-3,Bad Type,company,KEN,no\n"
        "NEW-4,Bad Bool,academia,KEN,perhaps\n",
    )
    attendance = _write(
        tmp_path,
        "2024-attendance.csv",
        "meeting_id,person_id,member_id,mode,fellowship\n"
        "SG5-2023-05,P6,SM-VNPT,remote,no\n"
        "SG5-2023-05,P99,MS-KEN,in_person,no\n"
        "NO-SUCH,P2,MS-CHE,in_person,no\n"
        "SG5-2023-05,P2,NOBODY,in_person,no\n"
        "SG5-2023-05,P5,AC-UON,teleport,no\n"
        "TSAG-2024-01,P2,NEW-1,remote,no\n",
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(members), str(attendance))
    assert code == 2
    lines = err.splitlines()
    expected = [
        f"{members}:3: country: unknown country 'Atlantis'",
        f"{members}:4: type: 'company' is not one of",
        f"{members}:5: sme: 'perhaps' is not a boolean",
        f"{attendance}:3: person_id: unknown person 'P99'",
        f"{attendance}:4: meeting_id: unknown meeting 'NO-SUCH'",
        f"{attendance}:5: member_id: unknown member 'NOBODY'",
        f"{attendance}:6: mode: 'teleport' is not one of",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, err)
    for good in (f"{members}:2:", f"{attendance}:2:", f"{attendance}:7:"):
        assert not any(line.startswith(good) for line in lines), (good, err)
    assert "nothing was written" in err
    assert _counts(engine) == before


def test_missing_required_column_and_values(engine: Engine, tmp_path: Path) -> None:
    people = _write(tmp_path, "people.csv", "gender,birth_year\nF,1990\n")
    meetings = _write(
        tmp_path,
        "meetings.csv",
        "meeting_id,group,start,end\nM1,SG5,,\nM2,SG5,2024-13-01,\nM3,SG5,2024-05-02,2024-05-01\n",
    )
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(
            engine,
            "test",
            [Source.from_path(people, "people"), Source.from_path(meetings, "meetings")],
        )
    messages = [str(error) for error in failure.value.errors]
    assert (
        f"{people}:1: person_id: required column 'person_id' is missing from the header" in messages
    )
    assert f"{meetings}:2: start: required value is missing" in messages
    assert f"{meetings}:3: start: '2024-13-01' is not a date (use YYYY-MM-DD)" in messages
    assert f"{meetings}:4: end: '2024-05-01' is before 2024-05-02" in messages


def test_duplicate_keys_and_references_within_one_import(engine: Engine, tmp_path: Path) -> None:
    members = _write(
        tmp_path,
        "members.csv",
        "member_id,name,type,country,parent_member_id\n"
        "A,Alpha,sector_member,CHE,B\n"
        "B,Beta,sector_member,CHE,\n"
        "A,Alpha again,sector_member,CHE,\n"
        "C,Gamma,sector_member,CHE,ZZZ\n",
    )
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(engine, "test", [Source.from_path(members, "members")])
    messages = [str(error) for error in failure.value.errors]
    assert messages == [
        f"{members}:4: member_id: 'A' is given twice (first at line 2)",
        f"{members}:5: parent_member_id: unknown member 'ZZZ'",
    ]


def test_rows_that_refer_to_bad_rows_of_earlier_files_are_not_double_reported(
    engine: Engine, tmp_path: Path
) -> None:
    members = _write(
        tmp_path,
        "members.csv",
        "member_id,name,type,country\nA,Alpha,sector_member,Nowhere\nB,Beta,academia,KEN\n",
    )
    people = _write(tmp_path, "people.csv", "person_id,member_id\nP1,B\nP2,Q\n")
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(
            engine,
            "test",
            [Source.from_path(people, "people"), Source.from_path(members, "members")],
        )
    assert [str(error) for error in failure.value.errors] == [
        f"{members}:2: country: unknown country 'Nowhere'",
        f"{people}:3: member_id: unknown member 'Q'",
    ]


def test_unclear_kind_asks_for_kind(cli: CliRunner, store_url: str, tmp_path: Path) -> None:
    path = _write(
        tmp_path, "export.csv", "member_id,name,type,country\nA,Alpha,sector_member,CHE\n"
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(path))
    assert code == 2 and "--kind" in err
    code, out, _err = invoke(cli, "import", "--db", store_url, "--kind", "members", str(path))
    assert code == 0 and "members" in out


def test_unreadable_files_are_clear_errors(cli: CliRunner, store_url: str, tmp_path: Path) -> None:
    missing = tmp_path / "members.csv"
    code, _out, err = invoke(cli, "import", "--db", store_url, str(missing))
    assert code == 2 and "no such file" in err
    wrong = _write(tmp_path, "members.txt", "x")
    code, _out, err = invoke(cli, "import", "--db", store_url, str(wrong))
    assert code == 2 and "unsupported file type" in err


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "meetings.csv",
            "meeting_id,group,start\nM0,SG5,0\nM1,SG5,2024-01-05T00:00:00\nM2,SG5,2024-02-30\n",
            [
                "{p}:2: start: '0' is not a date (use YYYY-MM-DD)",
                "{p}:3: start: '2024-01-05T00:00:00' is not a date (use YYYY-MM-DD)",
                "{p}:4: start: '2024-02-30' is not a date (use YYYY-MM-DD)",
            ],
        ),
        (
            "members.csv",
            "member_id,name,type,country,country\nX,Y,member_state,KEN,CHE\n",
            ["{p}:1: country: column 'country' appears more than once in the header"],
        ),
        (
            "members.csv",
            "member_id,name,type,country\nX1,Fo\x00o,member_state,KEN\nX2,A,member_state,KEN,more\n",
            [
                "{p}:2: name: contains a NUL character",
                "{p}:3: (row): 5 cells but the header has 4",
            ],
        ),
        (
            "members.csv",
            'member_id,name,type,country\nX1,"Two\nlines",member_state,KEN\nX2,A,company,KEN\n',
            ["{p}:4: type: 'company' is not one of"],
        ),
        (  # a short row is not filled with defaults: its cells may be in the wrong columns
            "members.csv",
            "member_id,name,type,country\nX1,A,member_state\nX2,B,academia,KEN\n",
            ["{p}:2: (row): 3 cells but the header has 4"],
        ),
        (  # a quote never closed takes the rest of the file into one cell
            "members.csv",
            'member_id,name,type,country\nX1,"A,member_state,KEN\nX2,B,academia,KEN\n',
            [
                "{p}:2: (row): 2 cells but the header has 4; a value runs over several lines",
                "{p}:2: name: a quote opened in this cell is never closed",
            ],
        ),
    ],
)
def test_odd_rows_are_row_errors(
    engine: Engine, tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(engine, "test", [Source.from_path(path, name.removesuffix(".csv"))])
    messages = [str(error) for error in failure.value.errors]
    assert len(messages) == len(expected)
    for message, start in zip(messages, expected, strict=True):
        assert message.startswith(start.format(p=path)), (message, start)


def test_unreadable_inputs_are_clear_errors_and_write_nothing(
    cli: CliRunner, store_url: str, tmp_path: Path, engine: Engine
) -> None:
    folder = tmp_path / "members.csv"
    folder.mkdir()
    code, _out, err = invoke(cli, "import", "--db", store_url, str(folder))
    assert code == 2 and "not a file" in err
    members = _write(tmp_path, "m-members.csv", "member_id,name,type,country\nA,B,academia,KEN\n")
    rows = "".join(f"M1,P{i},A\n" for i in range(100))
    attendance = _write(
        tmp_path, "attendance.csv", 'meeting_id,person_id,member_id\nM1,"P0,A\n' + rows
    )
    attendance.write_text(attendance.read_text() + "x" * 200_000 + "\n")
    code, _out, err = invoke(cli, "import", "--db", store_url, str(members), str(attendance))
    assert code == 2 and f"{attendance}:2: " in err and "quote" in err
    assert _counts(engine) == (0, 0, 0)


def test_a_cell_over_several_lines_that_fails_hints_at_an_open_quote(
    engine: Engine, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "members.csv",
        'member_id,name,type,country\nX1,A,member_state,"KEN\nX2,B,academia,KEN\n',
    )
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(engine, "test", [Source.from_path(path, "members")])
    never_closed, message = [str(error) for error in failure.value.errors]
    assert never_closed.startswith(f"{path}:2: country: a quote opened in this cell is never")
    assert message.startswith(f"{path}:2: country: ")
    assert "'KEN\\nX2,B,academia,KEN'" in message
    assert message.endswith("(the value runs over several lines: is a quote left open?)")


@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted"])
def test_a_short_attendance_row_is_refused_and_leaves_the_stored_row_as_it_was(
    store_url: str,
    small_files: list[Path],
    cli: CliRunner,
    tmp_path: Path,
    engine: Engine,
    quoted: bool,
) -> None:
    """A row with fewer cells than the header is an error, read a column at a time (a plain
    file) or row by row (quoted cells): never a row whose missing cells take their defaults."""
    assert invoke(cli, "import", "--db", store_url, *map(str, small_files))[0] == 0
    update = _write(
        tmp_path,
        "attendance.csv",
        "meeting_id,person_id,member_id,mode,fellowship,interpretation\n"
        "SG5-2023-05,P6,SM-VNPT,remote,yes,fr\n",
    )
    assert invoke(cli, "import", "--db", store_url, str(update))[0] == 0
    short = "SG5-2023-05,P6,SM-VNPT\n" if not quoted else '"SG5-2023-05",P6,SM-VNPT\n'
    update.write_text("meeting_id,person_id,member_id,mode,fellowship,interpretation\n" + short)
    code, _out, err = invoke(cli, "import", "--db", store_url, str(update))
    assert code == 2
    assert f"{update}:2: (row): 3 cells but the header has 6" in err
    with engine.connect() as connection:
        stored = connection.execute(
            select(Attendance.mode, Attendance.fellowship, Attendance.interpretation)
            .join(Person, Person.id == Attendance.person_id)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Person.person_id == "P6", Meeting.meeting_id == "SG5-2023-05")
        ).all()
    assert [tuple(row) for row in stored] == [("remote", True, "fr")]


@pytest.mark.parametrize("separator", [";", "|"])
def test_a_file_separated_otherwise_than_by_commas_is_named_so(
    engine: Engine, tmp_path: Path, separator: str
) -> None:
    header = separator.join(["member_id", "name", "type", "country"])
    path = _write(tmp_path, "members.csv", f"{header}\nX1{separator}A{separator}academia\n")
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(engine, "test", [Source.from_path(path, "members")])
    messages = [str(error) for error in failure.value.errors]
    hint = f"(its cells are separated by '{separator}': save the file with commas)"
    assert len(messages) == 4
    assert all(m.startswith(f"{path}:1: ") and m.endswith(hint) for m in messages), messages
    assert _counts(engine) == (0, 0, 0)
    comma = _write(tmp_path, "members.csv", "member_id,name,type\nX1,A;B,academia\n")
    with pytest.raises(ImportFailed) as failure:
        run_import.perform(engine, "test", [Source.from_path(comma, "members")])
    [message] = [str(error) for error in failure.value.errors]
    assert message == f"{comma}:1: country: required column 'country' is missing from the header"


@pytest.mark.parametrize("end", ["\n", ""], ids=["newline", "no-newline"])
def test_a_quote_left_open_in_the_last_cell_is_an_error_not_swallowed_rows(
    store_url: str,
    small_files: list[Path],
    cli: CliRunner,
    tmp_path: Path,
    engine: Engine,
    end: str,
) -> None:
    """Python's reader ends a quoted cell left open at the end of the file without a word: the
    rows after it would vanish into the last cell of the row that opened it."""
    assert invoke(cli, "import", "--db", store_url, *map(str, small_files))[0] == 0
    before = _counts(engine)
    header = "meeting_id,person_id,member_id,mode,fellowship,interpretation\n"
    swallowing = _write(
        tmp_path,
        "attendance.csv",
        header + 'SG5-2023-05,P6,SM-VNPT,remote,no,"fr\nTSAG-2024-01,P2,MS-CHE,remote,no,' + end,
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(swallowing))
    assert code == 2
    assert f"{swallowing}:2: interpretation: a quote opened in this cell is never closed" in err
    assert _counts(engine) == before
    single = _write(
        tmp_path, "attendance.csv", header + 'SG5-2023-05,P6,SM-VNPT,remote,no,"fr' + end
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(single))
    assert code == 2 and "never closed" in err
    closed = _write(
        tmp_path, "attendance.csv", header + 'SG5-2023-05,P6,SM-VNPT,remote,no,"f,r"' + end
    )
    code, _out, err = invoke(cli, "import", "--db", store_url, str(closed))
    assert code == 0, err
