"""A call's life in the browser and the API: an officer opens it for a meeting chosen from a
list, an applicant applies before the deadline (and is told by e-mail), the officer adjusts the
budget and caps, runs a dry run and confirms, the applicant sees the decision with its reason
(and is told), and nobody sees anybody else's applications."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from fellowship_factories import CALL
from sqlalchemy import Engine, Row, select

from factories import make_meeting
from stdgap.accounts.operations import add_user, set_contact
from stdgap.accounts.queries import audit_rows
from stdgap.fellowships.queries import list_calls
from stdgap.i18n.locales import PSEUDO
from stdgap.notifications.models import OutboxMessage
from stdgap.store.models import Attendance, Person
from web.visible_text import data_values, untranslated
from web_testing import ROLES, password_of, problem, sign_in

APPLICATION = {
    "member_id": "MS-NPL",
    "country": "NPL",
    "request": "either",
    "contributions": "2",
    "plans": "A contribution on rural broadband to Q1/5",
    "motivation": "My first study group meeting",
}


def _outbox(engine: Engine, kind: str) -> list[Row[Any]]:
    with engine.connect() as connection:
        query = select(OutboxMessage.__table__).where(OutboxMessage.kind == kind)
        return list(connection.execute(query.order_by(OutboxMessage.id)))


def _apply(client: TestClient, fields: dict[str, str] | None = None) -> Any:
    token = sign_in(client, "applicant")
    data = {**(fields or APPLICATION), "csrf_token": token}
    return client.post(f"/fellowships/{CALL}/apply", data=data, follow_redirects=False)


def test_an_officer_opens_a_call_for_a_meeting_chosen_from_a_list(
    client: TestClient, world: Engine
) -> None:
    make_meeting(world, "SG17-2027-03", group="SG17", start="2027-03-10")
    make_meeting(world, "SG3-2024-05", group="SG3", start="2024-05-06")
    token = sign_in(client, "officer")
    meetings = client.get("/fellowships/new.json").json()["meetings"]
    assert [m["value"] for m in meetings["coming"]] == ["SG17-2027-03"]
    assert "past" not in meetings  # a call is for a meeting to come
    assert "2027-03-10 SG17 (SG17-2027-03)" in client.get("/fellowships/new").text
    fields = {
        "meeting": "SG17-2027-03",
        "budget": "60,000",
        "currency": "eur",
        "full_cost": "4000",
        "partial_cost": "2000",
        "closes": "2027-02-01",
        "min_region_share": "20",
        "csrf_token": token,
    }
    bad = client.post("/fellowships", data={**fields, "budget": "lots"}, follow_redirects=False)
    assert bad.status_code == 422 and "budget: &#39;lots&#39; is not a whole number" in bad.text
    bad = client.post("/fellowships", data={**fields, "currency": "XX1"}, follow_redirects=False)
    assert bad.status_code == 422 and "is not an ISO 4217 code" in bad.text
    assert len(list_calls(world)) == 1
    done = client.post("/fellowships", data=fields, follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, "/fellowships/F-SG17-2027-03")
    call = client.get("/fellowships/F-SG17-2027-03.json").json()["call"]
    assert (call["budget"], call["currency"], call["closes"]) == (60_000, "EUR", "2027-02-01")
    assert (call["min_region_share"], call["country_units"], call["status"]) == (0.2, None, "open")
    entry = audit_rows(world)[1][0]
    assert (entry["who"], entry["action"]) == ("officer", "fellowships.call")


def test_an_applicant_applies_is_told_and_sees_only_their_own(
    client: TestClient, world: Engine
) -> None:
    set_contact.perform(world, "test", "applicant", "applicant@example.org", "en")
    form = client.get(f"/fellowships/{CALL}/apply")
    assert form.status_code == 401 or "Sign in" in form.text
    sign_in(client, "applicant")
    form = client.get(f"/fellowships/{CALL}/apply")
    assert '<option value="MS-NPL">' in form.text and 'name="motivation"' in form.text
    sent = _apply(client)
    assert (sent.status_code, sent.headers["location"]) == (303, "/fellowships/mine")
    [told] = _outbox(world, "fellowship.submitted")
    assert told.recipient == "applicant@example.org"
    assert f"{CALL}/applicant" in told.body and "SG5-2025-01" in told.subject
    mine = client.get("/fellowships/mine.json").json()
    assert mine["total"] == 1
    [own] = mine["applications"]
    assert own["call_id"] == CALL and own["status"] == "open"
    application = own["application"]
    assert (application["member"], application["country"], application["nationality"]) == (
        "MS-NPL",
        "NPL",
        "NPL",
    )
    assert application["plans"] == APPLICATION["plans"] and application["decision"] is None
    assert "open: you may change it" in client.get("/fellowships/mine").text
    # sending again replaces it
    assert _apply(client, {**APPLICATION, "request": "partial"}).status_code == 303
    assert (
        client.get("/fellowships/mine.json").json()["applications"][0]["application"]["request"]
        == "partial"
    )
    # another applicant sees none of it, nor the call's applications
    add_user.perform(world, "test", "ada", "applicant", password_of("applicant"))
    token = client.post(
        "/api/v1/session",
        json={"name": "ada", "password": password_of("applicant")},
        headers={"X-CSRF-Token": client.get("/api/v1/session").json()["csrf_token"]},
    ).json()["csrf_token"]
    assert token and client.get("/api/v1/fellowships/applications").json()["total"] == 0
    problem(client.get(f"/api/v1/fellowships/calls/{CALL}"), 403)
    # the officer reviews it with the others
    sign_in(client, "officer")
    listed = client.get(f"/api/v1/fellowships/calls/{CALL}").json()["applications_list"]
    theirs = next(a for a in listed if a["application_id"] == f"{CALL}/applicant")
    assert theirs["motivation"] == APPLICATION["motivation"] and theirs["contributions"] == 2
    assert APPLICATION["motivation"] in client.get(f"/fellowships/{CALL}").text


def test_applications_close_at_the_deadline_and_name_a_known_member(
    client: TestClient, world: Engine
) -> None:
    token = sign_in(client, "officer")
    closed = client.patch(
        f"/api/v1/fellowships/calls/{CALL}",
        json={"closes": "2020-01-01"},
        headers={"X-CSRF-Token": token},
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    token = sign_in(client, "applicant")
    path = f"/api/v1/fellowships/calls/{CALL}/applications"
    body = {"member_id": "MS-NPL", "country": "NPL"}
    late = problem(client.post(path, json=body, headers={"X-CSRF-Token": token}), 422)
    assert "closed on 2020-01-01" in late["detail"]
    page = _apply(client)
    assert page.status_code == 422 and "closed on 2020-01-01" in page.text
    sign_in(client, "officer")
    client.patch(
        f"/api/v1/fellowships/calls/{CALL}",
        json={"clear": ["closes"]},
        headers={"X-CSRF-Token": sign_in(client, "officer")},
    )
    token = sign_in(client, "applicant")
    unknown = {"member_id": "MS-NOWHERE", "country": "NPL"}
    refused = problem(client.post(path, json=unknown, headers={"X-CSRF-Token": token}), 422)
    assert "unknown member 'MS-NOWHERE'" in refused["detail"]
    assert client.get("/api/v1/fellowships/applications").json()["total"] == 0
    assert _outbox(world, "fellowship.submitted") == []


def test_the_officer_adjusts_runs_a_dry_run_and_confirms_and_the_applicant_is_told(
    client: TestClient, world: Engine
) -> None:
    # Kenya (a woman under 35: score 2) and Nepal (an LDC, a woman under 35: score 3) are
    # eligible, Switzerland is not. With 2,000 CHF, one partial: Nepal's.
    set_contact.perform(world, "test", "applicant", "applicant@example.org", "en")
    assert _apply(client).status_code == 303  # the applicant attends for Nepal too
    token = sign_in(client, "officer")
    headers = {"X-CSRF-Token": token}
    path = f"/api/v1/fellowships/calls/{CALL}"
    assert client.patch(path, json={"budget": 2000}, headers=headers).status_code == 200
    dry = client.post(f"{path}/allocation", json={"dry_run": True}, headers=headers).json()
    by_id = {d["application_id"]: d for d in dry["decisions"]}
    assert by_id["A-NPL"]["decision"] == "partial"
    assert (
        by_id["A-KEN"]["rule"] == "budget" and "CHF left of 2,000 CHF" in by_id["A-KEN"]["reason"]
    )
    assert by_id["A-CHE"]["rule"] == "eligibility"
    assert dry["currencies"] == {CALL: "CHF"} and dry["spent"] == {CALL: 2000}
    # the form: more money and one unit per country and meeting (partials only)
    page = client.post(
        f"/fellowships/{CALL}/terms",
        data={"budget": "12000", "country_units": "1", "csrf_token": token},
    )
    assert page.status_code == 200 and "The call&#39;s terms are changed." in page.text
    dry = client.post(
        f"/fellowships/{CALL}/allocation", data={"confirm": "no", "csrf_token": token}
    )
    assert "Dry run: nothing stored" in dry.text and "per-country cap" in dry.text
    done = client.post(f"{path}/allocation", json={"dry_run": False}, headers=headers)
    assert done.status_code == 201
    decided = {d["application_id"]: d for d in done.json()["decisions"]}
    assert {decided["A-KEN"]["decision"], decided["A-NPL"]["decision"]} == {"partial"}
    theirs = decided[f"{CALL}/applicant"]
    assert (theirs["decision"], theirs["rule"]) == ("not_granted", "country_cap")
    final = problem(client.patch(path, json={"budget": 1}, headers=headers), 422)
    assert "its terms are final" in final["detail"]
    [told] = _outbox(world, "fellowship.decided")
    assert told.recipient == "applicant@example.org"
    assert "not granted" in told.body and "per-country cap: NPL may receive 1 unit(s)" in told.body
    sign_in(client, "applicant")
    [own] = client.get("/fellowships/mine.json").json()["applications"]
    assert own["status"] == "allocated" and own["application"]["rule"] == "country_cap"
    assert "per-country cap" in client.get("/fellowships/mine").text
    [allocated] = [e for e in audit_rows(world)[1] if e["action"] == "fellowships.allocate"]
    assert allocated["details"]["notified"] == 1


def test_the_calls_list_filters_alike_on_the_page_and_the_api(
    client: TestClient, world: Engine
) -> None:
    make_meeting(world, "SG17-2027-03", group="SG17", start="2027-03-10")
    token = sign_in(client, "officer")
    body = {"meeting": "SG17-2027-03", "budget": 5000, "full_cost": 4000, "partial_cost": 2000}
    made = client.post("/api/v1/fellowships/calls", json=body, headers={"X-CSRF-Token": token})
    assert made.status_code == 201 and made.json()["call_id"] == "F-SG17-2027-03"
    client.post(
        f"/api/v1/fellowships/calls/{CALL}/allocation",
        json={"dry_run": False},
        headers={"X-CSRF-Token": token},
    )

    def ids(query: str) -> list[str]:
        page = [c["call_id"] for c in client.get(f"/fellowships.json?{query}").json()["calls"]]
        api = client.get(f"/api/v1/fellowships/calls?{query}").json()["items"]
        assert page == [c["call_id"] for c in api]
        return page

    assert ids("") == [CALL, "F-SG17-2027-03"]
    assert ids("status=open") == ["F-SG17-2027-03"]
    assert ids("status=allocated") == [CALL]
    assert ids("year=2025") == [CALL] and ids("group=SG17") == ["F-SG17-2027-03"]
    problem(client.get("/api/v1/fellowships/calls?status=soon"), 422)
    assert 'value="open" selected' in client.get("/fellowships?status=open").text


def test_what_fellows_did_afterwards(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "officer")
    client.post(
        f"/api/v1/fellowships/calls/{CALL}/allocation",
        json={"dry_run": False},
        headers={"X-CSRF-Token": token},
    )
    page = client.get(f"/fellowships/{CALL}").text
    assert 'name="absent" value="A-NPL"' in page and 'value="A-CHE"' not in page
    recorded = client.post(
        f"/fellowships/{CALL}/attendance", data={"absent": "A-NPL", "csrf_token": token}
    )
    assert "The attendance of 1 fellow(s) is recorded." in recorded.text
    with world.connect() as connection:
        fellows = connection.execute(
            select(Person.person_id)
            .join(Attendance, Attendance.person_id == Person.id)
            .where(Attendance.fellowship.is_(True))
        ).scalars()
        assert list(fellows) == ["KEN-1"]  # Nepal's fellow did not come
    again = client.post(
        f"/api/v1/fellowships/calls/{CALL}/attendance",
        json={"absent": ["A-NOPE"]},
        headers={"X-CSRF-Token": token},
    )
    assert "not fellows of F-SG5-2025-01: A-NOPE" in problem(again, 422)["detail"]
    sign_in(client, "analyst")
    report = client.get("/fellowships/followup.json").json()
    assert report["total"] == 2 == len(report["fellows"])
    assert {f["country"] for f in report["fellows"]} == {"KEN", "NPL"}
    assert client.get("/api/v1/fellowships/followup").json() == report
    assert "later meetings" in client.get("/fellowships/followup").text


def test_the_fellowship_forms_go_through_gettext(client: TestClient, world: Engine) -> None:
    """In the pseudo-locale every text of the forms is a translated message or data."""

    def left(path: str, role: str, post: dict[str, str] | None = None) -> list[str]:
        token = sign_in(client, role)
        shown, json = f"{path}?lang={PSEUDO}", {"Accept": "application/json"}
        if post is None:
            data: Any = client.get(shown, headers=json).json()
            html = client.get(shown).text
        else:
            fields = {**post, "csrf_token": token}
            data = [client.post(shown, data=fields, headers=json).json()]
            data.append(client.get(f"/fellowships/{CALL}.json").json())
            html = client.post(shown, data=fields).text
        assert f'lang="{PSEUDO}"' in html
        names = data_values([*ROLES, "stdgap", "CHF", "either"])
        return untranslated(html, data_values(data) | names)

    assert left(f"/fellowships/{CALL}/apply", "applicant") == []
    assert _apply(client).status_code == 303
    assert left("/fellowships/mine", "applicant") == []
    assert left("/fellowships/new", "officer") == []
    assert left(f"/fellowships/{CALL}", "officer") == []
    dry = left(f"/fellowships/{CALL}/allocation", "officer", {"confirm": "no"})
    assert dry == []
    assert left(f"/fellowships/{CALL}/allocation", "officer", {"confirm": "yes"}) == []
    page = left(f"/fellowships/{CALL}", "officer")  # with the form of the fellows' attendance
    assert page == [] and 'name="absent"' in client.get(f"/fellowships/{CALL}").text
    assert left("/fellowships/mine", "applicant") == []
