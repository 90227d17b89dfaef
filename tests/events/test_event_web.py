"""The events' pages in HTML for an officer (every page renders, labels in words), the
registration form's flow (confirmed, waitlisted, cancelled, promoted), bad input named with
the field and value, unknown ids 404, and iCalendar read back with the icalendar package."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from event_world import OLD, TODAY, WEB, WS, sign_in_extra
from fastapi.testclient import TestClient

from stdgap.events.ical import calendar, fold
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}


def test_every_page_renders_for_an_officer(client: TestClient) -> None:
    sign_in(client, "officer")
    year = TODAY.year
    for path in (
        "/events",
        "/events?region=Africa&kind=workshop&when=upcoming",
        "/events/new",
        f"/events/plan?region=Africa&start={year}-01-01&end={year}-12-31&days=2",
        f"/events/{WS}",
        f"/events/{WS}/registrations",
        f"/events/{WS}/badges",
        f"/events/{OLD}/attendance",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text)
        assert "text/html" in answer.headers["content-type"]
    page = client.get(f"/events/{WS}").text
    assert "Workshop" in page and "Nairobi" in page and "in_person" not in page
    assert f"/events/{WS}.ics" in page


def test_register_waitlist_cancel_promote_in_the_browser_forms(client: TestClient) -> None:
    token = sign_in_extra(client, "amina")
    fields = {"name": "Amina", "email": "amina@example.org", "category": "delegate"}
    answer = client.post(f"/events/{WS}/register", data={**fields, "csrf_token": token})
    assert answer.status_code == 200 and "Cancel my registration" in answer.text
    assert "Confirmed" in answer.text
    client.cookies.clear()
    token = sign_in_extra(client, "bruno")
    fields = {"name": "Bruno", "email": "bruno@example.org", "category": "delegate"}
    answer = client.post(
        f"/events/{WS}/register", data={**fields, "csrf_token": token}, headers=JSON
    )
    assert answer.status_code == 201 and answer.json()["status"] == "waitlisted"
    bruno = answer.json()["registration_id"]
    again = client.post(
        f"/events/{WS}/register", data={**fields, "csrf_token": token}, headers=JSON
    )
    assert "already registered" in problem(again, 409)["detail"]
    client.cookies.clear()
    token = sign_in(client, "officer")
    listed = client.get(f"/api/v1/events/{WS}/registrations").json()["items"]
    amina = next(r for r in listed if r["name"] == "Amina")["registration_id"]
    client.cookies.clear()
    token = sign_in_extra(client, "bruno")  # not his: refused
    refused = client.post(
        f"/api/v1/events/{WS}/registrations/{amina}/cancel", headers={**JSON, "X-CSRF-Token": token}
    )
    problem(refused, 403)
    client.cookies.clear()
    token = sign_in_extra(client, "amina")
    done = client.post(
        f"/api/v1/events/{WS}/registrations/{amina}/cancel",
        headers={**JSON, "X-CSRF-Token": token},
    )
    assert done.status_code == 200 and done.json()["promoted"] == [bruno]


def test_no_one_registers_under_someone_elses_address_or_person(client: TestClient) -> None:
    """An applicant cannot take the viewer's address and a person of the registry (the viewer
    would be refused as already registered and the person counted when attendance is marked);
    officers enter registrations received by other means with any address and person."""
    token = sign_in_extra(client, "amina")
    headers = {**JSON, "X-CSRF-Token": token}
    squat = {"name": "x", "category": "participant", "member": "MS-KEN"}
    path = f"/api/v1/events/{WEB}/registrations"
    taken = client.post(path, json={**squat, "email": "viewer@example.org"}, headers=headers)
    assert "e-mail: 'viewer@example.org' is not your account" in problem(taken, 422)["detail"]
    form = client.post(
        f"/events/{WEB}/register",
        data={**squat, "email": "viewer@example.org", "csrf_token": token},
        headers=JSON,
    )
    problem(form, 422)
    named = client.post(path, json={**squat, "person": "KEN-1"}, headers=headers)
    assert "person: 'KEN-1' may only be given by an officer" in problem(named, 422)["detail"]
    assert 'name="person"' not in client.get(f"/events/{WEB}").text
    mine = client.post(path, json=squat, headers=headers)  # the account's own address
    assert mine.status_code == 201, mine.text
    client.cookies.clear()
    token = sign_in(client, "viewer")
    headers = {**JSON, "X-CSRF-Token": token}
    viewer = client.post(path, json={"name": "Viewer", "category": "participant"}, headers=headers)
    assert viewer.status_code == 201, viewer.text
    cancel = f"{path}/{viewer.json()['registration_id']}/cancel"
    assert client.post(cancel, headers=headers).status_code == 200
    client.cookies.clear()
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    for person in ("KEN-1", "KEN-2"):  # two registrations received by mail
        entered = {"name": person, "email": f"{person}@example.org", "person": person}
        done = client.post(
            path, json={**entered, "category": "participant", "member": "MS-KEN"}, headers=headers
        )
        assert done.status_code == 201, done.text
    listed = {r["email"]: r for r in client.get(path).json()["items"] if r["status"] != "cancelled"}
    assert listed["amina@example.org"]["person"] is None
    assert listed["amina@example.org"]["member"] == "MS-KEN"
    assert {listed[f"KEN-{n}@example.org"]["person"] for n in (1, 2)} == {"KEN-1", "KEN-2"}
    marked = client.put(
        f"/api/v1/events/{WEB}/attendance",
        json={"attended": [r["registration_id"] for r in listed.values()]},
        headers=headers,
    )
    assert marked.status_code == 200, marked.text
    recorded = set(marked.json()["recorded"])
    assert recorded == {listed[f"KEN-{n}@example.org"]["registration_id"] for n in (1, 2)}


def test_bad_input_names_the_field_and_value(client: TestClient) -> None:
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    bad = client.post(
        "/api/v1/events",
        json={"event_id": "X-1", "title": "X", "kind": "party", "start": str(TODAY)},
        headers=headers,
    )
    assert "kind: 'party'" in problem(bad, 422)["detail"]
    form = client.post(
        "/events",
        data={"event_id": "X-2", "title": "X", "kind": "workshop", "start": "soon"},
        headers={**JSON},
    )
    problem(form, 403)  # no CSRF token
    form = client.post(
        "/events",
        data={
            "event_id": "X-2",
            "title": "X",
            "kind": "workshop",
            "start": "soon",
            "csrf_token": token,
        },
        headers=JSON,
    )
    assert "start: 'soon'" in problem(form, 422)["detail"]
    page = client.post(
        "/events",
        data={
            "event_id": "X-2",
            "title": "X",
            "kind": "workshop",
            "start": "soon",
            "csrf_token": token,
        },
    )
    assert page.status_code == 422 and "start: &#39;soon&#39;" in page.text
    plan = client.get("/api/v1/events/plan?region=Atlantis&start=2027-01-01&end=2027-12-31")
    assert "region: 'Atlantis'" in problem(plan, 422)["detail"]
    holidays = "country,date,name\nKEN,2027-13-01,X\n"
    plan = client.get(
        "/api/v1/events/plan",
        params={
            "region": "Africa",
            "start": "2027-01-01",
            "end": "2027-12-31",
            "holidays": holidays,
        },
    )
    assert "line 2, column date: '2027-13-01'" in problem(plan, 422)["detail"]
    assert "year: 'soon'" in problem(client.get("/events.json?year=soon"), 422)["detail"]
    material = client.post(
        f"/api/v1/events/{WS}/materials",
        json={"title": "X", "url": "javascript:alert(1)"},
        headers=headers,
    )
    assert "URL" in problem(material, 422)["detail"]
    for path in (
        "/events/NOPE.json",
        "/events/NOPE.ics",
        "/api/v1/events/NOPE",
        "/events/NOPE/registrations.json",
        "/events/NOPE/registrations.csv",
    ):
        problem(client.get(path, headers=JSON), 404)


def test_ics_of_an_event_and_the_feed_read_back(client: TestClient) -> None:
    answer = client.get(f"/events/{WS}.ics")
    assert answer.headers["content-type"].startswith("text/calendar")
    raw = answer.content
    assert raw.count(b"\r\n") == raw.count(b"\n") and all(
        len(line) <= 75 for line in raw.split(b"\r\n")
    )
    parsed = icalendar.Calendar.from_ical(raw)
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Workshop on standards for e-health"
    assert vevent.decoded("DTSTART") == TODAY + timedelta(days=30)
    assert vevent.decoded("DTEND") == TODAY + timedelta(days=32)  # exclusive: after the last day
    assert str(vevent["UID"]) == f"{WS}@events.stdgap" and "DTSTAMP" in vevent
    assert str(vevent["LOCATION"]) == "Nairobi, Kenya"
    feed = icalendar.Calendar.from_ical(client.get("/events/calendar.ics").content)
    uids = {str(e["UID"]) for e in feed.walk("VEVENT")}
    assert uids == {f"{WS}@events.stdgap", f"{WEB}@events.stdgap"}  # not the past training


def test_ics_escapes_and_folds_long_and_non_ascii_text() -> None:
    event = {
        "event_id": "E-1",
        "title": "Atelier; normes, « santé » \\ " + "é" * 60,
        "start": TODAY,
        "end": None,
        "description": "line one\nline two",
        "city": "Genève",
        "country_name": None,
        "kind": "workshop",
    }
    text = calendar([event], "http://testserver/")
    for line in text.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never folded inside a character
    parsed = icalendar.Calendar.from_ical(text)
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event["title"]
    assert str(vevent["DESCRIPTION"]) == "line one\nline two"
    assert fold("short") == "short"


def test_registration_numbers_out_of_range_are_unknown(client: TestClient) -> None:
    """A registration's number the database cannot hold is unknown (404), as one that does not
    exist, for the form and the API (PostgreSQL's integer stops at 2**31 - 1)."""
    token = sign_in_extra(client, "amina")
    headers = {**JSON, "X-CSRF-Token": token}
    for number in ("3000000000", "9223372036854775808", "99999999999999999999", "0", "-1"):
        path = f"/api/v1/events/{WEB}/registrations/{number}/cancel"
        problem(client.post(path, headers=headers), 404)
        form = client.post(
            f"/events/{WEB}/registrations/{number}/cancel",
            data={"csrf_token": token},
            headers=JSON,
        )
        problem(form, 404)
    client.cookies.clear()
    token = sign_in(client, "officer")
    marked = client.put(
        f"/api/v1/events/{WEB}/attendance",
        json={"attended": [3000000000]},
        headers={**JSON, "X-CSRF-Token": token},
    )
    assert "3000000000" in problem(marked, 422)["detail"]


def test_a_control_character_is_refused_on_both_backends(client: TestClient) -> None:
    token = sign_in_extra(client, "amina")
    answer = client.post(
        f"/api/v1/events/{WEB}/registrations",
        json={"name": "A\u0000B", "category": "participant"},
        headers={**JSON, "X-CSRF-Token": token},
    )
    assert "name: 'A\\x00B' holds a control character (U+0000)" in problem(answer, 422)["detail"]
