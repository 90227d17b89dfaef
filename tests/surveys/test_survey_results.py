"""The results of a survey through the indicator engine's disclosure control, on both
backends: analysts and admins see exact counts and the free texts; officers (any time) and the
public (once closed) see counts with the cell-key noise, suppressed under the public minimum
cell size, the same every time; the free texts are never theirs. The engine's own indicators
of the fact source answer too."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import BytesIO
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine
from survey_world import FAR, outbox

from factories import ACTOR
from stdgap.indicators.request import IndicatorRequest
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.surveys import answering, operations
from stdgap.surveys.answering import Respondent
from stdgap.surveys.questions import QuestionInput
from stdgap.surveys.targeting import Target
from stdgap_testing import compute
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
SURVEY = "BIG-1"
#: 14 developing members (Kenya) and 3 developed (Switzerland) answering.
DEVELOPING, DEVELOPED = 14, 3


def _answer(index: int) -> dict[str, list[str]]:
    return {
        "need": ["Yes" if index % 3 else "No"],
        "why": [f'=HYPERLINK("x") reason {index}'],
    }


def _big_survey(engine: Engine) -> None:
    header = ["member_id", "name", "type", "country", "contact_email"]
    rows = [
        {"member_id": f"D-{i}", "name": f"Dev {i}", "type": "sector_member", "country": "KEN",
         "contact_email": f"d{i}@example.org"}
        for i in range(DEVELOPING)
    ] + [
        {"member_id": f"R-{i}", "name": f"Rich {i}", "type": "sector_member", "country": "CHE",
         "contact_email": f"r{i}@example.org"}
        for i in range(DEVELOPED)
    ]  # fmt: skip
    run_import.perform(engine, ACTOR, [Source.from_rows("t:m", "members", header, rows)])
    questions = [
        QuestionInput("need", "single", "Need?", ("Yes", "No"), True),
        QuestionInput("why", "text", "Why?"),
    ]
    operations.create_with_questions.perform(
        engine, ACTOR, SURVEY, "Big", "priorities", FAR, questions, True
    )
    before = len(outbox(engine))
    operations.open_survey.perform(
        engine, ACTOR, SURVEY, Target(members=tuple(r["member_id"] for r in rows))
    )
    tokens = [body.split("token=")[1].split()[0] for _k, _to, body in outbox(engine)[before:]]
    assert len(tokens) == DEVELOPING + DEVELOPED
    for index, token in enumerate(tokens):
        answering.respond.perform(
            engine, answering.ANONYMOUS_ACTOR, SURVEY, Respondent(token=token), _answer(index)
        )


def _counts(body: dict[str, Any], key: str) -> dict[tuple[str, str], Any]:
    question = next(q for q in body["questions"] if q["key"] == key)
    return {
        (group["group"], choice["value"]): (choice["count"], choice["protection"])
        for group in question["groups"]
        for choice in group["choices"]
    }


def test_analysts_see_exact_counts_and_the_public_protected_ones(
    world: Engine, client: TestClient
) -> None:
    _big_survey(world)
    yes = sum(1 for i in range(DEVELOPING + DEVELOPED) if i % 3)
    sign_in(client, "analyst")
    exact = client.get(f"/api/v1/surveys/{SURVEY}/results?by=status", headers=JSON).json()
    assert exact["exact"]
    counts = _counts(exact, "need")
    dev_yes = sum(1 for i in range(DEVELOPING) if i % 3)
    assert counts[("developing", "Yes")] == (dev_yes, "exact")
    # the survey is anonymous: a group under the public minimum is suppressed for analysts too
    assert counts[("developed", "Yes")] == (None, "suppressed")
    total = client.get(f"/api/v1/surveys/{SURVEY}/results", headers=JSON).json()
    assert _counts(total, "need")[("all", "Yes")] == (yes, "exact")
    why = next(q for q in exact["questions"] if q["key"] == "why")
    assert len(why["texts"]) == DEVELOPING + DEVELOPED
    # the export is for analysts, formula-guarded
    csv = client.get(f"/surveys/{SURVEY}/export.csv").text
    assert "'=HYPERLINK" in csv and "member" not in csv.splitlines()[0].split(",")[5:6]

    client.cookies.clear()
    sign_in(client, "officer")
    public = client.get(f"/api/v1/surveys/{SURVEY}/results?by=status", headers=JSON).json()
    assert not public["exact"] and all("texts" not in q for q in public["questions"])
    shown = _counts(public, "need")
    again = _counts(
        client.get(f"/api/v1/surveys/{SURVEY}/results?by=status", headers=JSON).json(), "need"
    )
    assert shown == again  # the same noise every time
    truth = {
        ("developing", "Yes"): dev_yes,
        ("developing", "No"): DEVELOPING - dev_yes,
        ("developed", "Yes"): yes - dev_yes,
        ("developed", "No"): DEVELOPED - (yes - dev_yes),
    }
    for cell, (count, how) in shown.items():
        true = truth[cell]
        if true < 5:
            assert (count, how) == (None, "suppressed"), cell
        elif count is None:
            assert how == "suppressed"
        else:
            assert how == "perturbed" and abs(count - true) <= 3 and count >= 5, cell
    assert shown[("developed", "Yes")] == (None, "suppressed")  # 2 of 3: below the minimum
    assert shown[("developed", "No")] == (None, "suppressed")  # 1, or an empty cell alike

    client.cookies.clear()
    problem(client.get(f"/api/v1/surveys/{SURVEY}/results", headers=JSON), 401)
    operations.close_survey.perform(world, ACTOR, SURVEY)
    closed = client.get(f"/api/v1/surveys/{SURVEY}/results?by=status", headers=JSON).json()
    assert _counts(closed, "need") == shown
    page = client.get(f"/surveys/{SURVEY}/results")
    assert page.status_code == 200 and "reason 1" not in page.text


def test_the_engine_s_indicators_of_survey_responses(world: Engine) -> None:
    _big_survey(world)
    cells = compute(world, ["survey_responses"], ["status"], min_cell=1)
    assert {c.dims["status"]: c.value for c in cells} == {
        "developing": DEVELOPING,
        "developed": DEVELOPED,
    }
    share = compute(world, ["developing_survey_response_share"], [], min_cell=1)
    assert share[0].numerator == DEVELOPING and share[0].denominator == DEVELOPING + DEVELOPED
    year = str(date.today().year)
    public = compute(world, ["survey_responses"], ["status"], {"year": year})
    assert all(c.protection in ("perturbed", "suppressed") for c in public)
    assert IndicatorRequest.of(["survey_responses"], ["region"]).chosen == ("survey_responses",)


def test_an_anonymous_survey_s_export_cannot_name_a_respondent(
    world: Engine, client: TestClient
) -> None:
    """No day, country or member type; the country groups only where they cannot single out a
    respondent; rows, and free texts, not in the order the answers came (with the
    invitations, which say who answered, that order would name the authors)."""
    _big_survey(world)
    sign_in(client, "analyst")
    for path in (f"/api/v1/surveys/{SURVEY}/export?format=xlsx", f"/surveys/{SURVEY}/export.xlsx"):
        sheet = load_workbook(BytesIO(client.get(path).content)).active
        header, *rows = [[c.value or "" for c in row] for row in sheet.iter_rows()]
        assert header == ["response", "developing", "region", "need", "why"]
        assert [row[0] for row in rows] == list(range(1, DEVELOPING + DEVELOPED + 1))
        # 14 from Kenya show their groups; the 3 from Switzerland (under 5) show none
        groups = Counter((row[1], row[2]) for row in rows)
        assert groups == {("yes", "Africa"): DEVELOPING, ("", ""): DEVELOPED}
        answers = [row[3:] for row in rows]
        came = [[_answer(i)["need"][0], "'" + _answer(i)["why"][0]] for i in range(len(rows))]
        assert answers != came and sorted(answers) == sorted(came)
    texts = client.get(f"/api/v1/surveys/{SURVEY}/results", headers=JSON).json()["questions"][1]
    assert texts["texts"] == sorted(texts["texts"])
    assert texts["texts"] != [_answer(i)["why"][0] for i in range(DEVELOPING + DEVELOPED)]
    # the invitations say who answered, with no time
    client.cookies.clear()
    sign_in(client, "officer")
    invited = client.get(f"/api/v1/surveys/{SURVEY}/invitations", headers=JSON).json()["items"]
    assert {tuple(sorted(i)) for i in invited} == {
        ("answered", "email", "member", "name", "reminders", "user")
    }
    assert all(i["answered"] for i in invited)
