"""Who may use each route of the forum (pages, forms and API), for every role and anonymous:
reading is public; applicants, officers, analysts (and admins) post, vote, report and accept
(the asker only); viewers read only; officers (and admins) moderate.

Cheap: one store per backend for the whole module (per test worker), each role signed in once.
Every request is checked against what it did to the store: a refused one (401, 403, 404, 409,
422, 429) changed nothing in the forum's tables, the outbox or the audit log; a successful write
added its audit row. The successful writes leave the world as the other routes expect it (posts
stay under the hourly limit, a report's id stays below 99), and a hidden post is shown again
after its test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pytest
from fastapi.testclient import TestClient
from forum_world import (
    ASKED,
    EXPERT_ANSWER,
    EXTRA,
    OFFICER_ANSWER,
    UNANSWERED,
    build_forum_world,
)
from sqlalchemy import Engine, func, select, text

from factories import ACTOR
from stdgap.bootstrap import open_store
from stdgap.forum import operations
from stdgap.forum.models import ForumPost
from stdgap.http.settings import WebSettings
from stdgap.store.audit import AuditEntry
from stdgap.store.settings import FORUM_POSTS_PER_HOUR, set_setting
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
    action: str | None = None  # the audited action of a successful write

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
    Route("POST", "/forum/questions", QUESTION, POSTERS_MADE, "forum.ask"),
    Route("POST", "/api/v1/forum/questions", QUESTION, POSTERS_MADE, "forum.ask"),
    Route(
        "POST",
        f"/forum/questions/{ASKED}/answers",
        {"body": "An answer"},
        POSTERS_MADE,
        "forum.answer",
    ),
    Route(
        "POST",
        f"/api/v1/forum/questions/{ASKED}/answers",
        {"body": "An answer"},
        POSTERS_MADE,
        "forum.answer",
    ),
    Route("POST", f"/forum/posts/{ASKED}/vote", {"value": "1"}, POSTERS, "forum.vote"),
    Route("PUT", f"/api/v1/forum/posts/{ASKED}/vote", {"value": 1}, POSTERS, "forum.vote"),
    Route("POST", f"/forum/posts/{ASKED}/report", REASON, POSTERS_MADE, "forum.report"),
    Route("POST", f"/api/v1/forum/posts/{ASKED}/reports", REASON, POSTERS_MADE, "forum.report"),
    Route("POST", f"/forum/questions/{ASKED}/accept", {"answer_id": EXPERT_ANSWER}, NOT_THE_ASKER),
    Route(
        "PUT",
        f"/api/v1/forum/questions/{ASKED}/accepted",
        {"answer_id": EXPERT_ANSWER},
        NOT_THE_ASKER,
    ),
    Route("POST", f"/forum/posts/{OFFICER_ANSWER}/hide", REASON, MODERATORS, "forum.hide"),
    Route(
        "POST",
        f"/api/v1/forum/posts/{OFFICER_ANSWER}/moderation",
        {"action": "hide", "reason": "r"},
        MODERATORS,
        "forum.hide",
    ),
    Route(
        "POST",
        f"/forum/posts/{EXPERT_ANSWER}/edit",
        {"body": "b", "reason": "r"},
        MODERATORS,
        "forum.edit",
    ),
    Route(
        "PUT",
        f"/api/v1/forum/posts/{EXPERT_ANSWER}",
        {"body": "b", "reason": "r"},
        MODERATORS,
        "forum.edit",
    ),
]
#: The applicant's question, asked a week ago: too late to edit it.
THE_AUTHOR_TOO_LATE = (401, 409, 403, 403, 403, 403)
#: Refused once past the guard: the moderators' writes on a post that is not held, a report
#: that does not exist (409 / 404); an author's edit of another's post, or too late (403 / 409).
STATE_ROUTES = [
    Route("POST", f"/forum/posts/{ASKED}/approve", {}, (401, 403, 403, 409, 403, 409)),
    Route("POST", f"/forum/posts/{ASKED}/reject", REASON, (401, 403, 403, 409, 403, 409)),
    Route("POST", f"/forum/posts/{ASKED}/unhide", REASON, (401, 403, 403, 409, 403, 409)),
    Route("POST", "/forum/reports/99/dismiss", REASON, (401, 403, 403, 404, 403, 404)),
    # an author's edit: of someone else's post (the delegate's), of one's own after a day
    Route("POST", f"/forum/posts/{ASKED}/revise", {"body": "b"}, NOT_THE_ASKER),
    Route("PUT", f"/api/v1/forum/posts/{ASKED}/text", {"body": "b"}, NOT_THE_ASKER),
    Route("PUT", f"/api/v1/forum/posts/{UNANSWERED}/text", {"body": "b"}, THE_AUTHOR_TOO_LATE),
    Route("POST", "/api/v1/forum/reports/99/dismissal", REASON, (401, 403, 403, 404, 403, 404)),
]
#: Refused for what they say (422) once past the guard: an unknown study group, a vote of 5,
#: an empty reason.
INVALID = (401, 422, 403, 422, 422, 422)
INVALID_MODERATION = (401, 403, 403, 422, 403, 422)
BAD_ROUTES = [
    Route("POST", "/forum/questions", {**QUESTION, "study_group": "SG99"}, INVALID),
    Route("POST", "/api/v1/forum/questions", {**QUESTION, "study_group": "SG99"}, INVALID),
    Route("PUT", f"/api/v1/forum/posts/{ASKED}/vote", {"value": 5}, INVALID),
    Route("POST", f"/api/v1/forum/posts/{ASKED}/reports", {"reason": " "}, INVALID),
    Route("POST", f"/forum/posts/{OFFICER_ANSWER}/hide", {"reason": " "}, INVALID_MODERATION),
]
ALL = ROUTES + STATE_ROUTES + BAD_ROUTES


def name(route: Route) -> str:
    return f"{route.method} {route.path}" + (" invalid" if route in BAD_ROUTES else "")


#: What a refused request must leave as it was.
WATCHED = ("forum_posts", "forum_votes", "forum_reports", "forum_links", "outbox")


def call(client: TestClient, route: Route, token: str) -> Any:
    if route.method == "GET":
        return client.get(route.path, headers=JSON)
    if route.api:
        headers = {**JSON, "X-CSRF-Token": token}
        return client.request(route.method, route.path, json=route.body, headers=headers)
    fields: dict[str, Any] = {**(route.body or {}), "csrf_token": token}
    return client.post(route.path, data=fields, headers=JSON)


@dataclass
class Site:
    """The application on one store, and each role's session on it (signed in once)."""

    engine: Engine
    client: TestClient
    url: str
    sessions: dict[str, tuple[dict[str, str], str]] = field(default_factory=dict)

    def as_(self, role: str | None) -> tuple[TestClient, str]:
        """The client signed in as ``role`` (signed out for None), and its CSRF token."""
        self.client.cookies.clear()
        if role is None:
            return self.client, self.client.get("/api/v1/session").json()["csrf_token"]
        if role not in self.sessions:
            token = sign_in(self.client, role)
            self.sessions[role] = (dict(self.client.cookies), token)
            return self.client, token
        cookies, token = self.sessions[role]
        for name, value in cookies.items():
            self.client.cookies.set(name, value)
        return self.client, token

    def state(self) -> tuple[Any, ...]:
        """Every row of the forum's tables and the outbox, and the audit log's forum rows."""
        with self.engine.connect() as connection:
            tables = tuple(
                tuple(connection.execute(text(f"SELECT * FROM {name} ORDER BY id")).all())
                for name in WATCHED
            )
            audited = connection.execute(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action.like("forum.%"))
            ).scalar_one()
        return (*tables, audited)

    def last_action(self) -> tuple[str, str]:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(AuditEntry.who, AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)
            ).one()
        return row.who, row.action


