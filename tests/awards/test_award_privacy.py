"""What the awards show of people: the nominee search matches names and ids only and answers
with what a nominator needs to pick a person (id, name, member); the public results show the
ranked nominees only (rank, name, country, member, total), the officers everything."""

from __future__ import annotations

import re

from award_world import FAR, outbox, sign_in_juror
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from factories import ACTOR
from stdgap.awards import jury, nominations, operations
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Person
from web_testing import problem, sign_in

HIDDEN = "w.kamau@hidden.example"


def _hide_an_address(world: Engine) -> None:
    with world.begin() as connection:
        connection.execute(
            update(Person)
            .where(Person.person_id == "KEN-1")
            .values(attributes={"name": "Wanjiru Kamau", "email": HIDDEN, "phone": "+254 700"})
        )


def test_the_search_matches_names_and_ids_only(client: TestClient, world: Engine) -> None:
    _hide_an_address(world)
    sign_in(client, "applicant")
    for text in ("hidden.example", "w.kamau@", "+254", "email", "Kenya", "Administration"):
        found = client.get("/api/v1/awards/people", params={"q": text}).json()
        assert found["items"] == [], text
        page = client.get("/awards/OPEN-2026/nominate", params={"q": text})
        assert 'value="KEN-1"' not in page.text, text
    found = client.get("/api/v1/awards/people", params={"q": "wanjiru"}).json()["items"]
    assert found == [
        {
            "person_id": "KEN-1",
            "name": "Wanjiru Kamau",
            "member": "MS-KEN",
            "member_name": "Administration of KEN",
        }
    ]
    by_id = client.get("/api/v1/awards/people", params={"q": "ken-j"}).json()["items"]
    assert [p["person_id"] for p in by_id] == ["KEN-J"]
    page = client.get("/awards/OPEN-2026/nominate", params={"q": "Wanjiru"})
    assert "Wanjiru Kamau" in page.text and HIDDEN not in page.text and "1996" not in page.text
    problem(client.get("/api/v1/awards/people", params={"q": "a"}), 422)


def test_the_search_says_when_it_shows_only_the_first_people(
    client: TestClient, world: Engine
) -> None:
    header = ["person_id", "name", "country"]
    rows = [
        dict(zip(header, (f"T-{n:03d}", f"Tester Number {n}", "KEN"), strict=True))
        for n in range(71)
    ]
    run_import.perform(world, ACTOR, [Source.from_rows("test:more", "people", header, rows)])
    sign_in(client, "applicant")
    page = client.get("/awards/OPEN-2026/nominate", params={"q": "tester"})
    assert "the first 50 of 71 people found" in page.text
    assert page.text.count('name="person" value="T-') == 50
    found = client.get("/api/v1/awards/people", params={"q": "tester"}).json()
    assert found["total"] == 71 and len(found["items"]) == 50
    few = client.get("/awards/OPEN-2026/nominate", params={"q": "Tester Number 7"})
    assert "2 people found" in few.text  # 7 and 70


def _published_call(client: TestClient, world: Engine) -> str:
    """A call with one juror: Wanjiru Kamau ranked, Otieno Odhiambo (born 1970) ineligible."""
    call = "SOLO-2026"
    operations.create_call.perform(
        world,
        ACTOR,
        call,
        "Solo award",
        FAR,
        [operations.CriterionInput("merit", "Merit", 1.0, 10, 0)],
        35,
    )
    jury.appoint_juror.perform(world, ACTOR, call, "juror2")
    for person in ("KEN-1", "KEN-J"):
        entry = nominations.NominationInput("Good work.", person=person)
        nominations.submit_nomination.perform(world, ACTOR, call, "officer", entry)
    jury.open_scoring.perform(world, ACTOR, call)
    token = sign_in_juror(client, "juror2")
    answer = client.put(
        f"/api/v1/awards/calls/{call}/nominations/{call}-N001/scores",
        json={"scores": {"merit": 7}},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 200, answer.text
    jury.publish_results.perform(world, ACTOR, call)
    client.cookies.clear()
    return call


def test_the_public_results_show_the_ranked_nominees_only(
    client: TestClient, world: Engine
) -> None:
    call = _published_call(client, world)
    rows = client.get(f"/api/v1/awards/calls/{call}/results").json()["results"]
    assert rows == [
        {
            "rank": 1,
            "nomination_id": f"{call}-N001",
            "name": "Wanjiru Kamau",
            "country": "KEN",
            "country_name": "Kenya",
            "member": "MS-KEN",
            "member_name": "Administration of KEN",
            "total": 0.7,
        }
    ]
    assert client.get(f"/awards/{call}/results.json").json()["results"] == rows
    page = client.get(f"/awards/{call}/results")
    assert page.status_code == 200 and "Wanjiru Kamau" in page.text
    for secret in (
        "Otieno",
        "ineligible",
        f"{FAR.year - 1970} in",
        "not under",
        "Merit (weight",
        "7.00",
    ):
        assert secret not in page.text, secret
    sign_in(client, "applicant")  # a nominator, not an officer: the public view
    assert client.get(f"/api/v1/awards/calls/{call}/results").json()["results"] == rows


def test_the_officers_see_every_nominee_and_mark(client: TestClient, world: Engine) -> None:
    call = _published_call(client, world)
    for who in ("officer", "admin"):
        sign_in(client, who)
        rows = client.get(f"/api/v1/awards/calls/{call}/results").json()["results"]
        assert [(r["rank"], r["name"]) for r in rows] == [
            (1, "Wanjiru Kamau"),
            (None, "Otieno Odhiambo"),
        ]
        assert rows[0]["criteria"]["merit"]["mean"] == 7.0
        assert rows[1]["note"].startswith("ineligible: ")
        page = client.get(f"/awards/{call}/results")
        assert "Otieno Odhiambo" in page.text and "ineligible" in page.text
        assert "Merit (weight" in page.text
        client.cookies.clear()
    mails = [body for kind, _to, _s, body in outbox(world) if kind == "awards.results_published"]
    assert mails and not any(re.search(r"\d+ in \d{4}", body) for body in mails)
