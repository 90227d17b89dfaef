"""Importing the small data set: counts, idempotence, updates, stored values."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source, guess_kind
from stdgap.store.models import (
    Attendance,
    ContributionSource,
    Group,
    Meeting,
    Member,
    Person,
    Role,
    table_of,
)
from stdgap.store.unit import transaction
from stdgap.tabular.errors import ImportFailed
from stdgap_testing import DATA, invoke


def _sources(paths: list[Path]) -> list[Source]:
    kinds = {path: guess_kind(path) for path in paths}
    return [Source.from_path(path, kind) for path, kind in kinds.items() if kind]


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL sent to ``engine`` inside the block, each on one line, in lower case."""
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()).lower())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def test_first_import_inserts_every_row(engine: Engine, small_files: list[Path]) -> None:
    report = run_import.perform(engine, "test", _sources(small_files))
    assert {kind: counts.inserted for kind, counts in report.counts.items()} == {
        "members": 8,
        "people": 6,
        "meetings": 3,
        "attendance": 8,
        "contributions": 3,
        "roles": 3,
    }
    assert _count(engine, Attendance) == 8
    assert _count(engine, ContributionSource) == 6
    with engine.connect() as connection:
        groups = dict(connection.execute(select(Group.code, Group.kind)).all())
        parent = connection.execute(
            select(Member.parent_id).where(Member.member_id == "SM-ACME-KE")
        ).scalar_one()
        acme = connection.execute(
            select(Member.id).where(Member.member_id == "SM-ACME")
        ).scalar_one()
        countries = dict(connection.execute(select(Member.member_id, Member.country)).all())
    assert groups == {
        "SG5": "study_group",
        "SG3": "study_group",
        "SG3RG-AFR": "regional_group",
        "TSAG": "tsag",
    }
    assert parent == acme
    assert countries["SM-KT"] == "KOR"  # "Korea (Rep. of)"
    assert countries["SM-VNPT"] == "VNM"  # "Viet Nam"
    assert countries["MS-BTN"] == "BTN"  # alpha-2 "BT"


def test_second_import_changes_nothing(engine: Engine, small_files: list[Path]) -> None:
    run_import.perform(engine, "test", _sources(small_files))
    report = run_import.perform(engine, "test", _sources(small_files))
    for kind, counts in report.counts.items():
        assert counts.inserted == 0 and counts.updated == 0, kind
        assert counts.unchanged == report.rows_read[kind], kind
    assert _count(engine, Attendance) == 8


def test_changed_rows_update_stored_rows(
    engine: Engine, small_files: list[Path], tmp_path: Path
) -> None:
    run_import.perform(engine, "test", _sources(small_files))
    for path in small_files:
        shutil.copy(path, tmp_path / path.name)
    attendance = tmp_path / "attendance.csv"
    attendance.write_text(
        attendance.read_text().replace(
            "TSAG-2024-01,P4,SM-ACME,in_person,y,", "TSAG-2024-01,P4,SM-ACME,remote,y,"
        )
    )
    contributions = tmp_path / "contributions.csv"
    contributions.write_text(
        contributions.read_text().replace("MS-CHE,plenary", "MS-CHE;SM-KT,plenary")
    )
    report = run_import.perform(engine, "test", _sources(sorted(tmp_path.glob("*.csv"))))
    assert report.counts["attendance"].updated == 1
    assert report.counts["attendance"].unchanged == 7
    assert report.counts["contributions"].updated == 1
    with engine.connect() as connection:
        modes = connection.execute(select(table_of(Attendance).c.mode)).scalars().all()
        sources = connection.execute(
            select(func.count()).select_from(ContributionSource)
        ).scalar_one()
    assert sorted(modes).count("remote") == 4
    assert sources == 7


def test_cli_import_prints_summary_and_reimport_is_idempotent(
    store_url: str, small_files: list[Path], cli: CliRunner
) -> None:
    code, out, _err = invoke(cli, "import", "--db", store_url, *map(str, small_files))
    assert code == 0
    assert "attendance" in out and "inserted" in out
    code, out, _err = invoke(cli, "--db", store_url, "import", *map(str, small_files))
    assert code == 0
    line = next(line for line in out.splitlines() if "attendance" in line)
    assert [cell.strip() for cell in line.split("│") if cell.strip()] == [
        "attendance",
        "8",
        "0",
        "0",
        "8",
    ]


