"""Fellows' attendance: once the meeting of an allocated call has been held, its fellows are
written as attendance with ``fellowship = true`` through the import pipeline (the indicators
count them from there)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.fellowships.operations import GRANTED, applications_of, calls_named
from stdgap.ingest.pipeline import ImportReport, run_import
from stdgap.ingest.sources import Source
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.models import Person
from stdgap.store.unit import Unit, operation

ATTENDANCE_HEADER = ["meeting_id", "person_id", "member_id", "mode", "fellowship"]
PEOPLE_HEADER = ["person_id", "gender", "birth_year", "country", "member_id"]


@operation("fellowships.attendance")
def record_attendance(
    unit: Unit,
    call_id: str,
    absent: frozenset[str] = frozenset(),
    as_of: date | None = None,
) -> ImportReport:
    """Write the fellows of an allocated call as attendance with ``fellowship = true`` through
    the import pipeline, once the meeting has started (``as_of``, default today), in the same
    transaction as the call's mark. Fellows listed in ``absent`` (application ids) did not
    come. People new to the store are added first."""
    connection = unit.connection
    call = calls_named(connection, [call_id])[0]
    allocated = connection.execute(
        select(FellowshipCall.allocated).where(FellowshipCall.id == call.pk)
    ).scalar_one()
    if not allocated:
        raise ProgrammeError(f"call '{call_id}' has not been allocated yet")
    if call.start > (as_of or date.today()):
        raise ProgrammeError(f"meeting {call.meeting} starts on {call.start}: not yet held")
    apps = applications_of(
        connection,
        select(FellowshipApplication)
        .where(
            FellowshipApplication.call_id == call.pk,
            FellowshipApplication.decision.in_(GRANTED),
        )
        .order_by(FellowshipApplication.application_id),
    )
    unknown = sorted(absent - {app.application_id for app in apps})
    if unknown:
        raise ProgrammeError(f"not fellows of {call_id}: {', '.join(unknown)}")
    known = set(
        connection.execute(
            select(Person.person_id).where(Person.person_id.in_([a.person_ref for a in apps]))
        ).scalars()
    )
    fellows = [app for app in apps if app.application_id not in absent]
    new_people = [
        {
            "person_id": app.person_ref,
            "gender": app.gender or "",
            "birth_year": str(app.birth_year or ""),
            "country": app.country,
            "member_id": app.member_ref,
        }
        for app in fellows
        if app.person_ref not in known
    ]
    attendance = [
        {
            "meeting_id": call.meeting,
            "person_id": app.person_ref,
            "member_id": app.member_ref,
            "mode": "in_person",
            "fellowship": "true",
        }
        for app in fellows
    ]
    label = f"fellowships:{call_id}"
    sources = [Source.from_rows(f"{label}:attendance", "attendance", ATTENDANCE_HEADER, attendance)]
    if new_people:
        sources.insert(0, Source.from_rows(f"{label}:people", "people", PEOPLE_HEADER, new_people))
    report = run_import(unit, sources)
    connection.execute(
        update(FellowshipCall).where(FellowshipCall.id == call.pk).values(attendance_recorded=True)
    )
    return report
