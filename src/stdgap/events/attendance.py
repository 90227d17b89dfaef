"""Who came to an event: the officer marks the registrations that attended; those who are
persons of the registry attending for a member are written as attendance of the event's meeting
through the import pipeline (so events count in the participation indicators), and taken out
again when unmarked."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update

from stdgap.events.errors import EventError, WrongTime
from stdgap.events.models import EventRegistration
from stdgap.events.operations import event_named
from stdgap.events.vocabulary import CONFIRMED
from stdgap.i18n.translate import _l
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Attendance, Member, Person
from stdgap.store.unit import Unit, operation

ATTENDANCE_HEADER = ["meeting_id", "person_id", "member_id", "mode", "fellowship"]


@dataclass(frozen=True)
class AttendanceMarked:
    attended: int
    #: Registrations written to the participation data (persons of the registry for a member).
    recorded: list[int]
    #: Registrations whose attendance was taken out of the participation data.
    removed: list[int]


@operation("events.attendance", target=lambda event_id, *a, **k: event_id)
def mark_attendance(
    unit: Unit, event_id: str, attended: Collection[int], today: date | None = None
) -> AttendanceMarked:
    """Mark the confirmed registrations ``attended`` as having come (the others as not), once
    the event has started; write the attendance of those who are persons of the registry for a
    member through the import (remote for an online event), in the same transaction."""
    connection = unit.connection
    event = event_named(connection, event_id)
    if event.start > (today or date.today()):
        raise WrongTime(_l("%(id)s starts on %(day)s: not yet held", id=event_id, day=event.start))
    rows = connection.execute(
        select(
            EventRegistration.id,
            EventRegistration.person_ref,
            EventRegistration.member_ref,
            EventRegistration.recorded,
        ).where(EventRegistration.event_id == event.pk, EventRegistration.status == CONFIRMED)
    ).all()
    known = {row.id for row in rows}
    stray = sorted(set(attended) - known)
    if stray:
        raise EventError(
            _l(
                "not confirmed registrations of %(id)s: %(ids)s",
                id=event_id,
                ids=", ".join(str(s) for s in stray),
            )
        )
    came = set(attended)
    connection.execute(
        update(EventRegistration)
        .where(EventRegistration.event_id == event.pk, EventRegistration.status == CONFIRMED)
        .values(attended=False)
    )
    if came:
        connection.execute(
            update(EventRegistration)
            .where(EventRegistration.id.in_(sorted(came)))
            .values(attended=True)
        )
    people = set(
        connection.execute(
            select(Person.person_id).where(
                Person.person_id.in_([r.person_ref for r in rows if r.person_ref])
            )
        ).scalars()
    )
    members = set(
        connection.execute(
            select(Member.member_id).where(
                Member.member_id.in_([r.member_ref for r in rows if r.member_ref])
            )
        ).scalars()
    )
    countable = {
        row.id: row for row in rows if row.person_ref in people and row.member_ref in members
    }
    to_record = [countable[pk] for pk in sorted(came) if pk in countable]
    to_remove = [row for row in rows if row.recorded and row.id not in came]
    mode = "remote" if event.format == "virtual" else "in_person"
    if to_record:
        lines = [
            {
                "meeting_id": event.event_id,
                "person_id": row.person_ref,
                "member_id": row.member_ref,
                "mode": mode,
                "fellowship": "false",
            }
            for row in to_record
        ]
        label = f"events:{event.event_id}:attendance"
        run_import(unit, [Source.from_rows(label, "attendance", ATTENDANCE_HEADER, lines)])
    for row in to_remove:
        person = select(Person.id).where(Person.person_id == row.person_ref).scalar_subquery()
        member = select(Member.id).where(Member.member_id == row.member_ref).scalar_subquery()
        connection.execute(
            delete(Attendance).where(
                Attendance.meeting_id == event.meeting_pk,
                Attendance.person_id == person,
                Attendance.member_id == member,
            )
        )
    connection.execute(
        update(EventRegistration)
        .where(EventRegistration.event_id == event.pk)
        .values(recorded=False)
    )
    if to_record:
        connection.execute(
            update(EventRegistration)
            .where(EventRegistration.id.in_([row.id for row in to_record]))
            .values(recorded=True)
        )
    result = AttendanceMarked(len(came), [r.id for r in to_record], [r.id for r in to_remove])
    unit.details.update(attended=result.attended, recorded=len(result.recorded))
    return result
