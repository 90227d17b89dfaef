"""Meetings, members and people in the browser and the API, for the public and every role:
meetings and members are public record; persons are shown only to officers, analysts and admins,
their gender and birth year only to analysts and admins; lists filter, page, and answer JSON."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from web_testing import ROLES, problem, sign_in

ANYONE = [None, *ROLES]
PERSONS = {"officer", "analyst", "admin"}
PERSONAL = {"analyst", "admin"}
PUBLIC = [
    "/meetings",
    "/meetings.json",
    "/meetings/SG5-2023-05",
    "/meetings/SG5-2023-05.json",
    "/members",
    "/members.json",
    "/members/MS-KEN",
    "/members/MS-KEN.json",
    "/api/v1/meetings",
    "/api/v1/meetings/SG5-2023-05",
    "/api/v1/members",
    "/api/v1/members/MS-KEN",
]
PEOPLE = ["/people", "/people.json", "/people/P1", "/people/P1.json"]
PEOPLE_API = ["/api/v1/people", "/api/v1/people/P1"]


def ids(answer: Any, key: str) -> list[str]:
    assert answer.status_code == 200, answer.text
    return [item[key] for item in answer.json()["items"]]


@pytest.mark.parametrize("role", ANYONE)
def test_who_may_open_what(client: TestClient, role: str | None) -> None:
    if role:
        sign_in(client, role)
    for path in PUBLIC:
        assert client.get(path).status_code == 200, (path, role)
    for path in [*PEOPLE, *PEOPLE_API]:
        answer = client.get(path, follow_redirects=False)
        if role in PERSONS:
            assert answer.status_code == 200, (path, role)
        elif role is None and not path.endswith(".json") and path in PEOPLE:
            assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
        elif role is None:
            problem(answer, 401)
        elif path.endswith(".json") or path in PEOPLE_API:
            problem(answer, 403)
        else:
            assert answer.status_code == 403, (path, role)
    home = client.get("/").text
    assert 'href="/meetings"' in home and 'href="/members"' in home
    assert ('href="/people"' in home) == (role in PERSONS)


@pytest.mark.parametrize("role", ANYONE)
def test_persons_are_named_only_to_those_who_may_see_them(
    client: TestClient, role: str | None
) -> None:
    if role:
        sign_in(client, role)
    meeting = client.get("/meetings/SG5-2023-05.json").json()
    member = client.get("/api/v1/members/MS-KEN").json()
    assert meeting["participants"] == 3 and meeting["contributions"] == 2  # public record
    assert [m["member_id"] for m in meeting["members_present"]] == ["MS-BTN", "MS-CHE", "MS-KEN"]
    assert [(r["group"], r["role"]) for r in member["roles"]] == [("SG5", "vice_chair")]
    page = client.get("/meetings/SG5-2023-05").text + client.get("/members/MS-KEN").text
    if role in PERSONS:
        assert {a["person_id"] for a in meeting["attendance"]} == {"P1", "P2", "P3"}
        assert member["roles"][0]["person_id"] == "P1"
        assert member["people"] == [{"person_id": "P1", "country": "KEN"}]
        assert 'href="/people/P1"' in page
    else:
        assert "attendance" not in meeting and "people" not in member
        assert "person_id" not in member["roles"][0]
        assert "/people/" not in page and "P1" not in page
    if role not in PERSONS:
        return
    listed = client.get("/people.json").json()["items"]
    person = client.get("/api/v1/people/P1").json()
    assert [p["person_id"] for p in listed] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert (person["meetings"], person["roles"]) == (3, 1)
    assert [d["doc_id"] for d in person["documents"]] == ["SG5-C-001"]
    people_page = client.get("/people").text + client.get("/people/P1").text
    if role in PERSONAL:
        assert (listed[0]["gender"], listed[0]["birth_year"]) == ("F", 1990)
        assert (person["gender"], person["birth_year"]) == ("F", 1990)
        assert "1990" in people_page
    else:
        assert "gender" not in listed[0] and "birth_year" not in person
        assert "1990" not in people_page and ">F<" not in people_page


def test_meetings_filter_by_year_group_country_kind_member_and_text(client: TestClient) -> None:
    def meetings(query: str) -> list[str]:
        return ids(client.get(f"/api/v1/meetings?{query}"), "meeting_id")

    every = ["FG-2024-09", "TSAG-2024-01", "SG3RG-AFR-2023", "SG5-2023-05"]
    assert meetings("") == every  # the latest first
    assert meetings("year=2023") == ["SG3RG-AFR-2023", "SG5-2023-05"]
    assert meetings("group=sg5") == ["SG5-2023-05"]
    assert meetings("country=ken") == ["SG3RG-AFR-2023"]
    assert meetings("kind=plenary&year=2024") == ["TSAG-2024-01"]
    assert meetings("member=SM-VNPT") == ["TSAG-2024-01"]
    assert meetings("search=NAIROBI") == ["SG3RG-AFR-2023"]
    assert meetings("search=%25") == [] and meetings("search=_") == []  # % and _ are plain
    page = client.get("/meetings.json?year=2024&group=TSAG").json()
    assert page["filters"] == {"year": 2024, "group": "TSAG"} and page["total"] == 1


def test_members_and_people_filter_by_activity_and_affiliation(client: TestClient) -> None:
    def members(query: str) -> list[str]:
        return ids(client.get(f"/api/v1/members?{query}"), "member_id")

    assert members("country=KEN") == ["SM-ACME-KE", "MS-KEN", "AC-UON"]
    assert members("member_type=academia") == ["AC-UON"]
    assert members("year=2024") == ["SM-ACME-KE", "SM-ACME", "SM-VNPT"]
    assert members("group=SG5") == ["MS-BTN", "MS-CHE", "MS-KEN"]
    assert members("group=SG5&year=2024") == []
    assert members("search=acme") == ["SM-ACME-KE", "SM-ACME"]
    sign_in(client, "officer")

    def people(query: str) -> list[str]:
        return ids(client.get(f"/api/v1/people?{query}"), "person_id")

    assert people("year=2024") == ["P1", "P4", "P6"]
    assert people("group=SG3RG-AFR") == ["P1", "P5"]
    assert people("member=MS-KEN") == ["P1"]
    assert people("member_type=academia") == ["P5"]
    assert people("country=KEN") == ["P1", "P5"]
    assert people("search=p6") == ["P6"]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("year=20x4", "'20x4'"),
        ("year=1200", "'1200'"),
        ("country=Kenya", "'Kenya'"),
        ("kind=party", "'party'"),
    ],
)
def test_a_bad_filter_is_refused_naming_its_value(
    client: TestClient, query: str, named: str
) -> None:
    body = problem(client.get(f"/api/v1/meetings?{query}"), 422)
    assert named in body["detail"]
    page = client.get(f"/meetings?{query}")
    assert page.status_code == 422 and named.replace("'", "&#39;") in page.text


def test_lists_come_a_page_at_a_time(client: TestClient) -> None:
    whole = ids(client.get("/api/v1/meetings"), "meeting_id")
    pages = []
    for offset in range(4):
        answer = client.get(f"/api/v1/meetings?limit=1&offset={offset}").json()
        assert (answer["total"], answer["limit"], answer["offset"]) == (4, 1, offset)
        pages += [item["meeting_id"] for item in answer["items"]]
    assert pages == whole
    first = client.get("/meetings?limit=2&year=").text
    assert 'href="?limit=2&amp;year=&amp;offset=2" rel="next"' in first
    assert 'rel="prev"' not in first and "1–2 of 4" in first
    second = client.get("/meetings?limit=2&offset=2").text
    assert 'href="?limit=2" rel="prev"' in second and 'rel="next"' not in second
    problem(client.get("/api/v1/members?limit=0"), 422)


def test_unknown_items_are_not_found(client: TestClient) -> None:
    sign_in(client, "admin")
    for path in ("/api/v1/meetings/NOPE", "/members/NOPE.json", "/api/v1/people/NOPE"):
        assert "NOPE" in problem(client.get(path), 404)["detail"]
