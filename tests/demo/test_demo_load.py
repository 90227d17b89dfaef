"""`stdgap demo` writes the generated data through the import pipeline, idempotently."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.cxo.models import CxoConclusion, CxoMeeting
from stdgap.demo.generator import generate
from stdgap.demo.outreach_plan import plan_outreach
from stdgap.events.models import EventRegistration
from stdgap.store.audit import AuditEntry
from stdgap.store.models import Attendance, Meeting, Member, Person
from stdgap.surveys.models import SurveyResponse
from stdgap_testing import invoke


def _table_line(out: str, kind: str) -> list[str]:
    line = next(line for line in out.splitlines() if f" {kind} " in line)
    return [cell.strip().replace(",", "") for cell in line.split("│") if cell.strip()]


def test_demo_small_is_written_and_rewritten_unchanged(
    store_url: str, engine: Engine, cli: CliRunner
) -> None:
    data = generate("small", 7)
    code, out, err = invoke(cli, "demo", "--scale", "small", "--seed", "7", "--db", store_url)
    assert code == 0, err
    assert _table_line(out, "attendance")[:3] == [
        "attendance",
        str(data.expected_attendance_rows),
        str(data.expected_attendance_rows),
    ]
    with engine.connect() as connection:
        stored = connection.execute(
            select(Meeting.meeting_id, Person.person_id, Member.member_id, Attendance.fellowship)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .join(Person, Person.id == Attendance.person_id)
            .join(Member, Member.id == Attendance.member_id)
        ).all()
        members = connection.execute(select(func.count()).select_from(Member)).scalar_one()
    generated = {(r["meeting_id"], r["person_id"], r["member_id"]) for r in data.attendance}
    stored_keys = {(meeting, person, member) for meeting, person, member, _f in stored}
    assert generated <= stored_keys
    # The rest is the year of fellowships the programmes' demo granted and wrote back, and
    # those who came to the CxO meetings and events of the demo.
    extra = [row for row in stored if (row[0], row[1], row[2]) not in generated]
    outreach = plan_outreach(data.meetings, 7, "small").meeting_ids()
    fellows = [row for row in extra if row[0] not in outreach]
    assert fellows and all(fellowship for *_key, fellowship in fellows)
    assert any(row[0] in outreach for row in extra)
    assert members == len(list(data.members))
    assert "CxO meetings: 4 with" in " ".join(out.split())
    before = _outreach_counts(engine)
    code, out, err = invoke(cli, "demo", "--scale", "small", "--seed", "7", "--db", store_url)
    assert code == 0, err
    assert _table_line(out, "attendance")[2:] == ["0", "0", str(data.expected_attendance_rows)]
    assert "CxO meetings" not in out and _outreach_counts(engine) == before


def _outreach_counts(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as connection:
        return tuple(
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (CxoMeeting, CxoConclusion, EventRegistration, SurveyResponse, Attendance)
        )


def test_unknown_scale_is_refused(store_url: str, cli: CliRunner) -> None:
    code, _out, err = invoke(cli, "demo", "--scale", "huge", "--db", store_url)
    assert code == 2 and "small, itu or large" in err


def test_a_store_with_other_data_is_refused(store_url: str, engine: Engine, cli: CliRunner) -> None:
    """Another seed (or real data) in the store: the demo would mix with it and figures of
    neither would hold; it is refused and nothing is written."""
    code, _out, err = invoke(cli, "demo", "--scale", "small", "--seed", "7", "--db", store_url)
    assert code == 0, err

    def counts() -> tuple[int, int, int]:
        with engine.connect() as connection:
            return (
                connection.execute(select(func.count()).select_from(Meeting)).scalar_one(),
                connection.execute(select(func.count()).select_from(Attendance)).scalar_one(),
                connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one(),
            )

    before = counts()
    code, _out, err = invoke(cli, "demo", "--scale", "small", "--seed", "8", "--db", store_url)
    assert code == 2
    assert "meeting(s) that are not of the demo (small, seed 8)" in err
    assert "nothing was written" in err
    assert counts() == before
