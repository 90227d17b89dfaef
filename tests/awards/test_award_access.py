"""Who may use each route of the awards (pages, forms and API), for every role and anonymous:
the calls are public; officers (and admins) manage them; applicants and officers nominate; only
a call's jurors see its jury page, declare conflicts and score (an officer or an admin who is
not a juror of the call cannot score it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from award_world import N_NPL, OPEN, READY, SCORING, build_award_world
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
#: The roles, in the order of the statuses below; None is anonymous.
WHO = (None, "applicant", "viewer", "officer", "analyst", "admin")


class Route(NamedTuple):
    method: str
    path: str
    body: dict[str, Any] | None  # JSON for the API, form fields for a page's form
    statuses: tuple[int, ...]  # anonymous, applicant, viewer, officer, analyst, admin

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")


EVERYONE = (200,) * 6
OFFICERS = (401, 403, 403, 200, 403, 200)
OFFICERS_MADE = (401, 403, 403, 201, 403, 201)
NOMINATORS = (401, 200, 403, 200, 403, 200)
NOMINATED = (401, 201, 403, 201, 403, 201)
SCORERS = (401, 200, 403, 200, 403, 200)
#: The applicant is a juror of the scoring call; the officer and the admin are not.
JURORS = (401, 200, 403, 403, 403, 403)
JURORS_MADE = (401, 201, 403, 403, 403, 403)

CALL = {"call_id": "NEW-1", "name": "New award", "closes": "2099-01-31"}
CRITERION = {"key": "reach", "name": "Reach", "weight": "1.5", "min_score": "0", "max_score": "5"}
NOMINEE = {"statement": "Chairs a regional group.", "name": "Tika Thapa", "country": "NPL"}
CONFLICT = {"nomination_id": N_NPL, "kind": "relation", "note": "my cousin"}
SCORES = {"criterion": ["impact", "novelty"], "value": ["7", "4"]}
API_SCORES = {"scores": {"impact": 7, "novelty": 4}}

ROUTES = [
    Route("GET", "/awards.json", None, EVERYONE),
    Route("GET", f"/awards/{SCORING}.json", None, EVERYONE),
    Route("GET", "/api/v1/awards/calls?status=nominating", None, EVERYONE),
    Route("GET", f"/api/v1/awards/calls/{SCORING}", None, EVERYONE),
    Route("GET", f"/awards/{SCORING}/nominations.json", None, OFFICERS),
    Route("GET", f"/api/v1/awards/calls/{SCORING}/nominations", None, OFFICERS),
    Route("GET", f"/awards/{SCORING}/results.json", None, OFFICERS),  # not published yet
    Route("GET", f"/api/v1/awards/calls/{SCORING}/results", None, OFFICERS),
    Route("POST", "/awards", CALL, OFFICERS_MADE),
    Route("POST", "/api/v1/awards/calls", {**CALL, "criteria": [CRITERION]}, OFFICERS_MADE),
    Route("POST", f"/awards/{OPEN}/criteria", CRITERION, OFFICERS_MADE),
    Route("POST", f"/api/v1/awards/calls/{OPEN}/criteria", CRITERION, OFFICERS_MADE),
    Route("POST", f"/awards/{OPEN}/jurors", {"user": "juror2"}, OFFICERS_MADE),
    Route("POST", f"/api/v1/awards/calls/{OPEN}/jurors", {"user": "juror2"}, OFFICERS_MADE),
    Route("POST", f"/awards/{READY}/scoring", {}, OFFICERS),
    Route("POST", f"/api/v1/awards/calls/{READY}/scoring", None, OFFICERS),
    # (nobody has scored yet: published anyway)
    Route("POST", f"/awards/{SCORING}/publish", {"allow_unscored": "1"}, OFFICERS),
    Route("POST", f"/api/v1/awards/calls/{SCORING}/publish?allow_unscored=true", None, OFFICERS),
    Route("GET", f"/awards/{OPEN}/nominate.json?q=KEN", None, NOMINATORS),
    Route("GET", "/api/v1/awards/people?q=KEN", None, NOMINATORS),
    Route("POST", f"/awards/{OPEN}/nominations", NOMINEE, NOMINATED),
    Route("POST", f"/api/v1/awards/calls/{OPEN}/nominations", NOMINEE, NOMINATED),
    Route("GET", "/awards/jury.json", None, SCORERS),
    Route("GET", "/api/v1/awards/jury", None, SCORERS),
    Route("GET", f"/awards/{SCORING}/jury.json", None, JURORS),
    Route("GET", f"/api/v1/awards/calls/{SCORING}/jury", None, JURORS),
    Route("POST", f"/awards/{SCORING}/conflicts", CONFLICT, JURORS_MADE),
    Route("POST", f"/api/v1/awards/calls/{SCORING}/conflicts", CONFLICT, JURORS_MADE),
    Route("POST", f"/awards/{SCORING}/nominations/{N_NPL}/scores", {}, JURORS),
    Route("PUT", f"/api/v1/awards/calls/{SCORING}/nominations/{N_NPL}/scores", API_SCORES, JURORS),
]


def call(client: TestClient, route: Route, token: str) -> Any:
    """``route`` as a script would send it: JSON answers, the CSRF token in the header (the
    API) or the form (a page's form)."""
    if route.method == "GET":
        return client.get(route.path, headers=JSON)
    if route.api:
        headers = {**JSON, "X-CSRF-Token": token}
        return client.request(route.method, route.path, json=route.body, headers=headers)
    fields: dict[str, Any] = {**(route.body or {}), "csrf_token": token}
    if route.path.endswith("/scores"):
        fields.update(SCORES)
    return client.post(route.path, data=fields, headers=JSON)


@pytest.fixture(scope="module")
def shared(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], TestClient]]:
    """A client of one store per backend, shared by the requests that write nothing (reads and
    refused writes), signed out before each use; a successful write gets a store of its own."""
    made: dict[str, tuple[Engine, TestClient, str]] = {}

    def get(backend: str) -> TestClient:
        if backend not in made:
            folder = tmp_path_factory.mktemp(f"awards-{backend}")
            url = templates.copy(backend, "award-world", build_award_world, folder)
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
        body = problem(answer, expected)
        if expected == 403 and role in ("officer", "admin"):
            assert body["type"].endswith("not-a-juror"), body
        return
    assert answer.status_code == expected, answer.text
    assert answer.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.method != "GET"], ids=lambda r: f"{r.method} {r.path}"
)
def test_every_write_needs_the_csrf_token(
    backend: str, shared: Callable[[str], TestClient], route: Route
) -> None:
    client = shared(backend)
    sign_in(client, "admin" if route.statuses[5] < 400 else "applicant")
    answer = client.request(route.method, route.path, headers=JSON)
    problem(answer, 403)
