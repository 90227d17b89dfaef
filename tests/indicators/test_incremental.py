"""The cache brought up to date by the logged changes holds exactly the facts a full rebuild
gives, whatever the writes: imports, updates and deletions of every table the indicators read."""

from __future__ import annotations

import json
import random
import shutil
import threading
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from facts_compare import assert_same_facts, full_rebuild
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, text

from stdgap.indicators import cache
from stdgap.indicators.cache import snapshot_for
from stdgap.indicators.load import state
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store import bulk
from stdgap.store.unit import transaction
from stdgap_testing import compute

Write = Callable[[Connection, random.Random], None]


def _rows(connection: Connection, sql: str) -> list[Any]:
    return list(connection.execute(text(sql)).all())


def _add_attendance(connection: Connection, chance: random.Random) -> None:
    meetings = [row[0] for row in _rows(connection, "SELECT id FROM meetings")]
    people = [row[0] for row in _rows(connection, "SELECT id FROM people")]
    members = [row[0] for row in _rows(connection, "SELECT id FROM members")]
    held = set(_rows(connection, "SELECT meeting_id, person_id, member_id FROM attendance"))
    for _ in range(chance.randint(1, 4)):
        key = (chance.choice(meetings), chance.choice(people), chance.choice(members))
        if key not in held:
            held.add(key)
            connection.execute(
                text(
                    "INSERT INTO attendance (meeting_id, person_id, member_id, mode, fellowship) "
                    "VALUES (:m, :p, :b, :mode, :f)"
                ),
                {
                    "m": key[0],
                    "p": key[1],
                    "b": key[2],
                    "mode": "remote",
                    "f": chance.random() < 0.5,
                },
            )


def _change_attendance(connection: Connection, chance: random.Random) -> None:
    rows = _rows(connection, "SELECT meeting_id, person_id, member_id FROM attendance")
    meeting, person, member = chance.choice(rows)
    key = {"m": meeting, "p": person, "b": member}
    where = "meeting_id = :m AND person_id = :p AND member_id = :b"
    if chance.random() < 0.4:
        connection.execute(text(f"DELETE FROM attendance WHERE {where}"), key)
        return
    if chance.random() < 0.5:  # moved to another meeting (its key changes)
        meetings = [row[0] for row in _rows(connection, "SELECT id FROM meetings")]
        moved = chance.choice(meetings)
        if (moved, person, member) not in set(rows):
            connection.execute(
                text(f"UPDATE attendance SET meeting_id = :n WHERE {where}"), key | {"n": moved}
            )
        return
    connection.execute(
        text(
            f"UPDATE attendance SET mode = 'in_person', fellowship = NOT fellowship WHERE {where}"
        ),
        key,
    )


def _change_person(connection: Connection, chance: random.Random) -> None:
    person = chance.choice(_rows(connection, "SELECT id FROM people"))[0]
    connection.execute(
        text("UPDATE people SET gender = :g, birth_year = :y WHERE id = :id"),
        {
            "g": chance.choice(["F", "M", None]),
            "y": chance.choice([1960, 1995, None]),
            "id": person,
        },
    )


def _change_member(connection: Connection, chance: random.Random) -> None:
    member = chance.choice(_rows(connection, "SELECT id FROM members"))[0]
    countries = [row[0] for row in _rows(connection, "SELECT DISTINCT country FROM members")]
    types = [row[0] for row in _rows(connection, "SELECT DISTINCT type FROM members")]
    connection.execute(
        text("UPDATE members SET country = :c, type = :t WHERE id = :id"),
        {"c": chance.choice(countries), "t": chance.choice(types), "id": member},
    )


def _move_meeting(connection: Connection, chance: random.Random) -> None:
    meeting, start = chance.choice(_rows(connection, "SELECT id, start FROM meetings"))
    start = date.fromisoformat(start) if isinstance(start, str) else start
    moved = start + timedelta(days=chance.choice([-400, -30, 30, 400]))
    connection.execute(
        text("UPDATE meetings SET start = :s WHERE id = :id"), {"s": moved, "id": meeting}
    )