def test_files_of_a_header_only_say_so_and_write_nothing(
    store_url: str, engine: Engine, cli: CliRunner, tmp_path: Path
) -> None:
    empty = tmp_path / "attendance.csv"
    empty.write_text("meeting_id,person_id,member_id\n")
    code, out, err = invoke(cli, "import", "--db", store_url, str(empty))
    assert code == 0 and out == ""
    assert "nothing imported: the files hold no rows, only a header" in err
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Attendance)).scalar_one() == 0


def test_the_import_help_names_every_kind_with_its_required_columns() -> None:
    from stdgap.ingest.cli import import_files
    from stdgap.ingest.kinds import KINDS
    from stdgap.ingest.schemas import SCHEMAS

    help_text = " ".join((import_files.__doc__ or "").split())
    for kind in KINDS:
        required = [name for name, column in SCHEMAS[kind].items() if column.required]
        assert f"{kind} ({', '.join(required)})" in help_text, kind
    assert "docs/data-formats.md" in help_text


def test_stored_values_are_typed(engine: Engine, small_files: list[Path]) -> None:
    run_import.perform(engine, "test", _sources(small_files))
    with engine.connect() as connection:
        person = connection.execute(select(Person).where(Person.person_id == "P5")).one()
        meeting = connection.execute(
            select(Meeting).where(Meeting.meeting_id == "TSAG-2024-01")
        ).one()
        open_role = connection.execute(select(Role.end).where(Role.role == "chair")).scalar_one()
        fellowships = connection.execute(
            select(func.count()).select_from(Attendance).where(table_of(Attendance).c.fellowship)
        ).scalar_one()
    assert person.gender is None and person.birth_year == 2001 and person.country == "KEN"
    assert meeting.start.isoformat() == "2024-01-22" and meeting.format == "hybrid"
    assert open_role is None
    assert fellowships == 4  # yes, true, y, 1


def test_a_changed_responsibility_updates_the_role(
    engine: Engine, small_files: list[Path], tmp_path: Path
) -> None:
    run_import.perform(engine, "test", _sources(small_files))
    roles = tmp_path / "roles.csv"
    roles.write_text(
        (DATA / "small" / "roles.csv").read_text().replace(",Africa", ",Africa region")
    )
    report = run_import.perform(engine, "test", [Source.from_path(roles, "roles")])
    assert (report.counts["roles"].inserted, report.counts["roles"].updated) == (0, 1)
    assert _count(engine, Role) == 3


def test_foreign_keys_hold_again_after_an_import(engine: Engine, small_files: list[Path]) -> None:
    """An import checks its references itself (SQLite then skips its per-row lookups for that
    transaction); the store's next writes are checked by the database again."""
    run_import.perform(engine, "test", _sources(small_files))
    for _ in range(3):  # whichever pooled connection the next write gets
        with pytest.raises(IntegrityError), transaction(engine, "test", "test.orphan") as unit:
            unit.connection.execute(
                text(
                    "INSERT INTO attendance (meeting_id, person_id, member_id, mode, fellowship) "
                    "VALUES (999999, 999999, 999999, 'remote', false)"
                )
            )
    assert _count(engine, Attendance) > 0


@pytest.mark.parametrize("columns", [True, False], ids=["by-column", "by-row"])
def test_a_few_rows_ask_only_for_their_meetings(
    engine: Engine,
    small_files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    columns: bool,
) -> None:
    """Which meetings already have attendance is asked for the file's meetings only: a few rows
    added to a large store (a registration marked at an event) do not scan its attendance."""
    from stdgap.ingest import pipeline

    if columns and engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's column-wise import talks to the driver (COPY), unseen here")
    run_import.perform(engine, "test", _sources(small_files))
    monkeypatch.setattr(pipeline, "COLUMNS_AT_A_TIME", columns)
    attendance = tmp_path / "attendance.csv"
    attendance.write_text(
        "meeting_id,person_id,member_id,mode,fellowship,interpretation\n"
        "TSAG-2024-01,P4,SM-ACME,remote,y,\n"
    )
    with _statements(engine) as statements:
        report = run_import.perform(engine, "test", _sources([attendance]))
    assert report.counts["attendance"].updated == 1
    readers = [s for s in statements if "attendance" in s and "insert into" not in s]
    assert readers, statements
    for statement in readers:
        assert " where " in statement or " join " in statement, statement
    with engine.connect() as connection:
        modes = connection.execute(select(table_of(Attendance).c.mode)).scalars().all()
    assert sorted(modes).count("remote") == 4


