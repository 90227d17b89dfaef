"""Issue 14's flow walked through the API on both backends: a CxO meeting and its agenda, the
consultation of developing countries, an answer from a user answering for a developing-country
member, the answer added to the agenda, participants, a conclusion raised, revisited at the next
meeting, taken under study, addressed and closed, and the reports (TSAG, WTSA, communiqué)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from consult_world import DEADLINE, TODAY, build_consult_world
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
MEETING, NEXT = "CTO-W1", "CTO-W2"
SURVEY = f"{MEETING}-consultation"


@pytest.fixture
def client(
    backend: str, templates: Templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    url = templates.copy(backend, "cxo-consult-world", build_consult_world, tmp_path)
    engine: Engine = open_store(url)
    app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client
    engine.dispose()
    templates.drop(url)


def _post(client: TestClient, token: str, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json=body, headers={**JSON, "X-CSRF-Token": token})


def _meeting(client: TestClient, token: str, meeting_id: str, days: int) -> None:
    body = {
        "meeting_id": meeting_id,
        "title": f"CTO meeting {meeting_id}",
        "theme": "health",
        "start": str(TODAY + timedelta(days=days)),
        "city": "Nairobi",
        "host_country": "KEN",
    }
    made = _post(client, token, "/api/v1/cxo/meetings", body)
    assert made.status_code == 201, made.text


def test_the_whole_flow_through_the_api(client: TestClient) -> None:
    officer = sign_in(client, "officer")
    _meeting(client, officer, MEETING, 40)
    item = _post(
        client,
        officer,
        f"/api/v1/cxo/meetings/{MEETING}/agenda",
        {"title": "Opening", "objective": "T.1"},
    )
    assert item.status_code == 201, item.text
    # The consultation: its refusals first (422 a bad region, 404 an unknown meeting).
    bad = _post(
        client, officer, f"/api/v1/cxo/meetings/{MEETING}/consultation",
        {"regions": ["Atlantis"], "deadline": str(DEADLINE)},
    )  # fmt: skip
    assert "Atlantis" in problem(bad, 422)["detail"]
    unknown = _post(
        client, officer, "/api/v1/cxo/meetings/NOPE/consultation",
        {"regions": ["Africa"], "deadline": str(DEADLINE)},
    )  # fmt: skip
    problem(unknown, 404)
    body = {"regions": ["Africa"], "deadline": str(DEADLINE), "users": ["applicant MS-KEN"]}
    sent = _post(client, officer, f"/api/v1/cxo/meetings/{MEETING}/consultation", body)
    assert sent.status_code == 201, sent.text
    assert sent.json()["survey_id"] == SURVEY and sent.json()["invited"] == 3
    assert sent.json()["consultation"]["status"] == "open"
    problem(_post(client, officer, f"/api/v1/cxo/meetings/{MEETING}/consultation", body), 409)
    survey = client.get(f"/api/v1/surveys/{SURVEY}", headers=JSON).json()
    assert survey["purpose"] == "consultation" and survey["subject"] == MEETING

    client.cookies.clear()
    member = sign_in(client, "applicant")
    answers = {"topics": ["Digital health", "Security and trust"], "discuss": "Telemedicine"}
    answered = _post(client, member, f"/api/v1/surveys/{SURVEY}/responses", {"answers": answers})
    assert answered.status_code == 201, answered.text
    # Those who do not set the agenda see the consultation, not its answers.
    mine = client.get(f"/api/v1/cxo/meetings/{MEETING}/consultation", headers=JSON).json()
    assert mine["consultation"]["answered"] == 1 and mine["answers"] is None

    client.cookies.clear()
    sign_in(client, "analyst")
    exact = client.get(f"/api/v1/cxo/meetings/{MEETING}/consultation", headers=JSON).json()
    assert exact["exact"] is True
    by_key = {q["key"]: q for q in exact["answers"]}
    assert {c["value"]: c["count"] for c in by_key["topics"]["choices"]}["Digital health"] == 1
    assert by_key["discuss"]["texts"] == ["Telemedicine"]

    client.cookies.clear()
    officer = sign_in(client, "officer")
    seen = client.get(f"/api/v1/cxo/meetings/{MEETING}/consultation", headers=JSON).json()
    # the officer who sets the agenda reads a named consultation's answers as they are
    assert seen["exact"] is True and seen["answers"][0]["key"] == "topics"
    assert {q["key"]: q for q in seen["answers"]}["discuss"]["texts"] == ["Telemedicine"]
    added = _post(
        client, officer, f"/api/v1/cxo/meetings/{MEETING}/consultation/agenda",
        {"question": "topics", "answer": "Digital health", "objective": "T.2"},
    )  # fmt: skip
    assert added.status_code == 201, added.text
    assert added.json()["position"] == 2
    last = added.json()["agenda"][-1]
    assert (last["source"], last["survey_id"], last["question_key"]) == (
        "consultation", SURVEY, "topics",
    )  # fmt: skip
    not_an_option = _post(
        client, officer, f"/api/v1/cxo/meetings/{MEETING}/consultation/agenda",
        {"question": "topics", "answer": "Space"},
    )  # fmt: skip
    assert "Space" in problem(not_an_option, 422)["detail"]
    agenda = client.get(f"/api/v1/cxo/meetings/{MEETING}/agenda", headers=JSON).json()["agenda"]
    assert [i["from_consultation"] for i in agenda] == [False, True]

    people = {
        "participants": [
            {"name": "Awa Diop", "organisation": "Sonatel", "level": "cto", "size": "large",
             "country": "SEN", "member_id": None},
            {"name": "Ken Otieno", "organisation": "Nairobi Labs", "level": "cxo", "size": "sme",
             "country": "KEN", "mode": "remote"},
        ]
    }  # fmt: skip
    recorded = _post(client, officer, f"/api/v1/cxo/meetings/{MEETING}/participants", people)
    assert recorded.status_code == 201, recorded.text

    topic = "Telemedicine for rural clinics"
    raised = _post(
        client, officer, f"/api/v1/cxo/meetings/{MEETING}/conclusions",
        {"topic": topic, "text": "Low-bandwidth telemedicine standards are needed."},
    )  # fmt: skip
    assert raised.status_code == 201, raised.text
    number = raised.json()["conclusion_id"]
    _meeting(client, officer, NEXT, 200)
    revisited = _post(
        client, officer, f"/api/v1/cxo/conclusions/{number}/revisits",
        {"meeting_id": NEXT, "note": "Still a priority."},
    )  # fmt: skip
    assert revisited.status_code == 201, revisited.text
    for state in ({"state": "under_study", "study_group": "SG20", "question": "Q1/20"},):
        moved = _post(client, officer, f"/api/v1/cxo/conclusions/{number}/state", state)
        assert moved.status_code == 200, moved.text
    tsag = client.get("/api/v1/cxo/reports/tsag", headers=JSON).json()
    listed = [c for c in tsag["open"] if c["conclusion_id"] == number]
    assert len(listed) == 1 and len(listed[0]["history"]) >= 3
    for state in ("addressed", "closed"):
        moved = _post(client, officer, f"/api/v1/cxo/conclusions/{number}/state", {"state": state})
        assert moved.status_code == 200, moved.text
    problem(
        _post(client, officer, f"/api/v1/cxo/conclusions/{number}/state", {"state": "raised"}), 409
    )
    closed = client.get(f"/api/v1/cxo/conclusions/{number}", headers=JSON).json()
    assert closed["state"] == "closed"
    after = client.get("/api/v1/cxo/reports/tsag", headers=JSON).json()
    assert all(c["conclusion_id"] != number for c in after["open"])
    [ended] = [c for c in after["ended"] if c["conclusion_id"] == number]
    assert ended["state"] == "closed" and len(ended["history"]) >= 5
    wtsa = client.get("/api/v1/cxo/reports/wtsa?period=2025-2028", headers=JSON)
    assert wtsa.status_code == 200, wtsa.text
    docx = client.get(f"/api/v1/cxo/meetings/{MEETING}/communique?format=docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert topic in text
