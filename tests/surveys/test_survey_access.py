"""Who may use each route of the surveys (pages, forms and API), for every role and anonymous:
the list and open surveys are public; officers (and admins) manage them; only those invited
answer (the applicant to the named survey; the applicant and the viewer to the anonymous one);
results are the officers' and the analysts' until the survey closes, then everyone's; the
export is the analysts'."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from survey_world import ANON, CLOSED, DRAFT, NAMED, build_survey_world

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
MANAGERS = (401, 403, 403, 200, 403, 200)
MANAGERS_MADE = (401, 403, 403, 201, 403, 201)
#: A draft is unknown (404, as an unknown id) to whoever may not see it.
DRAFTS = (404, 404, 404, 200, 404, 200)
ANALYSTS = (401, 403, 403, 403, 200, 200)
RESULTS = (401, 403, 403, 200, 200, 200)
#: Invited to the named survey: the applicant only (an admin who is not invited may not answer).
INVITED = (401, 200, 403, 403, 403, 403)
ANSWERED = (401, 201, 403, 403, 403, 403)
INVITED_ANON = (401, 200, 200, 403, 403, 403)

SURVEY = {"survey_id": "NEW-1", "title": "New survey", "deadline": "2099-01-31"}
QUESTION = {"key": "extra", "type": "single", "text": "Extra?", "options": "A\nB"}
API_QUESTION = {"key": "extra", "type": "single", "text": "Extra?", "options": ["A", "B"]}
ANSWER = {"q-need": "No"}

ROUTES = [
    Route("GET", "/surveys.json", None, EVERYONE),
    Route("GET", "/api/v1/surveys", None, EVERYONE),
    Route("GET", f"/surveys/{NAMED}.json", None, EVERYONE),
    Route("GET", f"/api/v1/surveys/{NAMED}", None, EVERYONE),
    Route("GET", f"/surveys/{DRAFT}.json", None, DRAFTS),
    Route("GET", f"/api/v1/surveys/{DRAFT}", None, DRAFTS),
    Route("GET", "/surveys/new.json", None, MANAGERS),
    Route("GET", f"/surveys/{DRAFT}/target.json?group=developing", None, MANAGERS),
    Route("POST", f"/api/v1/surveys/{DRAFT}/target", {"classes": ["developing"]}, MANAGERS),
    Route("POST", "/surveys", SURVEY, MANAGERS_MADE),
    Route("POST", "/api/v1/surveys", {**SURVEY, "questions": [API_QUESTION]}, MANAGERS_MADE),
    Route("POST", f"/surveys/{DRAFT}/questions", QUESTION, MANAGERS_MADE),
    Route("POST", f"/api/v1/surveys/{DRAFT}/questions", API_QUESTION, MANAGERS_MADE),
    Route("POST", f"/surveys/{DRAFT}/questions/import", {}, MANAGERS_MADE),
    Route("POST", f"/surveys/{DRAFT}/open", {"group": "developing", "contacts": "1"}, MANAGERS),
    Route("POST", f"/api/v1/surveys/{DRAFT}/open", {"classes": ["developing"]}, MANAGERS),
    Route("POST", f"/surveys/{NAMED}/remind", {}, MANAGERS),
    Route("POST", f"/api/v1/surveys/{NAMED}/remind", None, MANAGERS),
    Route("POST", f"/surveys/{NAMED}/close", {}, MANAGERS),
    Route("POST", f"/api/v1/surveys/{NAMED}/close", None, MANAGERS),
    Route("GET", f"/api/v1/surveys/{NAMED}/invitations", None, MANAGERS),
    Route("GET", f"/surveys/{NAMED}/respond.json", None, INVITED),
    Route("POST", f"/surveys/{NAMED}/respond", ANSWER, ANSWERED),
    Route("POST", f"/api/v1/surveys/{NAMED}/responses", {"answers": {"need": "No"}}, ANSWERED),
    Route("GET", f"/surveys/{ANON}/respond.json", None, INVITED_ANON),
    Route("GET", f"/surveys/{NAMED}/results.json", None, RESULTS),
    Route("GET", f"/api/v1/surveys/{NAMED}/results?by=region", None, RESULTS),
    Route("GET", f"/surveys/{CLOSED}/results.json", None, EVERYONE),
    Route("GET", f"/api/v1/surveys/{CLOSED}/results", None, EVERYONE),
    Route("GET", f"/surveys/{NAMED}/export.csv", None, ANALYSTS),
    Route("GET", f"/api/v1/surveys/{NAMED}/export?format=xlsx", None, ANALYSTS),
]


def call(client: TestClient, route: Route, token: str) -> Any:
    if route.method == "GET":
        return client.get(route.path, headers=JSON)
    if route.api:
        headers = {**JSON, "X-CSRF-Token": token}
        return client.request(route.method, route.path, json=route.body, headers=headers)
    fields: dict[str, Any] = {**(route.body or {}), "csrf_token": token}
    if route.path.endswith("/import"):
        upload = {"file": ("more.csv", b"key,type,text\nmore,text,More?\n", "text/csv")}
        return client.post(route.path, data=fields, files=upload, headers=JSON)
    return client.post(route.path, data=fields, headers=JSON)


@pytest.fixture(scope="module")
def shared(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], TestClient]]:
    """A client of one store per backend for the requests that write nothing; a successful
    write gets a store of its own."""
    made: dict[str, tuple[Engine, TestClient, str]] = {}

    def get(backend: str) -> TestClient:
        if backend not in made:
            folder = tmp_path_factory.mktemp(f"surveys-{backend}")
            url = templates.copy(backend, "survey-world", build_survey_world, folder)
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
    if "export" not in route.path:
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
