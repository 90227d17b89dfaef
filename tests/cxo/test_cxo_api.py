"""The CxO flows through the API, as the hidden checks walk them: create a meeting, its agenda
and participants, raise a conclusion, revisit it at the next meeting (linked, not duplicated),
move it to closed, and read the reports; refusals are problems naming the field and value."""

from __future__ import annotations

import io
from datetime import date, timedelta

from cxo_world import FIRST, SECOND, TOPIC
from fastapi.testclient import TestClient

from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}


def _post(client: TestClient, token: str, path: str, body: dict[str, object]) -> object:
    return client.post(path, json=body, headers={**JSON, "X-CSRF-Token": token})


def test_a_conclusion_from_raise_to_close_through_the_api(client: TestClient) -> None:
    token = sign_in(client, "officer")
    made = _post(
        client,
        token,
        "/api/v1/cxo/meetings",
        {
            "meeting_id": "CTO-C",
            "title": "CTO on education",
            "theme": "education",
            "start": "2026-02-02",
            "city": "Dakar",
            "host_country": "Senegal",
            "regions": ["all"],
        },
    )
    assert made.status_code == 201, made.text
    assert made.json()["host_country"] == "SEN" and len(made.json()["regions"]) == 6
    item = _post(
        client,
        token,
        "/api/v1/cxo/meetings/CTO-C/agenda",
        {
            "title": "Connectivity of schools",
            "source": "consultation",
            "survey_id": "SV-9",
            "question_key": "q1",
        },
    )
    assert item.status_code == 201, item.text
    assert item.json()["agenda"][0]["from_consultation"] is True
    added = _post(
        client,
        token,
        "/api/v1/cxo/meetings/CTO-C/participants",
        {
            "participants": [
                {
                    "name": "Awa Diop",
                    "organisation": "Sonatel",
                    "level": "CTO",
                    "size": "large",
                    "country": "SEN",
                }
            ]
        },
    )
    assert added.status_code == 201 and added.json()["inserted"] == 1
    # the topic of FIRST's open conclusion, written otherwise: revisited, not duplicated
    again = _post(
        client,
        token,
        "/api/v1/cxo/meetings/CTO-C/conclusions",
        {"topic": "AI for Health-Data", "text": "Still needed."},
    )
    assert again.status_code == 201, again.text
    body = again.json()
    assert body["revisited"] is True and body["conclusion_id"] == 1
    assert [m["meeting_id"] for m in body["meetings"]] == [FIRST, "CTO-C"]
    listed = client.get("/api/v1/cxo/conclusions", headers=JSON).json()
    assert [c["topic"] for c in listed["items"]] == [TOPIC]
    # a topic much like it: refused with the candidate, unless declared distinct
    near = _post(
        client,
        token,
        "/api/v1/cxo/meetings/CTO-C/conclusions",
        {"topic": "AI for health datas", "text": "x"},
    )
    assert problem(near, 409)["similar"][0]["conclusion_id"] == 1
    # the lifecycle, with a refused step
    closed = _post(client, token, "/api/v1/cxo/conclusions/1/state", {"state": "closed"})
    assert "cannot become closed" in problem(closed, 409)["detail"]
    study = _post(client, token, "/api/v1/cxo/conclusions/1/state", {"state": "under_study"})
    assert "study_group" in problem(study, 422)["detail"]
    for step in (
        {"state": "under_study", "study_group": "SG20", "question": "Q4/20"},
        {"state": "addressed", "meeting_id": SECOND},
        {"state": "closed", "note": "Y.4500 approved"},
    ):
        answer = _post(client, token, "/api/v1/cxo/conclusions/1/state", step)
        assert answer.status_code == 200, answer.text
    linked = _post(
        client,
        token,
        "/api/v1/cxo/conclusions/1/links",
        {
            "kind": "recommendation",
            "reference": "Y.4500",
            "url": "https://www.itu.int/rec/T-REC-Y.4500",
        },
    )
    assert linked.status_code == 201
    history = client.get("/api/v1/cxo/conclusions/1", headers=JSON).json()["history"]
    assert [h["action"] for h in history] == [
        "raised",
        "revisited",
        "state",
        "state",
        "state",
        "link",
    ]
    assert [h["to_state"] for h in history if h["action"] == "state"] == [
        "under_study",
        "addressed",
        "closed",
    ]
    assert history[3]["meeting_id"] == SECOND and history[2]["details"]["study_group"] == "SG20"
    revisit = _post(client, token, "/api/v1/cxo/conclusions/1/revisits", {"meeting_id": SECOND})
    assert "only an open conclusion" in problem(revisit, 409)["detail"]
    tsag = client.get("/api/v1/cxo/reports/tsag", headers=JSON).json()
    assert tsag["open"] == []  # closed: no longer among the open ones ...
    assert [c["conclusion_id"] for c in tsag["ended"]] == [1]  # ... but closed since a year ago
    future = client.get(f"/api/v1/cxo/reports/tsag?since={date.today() + timedelta(days=1)}")
    assert future.json()["ended"] == []
    wtsa = client.get("/api/v1/cxo/reports/wtsa?period=2025-2028", headers=JSON).json()
    assert [m["meeting_id"] for m in wtsa["meetings"]] == [FIRST, SECOND, "CTO-C"]
    assert wtsa["conclusions"][0]["state"] == "closed"


