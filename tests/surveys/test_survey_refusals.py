"""Files and answers refused alike everywhere, on both backends: a questionnaire nested too
deep (no RecursionError), one without a question (import and new survey alike), keys that
differ only by case; scale values in ASCII digits only; a draft unknown to whoever may not see
it (404, as an unknown id); the reason an answer is refused (closed, or not open yet)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from survey_world import CLOSED, DRAFT, NAMED, user_id
from typer.testing import CliRunner

from factories import ACTOR
from stdgap.cli.main import app
from stdgap.surveys import answering, operations, queries
from stdgap.surveys.answering import Respondent
from stdgap.surveys.errors import SurveyError, WrongState
from stdgap.surveys.models import Survey
from stdgap.surveys.questionnaire import checked_questionnaire
from stdgap.tabular.errors import ImportFailed
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
DEEP = b"[" * 100_000 + b"]" * 100_000


def _errors(failure: pytest.ExceptionInfo[ImportFailed]) -> str:
    return "\n".join(str(error) for error in failure.value.errors)


def _keys(engine: Engine, survey_id: str) -> list[str]:
    return [q["key"] for q in queries.survey_record(engine, survey_id)["questions"]]


def test_a_deeply_nested_questionnaire_is_a_clear_error(
    world: Engine, client: TestClient, cli: CliRunner, tmp_path: Path
) -> None:
    client.headers["X-CSRF-Token"] = sign_in(client, "officer")
    answer = client.post(
        f"/surveys/{DRAFT}/questions/import", files={"file": ("deep.json", DEEP)}, headers=JSON
    )
    body = problem(answer, 422)
    assert body["detail"].startswith("deep.json:1: column 9: lists and objects nested deeper")
    path = tmp_path / "deep.json"
    path.write_bytes(b"[\n  " + DEEP)
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(app, ["--db", url, "surveys", "import-questions", DRAFT, str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}:2: column 10: lists and objects nested deeper" in result.output
    with pytest.raises(ImportFailed) as failure:
        checked_questionnaire(path)
    assert "deep.json:2: column 10: lists and objects nested deeper than 8" in _errors(failure)


@pytest.mark.parametrize(
    ("name", "text"),
    [("q.csv", "key,type,text,options\n"), ("q.json", "[]"), ("q.json", '{"questions": []}')],
)
def test_a_file_without_a_question_is_refused_everywhere(
    world: Engine, client: TestClient, cli: CliRunner, tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ImportFailed) as failure:
        checked_questionnaire(path)
    assert _errors(failure) == f"{name}:1: key: the file has no question"
    with pytest.raises(ImportFailed) as failure:
        operations.import_questions.perform(world, ACTOR, DRAFT, path)
    assert _errors(failure) == f"{name}:1: key: the file has no question"
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(app, ["--db", url, "surveys", "import-questions", DRAFT, str(path)])
    assert result.exit_code == 2 and "the file has no question" in result.output
    client.headers["X-CSRF-Token"] = sign_in(client, "officer")
    answer = client.post(
        f"/surveys/{DRAFT}/questions/import", files={"file": (name, text.encode())}, headers=JSON
    )
    assert "the file has no question" in problem(answer, 422)["detail"]
    assert len(_keys(world, DRAFT)) == 4


def test_keys_are_unique_without_case(world: Engine, tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text("key,type,text\nEe,text,First?\nee,text,Second?\nNEED,text,Third?\n")
    with pytest.raises(ImportFailed) as failure:
        operations.import_questions.perform(world, ACTOR, DRAFT, path)
    assert _errors(failure).splitlines() == [
        "q.csv:3: key: the key 'ee' is the key 'Ee' already (keys are compared without case)",
        "q.csv:4: key: the key 'NEED' is the key 'need' already (keys are compared without case)",
    ]
    from stdgap.surveys.questions import QuestionInput

    with pytest.raises(SurveyError, match="compared without case"):
        operations.add_question.perform(world, ACTOR, DRAFT, QuestionInput("Useful", "text", "?"))
    assert _keys(world, DRAFT) == ["need", "areas", "detail", "useful"]


@pytest.mark.parametrize("value", ["٣", "３", "1_0", "+3", " 3.0", "-3"])
def test_scale_answers_are_ascii_digits(world: Engine, value: str) -> None:
    applicant = Respondent(user_id(world, "applicant"))
    with pytest.raises(SurveyError, match="is not on the scale from 1 to 5"):
        answering.respond.perform(
            world, "applicant", NAMED, applicant, {"need": ["No"], "useful": [value]}
        )
    receipt = answering.respond.perform(
        world, "applicant", NAMED, applicant, {"need": ["No"], "useful": [" 3 "]}
    )
    assert receipt.answered == 2


def test_scale_ends_are_ascii_digits(world: Engine, client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    path.write_text(json.dumps([{"key": "s", "type": "scale", "text": "S?", "min": "١", "max": 5}]))
    with pytest.raises(ImportFailed) as failure:
        operations.import_questions.perform(world, ACTOR, DRAFT, path)
    assert _errors(failure) == "q.json:1: min: '١' is not a whole number"
    path.write_text(json.dumps([{"key": "s", "type": "scale", "text": "S?", "min": -2, "max": 2}]))
    assert operations.import_questions.perform(world, ACTOR, DRAFT, path) == 1
    token = sign_in(client, "officer")
    form = {
        "csrf_token": token,
        "key": "t",
        "type": "scale",
        "text": "T?",
        "scale_min": "٣",
        "scale_max": "5",
    }
    answer = client.post(f"/surveys/{DRAFT}/questions", data=form, headers=JSON)
    assert "is not a whole number" in problem(answer, 422)["detail"]
    answer = client.post(
        f"/api/v1/surveys/{DRAFT}/questions",
        json={"key": "t", "type": "scale", "text": "T?", "min": "1_0", "max": 20},
        headers={**JSON, "X-CSRF-Token": token},
    )
    problem(answer, 422)
    assert _keys(world, DRAFT)[-1] == "s"


def test_a_draft_is_not_found_by_those_who_may_not_see_it(client: TestClient) -> None:
    token = client.get("/api/v1/session").json()["csrf_token"]
    headers = {**JSON, "X-CSRF-Token": token}
    body = {"answers": {"need": "No"}}
    for survey in (DRAFT, "NO-SUCH-SURVEY"):
        answer = client.post(f"/api/v1/surveys/{survey}/responses", json=body, headers=headers)
        assert problem(answer, 404)["detail"] == f"no survey '{survey}'"
        problem(client.get(f"/api/v1/surveys/{survey}", headers=JSON), 404)
    sign_in(client, "analyst")
    problem(client.get(f"/api/v1/surveys/{DRAFT}", headers=JSON), 404)
    client.cookies.clear()
    sign_in(client, "officer")
    assert client.get(f"/api/v1/surveys/{DRAFT}", headers=JSON).status_code == 200


def test_the_refusal_of_an_answer_says_why(world: Engine) -> None:
    answer = {"need": ["No"]}
    analyst = Respondent(user_id(world, "analyst"))
    with pytest.raises(WrongState, match=f"^{CLOSED} is closed: it takes no more answers$"):
        answering.respond.perform(world, "analyst", CLOSED, analyst, answer)
    applicant = Respondent(user_id(world, "applicant"))
    deadline = queries.stored(world, NAMED).deadline
    late = deadline + timedelta(days=1)
    with pytest.raises(WrongState, match=f"closed: its deadline was {deadline.isoformat()}"):
        answering.respond.perform(world, "applicant", NAMED, applicant, answer, today=late)
    with pytest.raises(WrongState, match=f"^{DRAFT} is not open yet$"):
        answering.respond.perform(world, "applicant", DRAFT, applicant, answer)
    opens = date.today() + timedelta(days=3)
    with world.begin() as connection:
        connection.execute(update(Survey).where(Survey.survey_id == NAMED).values(opens=opens))
    with pytest.raises(WrongState, match=f"takes answers from {opens.isoformat()}"):
        answering.respond.perform(world, "applicant", NAMED, applicant, answer)