@pytest.fixture(scope="module")
def sites(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Site]]:
    """One site per backend for the module, made on first use."""
    made: dict[str, Site] = {}
    yield made
    for site in made.values():
        site.client.__exit__(None, None, None)
        site.engine.dispose()
        templates.drop(site.url)


@pytest.fixture
def site(
    backend: str,
    sites: dict[str, Site],
    templates: Templates,
    tmp_path_factory: pytest.TempPathFactory,
) -> Site:
    if backend not in sites:
        folder = tmp_path_factory.mktemp(f"forum-{backend}")
        url = templates.copy(backend, "forum-world", build_forum_world, folder)
        engine = open_store(url)
        app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
        client = TestClient(app)
        client.__enter__()
        sites[backend] = Site(engine, client, url)
    return sites[backend]


def _shown(engine: Engine, post_id: int) -> bool:
    with engine.connect() as connection:
        status = connection.execute(
            select(ForumPost.status).where(ForumPost.id == post_id)
        ).scalar_one()
    return bool(status == "published")


@pytest.mark.parametrize("who", range(len(WHO)), ids=[w or "public" for w in WHO])
@pytest.mark.parametrize("route", ALL, ids=name)
def test_who_may_use_each_route(site: Site, route: Route, who: int) -> None:
    role = WHO[who]
    client, token = site.as_(role)
    before = site.state()
    answer = call(client, route, token)
    expected = route.statuses[who]
    if expected >= 400:
        problem(answer, expected)
        assert site.state() == before, "a refused request changed the store"
        return
    assert answer.status_code == expected, answer.text
    if route.method == "GET":
        assert site.state() == before, "a read changed the store"
        return
    assert site.state() != before
    assert site.last_action() == (role, route.action)
    if route.action == "forum.hide":  # as the other routes expect it: shown
        assert not _shown(site.engine, OFFICER_ANSWER)
        operations.unhide.perform(site.engine, ACTOR, OFFICER_ANSWER, "shown again for the tests")


@pytest.mark.parametrize("route", [r for r in ALL if r.method != "GET"], ids=name)
def test_every_write_needs_the_csrf_token(site: Site, route: Route) -> None:
    client, _token = site.as_("admin")
    before = site.state()
    answer = client.request(route.method, route.path, headers=JSON)
    problem(answer, 403)
    assert site.state() == before


def test_a_post_beyond_the_hourly_limit_changes_nothing(site: Site) -> None:
    client, _token = site.as_(None)
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    signed = client.post(
        "/api/v1/session",
        json={"name": "newbie", "password": EXTRA["newbie"]},
        headers={"X-CSRF-Token": anonymous},
    )
    token = signed.json()["csrf_token"]
    route = Route("POST", "/api/v1/forum/questions", QUESTION, POSTERS_MADE)
    set_setting.perform(site.engine, ACTOR, FORUM_POSTS_PER_HOUR, "1")
    try:
        assert call(client, route, token).status_code == 201
        before = site.state()
        answer = call(client, route, token)
        problem(answer, 429)
        assert answer.headers["Retry-After"]
        assert site.state() == before
    finally:
        set_setting.perform(site.engine, ACTOR, FORUM_POSTS_PER_HOUR, "10")
