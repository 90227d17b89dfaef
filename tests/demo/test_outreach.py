"""The demo's CxO meetings, events and consultation survey: written through the capabilities'
operations, about two CxO meetings a year with conclusions through their lifecycle, events with
registrations and waiting lists, a closed survey answered by developing-country members; the
CxO participation counted in the indicators by group; the same seed, the same data."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.bootstrap import open_store
from stdgap.cxo.models import (
    CxoAgendaItem,
    CxoConclusion,
    CxoConclusionEvent,
    CxoConclusionLink,
    CxoConclusionMeeting,
    CxoMeeting,
    CxoParticipant,
)
from stdgap.demo.calibration import COUNTRY_BY_CODE
from stdgap.demo.generator import generate
from stdgap.demo.load import load_demo
from stdgap.demo.outreach import generate_outreach
from stdgap.demo.outreach_plan import plan_outreach
from stdgap.events import queries as event_queries
from stdgap.events.models import Event, EventMaterial, EventRegistration
from stdgap.events.planner import plan as plan_events
from stdgap.notifications.models import OutboxMessage
from stdgap.reference.classification import ClassificationReader
from stdgap.store.models import Attendance, Meeting
from stdgap.surveys.models import Survey, SurveyResponse
from stdgap_testing import invoke
from stores import Templates

SEED = 7


def build_outreach_store(engine: Engine) -> None:
    data, _report = load_demo(engine, "small", SEED)
    summary = generate_outreach(engine, plan_outreach(data.meetings, SEED, "small"), SEED)
    assert summary is not None


@pytest.fixture
def demo(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "demo-outreach", build_outreach_store, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


def _cxo_meetings(engine: Engine) -> list[tuple[int, str, date]]:
    with engine.connect() as connection:
        return [
            (pk, meeting_id, start)
            for pk, meeting_id, start in connection.execute(
                select(CxoMeeting.id, Meeting.meeting_id, Meeting.start)
                .join(Meeting, Meeting.id == CxoMeeting.meeting_id)
                .order_by(Meeting.start)
            )
        ]


def test_about_two_cxo_meetings_a_year_in_several_regions(demo: Engine) -> None:
    meetings = _cxo_meetings(demo)
    years = Counter(start.year for _pk, _id, start in meetings)
    assert years == {2023: 2, 2024: 2}
    with demo.connect() as connection:
        rows = connection.execute(
            select(Meeting.group_id, Meeting.kind, Meeting.host_country, CxoMeeting.theme).join(
                CxoMeeting, CxoMeeting.meeting_id == Meeting.id
            )
        ).all()
        hosts = {row.host_country for row in rows}
        assert {row.kind for row in rows} == {"cto"}
        assert len(hosts) >= 3 and "CHE" in hosts  # Geneva and cities of other regions
        assert len({row.theme for row in rows}) == len(rows)  # each meeting its theme
        agenda = connection.execute(select(func.count()).select_from(CxoAgendaItem)).scalar()
        assert agenda is not None and agenda >= 3 * len(rows)


def test_conclusions_go_through_their_lifecycle(demo: Engine) -> None:
    with demo.connect() as connection:
        states = Counter(connection.execute(select(CxoConclusion.state)).scalars())
        assert {"closed", "dropped", "under_study"} <= set(states)
        topics = list(connection.execute(select(CxoConclusion.topic_key)).scalars())
        assert len(topics) == len(set(topics))  # a topic raised again is linked, not duplicated
        revisited = connection.execute(
            select(CxoConclusionMeeting.conclusion_id).where(
                CxoConclusionMeeting.role == "revisited"
            )
        ).scalars()
        again = set(revisited)
        assert again
        for number in again:  # raised at one meeting, revisited at a later one
            roles = connection.execute(
                select(CxoConclusionMeeting.role, Meeting.start)
                .join(CxoMeeting, CxoMeeting.id == CxoConclusionMeeting.cxo_meeting_id)
                .join(Meeting, Meeting.id == CxoMeeting.meeting_id)
                .where(CxoConclusionMeeting.conclusion_id == number)
                .order_by(Meeting.start)
            ).all()
            assert roles[0].role == "raised" and len(roles) >= 2
        closed = connection.execute(
            select(CxoConclusion.id, CxoConclusion.study_group, CxoConclusion.question).where(
                CxoConclusion.state == "closed"
            )
        ).first()
        assert closed is not None and closed.study_group and closed.question
        steps = connection.execute(
            select(CxoConclusionEvent.to_state, CxoConclusionEvent.at)
            .where(
                CxoConclusionEvent.conclusion_id == closed.id,
                CxoConclusionEvent.action.in_(("raised", "state")),
            )
            .order_by(CxoConclusionEvent.id)
        ).all()
        assert [s.to_state for s in steps] == ["raised", "under_study", "addressed", "closed"]
        days = [s.at for s in steps]
        assert days == sorted(days) and days[0] < days[-1]  # dated as the meetings were
        links = set(
            connection.execute(
                select(CxoConclusionLink.kind).where(CxoConclusionLink.conclusion_id == closed.id)
            ).scalars()
        )
        assert {"question", "recommendation"} <= links or {"question", "tsag"} <= links


def test_participants_are_diverse_and_counted_as_attendance(demo: Engine) -> None:
    meetings = _cxo_meetings(demo)
    with demo.connect() as connection:
        rows = connection.execute(
            select(
                CxoParticipant.cxo_meeting_id,
                CxoParticipant.organisation,
                CxoParticipant.size,
                CxoParticipant.level,
                CxoParticipant.mode,
                CxoParticipant.country,
                CxoParticipant.member_id,
                CxoParticipant.person_id,
            )
        ).all()
        assert {"micro", "sme", "large"} <= {r.size for r in rows}
        assert {"cto", "cxo", "alternate"} <= {r.level for r in rows}
        assert {"in_person", "remote"} <= {r.mode for r in rows}
        assert any(r.member_id is None for r in rows)  # some are not members
        first = meetings[0][2]
        developing = [r for r in rows if r.country and COUNTRY_BY_CODE[r.country].developing(first)]
        assert 0.2 <= len(developing) / len(rows) <= 0.7
        by_meeting: dict[int, set[str]] = {}
        for r in rows:
            by_meeting.setdefault(r.cxo_meeting_id, set()).add(r.organisation)
        order = [pk for pk, _id, _start in meetings]
        for before, after in pairwise(order):  # regulars come back
            assert len(by_meeting[before] & by_meeting[after]) >= 3
        persons = sum(1 for r in rows if r.person_id is not None)
        attended = connection.execute(
            select(func.count())
            .select_from(Attendance)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.kind == "cto")
        ).scalar_one()
        assert persons > 0 and attended == persons


def test_cto_participation_in_the_indicators_by_group(
    demo: Engine, cli: CliRunner, backend: str
) -> None:
    url = demo.url.render_as_string(hide_password=False)
    args = ["indicators", "--db", url, "--by", "group", "--indicator", "participants"]
    code, out, err = invoke(cli, *args, "--format", "csv")
    assert code == 0, err
    cells = {row["group"]: row["value"] for row in csv.DictReader(io.StringIO(out))}
    assert "CTO" in cells and float(cells["CTO"]) > 0
    assert "TSB" in cells  # the events' participants too


def test_events_have_registrations_waiting_lists_and_attendance(demo: Engine) -> None:
    with demo.connect() as connection:
        events = connection.execute(select(func.count()).select_from(Event)).scalar_one()
        assert events >= 12
        statuses = Counter(connection.execute(select(EventRegistration.status)).scalars())
        assert statuses["confirmed"] > 0 and statuses["cancelled"] > 0
        assert (
            statuses["waitlisted"] > 0
            or connection.execute(
                select(func.count()).where(EventRegistration.promoted_at.is_not(None))
            ).scalar_one()
        )
        full = connection.execute(
            select(func.count(func.distinct(EventRegistration.event_id))).where(
                EventRegistration.status == "waitlisted"
            )
        ).scalar_one()
        assert full >= 1  # at least one event filled up
        attended = connection.execute(
            select(func.count()).where(EventRegistration.attended.is_(True))
        ).scalar_one()
        assert attended > 0
        assert connection.execute(select(func.count()).select_from(EventMaterial)).scalar_one()
        kinds = set(
            connection.execute(
                select(Meeting.kind).join(Event, Event.meeting_id == Meeting.id)
            ).scalars()
        )
        assert {"workshop", "webinar", "elearning"} <= kinds
        # The demo's e-mails belong to the past: none waits in the outbox.
        assert connection.execute(select(func.count()).select_from(OutboxMessage)).scalar() == 0


def test_workshops_are_back_to_back_with_regional_group_meetings(demo: Engine) -> None:
    meetings = event_queries.meetings_between(demo, date(2000, 1, 1), date(2100, 12, 31))
    workshops = [m for m in meetings if m.kind == "workshop"]
    anchors = [m for m in meetings if m.kind == "regional_group"]
    assert workshops
    for workshop in workshops:
        assert any(
            a.city == workshop.city
            and (
                (workshop.end or workshop.start) + timedelta(days=1) == a.start
                or (a.end or a.start) + timedelta(days=1) == workshop.start
            )
            for a in anchors
        ), workshop.meeting_id


def test_the_planner_proposes_a_date_next_to_an_african_regional_group_meeting(
    demo: Engine,
) -> None:
    meetings = event_queries.meetings_between(demo, date(2000, 1, 1), date(2100, 12, 31))
    african = [m for m in meetings if m.kind == "regional_group" and m.region == "Africa"]
    assert african
    year = african[-1].start.year
    proposals = plan_events(meetings, "Africa", date(year, 1, 1), date(year, 12, 31), 2)
    assert proposals
    best = proposals[0]
    anchor = next(m for m in african if m.meeting_id == best.anchor)
    assert best.city == anchor.city
    assert best.end == anchor.start - timedelta(days=1) or best.start == (
        anchor.end or anchor.start
    ) + timedelta(days=1)


def test_a_closed_consultation_answered_by_developing_country_members(demo: Engine) -> None:
    last = _cxo_meetings(demo)[-1]
    with demo.connect() as connection:
        survey = connection.execute(
            select(Survey.id, Survey.survey_id, Survey.status, Survey.purpose, Survey.subject)
        ).one()
        assert (survey.status, survey.purpose, survey.subject) == (
            "closed",
            "consultation",
            last[1],
        )
        answers = connection.execute(
            select(SurveyResponse.country, SurveyResponse.submitted_on).where(
                SurveyResponse.survey_id == survey.id
            )
        ).all()
        assert len(answers) >= 10
        # developing as the store counts it (economies in transition too, by its setting)
        reader = ClassificationReader(connection, {a.country for a in answers})
        statuses = reader.statuses((a.country, a.submitted_on) for a in answers)
        assert all(statuses[(a.country, a.submitted_on)].developing for a in answers)
        assert all(a.submitted_on < last[2] for a in answers)
        consulted = connection.execute(
            select(CxoAgendaItem.survey_id, CxoAgendaItem.question_key).where(
                CxoAgendaItem.cxo_meeting_id == last[0], CxoAgendaItem.source == "consultation"
            )
        ).all()
        assert consulted and all(c.survey_id == survey.survey_id for c in consulted)


def _fingerprint(engine: Engine) -> tuple[object, ...]:
    with engine.connect() as connection:
        return (
            connection.execute(
                select(CxoConclusion.topic, CxoConclusion.state).order_by(CxoConclusion.id)
            ).all(),
            connection.execute(
                select(
                    CxoParticipant.name, CxoParticipant.organisation, CxoParticipant.mode
                ).order_by(CxoParticipant.id)
            ).all(),
            connection.execute(
                select(EventRegistration.email, EventRegistration.status).order_by(
                    EventRegistration.id
                )
            ).all(),
            connection.execute(
                select(SurveyResponse.country, SurveyResponse.submitted_on).order_by(
                    SurveyResponse.id
                )
            ).all(),
        )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_same_seed_gives_the_same_data(
    demo: Engine, templates: Templates, tmp_path: Path
) -> None:
    assert plan_outreach(generate("small", SEED).meetings, SEED, "small") == plan_outreach(
        generate("small", SEED).meetings, SEED, "small"
    )
    other = open_store(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        build_outreach_store(other)
        assert _fingerprint(other) == _fingerprint(demo)
        data = generate("small", SEED)
        again = generate_outreach(other, plan_outreach(data.meetings, SEED, "small"), SEED)
        assert again is None  # once only
    finally:
        other.dispose()
