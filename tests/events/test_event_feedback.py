"""An event's feedback survey, on both backends: made through the surveys (purpose
``feedback``, subject the event's meeting, a conditional question), sent only to the
registrants who attended and have an account, linked to the event in the same audited write;
refused before the event, without attendees and twice; the event's page links attendees to
answer and officers to the results (pages and API)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from event_world import TODAY, WEB, WS, sign_in_extra
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from factories import ACTOR
from stdgap.accounts.models import User
from stdgap.events import attendance, feedback, operations, queries
from stdgap.events.errors import WrongTime
from stdgap.events.operations import RegistrationInput
from stdgap.store.audit import AuditEntry
from stdgap.surveys import answering
from stdgap.surveys import queries as survey_queries
from stdgap.surveys.answering import Respondent
from stdgap.surveys.errors import SurveyError
from web_testing import problem, sign_in

SURVEY = feedback.survey_id_of(WEB)
JSON = {"Accept": "application/json"}
DEADLINE = TODAY + timedelta(days=14)


def _user(engine: Engine, name: str) -> int:
    with engine.connect() as connection:
        found: int = connection.execute(select(User.id).where(User.name == name)).scalar_one()
        return found


def _attended(engine: Engine) -> None:
    """applicant and amina came to the webinar; bruno registered but did not; a guest without
    an account came."""
    came = []
    for name in ("applicant", "amina", "bruno"):
        entry = RegistrationInput(name.title(), f"{name}@example.org", "participant")
        done = operations.register.perform(engine, name, WEB, entry, _user(engine, name))
        if name != "bruno":
            came.append(done.registration_id)
    guest = RegistrationInput("Guest", "guest@example.org", "participant")
    came.append(operations.register.perform(engine, ACTOR, WEB, guest).registration_id)
    attendance.mark_attendance.perform(engine, ACTOR, WEB, came)


def _actions(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars())


def test_the_feedback_survey_goes_to_those_who_came(world: Engine) -> None:
    _attended(world)
    before = _actions(world)
    sent = feedback.create_feedback_survey.perform(world, ACTOR, WEB, DEADLINE)
    assert (sent.survey_id, sent.invited) == (SURVEY, 2)
    assert _actions(world)[len(before) :] == ["events.feedback_survey"]
    survey = survey_queries.summary(world, SURVEY)
    assert survey is not None
    assert (survey.purpose, survey.subject, survey.status, survey.anonymous) == (
        "feedback", WEB, "open", True,
    )  # fmt: skip
    invited = {i["user"] for i in survey_queries.invitations(world, SURVEY)}
    assert invited == {"applicant", "amina"}
    assert queries.event_detail(world, WEB)["feedback_survey"] == SURVEY
    stored = survey_queries.stored(world, SURVEY)
    rating = stored.question("rating")
    assert rating is not None and (rating.question.scale_min, rating.question.scale_max) == (1, 5)
    missing = stored.question("missing")
    assert missing is not None and missing.question.condition is not None
    assert missing.question.condition.values == ("1", "2")


def test_what_was_missing_is_kept_only_for_a_low_rating(world: Engine) -> None:
    _attended(world)
    feedback.create_feedback_survey.perform(world, ACTOR, WEB, DEADLINE)
    low = {"rating": ["2"], "missing": ["More examples"], "comments": ["Thanks"]}
    answering.respond.perform(world, "a", SURVEY, Respondent(_user(world, "applicant")), low)
    high = {"rating": ["5"], "missing": ["Nothing"]}
    answering.respond.perform(world, "b", SURVEY, Respondent(_user(world, "amina")), high)
    found = {a.key: a for a in survey_queries.answers_by_question(world, SURVEY)}
    assert found["rating"].counts["2"] == 1 and found["rating"].counts["5"] == 1
    assert found["missing"].texts == ("More examples",)  # the high rating's is not kept
    with pytest.raises(SurveyError):
        answering.respond.perform(world, "c", SURVEY, Respondent(_user(world, "bruno")), high)


@pytest.mark.parametrize(
    ("event_id", "setup", "words"),
    [
        (WS, False, "not yet held"),
        (WEB, False, "no one with an account"),
        (WEB, True, "has a feedback survey already"),
    ],
)
def test_refusals_write_nothing(world: Engine, event_id: str, setup: bool, words: str) -> None:
    if setup:
        _attended(world)
        feedback.create_feedback_survey.perform(world, ACTOR, WEB, DEADLINE)
    before = _actions(world)
    with pytest.raises(WrongTime, match=words):
        feedback.create_feedback_survey.perform(world, ACTOR, event_id, DEADLINE)
    assert _actions(world) == before


def test_a_deadline_in_the_past_is_the_surveys_refusal(world: Engine) -> None:
    _attended(world)
    with pytest.raises(WrongTime, match="deadline"):
        feedback.create_feedback_survey.perform(world, ACTOR, WEB, date(2000, 1, 1))
    assert survey_queries.summary(world, SURVEY) is None
    assert queries.event_detail(world, WEB)["feedback_survey"] is None


def _links(client: TestClient) -> dict[str, Any]:
    answer = client.get(f"/events/{WEB}.json")
    assert answer.status_code == 200, answer.text
    links: dict[str, Any] = answer.json()["feedback"]
    return links


def test_the_api_and_the_event_page_link_attendees_and_officers(
    world: Engine, client: TestClient
) -> None:
    _attended(world)
    token = sign_in(client, "officer")
    body = {"deadline": str(DEADLINE), "anonymous": False}
    made = client.post(
        f"/api/v1/events/{WEB}/feedback", json=body, headers={**JSON, "X-CSRF-Token": token}
    )
    assert made.status_code == 201, made.text
    assert made.json()["survey_id"] == SURVEY and made.json()["event"]["feedback_survey"] == SURVEY
    again = client.post(
        f"/api/v1/events/{WEB}/feedback", json=body, headers={**JSON, "X-CSRF-Token": token}
    )
    problem(again, 409)
    officer = _links(client)
    assert officer["results_url"] == f"/surveys/{SURVEY}/results"
    assert officer["respond_url"] is None
    client.cookies.clear()
    sign_in(client, "applicant")
    attendee = _links(client)
    assert attendee["respond_url"] == f"/surveys/{SURVEY}/respond"
    assert attendee["results_url"] is None
    page = client.get(f"/events/{WEB}").text
    assert f'href="/surveys/{SURVEY}/respond"' in page
    client.cookies.clear()
    sign_in_extra(client, "bruno")
    assert _links(client)["respond_url"] is None  # registered, did not come
    client.cookies.clear()
    assert _links(client)["respond_url"] is None and _links(client)["results_url"] is None


def test_the_page_form_and_bad_values(world: Engine, client: TestClient) -> None:
    _attended(world)
    token = sign_in(client, "officer")
    page = client.get(f"/events/{WEB}").text
    assert 'id="feedback-survey"' in page
    bad = client.post(
        f"/events/{WEB}/feedback", data={"deadline": "next week", "csrf_token": token}, headers=JSON
    )
    assert "next week" in problem(bad, 422)["detail"]
    unknown = client.post(
        "/api/v1/events/NOPE/feedback",
        json={"deadline": str(DEADLINE)},
        headers={**JSON, "X-CSRF-Token": token},
    )
    problem(unknown, 404)
    made = client.post(
        f"/events/{WEB}/feedback", data={"deadline": str(DEADLINE), "csrf_token": token}
    )
    assert made.status_code == 200 and 'id="feedback-survey"' not in made.text
    assert f"/surveys/{SURVEY}/results" in made.text
