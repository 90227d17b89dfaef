"""Mentorship in the browser and the API, on SQLite and PostgreSQL: registering and editing
profiles, lists with filters (page, JSON, CSV alike), the officer's review of the matching
(excluding, setting by hand, confirming), sessions, e-mail queued at each step, follow-up."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient
from mentorship_world import CYCLE, ids, sign_in_as
from sqlalchemy import Engine, func, select

from factories import make_meeting
from stdgap.accounts.queries import audit_rows
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.mentorship.models import Mentee, Mentor, MentorshipExclusion, MentorshipSession
from stdgap.notifications.models import OutboxMessage
from web_testing import problem


def _outbox(engine: Engine, after: int = 0) -> list[tuple[str, str, str]]:
    """The messages queued (after the id ``after``): recipient, kind, subject."""
    query = select(OutboxMessage.recipient, OutboxMessage.kind, OutboxMessage.subject).where(
        OutboxMessage.id > after
    )
    with engine.connect() as connection:
        return sorted(tuple(row) for row in connection.execute(query))


def _last(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.max(OutboxMessage.id))).scalar_one() or 0)


def _count(engine: Engine, model: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def _post(client: TestClient, path: str, token: str, **data: str) -> Any:
    return client.post(path, data=data, headers={"X-CSRF-Token": token}, follow_redirects=False)


def test_an_applicant_registers_sees_and_edits_their_profile(
    client: TestClient, world: Engine
) -> None:
    token = sign_in_as(client, "applicant")
    form = client.get("/mentorship/register/mentor")
    assert form.status_code == 200 and 'name="time_zone"' in form.text
    assert 'name="person_id"' not in form.text  # whose profile: officers only
    sent = _post(
        client,
        "/mentorship/register/mentor",
        token,
        cycle="2026",
        study_groups="SG17, SG5",
        expertise="security; IoT",
        languages="en; fr",
        region="Africa",
        time_zone="Africa/Nairobi",
        capacity="2",
        available="yes",
        person_id="CHE-1",  # ignored: an applicant registers for themselves
    )
    assert sent.status_code == 303, sent.text
    page = client.get(sent.headers["location"])
    assert page.status_code == 200 and "Registered." in page.text
    profile_id = int(sent.headers["location"].split("/")[-1].split("?")[0])
    mine = client.get(f"/mentorship/mentors/{profile_id}.json").json()["profile"]
    assert (mine["person"], mine["user"], mine["cycle"]) == ("applicant", "applicant", "2026")
    assert (mine["study_groups"], mine["languages"], mine["capacity"]) == ("SG17;SG5", "en;fr", 2)
    api = client.get(f"/api/v1/mentorship/mentors/{profile_id}").json()
    assert api == mine
    assert client.get("/api/v1/mentorship/me").json()["mentors"] == [
        {"id": profile_id, "cycle": "2026", "person": "applicant"}
    ]
    edited = _post(client, f"/mentorship/mentors/{profile_id}", token, languages="en", capacity="1")
    assert edited.status_code == 303
    assert "Saved." in client.get(edited.headers["location"]).text
    after = client.get(f"/mentorship/mentors/{profile_id}.json").json()["profile"]
    assert (after["languages"], after["capacity"], after["available"]) == ("en", 1, False)
    assert after["cycle"] == "2026" and after["person"] == "applicant"
    entries = audit_rows(world)[1]
    assert [(e["who"], e["action"]) for e in entries[:2]] == [
        ("applicant", "mentorship.edit"),
        ("applicant", "mentorship.register"),
    ]


def test_bad_input_is_refused_field_by_field_and_nothing_is_written(
    client: TestClient, world: Engine
) -> None:
    token = sign_in_as(client, "applicant")
    before = (_count(world, Mentor), _count(world, Mentee))
    page = _post(
        client,
        "/mentorship/register/mentor",
        token,
        cycle="2026",
        languages="",
        time_zone="Mars/Olympus_Mons",
        capacity="99",
        region="Atlantis",
    )
    assert page.status_code == 422
    assert "There is a problem" in page.text and 'aria-invalid="true"' in page.text
    assert "Enter a value." in page.text and "Not a time zone" in page.text
    assert "Out of range" in page.text and "Choose one of" in page.text
    assert 'value="Mars/Olympus_Mons"' in page.text  # what was typed is kept
    answer = client.post(
        "/api/v1/mentorship/mentees",
        json={"cycle": "2026", "languages": "english!", "birth_year": 1800},
        headers={"X-CSRF-Token": token},
    )
    body = problem(answer, 422)
    assert "languages" in body["detail"] and "birth_year" in body["detail"]
    json_form = client.post(
        "/mentorship/register/mentee",
        data={"cycle": "2026", "languages": ""},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )
    assert problem(json_form, 422)["errors"]["languages"] == "Enter a value."
    assert (_count(world, Mentor), _count(world, Mentee)) == before


def test_one_registers_once_a_cycle_and_not_as_both_mentor_and_mentee(
    client: TestClient, world: Engine
) -> None:
    token = sign_in_as(client, "ben")
    twice = _post(client, "/mentorship/register/mentee", token, cycle=CYCLE, languages="en")
    assert twice.status_code == 422 and "already a mentee of cycle 2025" in twice.text
    both = _post(client, "/mentorship/register/mentor", token, cycle=CYCLE, languages="en")
    assert both.status_code == 422 and "one cannot be both" in both.text
    later = _post(client, "/mentorship/register/mentor", token, cycle="2026", languages="en")
    assert later.status_code == 303


def test_an_officer_registers_someone_who_then_sees_it(client: TestClient, world: Engine) -> None:
    token = sign_in_as(client, "officer")
    form = client.get("/mentorship/register/mentee")
    assert 'name="person_id"' in form.text and 'name="user"' in form.text
    unknown = _post(
        client, "/mentorship/register/mentee", token, cycle="2026", languages="en", user="zed"
    )
    assert unknown.status_code == 422 and "no user named &#39;zed&#39;" in unknown.text
    done = _post(
        client,
        "/mentorship/register/mentee",
        token,
        cycle="2026",
        languages="en",
        user="cleo",
        person_id="KEN-1",
    )
    assert done.status_code == 303, done.text
    client.cookies.clear()
    sign_in_as(client, "cleo")
    mine = client.get("/api/v1/mentorship/me").json()
    assert {(p["cycle"], p["person"]) for p in mine["mentees"]} == {
        ("2025", "cleo"),
        ("2026", "KEN-1"),
    }


def test_lists_filter_alike_as_pages_json_api_and_csv(client: TestClient, world: Engine) -> None:
    sign_in_as(client, "officer")
    page = client.get("/mentorship/mentees?study_group=sg17")
    assert page.status_code == 200 and "ben" in page.text and "cleo" not in page.text
    listed = client.get("/mentorship/mentees.json?study_group=sg17").json()["items"]
    assert {m["person"] for m in listed} == {"ben", "KEN-1"}
    api = client.get("/api/v1/mentorship/mentees", params={"study_group": "sg17"}).json()
    assert api["items"] == listed and api["total"] == 2
    rows = list(
        csv.reader(io.StringIO(client.get("/mentorship/mentees.csv?study_group=SG17").text))
    )
    assert rows[0][:3] == ["id", "cycle", "person"] and {r[2] for r in rows[1:]} == {"ben", "KEN-1"}
    french = client.get("/api/v1/mentorship/mentors", params={"language": "fr"}).json()
    assert [m["person"] for m in french["items"]] == ["ana"]
    assert french["items"][0]["mentees"] == 2
    confirmed = client.get("/mentorship/pairs.json?status=confirmed").json()["items"]
    assert [(p["mentee"], p["mentor"]) for p in confirmed] == [("ben", "ana")]
    by_person = client.get("/api/v1/mentorship/pairs", params={"person": "che"}).json()["items"]
    assert [(p["mentee"], p["status"]) for p in by_person] == [("cleo", "proposed")]
    assert client.get("/mentorship/mentees.json?status=unmatched").json()["items"] == []


def test_the_officer_reviews_the_matching_excludes_sets_and_confirms(
    client: TestClient, world: Engine
) -> None:
    known = ids(world)
    told = _last(world)  # ana and ben, told when their pair was confirmed
    assert _outbox(world) == [
        ("ana@example.org", "mentorship.matched", "You mentor ben (mentorship 2025)"),
        ("ben@example.org", "mentorship.matched", "Your mentor is ana (mentorship 2025)"),
    ]
    token = sign_in_as(client, "officer")
    review = client.get(f"/mentorship/matching?cycle={CYCLE}")
    assert review.status_code == 200
    assert "study groups in common" in review.text and "time zones close" in review.text
    data = client.get(f"/mentorship/matching.json?cycle={CYCLE}").json()
    ben = next(p for p in data["pairs"] if p["mentee"] == "ben")
    assert ben["components"] == {
        "base": 1.0,
        "study_groups": 3.0,
        "expertise": 1.0,
        "time_zone": 0.667,
    }
    words = {c["name"]: c["detail"] for c in ben["explained"]}
    assert words["expertise"] == "Security (1 of 2 wanted)"
    assert "2 h apart" in words["time_zone"]
    excluded = _post(client, f"/mentorship/pairs/{known['pair:cleo']}/exclude", token)
    assert excluded.status_code == 303 and _count(world, MentorshipExclusion) == 1
    again = _post(client, "/mentorship/matching", token, cycle=CYCLE, on="2025-01-12")
    assert again.status_code == 303
    after = client.get(f"/mentorship/matching.json?cycle={CYCLE}").json()
    assert [u["mentee"] for u in after["unmatched"]] == ["cleo"]
    assert "at capacity" in after["unmatched"][0]["reason"]  # CHE-1 excluded, ana full
    refused = _post(
        client, "/mentorship/matching/assign", token, cycle=CYCLE, mentee="cleo", mentor="ana"
    )
    assert refused.status_code == 422 and "their capacity" in refused.text
    assigned = _post(
        client, "/mentorship/matching/assign", token, cycle=CYCLE, mentee="cleo", mentor="CHE-1"
    )
    assert assigned.status_code == 303 and _count(world, MentorshipExclusion) == 0
    assert _outbox(world, told) == []  # nothing is told before confirmation
    confirmed = _post(client, "/mentorship/matching/confirm", token, cycle=CYCLE)
    assert confirmed.status_code == 303
    assert (
        "members with an e-mail address were told" in client.get(confirmed.headers["location"]).text
    )
    assert _outbox(world, told) == [
        ("ana@example.org", "mentorship.matched", "You mentor KEN-1 (mentorship 2025)"),
        ("cleo@example.org", "mentorship.matched", "Your mentor is CHE-1 (mentorship 2025)"),
    ]
    statuses = client.get("/api/v1/mentorship/pairs").json()["items"]
    assert {p["status"] for p in statuses} == {"confirmed"}
    nothing = _post(client, "/mentorship/matching/confirm", token, cycle=CYCLE)
    assert nothing.status_code == 422 and "no proposed pair" in nothing.text


def test_a_session_logged_by_one_member_is_told_to_the_other(
    client: TestClient, world: Engine
) -> None:
    pair = ids(world)["pair:ben"]
    told = _last(world)
    token = sign_in_as(client, "ben")
    page = client.get(f"/mentorship/pairs/{pair}")
    assert page.status_code == 200 and "Log a session" in page.text
    logged = _post(
        client,
        f"/mentorship/pairs/{pair}/sessions",
        token,
        held_on="2025-02-03",
        minutes="50",
        topics="Q4/17 drafting",
        notes="Next: a contribution.",
    )
    assert logged.status_code == 303, logged.text
    shown = client.get(f"/mentorship/pairs/{pair}.json").json()["pair"]
    assert [(s["minutes"], s["topics"], s["logged_by"]) for s in shown["sessions"]] == [
        (50, "Q4/17 drafting", "ben")
    ]
    assert _outbox(world, told) == [
        ("ana@example.org", "mentorship.session", "A mentoring session with ben was logged")
    ]
    client.cookies.clear()
    token = sign_in_as(client, "officer")
    answer = client.post(
        f"/api/v1/mentorship/pairs/{pair}/sessions",
        json={"held_on": "2025-03-01", "minutes": 30},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 201
    assert [row[0] for row in _outbox(world, told)] == [
        "ana@example.org",
        "ana@example.org",
        "ben@example.org",
    ]


def test_a_session_s_date_and_length_are_checked_and_nothing_is_written(
    client: TestClient, world: Engine
) -> None:
    pair = ids(world)["pair:ben"]
    told = _last(world)
    token = sign_in_as(client, "ana")
    path = f"/mentorship/pairs/{pair}/sessions"
    for fields, message in (
        ({"held_on": "2025-02-03", "minutes": "0"}, "from 1 to 600 minutes"),
        ({"held_on": "2024-12-31", "minutes": "30"}, "cannot be earlier"),
        ({"held_on": "2999-01-01", "minutes": "30"}, "is ahead"),
        ({"held_on": "03/02/2025", "minutes": "30"}, "is not a date"),
    ):
        answer = _post(client, path, token, **fields)
        assert answer.status_code == 422 and message in answer.text, fields
    assert _count(world, MentorshipSession) == 0 and _outbox(world, told) == []


def test_the_follow_up_shows_what_mentees_did_after_by_cohort(
    client: TestClient, world: Engine
) -> None:
    make_meeting(world, "SG17-2025-09", group="SG17", start="2025-09-15")
    rows = [{"meeting_id": "SG17-2025-09", "person_id": "KEN-1", "member_id": "MS-KEN"}]
    source = Source.from_rows("x", "attendance", list(rows[0]), rows)
    run_import.perform(world, "test", [source])
    token = sign_in_as(client, "officer")
    _post(client, "/mentorship/matching/confirm", token, cycle=CYCLE, on="2025-01-20")
    page = client.get("/mentorship/followup")
    assert page.status_code == 200 and "By cohort" in page.text
    data = client.get(f"/mentorship/followup.json?cycle={CYCLE}").json()
    (cohort,) = data["cohorts"]
    assert (cohort["cycle"], cohort["pairs"], cohort["attended"]) == (CYCLE, 3, 1)
    by_mentee = {p["mentee"]: p for p in data["pairs"]}
    assert by_mentee["KEN-1"]["later_meetings"] == 1 and by_mentee["ben"]["later_meetings"] == 0
    assert client.get("/api/v1/mentorship/followup").json()["cohorts"] == data["cohorts"]
