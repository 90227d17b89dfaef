"""The consultation of developing countries before a CxO meeting (Res. 68 resolves 2), on both
backends: the survey it makes (purpose, subject, questionnaire, who is invited by region), one
audited write, refusals that write nothing, answers by question, and the agenda items taken
from them (source ``consultation``, survey and question), marked on the public agenda."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from consult_world import DEADLINE, LATER, NEXT, NEXT_START, build_consult_world, recipients
from sqlalchemy import Engine, select

from factories import ACTOR
from stdgap.bootstrap import open_store
from stdgap.cxo import consultation, consulted, queries
from stdgap.cxo.consultation import ConsultationInput
from stdgap.cxo.errors import CxoError, Unknown, WrongState
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.store.audit import AuditEntry
from stdgap.surveys import answering
from stdgap.surveys import operations as survey_operations
from stdgap.surveys import queries as survey_queries
from stdgap.surveys.answering import Respondent
from stdgap.surveys.questions import QuestionInput
from stdgap.tabular.errors import ImportFailed
from stores import Templates

SURVEY = consultation.survey_id_of(NEXT)


@pytest.fixture
def engine(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "cxo-consult-world", build_consult_world, tmp_path)
    found = open_store(url)
    yield found
    found.dispose()
    templates.drop(url)


def _audit(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars())


def _user_id(engine: Engine, name: str) -> int:
    from stdgap.accounts.models import User

    with engine.connect() as connection:
        found: int = connection.execute(select(User.id).where(User.name == name)).scalar_one()
        return found


def consult(engine: Engine, *regions: str, users: tuple[tuple[str, str | None], ...] = ()) -> Any:
    spec = ConsultationInput(list(regions), DEADLINE, None, users)
    return consultation.consult.perform(engine, ACTOR, NEXT, spec)


def test_the_consultation_goes_to_the_developing_members_of_the_region(engine: Engine) -> None:
    before = _audit(engine)
    sent = consult(engine, "Africa")
    assert (sent.survey_id, sent.regions, sent.invited, sent.queued) == (SURVEY, ["Africa"], 2, 2)
    assert sorted(recipients(engine)) == ["ken@example.org", "nga@example.org"]
    survey = survey_queries.summary(engine, SURVEY)
    assert survey is not None
    assert (survey.purpose, survey.subject, survey.status) == ("consultation", NEXT, "open")
    questions = survey_queries.stored(engine, SURVEY).questions
    assert [q.question.key for q in questions] == ["topics", "discuss", "needs"]
    topics = questions[0].question
    assert topics.type == "multiple" and "Digital health" in topics.options
    assert "health" in questions[2].question.text
    # One write, audited once as the CxO operation (the surveys' operations ran in its unit).
    assert _audit(engine)[len(before) :] == ["cxo.consult"]
    detail = queries.meeting_detail(engine, NEXT)
    assert detail["regions"] == ["Africa"]
    assert detail["consultation"]["survey_id"] == SURVEY
    assert detail["consultation"]["invited"] == 2
    assert detail["consultation"]["results_url"] is None  # open: results not public yet


def test_all_regions_and_users_answering_for_members(engine: Engine) -> None:
    sent = consult(engine, "all", users=(("applicant", "MS-KEN"),))
    # Kenya, Nigeria, Brazil, Cambodia and the applicant's account; not Switzerland.
    assert sent.invited == 5
    assert "che@example.org" not in recipients(engine)
    assert {"bra@example.org", "khm@example.org", "applicant@example.org"} <= set(
        recipients(engine)
    )
    assert queries.meeting_detail(engine, NEXT)["regions"] == list(ITU_REGIONS)


@pytest.mark.parametrize(
    ("regions", "deadline_shift", "error", "words"),
    [
        (["Atlantis"], 0, CxoError, "'Atlantis' is not an ITU region"),
        ([], 0, CxoError, "regions: choose"),
        (["Africa"], 30, CxoError, "after the meeting's first day"),
    ],
)
def test_a_bad_consultation_is_refused_and_writes_nothing(
    engine: Engine, regions: list[str], deadline_shift: int, error: type, words: str
) -> None:
    from datetime import timedelta

    before = _audit(engine)
    spec = ConsultationInput(regions, DEADLINE + timedelta(days=deadline_shift))
    with pytest.raises(error, match=words):
        consultation.consult.perform(engine, ACTOR, NEXT, spec)
    assert _audit(engine) == before
    assert survey_queries.summary(engine, SURVEY) is None
    assert recipients(engine) == []


def test_unknown_meeting_a_second_consultation_and_a_developed_only_target(engine: Engine) -> None:
    with pytest.raises(Unknown, match="no CxO meeting 'CTO-X'"):
        consultation.consult.perform(engine, ACTOR, "CTO-X", ConsultationInput(["all"], DEADLINE))
    consult(engine, "Africa")
    with pytest.raises(WrongState, match="has a consultation already"):
        consult(engine, "Americas")
    # Europe has no developing-country member here: the surveys' refusal, as a CxO refusal.
    spec = ConsultationInput(["Europe"], DEADLINE)
    with pytest.raises(CxoError, match="no one to invite"):
        consultation.consult.perform(engine, ACTOR, LATER, spec)
    assert survey_queries.summary(engine, consultation.survey_id_of(LATER)) is None


def test_a_questionnaire_file_replaces_the_default_and_a_bad_one_names_its_line(
    engine: Engine, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            [
                {"key": "q1", "type": "single", "text": "?", "options": ["A"]},
                {"key": "q2", "type": "colour", "text": "?"},
            ],
            indent=1,
        )
    )
    with pytest.raises(ImportFailed) as failed:
        consultation.questions_from_file(bad)
    assert any(
        str(e).startswith("bad.json:") and "type" in str(e) and "colour" in str(e)
        for e in failed.value.errors
    )
    good = tmp_path / "q.csv"
    good.write_text("key,type,text,options\nfocus,single,Main focus?,Health|Transport\n")
    spec = ConsultationInput(["Africa"], DEADLINE, consultation.questions_from_file(good))
    consultation.consult.perform(engine, ACTOR, NEXT, spec)
    keys = [q.question.key for q in survey_queries.stored(engine, SURVEY).questions]
    assert keys == ["focus"]


def _answer(engine: Engine, topics: list[str], discuss: str) -> None:
    respondent = Respondent(_user_id(engine, "applicant"))
    answers = {"topics": topics, "discuss": [discuss]}
    answering.respond.perform(engine, "applicant", SURVEY, respondent, answers)


def test_answers_feed_the_agenda_as_items_from_the_consultation(engine: Engine) -> None:
    consult(engine, "Africa", users=(("applicant", "MS-KEN"),))
    _answer(engine, ["Digital health", "Security and trust"], "Affordable telemedicine")
    found = {q["key"]: q for q in consulted.answers(engine, NEXT, exact=True) or []}
    counts = {c["value"]: c["count"] for c in found["topics"]["choices"]}
    assert counts["Digital health"] == 1 and counts["Smart sustainable cities"] == 0
    assert found["discuss"]["texts"] == ["Affordable telemedicine"]
    # Perturbed for those who may not read survey results exactly: no free texts.
    public = {q["key"]: q for q in consulted.answers(engine, NEXT, exact=False) or []}
    assert public["discuss"]["texts"] == []
    before = _audit(engine)
    first = consultation.add_from_consultation.perform(
        engine, ACTOR, NEXT, "topics", "Digital health", None, "T.2"
    )
    second = consultation.add_from_consultation.perform(
        engine, ACTOR, NEXT, "discuss", "Affordable telemedicine", "Telemedicine at low cost"
    )
    assert (first, second) == (1, 2)
    assert _audit(engine)[len(before) :] == ["cxo.agenda_from_consultation"] * 2
    agenda = queries.meeting_detail(engine, NEXT)["agenda"]
    assert [(i["title"], i["source"], i["survey_id"], i["question_key"]) for i in agenda] == [
        ("Digital health", "consultation", SURVEY, "topics"),
        ("Telemedicine at low cost", "consultation", SURVEY, "discuss"),
    ]
    assert all(i["from_consultation"] and i["results_url"] is None for i in agenda)
    assert agenda[0]["objective"] == "T.2"
    with pytest.raises(WrongState, match="on the agenda already"):
        consultation.add_from_consultation.perform(engine, ACTOR, NEXT, "topics", "Digital health")
    with pytest.raises(CxoError, match="'Space' is not an answer of topics"):
        consultation.add_from_consultation.perform(engine, ACTOR, NEXT, "topics", "Space")
    with pytest.raises(CxoError, match="no respondent wrote 'Something no one wrote'"):
        consultation.add_from_consultation.perform(
            engine, ACTOR, NEXT, "discuss", "Something no one wrote"
        )
    with pytest.raises(CxoError, match="'colour' is not a question"):
        consultation.add_from_consultation.perform(engine, ACTOR, NEXT, "colour", "red")
    with pytest.raises(WrongState, match="has no consultation"):
        consultation.add_from_consultation.perform(engine, ACTOR, LATER, "topics", "Digital health")
    # Once the survey is closed its results are public, and the agenda links to them.
    survey_operations.close_survey.perform(engine, ACTOR, SURVEY)
    closed = queries.meeting_detail(engine, NEXT)
    assert closed["consultation"]["results_url"] == f"/surveys/{SURVEY}/results"
    assert {i["results_url"] for i in closed["agenda"]} == {f"/surveys/{SURVEY}/results"}


def test_the_meeting_start_is_the_last_possible_deadline(engine: Engine) -> None:
    spec = ConsultationInput(["Africa"], NEXT_START, [QuestionInput("q", "text", "Anything?")])
    assert consultation.consult.perform(engine, ACTOR, NEXT, spec).invited == 2
    survey = survey_queries.summary(engine, SURVEY)
    assert survey is not None and survey.deadline == NEXT_START
