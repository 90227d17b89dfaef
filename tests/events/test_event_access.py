"""Who may use each route of events (pages, forms, exports and API), for every role and
anonymous: events are public; any signed-in account registers; officers (and admins) manage
events, attendance and the planner; registrations' personal data are for officers, analysts
and admins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from event_world import OLD, TODAY, WEB, WS, build_event_world
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
WHO = (None, "applicant", "viewer", "officer", "analyst", "admin")


class Route(NamedTuple):
    method: str
    path: str
    body: dict[str, Any] | None
    statuses: tuple[int, ...]  # anonymous, applicant, viewer, officer, analyst, admin

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")


EVERYONE = (200,) * 6
OFFICERS = (401, 403, 403, 200, 403, 200)
OFFICERS_MADE = (401, 403, 403, 201, 403, 201)
READERS = (401, 403, 403, 200, 200, 200)
SIGNED_IN_MADE = (401, 201, 201, 201, 201, 201)
NOT_NOW = (401, 403, 403, 409, 403, 409)
NEW = {
    "event_id": "NEW-1",
    "title": "New workshop",
    "kind": "workshop",
    "start": str(TODAY.replace(day=1).replace(year=TODAY.year + 1)),
}
ME = {"name": "Someone", "category": "participant"}  # with the account's own address
PLAN = f"region=Africa&start={TODAY.year}-01-01&end={TODAY.year + 1}-12-31&days=2"
MATERIAL = {"title": "Slides", "url": "https://example.org/slides.pdf", "language": "en"}

ROUTES = [
    Route("GET", "/events.json", None, EVERYONE),
    Route("GET", "/events.json?when=upcoming&kind=workshop", None, EVERYONE),
    Route("GET", f"/events/{WS}.json", None, EVERYONE),
    Route("GET", f"/events/{WS}.ics", None, EVERYONE),
    Route("GET", "/events/calendar.ics", None, EVERYONE),
    Route("GET", "/api/v1/events", None, EVERYONE),
    Route("GET", f"/api/v1/events/{WS}", None, EVERYONE),
    Route("GET", "/events/new.json", None, OFFICERS),
    Route("GET", f"/events/plan.json?{PLAN}", None, OFFICERS),
    Route("GET", f"/api/v1/events/plan?{PLAN}", None, OFFICERS),
    Route("GET", f"/events/{WS}/registrations.json", None, READERS),
    Route("GET", f"/events/{WS}/registrations.csv", None, READERS),
    Route("GET", f"/events/{WS}/registrations.xlsx", None, READERS),
    Route("GET", f"/events/{WS}/badges.json", None, READERS),
    Route("GET", f"/api/v1/events/{WS}/registrations", None, READERS),
    Route("GET", f"/events/{OLD}/attendance.json", None, OFFICERS),
    Route("POST", "/events", NEW, OFFICERS_MADE),
    Route("POST", "/api/v1/events", NEW, OFFICERS_MADE),
    Route("POST", f"/events/{WEB}/register", ME, SIGNED_IN_MADE),
    Route("POST", f"/api/v1/events/{WEB}/registrations", ME, SIGNED_IN_MADE),
    Route("POST", f"/events/{OLD}/attendance", {}, OFFICERS),
    Route("PUT", f"/api/v1/events/{OLD}/attendance", {"attended": []}, OFFICERS),
    Route("POST", f"/events/{WS}/materials", MATERIAL, OFFICERS_MADE),
    Route("POST", f"/api/v1/events/{WS}/materials", MATERIAL, OFFICERS_MADE),
    Route("PUT", f"/api/v1/events/{WS}/feedback", {"survey": "FB-1"}, OFFICERS),
    # Nobody attended the past training: officers pass the guard and are refused (409).
    Route("POST", f"/events/{OLD}/feedback", {"deadline": str(TODAY)}, NOT_NOW),
    Route("POST", f"/api/v1/events/{OLD}/feedback", {"deadline": str(TODAY)}, NOT_NOW),
]


def call(client: TestClient, route: Route, token: str) -> Any:
    if route.method == "GET":
        return client.get(route.path, headers=JSON)
    if route.api:
        headers = {**JSON, "X-CSRF-Token": token}
        return client.request(route.method, route.path, json=route.body, headers=headers)
    fields: dict[str, Any] = {**(route.body or {}), "csrf_token": token}
    return client.post(route.path, data=fields, headers=JSON)


@pytest.fixture(scope="module")
def shared(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], TestClient]]:
    """A client of one store per backend for the requests that write nothing (reads and refused
    writes), signed out before each use; a successful write gets a store of its own."""
    made: dict[str, tuple[Engine, TestClient, str]] = {}

    def get(backend: str) -> TestClient:
        if backend not in made:
            folder = tmp_path_factory.mktemp(f"events-{backend}")
            url = templates.copy(backend, "event-world", build_event_world, folder)
            engine = open_store(url)
            app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
            client = TestClient(app)
            client.__enter__()
            made[backend] = (engine, client, url)
        client = made[backend][1]
        client.cookies.clear()
        return client

    yield get
    for engine, client, url in made.values():
        client.__exit__(None, None, None)
        engine.dispose()
        templates.drop(url)


@pytest.mark.parametrize("who", range(len(WHO)), ids=[w or "public" for w in WHO])
@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method} {r.path}" for r in ROUTES])
def test_who_may_use_each_route(
    request: pytest.FixtureRequest,
    backend: str,
    shared: Callable[[str], TestClient],
    route: Route,
    who: int,
) -> None:
    role = WHO[who]
    writes = route.method != "GET" and route.statuses[who] < 400
    client = request.getfixturevalue("client") if writes else shared(backend)
    token = sign_in(client, role) if role else client.get("/api/v1/session").json()["csrf_token"]
    answer = call(client, route, token)
    expected = route.statuses[who]
    if expected >= 400:
        problem(answer, expected)
        return
    assert answer.status_code == expected, answer.text


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.method != "GET"], ids=lambda r: f"{r.method} {r.path}"
)
def test_every_write_needs_the_csrf_token(
    backend: str, shared: Callable[[str], TestClient], route: Route
) -> None:
    client = shared(backend)
    sign_in(client, "admin")
    answer = client.request(route.method, route.path, headers=JSON)
    problem(answer, 403)
