"""Concurrency of registrations for the last seat; attendance marked by the officer flowing into
the participation data (the import's attendance) and the indicators, both the engine's own
(participants) and the events' fact source; the attendance list's exports."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

import pytest
from event_world import OLD, WEB, WS
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from factories import ACTOR
from stdgap.events import attendance, exports, operations, queries
from stdgap.events.errors import EventError, WrongTime
from stdgap.events.operations import RegistrationInput
from stdgap.store.models import Attendance, Meeting
from stdgap_testing import compute


def _race(*jobs: Callable[[], object]) -> list[BaseException | None]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException | None] = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            job()
        except BaseException as error:  # recorded for the test to show
            errors[index] = error

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_registrations_for_the_last_seat_one_gets_it(world: Engine) -> None:
    errors = _race(
        lambda: operations.register.perform(
            world, "a", WS, RegistrationInput("A", "a@example.org", "delegate")
        ),
        lambda: operations.register.perform(
            world, "b", WS, RegistrationInput("B", "b@example.org", "delegate")
        ),
    )
    assert errors == [None, None]
    statuses = sorted(r["status"] for r in queries.registrations(world, WS))
    assert statuses == ["confirmed", "waitlisted"]


def _attendance_rows(engine: Engine, meeting: str) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count())
                .select_from(Attendance)
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Meeting.meeting_id == meeting)
            ).scalar_one()
        )


def test_attendance_counts_in_participation_and_the_event_facts(world: Engine) -> None:
    came = operations.register.perform(
        world,
        ACTOR,
        WEB,
        RegistrationInput("K1", "k1@example.org", "participant", member="MS-KEN", person="KEN-1"),
    )
    other = operations.register.perform(
        world,
        ACTOR,
        WEB,
        RegistrationInput("C1", "c1@example.org", "participant", member="MS-CHE", person="CHE-1"),
    )
    guest = operations.register.perform(
        world, ACTOR, WEB, RegistrationInput("G", "g@example.org", "participant", country="NPL")
    )
    before = compute(world, ["participants"], ["year"], {"group": "TSB"}, min_cell=1)
    assert sum(c.value or 0 for c in before) == 0
    marked = attendance.mark_attendance.perform(
        world, ACTOR, WEB, [came.registration_id, guest.registration_id]
    )
    assert marked.recorded == [came.registration_id]  # the guest is no person of the registry
    assert _attendance_rows(world, WEB) == 1
    participants = compute(world, ["participants"], ["year"], {"group": "TSB"}, min_cell=1)
    assert sum(c.value or 0 for c in participants) == 1
    cells = compute(world, ["event_registrations", "event_attendances"], ["status"], min_cell=1)
    found = {(c.indicator, c.dims["status"]): c.value for c in cells}
    assert found[("event_registrations", "developing")] == 2  # Kenya and Nepal
    assert found[("event_registrations", "developed")] == 1
    assert found[("event_attendances", "developing")] == 2
    assert found.get(("event_attendances", "developed"), 0) == 0
    rate = compute(world, ["event_attendance_rate"], [], min_cell=1)
    assert rate[0].value == pytest.approx(2 / 3)
    # unmarked: taken out of the participation data again
    again = attendance.mark_attendance.perform(world, ACTOR, WEB, [other.registration_id])
    assert again.removed == [came.registration_id]
    assert again.recorded == [other.registration_id]
    assert _attendance_rows(world, WEB) == 1


def test_attendance_refusals(world: Engine) -> None:
    with pytest.raises(WrongTime, match="not yet held"):
        attendance.mark_attendance.perform(world, ACTOR, WS, [])
    with pytest.raises(EventError, match="not confirmed registrations"):
        attendance.mark_attendance.perform(world, ACTOR, OLD, [12345])


def test_the_attendance_list_exports_as_csv_and_xlsx(world: Engine) -> None:
    operations.register.perform(
        world, ACTOR, WS, RegistrationInput("=HYPERLINK(1)", "h@example.org", "delegate")
    )
    operations.register.perform(
        world, ACTOR, WS, RegistrationInput("Bo", "bo@example.org", "speaker", country="KEN")
    )
    text = exports.attendance_csv(world, WS)
    lines = text.splitlines()
    assert lines[0].startswith("registration_id,name,organisation,member,country,category")
    assert "'=HYPERLINK(1)" in lines[1] and "confirmed" in lines[1]
    assert "speaker,waitlisted" in lines[2]
    book = load_workbook(io.BytesIO(exports.attendance_xlsx(world, WS)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][1] == "name" and rows[1][1] == "'=HYPERLINK(1)" and rows[2][4] == "KEN"
