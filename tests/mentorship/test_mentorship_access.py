"""Who may use each mentorship route, on SQLite and PostgreSQL: the public (anonymous), an
applicant (taking part, owner of nothing here), a viewer, an officer, an analyst and an admin;
then owners: a pair's members and a profile's owner, and nobody else among the applicants.

Reads are checked for every role on one store; each write is refused to every role not allowed
on one store (nothing written), and done by each allowed role on a store of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from mentorship_world import build_mentorship_world, ids, sign_in_as
from sqlalchemy import Engine, func, select

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.store.audit import AuditEntry
from stdgap.web.app import create_app
from stores import Templates

ROLES = (None, "applicant", "viewer", "officer", "analyst", "admin")
EVERYONE = frozenset(ROLES)
TAKING_PART = frozenset({"applicant", "officer", "admin"})
OFFICERS = frozenset({"officer", "admin"})

#: Pages (each also as .json) and API reads: (path, who may read it).
READS: list[tuple[str, frozenset[str | None]]] = [
    ("/mentorship", EVERYONE),
    ("/mentorship/register/mentor", TAKING_PART),
    ("/mentorship/register/mentee", TAKING_PART),
    ("/mentorship/mentors/{mentor:ana}", OFFICERS),  # ana's: the applicant is not ana
    ("/mentorship/mentees/{mentee:ben}", OFFICERS),
    ("/mentorship/mentors", OFFICERS),
    ("/mentorship/mentees", OFFICERS),
    ("/mentorship/pairs", OFFICERS),
    ("/mentorship/pairs/{pair:ben}", OFFICERS),
    ("/mentorship/matching", OFFICERS),
    ("/mentorship/followup", OFFICERS),
    ("/api/v1/mentorship/mentors", OFFICERS),
    ("/api/v1/mentorship/mentees", OFFICERS),
    ("/api/v1/mentorship/pairs", OFFICERS),
    ("/api/v1/mentorship/mentors/{mentor:ana}", OFFICERS),
    ("/api/v1/mentorship/mentees/{mentee:ben}", OFFICERS),
    ("/api/v1/mentorship/me", TAKING_PART),
    ("/api/v1/mentorship/pairs/{pair:ben}", OFFICERS),
    ("/api/v1/mentorship/matching?cycle=2025", OFFICERS),
    ("/api/v1/mentorship/followup", OFFICERS),
]
DOWNLOADS = ["/mentorship/mentors.csv", "/mentorship/mentees.csv", "/mentorship/pairs.csv"]

PROFILE_FORM = {"languages": "en", "study_groups": "SG17", "capacity": "1"}
MENTOR_JSON = {"cycle": "2026", "languages": "en", "study_groups": "SG17"}


def _form(**values: str) -> dict[str, Any]:
    return {"data": values}


def _json(**values: Any) -> dict[str, Any]:
    return {"json": values}


#: Writes: (name, method, path, body, who may, the status when they do).
WRITES: list[tuple[str, str, str, dict[str, Any], frozenset[str | None], int]] = [
    ("register", "POST", "/mentorship/register/mentee",
     _form(cycle="2026", languages="en"), TAKING_PART, 303),
    ("edit mentor", "POST", "/mentorship/mentors/{mentor:ana}",
     _form(**PROFILE_FORM), OFFICERS, 303),
    ("edit mentee", "POST", "/mentorship/mentees/{mentee:ben}",
     _form(languages="en;sw"), OFFICERS, 303),
    ("session", "POST", "/mentorship/pairs/{pair:ben}/sessions",
     _form(held_on="2025-02-01", minutes="45", topics="Q4/17"), OFFICERS, 303),
    ("run", "POST", "/mentorship/matching", _form(cycle="2025", on="2025-01-12"), OFFICERS, 303),
    ("exclude", "POST", "/mentorship/pairs/{pair:cleo}/exclude", _form(), OFFICERS, 303),
    ("assign", "POST", "/mentorship/matching/assign",
     _form(cycle="2025", mentee="KEN-1", mentor="ana"), OFFICERS, 303),
    ("confirm", "POST", "/mentorship/matching/confirm", _form(cycle="2025"), OFFICERS, 303),
    ("api register mentor", "POST", "/api/v1/mentorship/mentors",
     _json(**MENTOR_JSON), TAKING_PART, 201),
    ("api register mentee", "POST", "/api/v1/mentorship/mentees",
     _json(cycle="2026", languages="fr"), TAKING_PART, 201),
    ("api edit mentor", "PUT", "/api/v1/mentorship/mentors/{mentor:ana}",
     _json(cycle="2025", languages="en;fr", capacity=3), OFFICERS, 200),
    ("api edit mentee", "PUT", "/api/v1/mentorship/mentees/{mentee:ben}",
     _json(cycle="2025", languages="en"), OFFICERS, 200),
    ("api session", "POST", "/api/v1/mentorship/pairs/{pair:ben}/sessions",
     _json(held_on="2025-02-01", minutes=30), OFFICERS, 201),
    ("api run", "POST", "/api/v1/mentorship/matching", _json(cycle="2025"), OFFICERS, 201),
    ("api assign", "POST", "/api/v1/mentorship/matching/assignments",
     _json(cycle="2025", mentee="KEN-1", mentor="ana"), OFFICERS, 201),
    ("api exclude", "POST", "/api/v1/mentorship/pairs/{pair:cleo}/exclusion", _json(),
     OFFICERS, 200),
    ("api confirm", "POST", "/api/v1/mentorship/matching/confirmation", _json(cycle="2025"),
     OFFICERS, 200),
]  # fmt: skip


#: The path of one profile or pair (its owners' and the officers'; 404 to anyone else).
OWNED = re.compile(r"/(mentors|mentees|pairs)/\d+(\.json|/sessions)?$")


def expected(
    status_ok: int, allowed: frozenset[str | None], role: str | None, path: str = "/api/"
) -> int:
    """The status of ``role`` on ``path``: a page or a form asks the public to sign in first
    (303 to the sign-in page), JSON answers 401."""
    if role in allowed:
        return status_ok
    if role is None:
        page = not path.startswith("/api/") and ".json" not in path
        return 303 if page else 401
    if role in TAKING_PART and OWNED.search(path):
        return 404  # someone else's profile or pair: as if it were not there
    return 403


def _path(template: str, known: dict[str, int]) -> str:
    for key, value in known.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def _audit(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


@pytest.fixture
def stores(
    backend: str, templates: Templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """Makes a fresh copy of the mentorship world and a client on it, as often as asked."""
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    made: list[tuple[str, Engine, TestClient]] = []

    def make() -> tuple[Engine, TestClient]:
        folder = tmp_path / f"store-{len(made)}"
        folder.mkdir()
        url = templates.copy(backend, "mentorship", build_mentorship_world, folder)
        engine = open_store(url)
        client = TestClient(create_app(engine=engine, settings=WebSettings(secret_key="s")))
        client.__enter__()
        made.append((url, engine, client))
        return engine, client

    yield make
    for url, engine, client in made:
        client.__exit__(None, None, None)
        engine.dispose()
        templates.drop(url)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_each_page_and_each_api_route(stores: Any, role: str | None) -> None:
    engine, client = stores()
    known = ids(engine)
    sign_in_as(client, role)
    wrong: list[str] = []
    for template, allowed in READS:
        path = _path(template, known)
        variants = [path] if path.startswith("/api/") else [path, _json_path(path)]
        for variant in variants:
            answer = client.get(variant, follow_redirects=False)
            if answer.status_code != expected(200, allowed, role, variant):
                wrong.append(f"GET {variant}: {answer.status_code}")
            elif answer.status_code == 303:
                assert answer.headers["location"].startswith("/login?next=")
    for path in DOWNLOADS:
        answer = client.get(path, follow_redirects=False)
        if answer.status_code != expected(200, OFFICERS, role, path):
            wrong.append(f"GET {path}: {answer.status_code}")
        elif role in OFFICERS:
            assert answer.headers["content-type"].startswith("text/csv")
    assert wrong == []


def _json_path(path: str) -> str:
    base, _, query = path.partition("?")
    return base + ".json" + (f"?{query}" if query else "")


def _send(client: TestClient, method: str, path: str, body: dict[str, Any], token: str) -> Any:
    return client.request(
        method, path, headers={"X-CSRF-Token": token}, follow_redirects=False, **body
    )


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed", "done"),
    [write[1:] for write in WRITES],
    ids=[write[0] for write in WRITES],
)
def test_who_may_write(
    stores: Any,
    method: str,
    path: str,
    body: dict[str, Any],
    allowed: frozenset[str | None],
    done: int,
) -> None:
    engine, client = stores()
    target = _path(path, ids(engine))
    before = _audit(engine)
    for role in ROLES:
        if role in allowed:
            continue
        client.cookies.clear()
        answer = _send(client, method, target, body, sign_in_as(client, role))
        assert answer.status_code == expected(done, allowed, role, target), (role, answer.text)
    assert _audit(engine) == before + sum(1 for r in ROLES if r and r not in allowed)  # sign-ins
    for role in sorted(allowed, key=str):
        engine, client = stores()
        answer = _send(client, method, _path(path, ids(engine)), body, sign_in_as(client, role))
        assert answer.status_code == done, (role, answer.text)


def _sessions(engine: Engine) -> int:
    from stdgap.mentorship.models import MentorshipSession

    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(MentorshipSession)).scalar_one()
        )


def test_a_pair_s_members_log_its_sessions_and_nobody_else_among_applicants(
    client: TestClient, world: Engine
) -> None:
    known = ids(world)
    pair = f"/mentorship/pairs/{known['pair:ben']}"
    session = {"held_on": "2025-02-01", "minutes": "60", "topics": "first steps"}
    for outsider in ("cleo", "applicant"):
        client.cookies.clear()
        token = sign_in_as(client, outsider)
        assert client.get(pair).status_code == 404  # as if it were not there
        refused = _send(client, "POST", pair + "/sessions", {"data": session}, token)
        assert refused.status_code == 404, refused.text
        api = f"/api/v1/mentorship/pairs/{known['pair:ben']}/sessions"
        refused = _send(client, "POST", api, {"json": {"held_on": "2025-02-01"}}, token)
        assert refused.status_code == 404
        missing = _send(client, "POST", "/api/v1/mentorship/pairs/99999/sessions",
                        {"json": {"held_on": "2025-02-01"}}, token)  # fmt: skip
        assert missing.status_code == 404
        assert missing.json()["detail"] == refused.json()["detail"]
    assert _sessions(world) == 0
    for member in ("ben", "ana"):
        client.cookies.clear()
        token = sign_in_as(client, member)
        assert client.get(pair).status_code == 200
        logged = _send(client, "POST", pair + "/sessions", {"data": session}, token)
        assert logged.status_code == 303, logged.text
    assert _sessions(world) == 2
    # a proposed pair is the officers' until confirmed: not even its mentor sees it
    client.cookies.clear()
    token = sign_in_as(client, "ana")
    proposed = f"/mentorship/pairs/{known['pair:KEN-1']}"
    assert client.get(proposed).status_code == 404
    assert [p["mentee"] for p in client.get("/api/v1/mentorship/me").json()["pairs"]] == ["ben"]
    answer = _send(client, "POST", proposed + "/sessions", {"data": session}, token)
    assert answer.status_code == 404
    client.cookies.clear()
    token = sign_in_as(client, "officer")
    answer = _send(client, "POST", proposed + "/sessions", {"data": session}, token)
    assert answer.status_code == 422 and "confirmed pairs only" in answer.text


def test_one_edits_one_s_own_profile_and_no_one_else_s(client: TestClient, world: Engine) -> None:
    known = ids(world)
    token = sign_in_as(client, "ana")
    own = f"/mentorship/mentors/{known['mentor:ana']}"
    assert client.get(own).status_code == 200
    changed = _send(client, "POST", own, {"data": {"languages": "en;es", "capacity": "3"}}, token)
    assert changed.status_code == 303
    assert client.get(own + ".json").json()["profile"]["languages"] == "en;es"
    others = f"/mentorship/mentees/{known['mentee:ben']}"
    assert client.get(others).status_code == 404  # as if it were not there
    refused = _send(client, "POST", others, {"data": {"languages": "xx"}}, token)
    assert refused.status_code == 404
    api = f"/api/v1/mentorship/mentees/{known['mentee:ben']}"
    refused = _send(client, "PUT", api, {"json": {"cycle": "2025", "languages": "de"}}, token)
    assert refused.status_code == 404
    missing = client.get("/api/v1/mentorship/mentees/99999")
    assert missing.status_code == 404
    assert missing.json()["detail"] == client.get(api).json()["detail"]
    client.cookies.clear()
    sign_in_as(client, "ben")
    assert client.get(others + ".json").json()["profile"]["languages"] == "en"