def _contributions(connection: Connection, chance: random.Random) -> None:
    found = _rows(connection, "SELECT id FROM contributions")
    if found and chance.random() < 0.4:
        victim = chance.choice(found)[0]
        connection.execute(
            text("DELETE FROM contribution_sources WHERE contribution_id = :c"), {"c": victim}
        )
        connection.execute(text("DELETE FROM contributions WHERE id = :c"), {"c": victim})
        return
    meetings = [row[0] for row in _rows(connection, "SELECT id FROM meetings")]
    members = [row[0] for row in _rows(connection, "SELECT id FROM members")]
    made = connection.execute(
        text(
            "INSERT INTO contributions (doc_id, meeting_id, level) VALUES (:d, :m, :l) RETURNING id"
        ),
        {
            "d": f"T-{uuid.uuid4().hex}",
            "m": chance.choice(meetings),
            "l": chance.choice(["question", "plenary"]),
        },
    ).scalar_one()
    for position, member in enumerate(chance.sample(members, chance.randint(1, 3))):
        connection.execute(
            text(
                "INSERT INTO contribution_sources (contribution_id, member_id, position) "
                "VALUES (:c, :m, :p)"
            ),
            {"c": made, "m": member, "p": position},
        )


def _roles(connection: Connection, chance: random.Random) -> None:
    found = _rows(connection, "SELECT id FROM roles")
    if found and chance.random() < 0.5:
        role = chance.choice(found)[0]
        if chance.random() < 0.5:
            connection.execute(text("DELETE FROM roles WHERE id = :r"), {"r": role})
        else:
            connection.execute(
                text('UPDATE roles SET "end" = :e WHERE id = :r'),
                {"e": date(2024, 3, 1), "r": role},
            )
        return
    person = chance.choice(_rows(connection, "SELECT id FROM people"))[0]
    member = chance.choice(_rows(connection, "SELECT id FROM members"))[0]
    group = chance.choice(_rows(connection, "SELECT id FROM groups"))[0]
    start = date(2020 + chance.randint(0, 6), chance.randint(1, 12), chance.randint(1, 28))
    kind = chance.choice(["chair", "rapporteur"])
    held = _rows(connection, "SELECT person_id, group_id, role, start FROM roles")
    if any(row[:3] == (person, group, kind) and str(row[3]) == str(start) for row in held):
        return
    connection.execute(
        text(
            'INSERT INTO roles (person_id, member_id, group_id, role, start, "end") '
            "VALUES (:p, :m, :g, :r, :s, NULL)"
        ),
        {
            "p": person,
            "m": member,
            "g": group,
            "r": kind,
            "s": start,
        },
    )


def _classification(connection: Connection, chance: random.Random) -> None:
    """A change no delta follows: the store is read again."""
    connection.execute(
        text(
            "UPDATE classifications SET valid_from = :d "
            "WHERE id = (SELECT MIN(id) FROM classifications)"
        ),
        {"d": date(1990, 1, chance.randint(1, 28))},
    )


WRITES: dict[str, Write] = {
    "add attendance": _add_attendance,
    "change attendance": _change_attendance,
    "change person": _change_person,
    "change member": _change_member,
    "move meeting": _move_meeting,
    "contributions": _contributions,
    "roles": _roles,
    "classification": _classification,
}


def _import_attendance(engine: Engine, chance: random.Random) -> None:
    """Rows through the import itself (bulk inserts that log their own keys)."""
    with engine.connect() as connection:
        meetings = [row[0] for row in _rows(connection, "SELECT meeting_id FROM meetings")]
        people = [row[0] for row in _rows(connection, "SELECT person_id FROM people")]
        members = [row[0] for row in _rows(connection, "SELECT member_id FROM members")]
    rows = [
        {
            "meeting_id": chance.choice(meetings),
            "person_id": chance.choice(people),
            "member_id": chance.choice(members),
            "mode": chance.choice(["remote", "in_person"]),
        }
        for _ in range(chance.randint(1, 6))
    ]
    unique = list(
        {(row["meeting_id"], row["person_id"], row["member_id"]): row for row in rows}.values()
    )
    header = ["meeting_id", "person_id", "member_id", "mode"]
    run_import.perform(
        engine, "test", [Source.from_rows("test:attendance", "attendance", header, unique)]
    )


