"""Fellowships in the browser and the API: the calls are public; a call's applications and its
allocation are for officers (and admins); a dry run writes nothing; a confirmed allocation is
one audited write; every page is also JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from fellowship_factories import CALL
from sqlalchemy import Engine

from stdgap.accounts.queries import audit_rows
from stdgap.fellowships.queries import decisions
from web_testing import problem, sign_in


def test_the_calls_are_public_page_and_json_alike(client: TestClient) -> None:
    page = client.get("/fellowships")
    assert page.status_code == 200 and CALL in page.text
    listed = client.get("/fellowships.json").json()["calls"]
    assert listed == client.get("/api/v1/fellowships/calls").json()["items"]
    (call,) = listed
    assert (call["call_id"], call["applications"], call["allocated"]) == (CALL, 3, False)


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("viewer", 403), ("analyst", 403), ("officer", 200), ("admin", 200)],
)
def test_a_call_s_applications_are_for_officers(
    client: TestClient, role: str | None, status: int
) -> None:
    if role:
        sign_in(client, role)
    answer = client.get(f"/api/v1/fellowships/calls/{CALL}")
    if status != 200:
        problem(answer, status)
        return
    assert {d["application_id"] for d in answer.json()["applications_list"]} == {
        "A-KEN",
        "A-NPL",
        "A-CHE",
    }


def test_a_dry_run_shows_every_decision_and_writes_nothing(
    client: TestClient, world: Engine
) -> None:
    token = sign_in(client, "officer")
    before = audit_rows(world)[0]
    answer = client.post(
        f"/api/v1/fellowships/calls/{CALL}/allocation",
        json={"dry_run": True},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["confirmed"] is False and result["optimal"] is True
    by_id = {d["application_id"]: d for d in result["decisions"]}
    assert by_id["A-CHE"]["decision"] == "ineligible" and by_id["A-CHE"]["reason"]
    assert {by_id["A-KEN"]["decision"], by_id["A-NPL"]["decision"]} <= {"full", "partial"}
    assert result["spent"][CALL] <= result["budgets"][CALL] == 6_000
    assert audit_rows(world)[0] == before
    assert all(d.decision is None for d in decisions(world, CALL))


def test_a_confirmed_allocation_is_stored_and_audited(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "officer")
    answer = client.post(
        f"/api/v1/fellowships/calls/{CALL}/allocation",
        json={"dry_run": False},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 201, answer.text
    stored = {d.application_id: d.decision for d in decisions(world, CALL)}
    assert stored == {d["application_id"]: d["decision"] for d in answer.json()["decisions"]}
    entry = audit_rows(world)[1][0]
    assert (entry["who"], entry["action"], entry["target"]) == (
        "officer",
        "fellowships.allocate",
        CALL,
    )
    assert entry["details"]["rows"]["updated"]["fellowship_applications"] == 3
    assert client.get("/fellowships.json").json()["calls"][0]["allocated"] is True


def test_the_allocation_needs_the_permission_and_the_csrf_token(
    client: TestClient, world: Engine
) -> None:
    path = f"/api/v1/fellowships/calls/{CALL}/allocation"
    token = sign_in(client, "analyst")
    problem(client.post(path, json={"dry_run": True}, headers={"X-CSRF-Token": token}), 403)
    token = sign_in(client, "officer")
    problem(client.post(path, json={"dry_run": False}), 403)
    problem(
        client.post(
            "/api/v1/fellowships/calls/F-NONE/allocation",
            json={"dry_run": True},
            headers={"X-CSRF-Token": token},
        ),
        422,
    )
    assert audit_rows(world)[1][0]["action"] != "fellowships.allocate"


def test_the_officer_s_page_runs_a_dry_run_then_confirms(client: TestClient) -> None:
    token = sign_in(client, "officer")
    page = client.get(f"/fellowships/{CALL}")
    assert page.status_code == 200 and "Dry run" in page.text and "A-CHE" in page.text
    dry = client.post(
        f"/fellowships/{CALL}/allocation", data={"confirm": "no", "csrf_token": token}
    )
    assert dry.status_code == 200 and "nothing stored" in dry.text and "not eligible" in dry.text
    done = client.post(
        f"/fellowships/{CALL}/allocation", data={"confirm": "yes", "csrf_token": token}
    )
    assert done.status_code == 200 and "Allocation stored" in done.text
    assert client.get(f"/fellowships/{CALL}.json").json()["call"]["allocated"] is True
