"""Awards in the browser and the API, step by step: the public list and its filters (page,
JSON and API alike), an officer's call with its criteria and jurors, nominating (a person of
the store or someone it does not hold), the jury's conflicts of interest enforced (the form
hidden and the write refused), the e-mails each step queues, and the published results with
names and countries."""

from __future__ import annotations

import re

import pytest
from award_world import (
    N_FJI,
    N_KEN,
    N_NPL,
    OPEN,
    READY,
    SCORING,
    outbox,
    sign_in_juror,
)
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.accounts.queries import audit_rows
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}


def _score_form(call: str, nomination: str) -> str:
    return f'action="/awards/{call}/nominations/{nomination}/scores"'


def test_the_calls_are_public_and_the_filters_agree_everywhere(client: TestClient) -> None:
    page = client.get("/awards")
    assert page.status_code == 200 and "Young standards expert 2026" in page.text
    listed = client.get("/awards.json").json()["calls"]
    assert listed == client.get("/api/v1/awards/calls").json()["items"]
    assert {c["call_id"] for c in listed} == {SCORING, OPEN, READY}
    assert [c["call_id"] for c in client.get("/awards.json?status=scoring").json()["calls"]] == [
        SCORING
    ]
    open_now = client.get("/api/v1/awards/calls", params={"open": "true"}).json()["items"]
    assert {c["call_id"] for c in open_now} == {OPEN, READY}
    found = client.get("/awards.json", params={"q": "MENTOR"}).json()["calls"]
    assert [c["call_id"] for c in found] == [READY]
    problem(client.get("/api/v1/awards/calls", params={"status": "sleeping"}), 422)
    call = client.get(f"/awards/{SCORING}.json").json()["call"]
    assert [c["key"] for c in call["criteria"]] == ["impact", "novelty"]
    assert "Wanjiru" not in client.get(f"/awards/{SCORING}").text  # no nominee named before
    problem(client.get("/api/v1/awards/calls/NOPE"), 404)