@pytest.fixture(params=["rows", "meetings"])
def few_rows_logged(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bulk inserts of a few rows already log their own keys (as large ones do): each row, or
    (as the largest do) each meeting."""
    monkeypatch.setattr(bulk, "SELF_LOGGED_ROWS", 1)
    if request.param == "meetings":
        monkeypatch.setattr(bulk, "COARSE_ROWS", 0)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(st.sampled_from([*WRITES, "import"]), min_size=1, max_size=6),
    seed=st.integers(0, 2**32),
)
def test_an_updated_cache_equals_a_full_rebuild(
    loaded: Engine, few_rows_logged: None, steps: list[str], seed: int
) -> None:
    chance = random.Random(seed)
    snapshot_for(loaded)  # the cache holds the store as it is
    rebuilds = 0
    real = cache._build

    def counted(engine: Engine) -> Any:
        nonlocal rebuilds
        rebuilds += 1
        return real(engine)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "_build", counted)
        for step in steps:
            before, codes = rebuilds, snapshot_for(loaded).facts.codes
            if step == "import":
                _import_attendance(loaded, chance)
            else:
                with transaction(loaded, "test", "test.write") as unit:
                    WRITES[step](unit.connection, chance)
            full = full_rebuild(loaded)
            assert_same_facts(snapshot_for(loaded).facts, full)
            if step != "classification" and full.codes == codes:  # (codes shift: rebuilt)
                assert rebuilds == before, f"{step} was not applied as a delta"


def test_a_new_process_follows_the_log_from_the_parquet_cache(
    loaded: Engine, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache on disk is of an older version: a new process reads it and applies the
    changes logged since, without reading the whole store; its cells are a full rebuild's."""
    compute(loaded, by=["year", "group"], min_cell=1)
    _import_attendance(loaded, random.Random(7))
    cache.clear_memory()  # a new process: only the Parquet cache of the older version
    monkeypatch.setattr(cache, "_build", _refused)
    updated = compute(loaded, by=["year", "group"], min_cell=1)
    monkeypatch.undo()
    cache.clear_memory()
    shutil.rmtree(private_cache)
    assert updated == compute(loaded, by=["year", "group"], min_cell=1)
    assert _attendance_total(updated) > 0


def _refused(engine: Engine) -> Any:
    raise AssertionError("the store was read whole")


def _attendance_total(cells: list[Any]) -> float:
    return sum(cell.value or 0 for cell in cells if cell.indicator == "attendances")


@pytest.mark.parametrize("change", ["setting", "classification"])
def test_a_change_no_delta_follows_is_rebuilt_in_the_background(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A server keeps answering with the version before, saying so, until the rebuild is done;
    never the version before as if it were current."""
    from stdgap.indicators import answers
    from stdgap.indicators.request import IndicatorRequest
    from stdgap.reference.classification import TRANSITION_SETTING
    from stdgap.store.settings import set_setting

    answers.clear()
    request = IndicatorRequest.of(("developing_participant_share",), ("year",), {}, min_cell=1)
    before = json.loads(answers.page_body(loaded, request, 100, 0))
    assert before["updating"] is False
    release = threading.Event()
    real = cache._build

    def slow(engine: Engine) -> Any:
        release.wait(30)
        return real(engine)

    monkeypatch.setattr(cache, "_build", slow)
    cache.rebuild_in_background()
    try:
        with transaction(loaded, "test", "settings.set") as unit:
            if change == "setting":
                held = state(loaded).transition_counts
                set_setting(unit, TRANSITION_SETTING, "false" if held else "true")
            else:  # the answer kept from before has the same settings: it is not reused
                unit.connection.execute(
                    text(
                        "UPDATE classifications SET value = CASE WHEN value = 'true' "
                        "THEN 'false' ELSE 'true' END WHERE attribute = 'developing'"
                    )
                )
        answers.forget_state(loaded)
        during = json.loads(answers.page_body(loaded, request, 100, 0))
        assert cache.updating(loaded)
        assert during["updating"] is True and during["items"] == before["items"]
        threading.Timer(0.3, release.set).start()
        answers.cells(loaded, request)  # a file is not given the figures of before: it waits
        assert not cache.updating(loaded)
        cache.wait_for_rebuild(loaded, 30)
        after = json.loads(answers.page_body(loaded, request, 100, 0))
    finally:
        release.set()
        cache.rebuild_in_background(False)
    assert not cache.updating(loaded) and after["updating"] is False
    cache.clear_memory()
    monkeypatch.undo()
    rebuilt = json.loads(answers.page_body(loaded, request, 100, 0))
    assert after["items"] == rebuilt["items"]


@pytest.mark.parametrize("logged", ["rows", "meetings"])
def test_an_import_that_adds_and_changes_rows_of_one_meeting(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch, logged: str
) -> None:
    """New rows logged by meeting (a large import) and changed rows logged by key (the row
    trigger) in the same write: each row is read once."""
    monkeypatch.setattr(bulk, "SELF_LOGGED_ROWS", 1)
    if logged == "meetings":
        monkeypatch.setattr(bulk, "COARSE_ROWS", 0)
    snapshot_for(loaded)
    with loaded.connect() as connection:
        meeting, person, member, mode = connection.execute(
            text(
                "SELECT m.meeting_id, p.person_id, b.member_id, a.mode FROM attendance a "
                "JOIN meetings m ON m.id = a.meeting_id JOIN people p ON p.id = a.person_id "
                "JOIN members b ON b.id = a.member_id ORDER BY a.meeting_id LIMIT 1"
            )
        ).one()
        people = [row[0] for row in _rows(connection, "SELECT person_id FROM people")]
    changed = {"meeting_id": meeting, "person_id": person, "member_id": member}
    changed["mode"] = "remote" if mode != "remote" else "in_person"
    added = [
        {"meeting_id": meeting, "person_id": other, "member_id": member, "mode": "remote"}
        for other in people
        if other != person
    ]
    header = ["meeting_id", "person_id", "member_id", "mode"]
    source = Source.from_rows("test:attendance", "attendance", header, [changed, *added])
    report = run_import.perform(loaded, "test", [source])
    assert report.counts["attendance"].updated == 1
    assert_same_facts(snapshot_for(loaded).facts, full_rebuild(loaded))


@pytest.mark.parametrize("logged", ["rows", "meetings"])
def test_a_plain_csv_import_is_followed(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, logged: str
) -> None:
    """The column-wise import of a plain CSV file (PostgreSQL: COPY, and the change log
    written by the import itself when the role owns the table) is followed as a delta."""
    from stdgap.ingest import attendance_write

    if logged == "meetings":
        monkeypatch.setattr(attendance_write, "COARSE_ROWS", 0)
        monkeypatch.setattr(bulk, "COARSE_ROWS", 0)
    snapshot_for(loaded)
    with loaded.connect() as connection:
        meetings = [row[0] for row in _rows(connection, "SELECT meeting_id FROM meetings")]
        people = [row[0] for row in _rows(connection, "SELECT person_id FROM people")]
        members = [row[0] for row in _rows(connection, "SELECT member_id FROM members")]
    lines = ["meeting_id,person_id,member_id,mode"]
    for meeting in meetings[:3]:  # some of them stored already, the rest new
        lines += [f"{meeting},{person},{members[0]},remote" for person in people]
    path = tmp_path / "attendance.csv"
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(cache, "_build", _refused)
    run_import.perform(loaded, "test", [Source.from_path(path, "attendance")])
    held = snapshot_for(loaded).facts
    monkeypatch.undo()
    assert_same_facts(held, full_rebuild(loaded))
