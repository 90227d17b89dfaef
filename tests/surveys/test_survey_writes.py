"""The writes of surveys on both backends: questionnaires from files (bad files name file,
line, column and value, and write nothing), conditional questions, the deadline and closed
surveys, one response per invitation, anonymity (no link from an answer to who gave it, in the
tables or the audit log), reminders only to those who have not answered (read in the outbox)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from survey_world import ANON, CLOSED, DRAFT, FAR, NAMED, outbox, user_id

from factories import ACTOR
from stdgap.store.audit import AuditEntry
from stdgap.surveys import answering, operations, queries
from stdgap.surveys.answering import Respondent
from stdgap.surveys.errors import NotInvited, SurveyError, WrongState
from stdgap.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse
from stdgap.tabular.errors import ImportFailed


def _questions(engine: Engine, survey_id: str) -> list[str]:
    return [q["key"] for q in queries.survey_record(engine, survey_id)["questions"]]


def test_a_questionnaire_is_imported_from_json_csv_and_xlsx(world: Engine, tmp_path: Path) -> None:
    operations.create_survey.perform(world, ACTOR, "F-1", "From files", "other", FAR)
    data = [
        {"key": "role", "type": "single choice", "text": "Your role?", "options": ["CTO", "Other"]},
        {"key": "why", "type": "text", "text": "Why?", "condition": "role = Other"},
    ]
    (tmp_path / "q.json").write_text(json.dumps({"questions": data}))
    assert operations.import_questions.perform(world, ACTOR, "F-1", tmp_path / "q.json") == 2
    (tmp_path / "q.csv").write_text(
        "key,type,text,options,required,condition,min,max\n"
        "size,multiple,Sizes?,SME|Large,yes,role = CTO,,\n"
        "score,scale,Score?,,no,,1,7\n"
    )
    assert operations.import_questions.perform(world, ACTOR, "F-1", tmp_path / "q.csv") == 2
    book = Workbook()
    sheet = book.active
    sheet.append(["key", "type", "text", "options"])
    sheet.append(["last", "single", "Again?", "Yes|No"])
    book.save(tmp_path / "q.xlsx")
    assert operations.import_questions.perform(world, ACTOR, "F-1", tmp_path / "q.xlsx") == 1
    record = queries.survey_record(world, "F-1")
    assert [q["key"] for q in record["questions"]] == ["role", "why", "size", "score", "last"]
    size = record["questions"][2]
    assert size["required"] and size["condition"] == {
        "question": "role",
        "op": "equals",
        "values": ["CTO"],
    }
    assert record["questions"][3]["scale"]["max"] == 7


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "bad.csv",
            "key,type,text,options,condition\nq1,single,A?,Yes|No,\nq2,ranking,B?,,\n",
            ["bad.csv:3: type: 'ranking' is not single, multiple, scale or text"],
        ),
        (
            "bad.csv",
            "key,type,text,options,condition\nq1,single,A?,Yes,\nq2,text,B?,,q1 = Maybe\n",
            [
                "bad.csv:2: options: a choice question has 2 to 50 options",
                "bad.csv:3: condition: 'Maybe' is not an answer of q1 (Yes)",
            ],
        ),
        (
            "bad.csv",
            "key,type,text,condition\nq1,text,A?,q9 = Yes\nq1,text,B?,\n",
            [
                "bad.csv:2: condition: the condition names 'q9', which is not an earlier question",
                "bad.csv:3: key: the key 'q1' is used twice",
            ],
        ),
        (
            "bad.csv",
            "key,text\nq1,A?\n",
            ["bad.csv:1: type: required column 'type' is missing from the header"],
        ),
        (
            "bad.json",
            '[\n  {"key": "q1", "type": "single", "text": "A?", "options": ["a", "b"]},\n'
            '  {"key": "q2", "type": "scale", "text": "B?", "min": 5, "max": "x"}\n]\n',
            ["bad.json:3: max: 'x' is not a whole number"],
        ),
        ("bad.json", '[{"key": "q1",\n "type": }]', ["bad.json:2: column 10: not JSON"]),
    ],
)
def test_a_bad_questionnaire_names_file_line_column_and_value_and_writes_nothing(
    world: Engine, tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(text)
    before = _questions(world, DRAFT)
    with pytest.raises(ImportFailed) as failure:
        operations.import_questions.perform(world, ACTOR, DRAFT, path)
    lines = [str(error) for error in failure.value.errors]
    for wanted in expected:
        assert any(line.startswith(wanted) for line in lines), lines
    assert _questions(world, DRAFT) == before


def test_questions_are_fixed_once_the_survey_is_open(world: Engine) -> None:
    from stdgap.surveys.questions import QuestionInput

    with pytest.raises(WrongState):
        operations.add_question.perform(
            world, ACTOR, NAMED, QuestionInput("late", "text", "Too late?")
        )


def test_conditional_questions_are_checked_on_the_server(world: Engine) -> None:
    applicant = Respondent(user_id(world, "applicant"))
    # 'areas' is shown (need = Yes) and required
    with pytest.raises(SurveyError, match="areas: an answer is required"):
        answering.respond.perform(world, "applicant", NAMED, applicant, {"need": ["Yes"]})
    with pytest.raises(SurveyError, match="'Sport' is not one of the options"):
        answering.respond.perform(
            world, "applicant", NAMED, applicant, {"need": ["Yes"], "areas": ["Sport"]}
        )
    with pytest.raises(SurveyError, match="not on the scale from 1 to 5"):
        answering.respond.perform(
            world, "applicant", NAMED, applicant, {"need": ["No"], "useful": ["9"]}
        )
    # need = No: 'areas' and 'detail' are hidden; answers sent to them are dropped
    answering.respond.perform(
        world,
        "applicant",
        NAMED,
        applicant,
        {"need": ["No"], "areas": ["Transport"], "detail": ["x"], "useful": ["4"]},
    )
    stored = {a.key: a for a in queries.answers_by_question(world, NAMED)}
    assert stored["need"].counts == {"Yes": 0, "No": 1}
    assert stored["areas"].respondents == 0 and stored["detail"].texts == ()
    assert stored["useful"].counts["4"] == 1
    # a named response is changed until the deadline: the chain need → areas → detail
    receipt = answering.respond.perform(
        world,
        "applicant",
        NAMED,
        applicant,
        {"need": ["Yes"], "areas": ["Transport", "Health"], "detail": ["rail links"]},
    )
    assert receipt.changed
    stored = {a.key: a for a in queries.answers_by_question(world, NAMED)}
    assert stored["need"].counts == {"Yes": 1, "No": 0}
    assert stored["areas"].counts == {"Health": 1, "Transport": 1, "Education": 0}
    assert stored["detail"].texts == ("rail links",) and stored["useful"].respondents == 0
    with world.connect() as connection:
        assert connection.execute(select(func.count()).select_from(SurveyResponse)).scalar() == 1


def test_answers_are_refused_after_the_deadline_closed_or_not_invited(world: Engine) -> None:
    applicant = Respondent(user_id(world, "applicant"))
    answer = {"need": ["No"]}
    with pytest.raises(WrongState, match="closed: its deadline was"):
        answering.respond.perform(
            world, "applicant", NAMED, applicant, answer, today=FAR + timedelta(days=1)
        )
    with pytest.raises(WrongState):
        answering.respond.perform(
            world, "analyst", CLOSED, Respondent(user_id(world, "analyst")), answer
        )
    with pytest.raises(WrongState):
        answering.respond.perform(world, "applicant", DRAFT, applicant, answer)
    with pytest.raises(NotInvited):
        answering.respond.perform(
            world, "officer", NAMED, Respondent(user_id(world, "officer")), answer
        )
    with pytest.raises(NotInvited):
        answering.respond.perform(world, "x", NAMED, Respondent(token="forged"), answer)
    with world.connect() as connection:
        assert connection.execute(select(func.count()).select_from(SurveyResponse)).scalar() == 0


def test_an_anonymous_response_holds_no_link_to_who_gave_it(world: Engine) -> None:
    applicant = user_id(world, "applicant")
    answer = {"need": ["Yes"], "areas": ["Health"]}
    with world.connect() as connection:
        actor = answering.actor_for(connection, ANON, "applicant")
    assert actor == answering.ANONYMOUS_ACTOR
    answering.respond.perform(world, actor, ANON, Respondent(applicant), answer)
    with pytest.raises(WrongState, match="answered already"):
        answering.respond.perform(world, actor, ANON, Respondent(applicant), answer)
    with world.connect() as connection:
        response = connection.execute(select(SurveyResponse)).one()
        assert (response.user_id, response.member_id, response.invitation_id) == (None,) * 3
        assert (response.country, response.member_type) == ("KEN", "member_state")
        answered = connection.execute(
            select(SurveyInvitation).where(SurveyInvitation.user_id == applicant)
        ).all()
        # the invitation says it was answered, with no time that could pair it with the response
        assert [row.answered for row in answered if row.survey_id == response.survey_id] == [True]
        columns = set(SurveyInvitation.__table__.columns.keys())
        assert not {"answered_at", "response_id"} & columns
        assert "user_id" not in set(SurveyAnswer.__table__.columns.keys())
        actors = (
            connection.execute(select(AuditEntry.who).where(AuditEntry.action == "surveys.respond"))
            .scalars()
            .all()
        )
        assert actors == [answering.ANONYMOUS_ACTOR]


def test_reminders_go_only_to_those_who_have_not_answered(world: Engine) -> None:
    before = len(outbox(world))
    answering.respond.perform(
        world, "applicant", NAMED, Respondent(user_id(world, "applicant")), {"need": ["No"]}
    )
    sent = operations.remind.perform(world, ACTOR, NAMED)
    reminders = [m for m in outbox(world)[before:] if m[0] == "surveys.reminder"]
    recipients = sorted(to for _kind, to, _body in reminders)
    # the developing members' contacts (Kenya, Nigeria, Cambodia), not the applicant who answered
    assert recipients == ["ken@example.org", "khm@example.org", "nga@example.org"]
    assert sent.queued == 3
    link = next(body for _k, to, body in reminders if to == "nga@example.org")
    token = link.split("token=")[1].split()[0]
    # the new link answers for Nigeria's contact
    answering.respond.perform(
        world, "survey invitation", NAMED, Respondent(token=token), {"need": ["No"]}
    )
    again = operations.remind.perform(world, ACTOR, NAMED)
    assert again.queued == 2
    with pytest.raises(WrongState):
        operations.remind.perform(world, ACTOR, NAMED, today=FAR + timedelta(days=1))
    with pytest.raises(WrongState):
        operations.remind.perform(world, ACTOR, CLOSED)


def test_the_target_population_follows_the_country_groups(world: Engine) -> None:
    from datetime import date

    from stdgap.surveys.targeting import Target, population

    def members(target: Target) -> list[str]:
        with world.connect() as connection:
            found = population(connection, target, date.today())
        return [m["member"] for m in found.members]

    assert members(Target(classes=("developing",), member_types=("sector_member",))) == [
        "SM-KHM",
        "SM-NGA",
    ]
    assert members(Target(classes=("ldc",))) == ["SM-KHM"]
    assert members(Target(classes=("developed",))) == ["SM-CHE"]
    assert members(Target(regions=("africa",), member_types=("academia",))) == ["AC-KEN"]
    with pytest.raises(SurveyError, match="not an ITU region"):
        members(Target(regions=("Atlantis",)))
    with pytest.raises(SurveyError, match="not in the target population"):
        members(Target(classes=("developed",), users=(("applicant", "MS-KEN"),)))
    with world.connect() as connection:
        invited = connection.execute(select(func.count()).select_from(SurveyInvitation)).scalar()
        questions = connection.execute(select(func.count()).select_from(SurveyQuestion)).scalar()
    assert invited and questions