@pytest.fixture
def looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """People's ids looked up as an import meets them, as in a store of many people."""
    from stdgap.ingest import context

    monkeypatch.setattr(context, "LOAD_WHOLE_PEOPLE", -1)


@pytest.mark.parametrize("read_whole_above", [20_000, 1], ids=["by-id", "whole-table"])
@pytest.mark.parametrize("columns", [True, False], ids=["by-column", "by-row"])
def test_people_looked_up_as_met_import_alike(
    engine: Engine,
    small_files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    looked_up: None,
    columns: bool,
    read_whole_above: int,
) -> None:
    """Every file of the small set, then a changed copy with an unknown person and a person
    declared in the same import: the same counts, rows and errors as with the ids loaded
    (looked up by id, or the whole table read once when many are asked for at once)."""
    from stdgap.ingest import looked_up_ids, pipeline

    monkeypatch.setattr(pipeline, "COLUMNS_AT_A_TIME", columns)
    monkeypatch.setattr(looked_up_ids, "READ_WHOLE_ABOVE", read_whole_above)
    report = run_import.perform(engine, "test", _sources(small_files))
    assert report.counts["attendance"].inserted == 8 and report.counts["roles"].inserted == 3
    for path in small_files:
        shutil.copy(path, tmp_path / path.name)
    people = tmp_path / "people.csv"
    people.write_text(people.read_text().rstrip("\n") + "\nP9,,,KEN,MS-KEN\n")
    attendance = tmp_path / "attendance.csv"
    attendance.write_text(
        attendance.read_text().rstrip("\n") + "\nTSAG-2024-01,P9,MS-KEN,remote,n,\n"
    )
    report = run_import.perform(engine, "test", _sources(sorted(tmp_path.glob("*.csv"))))
    assert report.counts["people"].inserted == 1
    assert report.counts["attendance"].inserted == 1
    assert report.counts["attendance"].unchanged == 8
    attendance.write_text(attendance.read_text() + "TSAG-2024-01,NOBODY,MS-KEN,remote,n,\n")
    with pytest.raises(ImportFailed) as failed:
        run_import.perform(engine, "test", _sources(sorted(tmp_path.glob("*.csv"))))
    assert [str(error) for error in failed.value.errors] == [
        f"{attendance}:11: person_id: unknown person 'NOBODY'"
    ]


def test_people_are_looked_up_a_batch_at_a_time(
    engine: Engine, small_files: list[Path], tmp_path: Path, looked_up: None
) -> None:
    run_import.perform(engine, "test", _sources(small_files))
    roles = tmp_path / "roles.csv"
    roles.write_text((DATA / "small" / "roles.csv").read_text())
    with _statements(engine) as statements:
        run_import.perform(engine, "test", _sources([roles]))
    people = [s for s in statements if s.startswith("select people.person_id, people.id")]
    assert len(people) == 1 and " where " in people[0], people


@pytest.mark.parametrize("columns", [True, False], ids=["by-column", "by-row"])
def test_ids_beyond_plain_ascii_are_looked_up_a_batch_at_a_time(
    engine: Engine,
    small_files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    looked_up: None,
    columns: bool,
) -> None:
    """Ids with letters beyond ASCII or spaces (checked one by one in Python) are looked up with
    the others, not with a query each."""
    from stdgap.ingest import pipeline

    monkeypatch.setattr(pipeline, "COLUMNS_AT_A_TIME", columns)
    run_import.perform(engine, "test", _sources(small_files))
    people = tmp_path / "people.csv"
    people.write_text(
        "person_id,gender,birth_year,country,member_id\n"
        + "".join(f"Zoë {number},,,KEN,MS-KEN\n" for number in range(40)),
        encoding="utf-8",
    )
    run_import.perform(engine, "test", _sources([people]))
    attendance = tmp_path / "attendance.csv"
    attendance.write_text(
        "meeting_id,person_id,member_id,mode\n"
        + "".join(f"SG5-2023-05,Zoë {number},MS-KEN,remote\n" for number in range(40)),
        encoding="utf-8",
    )
    with _statements(engine) as statements:
        report = run_import.perform(engine, "test", _sources([attendance]))
    assert report.counts["attendance"].inserted == 40
    lookups = [s for s in statements if s.startswith("select people.person_id, people.id")]
    assert len(lookups) == 1, len(lookups)