def test_an_officer_opens_a_call_with_criteria_and_jurors(client: TestClient) -> None:
    token = sign_in(client, "officer")
    made = client.post(
        "/awards",
        data={
            "call_id": "YI-2027",
            "name": "Young innovator",
            "closes": "2027-03-31",
            "max_age": "30",
            "country_conflicts": "1",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert made.status_code == 303 and made.headers["location"] == "/awards/YI-2027"
    bad = client.post(
        "/awards/YI-2027/criteria",
        data={"key": "reach", "name": "Reach", "weight": "heavy", "csrf_token": token},
    )
    assert bad.status_code == 422 and "weight: &#39;heavy&#39; is not a number" in bad.text
    for key, weight, low, high in (("reach", "1.5", "0", "5"), ("depth", "1", "1", "10")):
        fields = {
            "key": key,
            "name": key.title(),
            "weight": weight,
            "min_score": low,
            "max_score": high,
            "csrf_token": token,
        }
        added = client.post("/awards/YI-2027/criteria", data=fields)
        assert added.status_code == 200 and "added" in added.text
    again = client.post(
        "/awards/YI-2027/criteria",
        data={"key": "reach", "name": "Reach", "weight": "1", "csrf_token": token},
        headers=JSON,
    )
    assert "already has a criterion" in problem(again, 422)["detail"]
    viewer = client.post("/awards/YI-2027/jurors", data={"user": "viewer", "csrf_token": token})
    assert viewer.status_code == 422 and "may not score awards" in viewer.text
    stranger = client.post(
        "/awards/YI-2027/jurors",
        data={"user": "juror2", "person": "NOBODY", "csrf_token": token},
        headers=JSON,
    )
    assert "no person" in problem(stranger, 422)["detail"]
    appointed = client.post(
        "/awards/YI-2027/jurors",
        data={"user": "juror2", "person": "CHE-J", "csrf_token": token},
        headers=JSON,
    )
    assert appointed.status_code == 201
    (juror,) = appointed.json()["jurors"]
    assert (juror["juror"], juror["member"], juror["country"]) == ("juror2", "MS-CHE", "CHE")
    call = client.get("/awards/YI-2027.json").json()["call"]
    assert (call["max_age"], call["country_conflicts"], call["status"]) == (30, True, "nominating")
    assert [(c["key"], c["min_score"], c["max_score"]) for c in call["criteria"]] == [
        ("reach", 0, 5),
        ("depth", 1, 10),
    ]
    # bad input changes nothing: an unknown normalisation, a bad date, an id with a slash
    for fields in ({"normalise": "median"}, {"closes": "31/03/2027"}, {"call_id": "A/B"}):
        body = {"call_id": "X-1", "name": "X", "closes": "2027-01-01", **fields}
        problem(client.post("/awards", data={**body, "csrf_token": token}, headers=JSON), 422)
    assert client.get("/api/v1/awards/calls", params={"q": "X-1"}).json()["total"] == 0


def test_an_applicant_nominates_from_the_store_or_not(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "applicant")
    search = client.get(f"/awards/{OPEN}/nominate", params={"q": "gurung"})
    assert search.status_code == 200 and 'value="NPL-2"' in search.text
    assert "Sita Gurung" in search.text and "Administration of NPL" in search.text
    people = client.get("/api/v1/awards/people", params={"q": "KEN-"}).json()
    assert {p["person_id"] for p in people["items"]} == {"KEN-1", "KEN-J"}
    # what picks the person out, not their nationality, year of birth, gender or file
    assert set(people["items"][0]) == {"person_id", "name", "member", "member_name"}
    sent = client.post(
        f"/awards/{OPEN}/nominations",
        data={
            "person": "NPL-2",
            "statement": "Chairs SG3RG-AO.",
            "email": "sita@example.org",
            "csrf_token": token,
        },
    )
    assert sent.status_code == 200 and "Your nomination is received" in sent.text
    outside = client.post(
        f"/api/v1/awards/calls/{OPEN}/nominations",
        json={"statement": "Edits Q7/5.", "name": "  Kioko   Mutua ", "country": "Kenya"},
        headers={"X-CSRF-Token": token},
    )
    assert outside.status_code == 201, outside.text
    twice = client.post(
        f"/api/v1/awards/calls/{OPEN}/nominations",
        json={"statement": "Again.", "name": "kioko mutua", "country": "KEN"},
        headers={"X-CSRF-Token": token},
    )
    assert "already nominated" in problem(twice, 422)["detail"]
    for body, message in (
        ({"statement": "x", "name": "Z", "country": "Atlantis"}, "not a known country"),
        ({"statement": "x", "name": "Z", "country": "KEN", "member": "MS-XXX"}, "no member"),
        ({"statement": "x", "country": "KEN"}, "nominee's name"),
        ({"statement": "x", "person": "NOBODY"}, "no person"),
        ({"statement": "   ", "person": "FJI-1"}, "statement"),
        ({"statement": "x", "person": "FJI-1", "email": "not-an-address"}, "e-mail"),
    ):
        answer = client.post(
            f"/api/v1/awards/calls/{OPEN}/nominations", json=body, headers={"X-CSRF-Token": token}
        )
        assert message in problem(answer, 422)["detail"], body
    late = client.post(
        f"/api/v1/awards/calls/{SCORING}/nominations",
        json={"statement": "x", "person": "NPL-2"},
        headers={"X-CSRF-Token": token},
    )
    assert "closed" in problem(late, 409)["detail"]
    officer = sign_in(client, "officer")
    listed = client.get(f"/api/v1/awards/calls/{OPEN}/nominations").json()["nominations"]
    assert [(n["name"], n["country_name"], n["person"]) for n in listed] == [
        ("Sita Gurung", "Nepal", "NPL-2"),
        ("Kioko Mutua", "Kenya", None),
    ]
    assert {n["nominated_by"] for n in listed} == {"applicant"} and officer
    mails = [(kind, to) for kind, to, _s, _b in outbox(world)]
    assert mails[-3:] == [
        ("awards.nomination_received", "applicant@example.org"),
        ("awards.nominated", "sita@example.org"),
        ("awards.nomination_received", "applicant@example.org"),
    ]
    subject, body = outbox(world)[-2][2:]
    assert subject == "You are nominated for Young innovator 2026"
    assert "the user applicant nominated “Sita Gurung”" in body
    made = [e for e in audit_rows(world)[1] if e["action"] == "awards.submit_nomination"]
    assert [e["who"] for e in made[:2]] == ["applicant", "applicant"]


def test_a_juror_in_conflict_cannot_score_that_nominee(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "applicant")
    page = client.get(f"/awards/{SCORING}/jury")
    assert page.status_code == 200
    # found from the data: the applicant juror is of MS-KEN, as Wanjiru Kamau
    assert _score_form(SCORING, N_KEN) not in page.text
    assert "Conflict of interest found (same member (MS-KEN))" in page.text
    assert _score_form(SCORING, N_NPL) in page.text and _score_form(SCORING, N_FJI) in page.text
    refused = client.put(
        f"/api/v1/awards/calls/{SCORING}/nominations/{N_KEN}/scores",
        json={"scores": {"impact": 10, "novelty": 5}},
        headers={"X-CSRF-Token": token},
    )
    assert problem(refused, 403)["type"].endswith("conflict-of-interest")
    scored = client.post(
        f"/awards/{SCORING}/nominations/{N_NPL}/scores",
        data={"criterion": ["impact", "novelty"], "value": ["7", "3"], "csrf_token": token},
    )
    assert scored.status_code == 200 and "recorded" in scored.text
    # a declared conflict voids the juror's scores of that nominee and hides the form
    declared = client.post(
        f"/awards/{SCORING}/conflicts",
        data={"nomination_id": N_NPL, "kind": "relation", "note": "my cousin", "csrf_token": token},
        headers=JSON,
    )
    assert declared.json() == {"declared": N_NPL, "voided_scores": 2}
    page = client.get(f"/awards/{SCORING}/jury")
    assert _score_form(SCORING, N_NPL) not in page.text
    assert "You declared a conflict of interest (personal relation)" in page.text
    form = client.post(
        f"/awards/{SCORING}/nominations/{N_NPL}/scores",
        data={"criterion": ["impact", "novelty"], "value": ["9", "5"], "csrf_token": token},
    )
    assert form.status_code == 403 and "conflict of interest" in form.text
    view = client.get(f"/api/v1/awards/calls/{SCORING}/jury").json()["nominations"]
    by_id = {n["nomination_id"]: n for n in view}
    assert by_id[N_NPL]["scores"] == {} and by_id[N_NPL]["declared"] == "relation"
    assert (by_id[N_FJI]["may_score"], by_id[N_KEN]["may_score"]) == (True, False)
    # … and the juror still scores another nominee, each criterion on its own scale
    outside = client.put(
        f"/api/v1/awards/calls/{SCORING}/nominations/{N_FJI}/scores",
        json={"scores": {"impact": 8, "novelty": 0}},
        headers={"X-CSRF-Token": token},
    )
    assert "outside its scale, 1 to 5" in problem(outside, 422)["detail"]
    missing = client.put(
        f"/api/v1/awards/calls/{SCORING}/nominations/{N_FJI}/scores",
        json={"scores": {"impact": 8}},
        headers={"X-CSRF-Token": token},
    )
    assert "score every criterion" in problem(missing, 422)["detail"]
    fine = client.put(
        f"/api/v1/awards/calls/{SCORING}/nominations/{N_FJI}/scores",
        json={"scores": {"impact": 8, "novelty": 2}},
        headers={"X-CSRF-Token": token},
    )
    assert fine.status_code == 200, fine.text
    country = client.post(
        f"/api/v1/awards/calls/{SCORING}/conflicts",
        json={"nomination_id": N_FJI, "kind": "country"},
        headers={"X-CSRF-Token": token},
    )
    assert "does not count the same country" in problem(country, 422)["detail"]


def test_the_same_country_is_a_conflict_when_the_call_says_so(
    client: TestClient, world: Engine
) -> None:
    officer = sign_in(client, "officer")
    for user, person in (("applicant", "KEN-J"), ("juror2", "CHE-J")):
        answer = client.post(
            f"/api/v1/awards/calls/{OPEN}/jurors",
            json={"user": user, "person": person},
            headers={"X-CSRF-Token": officer},
        )
        assert answer.status_code == 201, answer.text
    nominated = client.post(
        f"/api/v1/awards/calls/{OPEN}/nominations",
        json={"statement": "Leads a Question.", "name": "Kioko Mutua", "country": "KEN"},
        headers={"X-CSRF-Token": officer},
    )
    assert nominated.status_code == 201
    nomination = nominated.json()["nomination_id"]
    opened = client.post(f"/api/v1/awards/calls/{OPEN}/scoring", headers={"X-CSRF-Token": officer})
    assert opened.json()["status"] == "scoring" and opened.json()["notified"] == 2
    conflicts = client.get(f"/api/v1/awards/calls/{OPEN}/nominations").json()["conflicts"]
    assert conflicts == [
        {
            "juror": "applicant",
            "nomination": nomination,
            "reason": "same country (KEN)",
            "declared": None,
        }
    ]
    token = sign_in(client, "applicant")
    refused = client.put(
        f"/api/v1/awards/calls/{OPEN}/nominations/{nomination}/scores",
        json={"scores": {"merit": 9}},
        headers={"X-CSRF-Token": token},
    )
    assert "same country (KEN)" in problem(refused, 403)["detail"]
    token = sign_in_juror(client, "juror2")
    allowed = client.put(
        f"/api/v1/awards/calls/{OPEN}/nominations/{nomination}/scores",
        json={"scores": {"merit": 9}},
        headers={"X-CSRF-Token": token},
    )
    assert allowed.status_code == 200
    mails = {(kind, to) for kind, to, _s, _b in outbox(world)}
    assert {
        ("awards.scoring_open", "applicant@example.org"),
        ("awards.scoring_open", "juror2@example.org"),
    } <= mails


def test_each_stage_in_its_turn(client: TestClient) -> None:
    token = sign_in_juror(client, "juror2")
    early = client.put(
        f"/api/v1/awards/calls/{READY}/nominations/{READY}-N001/scores",
        json={"scores": {"impact": 5}},
        headers={"X-CSRF-Token": token},
    )
    assert "not open" in problem(early, 409)["detail"]
    officer = sign_in(client, "officer")
    early = client.post(f"/api/v1/awards/calls/{READY}/publish", headers={"X-CSRF-Token": officer})
    assert "not open yet" in problem(early, 409)["detail"]
    empty = client.post(f"/api/v1/awards/calls/{OPEN}/scoring", headers={"X-CSRF-Token": officer})
    assert "needs criteria, jurors and nominations" in problem(empty, 422)["detail"]
    late = client.post(
        f"/api/v1/awards/calls/{SCORING}/criteria",
        json={"key": "late", "name": "Late", "weight": 1},
        headers={"X-CSRF-Token": officer},
    )
    assert "fixed once scoring opens" in problem(late, 409)["detail"]
    again = client.post(
        f"/api/v1/awards/calls/{SCORING}/scoring", headers={"X-CSRF-Token": officer}
    )
    problem(again, 409)


def test_the_officer_publishes_results_with_names_and_countries(
    client: TestClient, world: Engine
) -> None:
    for juror, impact, novelty in (("juror2", 8, 4), ("juror3", 6, 5)):
        token = sign_in_juror(client, juror)
        for nomination in (N_KEN, N_NPL, N_FJI):
            answer = client.put(
                f"/api/v1/awards/calls/{SCORING}/nominations/{nomination}/scores",
                json={"scores": {"impact": impact, "novelty": novelty}},
                headers={"X-CSRF-Token": token},
            )
            assert answer.status_code == 200, answer.text
            impact, novelty = impact - 1, novelty - 1
    client.cookies.clear()
    assert client.get(f"/awards/{SCORING}/results", follow_redirects=False).status_code == 303
    officer = sign_in(client, "officer")
    preview = client.get(f"/awards/{SCORING}/results")
    assert preview.status_code == 200 and "Not published" in preview.text
    published = client.post(
        f"/awards/{SCORING}/publish", data={"csrf_token": officer}, follow_redirects=False
    )
    assert published.status_code == 303
    assert published.headers["location"] == f"/awards/{SCORING}/results"
    client.cookies.clear()
    page = client.get(f"/awards/{SCORING}/results")
    assert page.status_code == 200 and "Published" in page.text
    ranked = [re.sub(r"\s+", " ", cell) for cell in re.findall(r"<td>([^<]*)</td>", page.text)]
    assert ranked[:3] == ["Wanjiru Kamau", "Kenya", "Administration of KEN"]
    rows = client.get(f"/api/v1/awards/calls/{SCORING}/results").json()["results"]
    assert [(r["rank"], r["name"], r["country_name"]) for r in rows] == [
        (1, "Wanjiru Kamau", "Kenya"),
        (2, "Asha Rai", "Nepal"),
        (3, "Losana Tuilagi", "Fiji"),
    ]
    assert "criteria" not in rows[0]  # the marks: for who manages the call
    sign_in(client, "officer")
    rows = client.get(f"/api/v1/awards/calls/{SCORING}/results").json()["results"]
    # Wanjiru Kamau: impact (8 + 6) / 2 = 7, novelty (4 + 5) / 2 = 4.5 on 1-5
    assert rows[0]["criteria"]["impact"]["mean"] == 7.0
    assert rows[0]["criteria"]["novelty"] == {"mean": 4.5, "mark": 0.875, "weighted": 0.2917}
    mails = [(kind, to, body) for kind, to, _s, body in outbox(world)]
    results = [(to, body) for kind, to, body in mails if kind == "awards.results_published"]
    assert [to for to, _b in results] == ["officer@example.org", "asha@example.org"]
    assert "“Asha Rai” is ranked 2 of 3" in results[1][1]
    assert "“Wanjiru Kamau” is ranked 1 of 3" in results[0][1]  # the officer nominated three
    token = sign_in_juror(client, "juror2")
    closed = client.put(
        f"/api/v1/awards/calls/{SCORING}/nominations/{N_FJI}/scores",
        json={"scores": {"impact": 1, "novelty": 1}},
        headers={"X-CSRF-Token": token},
    )
    problem(closed, 409)


@pytest.mark.parametrize("who", ["officer", "admin"])
def test_a_non_juror_cannot_score_even_with_every_permission(client: TestClient, who: str) -> None:
    token = sign_in(client, who)
    answer = client.put(
        f"/api/v1/awards/calls/{SCORING}/nominations/{N_NPL}/scores",
        json={"scores": {"impact": 10, "novelty": 5}},
        headers={"X-CSRF-Token": token},
    )
    assert problem(answer, 403)["type"].endswith("not-a-juror")
    assert client.get("/awards/jury.json").json()["calls"] == []
