"""Who may use each route of the forum (pages, forms and API), for every role and anonymous:
reading is public; applicants, officers, analysts (and admins) post, vote, report and accept
(the asker only); viewers read only; officers (and admins) moderate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from fastapi.testclient import TestClient
from forum_world import ASKED, EXPERT_ANSWER, OFFICER_ANSWER, build_forum_world
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
POSTERS = (401, 200, 403, 200, 200, 200)
POSTERS_MADE = (401, 201, 403, 201, 201, 201)
MODERATORS = (401, 403, 403, 200, 403, 200)
#: Accepting is the asker's (the delegate): everyone else who may post is refused.
NOT_THE_ASKER = (401, 403, 403, 403, 403, 403)
QUESTION = {"title": "A new question", "body": "Text", "study_group": "SG13"}
REASON = {"reason": "a reason"}

ROUTES = [
    Route("GET", "/forum.json", None, EVERYONE),
    Route("GET", "/forum.json?group=SG13&unanswered=1&q=ML", None, EVERYONE),
    Route("GET", f"/forum/questions/{ASKED}.json", None, EVERYONE),
    Route("GET", "/api/v1/forum/questions", None, EVERYONE),
    Route("GET", f"/api/v1/forum/questions/{ASKED}", None, EVERYONE),
    Route("GET", "/forum/ask.json", None, POSTERS),
    Route("GET", "/forum/moderation.json", None, MODERATORS),
    Route("GET", "/api/v1/forum/moderation", None, MODERATORS),
    Route("POST", "/forum/questions", QUESTION, POSTERS_MADE),
    Route("POST", "/api/v1/forum/questions", QUESTION, POSTERS_MADE),
    Route("POST", f"/forum/questions/{ASKED}/answers", {"body": "An answer"}, POSTERS_MADE),
    Route("POST", f"/api/v1/forum/questions/{ASKED}/answers", {"body": "An answer"}, POSTERS_MADE),
    Route("POST", f"/forum/posts/{ASKED}/vote", {"value": "1"}, POSTERS),
    Route("PUT", f"/api/v1/forum/posts/{ASKED}/vote", {"value": 1}, POSTERS),
    Route("POST", f"/forum/posts/{ASKED}/report", REASON, POSTERS_MADE),
    Route("POST", f"/api/v1/forum/posts/{ASKED}/reports", REASON, POSTERS_MADE),
    Route("POST", f"/forum/questions/{ASKED}/accept", {"answer_id": EXPERT_ANSWER}, NOT_THE_ASKER),
    Route(
        "PUT",
        f"/api/v1/forum/questions/{ASKED}/accepted",
        {"answer_id": EXPERT_ANSWER},
        NOT_THE_ASKER,
    ),
    Route("POST", f"/forum/posts/{OFFICER_ANSWER}/hide", REASON, MODERATORS),
    Route(
        "POST",
        f"/api/v1/forum/posts/{OFFICER_ANSWER}/moderation",
        {"action": "hide", "reason": "r"},
        MODERATORS,
    ),
    Route("POST", f"/forum/posts/{EXPERT_ANSWER}/edit", {"body": "b", "reason": "r"}, MODERATORS),
    Route("PUT", f"/api/v1/forum/posts/{EXPERT_ANSWER}", {"body": "b", "reason": "r"}, MODERATORS),
]
#: Refused before anything: the moderators' writes on a post that is not held, a report that
#: does not exist (they pass the guard, then 409 / 404).
STATE_ROUTES = [
    Route("POST", f"/forum/posts/{ASKED}/approve", {}, (401, 403, 403, 409, 403, 409)),
    Route("POST", f"/forum/posts/{ASKED}/reject", REASON, (401, 403, 403, 409, 403, 409)),
    Route("POST", f"/forum/posts/{ASKED}/unhide", REASON, (401, 403, 403, 409, 403, 409)),
    Route("POST", "/forum/reports/99/dismiss", REASON, (401, 403, 403, 404, 403, 404)),
    Route("POST", "/api/v1/forum/reports/99/dismissal", REASON, (401, 403, 403, 404, 403, 404)),
]
ALL = ROUTES + STATE_ROUTES


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
            folder = tmp_path_factory.mktemp(f"forum-{backend}")
            url = templates.copy(backend, "forum-world", build_forum_world, folder)
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
@pytest.mark.parametrize("route", ALL, ids=[f"{r.method} {r.path}" for r in ALL])
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
    "route", [r for r in ALL if r.method != "GET"], ids=lambda r: f"{r.method} {r.path}"
)
def test_every_write_needs_the_csrf_token(
    backend: str, shared: Callable[[str], TestClient], route: Route
) -> None:
    client = shared(backend)
    sign_in(client, "admin")
    answer = client.request(route.method, route.path, headers=JSON)
    problem(answer, 403)