def test_bad_input_is_a_problem_naming_the_field_and_nothing_is_written(client: TestClient) -> None:
    token = sign_in(client, "officer")
    bad = _post(
        client,
        token,
        "/api/v1/cxo/meetings",
        {
            "meeting_id": "CTO-D",
            "title": "x",
            "theme": "y",
            "start": "2026-01-01",
            "host_country": "Atlantis",
        },
    )
    assert "host_country: 'Atlantis'" in problem(bad, 422)["detail"]
    assert problem(client.get("/api/v1/cxo/meetings/CTO-D", headers=JSON), 404)
    unknown = _post(
        client,
        token,
        f"/api/v1/cxo/meetings/{FIRST}/participants",
        {"participants": [{"name": "A", "organisation": "B", "level": "boss"}]},
    )
    assert "level: 'boss' is not one of" in problem(unknown, 422)["detail"]
    assert problem(client.get("/api/v1/cxo/conclusions/999", headers=JSON), 404)
    assert problem(
        _post(client, token, "/api/v1/cxo/meetings/NOPE/conclusions", {"topic": "t", "text": "x"}),
        404,
    )


def test_the_participant_list_is_imported_all_or_nothing(client: TestClient) -> None:
    token = sign_in(client, "officer")
    bad = (
        b"name,organisation,level,size,country\n"
        b"Awa,Sonatel,cto,large,SEN\nBob,Acme,chief,giant,XXX\n"
    )
    answer = client.post(
        f"/api/v1/cxo/meetings/{SECOND}/participants/import",
        files={"file": ("list.csv", io.BytesIO(bad), "text/csv")},
        headers={**JSON, "X-CSRF-Token": token},
    )
    errors = problem(answer, 422)["errors"]
    assert "list.csv:3: level: 'chief' is not one of cto, cxo, alternate, other" in errors
    assert "list.csv:3: size: 'giant' is not one of micro, sme, large" in errors
    assert "list.csv:3: country: 'XXX' is not a known country" in errors
    before = client.get(f"/api/v1/cxo/meetings/{SECOND}/participants", headers=JSON).json()
    assert before["participation"]["total"] == 3
    good = b"name,organisation,level,size,country,mode\nAwa,Sonatel,cto,large,SEN,remote\n"
    answer = client.post(
        f"/api/v1/cxo/meetings/{SECOND}/participants/import",
        files={"file": ("list.csv", io.BytesIO(good), "text/csv")},
        headers={**JSON, "X-CSRF-Token": token},
    )
    assert answer.status_code == 201 and answer.json()["inserted"] == 1
    after = client.get(f"/api/v1/cxo/meetings/{SECOND}/participants", headers=JSON).json()
    assert after["participation"]["total"] == 4 and after["participation"]["remote"] == 1


def test_names_are_for_officers_analysts_and_admins(client: TestClient) -> None:
    public = client.get(f"/api/v1/cxo/meetings/{FIRST}", headers=JSON).json()
    assert public["participants"] is None and public["participation"]["total"] == 4
    assert "Wanjiru Kamau" not in str(public)
    sign_in(client, "analyst")
    named = client.get(f"/api/v1/cxo/meetings/{FIRST}", headers=JSON).json()
    assert "Wanjiru Kamau" in [p["name"] for p in named["participants"]]


HUGE = ("3000000000", "9223372036854775808", "99999999999999999999", "0", "-1")


def test_numbers_out_of_range_are_unknown_on_every_route(client: TestClient) -> None:
    """A conclusion's number the database cannot hold is unknown (404), as one that does not
    exist, on the pages, the forms and the API (PostgreSQL's integer stops at 2**31 - 1)."""
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    for number in HUGE:
        for path in (f"/cxo/conclusions/{number}", f"/api/v1/cxo/conclusions/{number}"):
            problem(client.get(path, headers=JSON), 404)
        assert client.get(f"/cxo/conclusions/{number}").status_code == 404  # the page too
        form = {"csrf_token": token}
        for action, fields in (
            ("state", {"state": "closed"}),
            ("revisits", {"meeting_id": SECOND}),
            ("links", {"kind": "question", "reference": "Q1/2"}),
        ):
            path = f"/cxo/conclusions/{number}/{action}"
            problem(client.post(path, data={**form, **fields}, headers=JSON), 404)
        for action, body in (
            ("state", {"state": "closed"}),
            ("revisits", {"meeting_id": SECOND}),
            ("links", {"kind": "question", "reference": "Q1/2"}),
        ):
            path = f"/api/v1/cxo/conclusions/{number}/{action}"
            problem(client.post(path, json=body, headers=headers), 404)
        linked = {"topic": "t", "text": "x", "link_to": int(number)}
        path = f"/api/v1/cxo/meetings/{SECOND}/conclusions"
        problem(client.post(path, json=linked, headers=headers), 404)


def test_a_list_that_cannot_be_read_is_refused_naming_the_file(client: TestClient) -> None:
    """An empty CSV or a file named .xlsx that is no workbook: 422 naming the file (API and
    form), nothing written."""
    token = sign_in(client, "officer")
    for name, data in (("l.csv", b""), ("l.xlsx", b"PK\x05\x06" + b"\0" * 18)):
        answer = client.post(
            f"/api/v1/cxo/meetings/{SECOND}/participants/import",
            files={"file": (name, io.BytesIO(data))},
            headers={**JSON, "X-CSRF-Token": token},
        )
        assert name in problem(answer, 422)["detail"]
        form = client.post(
            f"/cxo/{SECOND}/participants/import",
            data={"csrf_token": token},
            files={"file": (name, io.BytesIO(data))},
            headers=JSON,
        )
        assert name in problem(form, 422)["detail"]
        page = client.post(
            f"/cxo/{SECOND}/participants/import",
            data={"csrf_token": token},
            files={"file": (name, io.BytesIO(data))},
        )
        assert page.status_code == 422 and name in page.text
    after = client.get(f"/api/v1/cxo/meetings/{SECOND}/participants", headers=JSON).json()
    assert after["participation"]["total"] == 3


def test_a_control_character_is_refused_the_same_on_both_backends(client: TestClient) -> None:
    """A NUL (or another control character) in a participant's text: refused with the file,
    line, column and value, on SQLite (which would store it) as on PostgreSQL."""
    token = sign_in(client, "officer")
    header = b"name,organisation,level,size,country,mode,member_id,person_id\n"
    for data, column in (
        (header + b"A\x00B,Org,cto,sme,KEN,in_person,,\n", "name"),
        (header + b"Awa,Or\x07g,cto,sme,KEN,in_person,,\n", "organisation"),
    ):
        answer = client.post(
            f"/api/v1/cxo/meetings/{SECOND}/participants/import",
            files={"file": ("l.csv", io.BytesIO(data))},
            headers={**JSON, "X-CSRF-Token": token},
        )
        errors = problem(answer, 422)["errors"]
        assert len(errors) == 1 and errors[0].startswith(f"l.csv:2: {column}: '"), errors
        assert "holds a control character (U+00" in errors[0]
    one = {"participants": [{"name": "A\u0000B", "organisation": "Org", "level": "cto"}]}
    answer = _post(client, token, f"/api/v1/cxo/meetings/{SECOND}/participants", one)
    assert "name: 'A\\x00B' holds a control character (U+0000)" in problem(answer, 422)["detail"]
    raised = {"topic": "Tab\tand NUL\u0000", "text": "x"}
    answer = _post(client, token, f"/api/v1/cxo/meetings/{SECOND}/conclusions", raised)
    assert "topic: " in problem(answer, 422)["detail"]
    ok = header + b'Awa,"Multi\nline",cto,sme,KEN,in_person,,\n'  # a newline is text
    answer = client.post(
        f"/api/v1/cxo/meetings/{SECOND}/participants/import",
        files={"file": ("l.csv", io.BytesIO(ok))},
        headers={**JSON, "X-CSRF-Token": token},
    )
    assert answer.status_code == 201, answer.text
    after = client.get(f"/api/v1/cxo/meetings/{SECOND}/participants", headers=JSON).json()
    assert after["participation"]["total"] == 4
