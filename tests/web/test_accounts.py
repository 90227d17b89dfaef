"""Accounts and roles: sign-in, cookies, every write refused without a session, with a viewer's
session and without the CSRF token; an audit row for every write."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.accounts.models import User
from stdgap.http.csrf import csrf_protect
from stdgap.http.settings import WebSettings
from stdgap.store.audit import AuditEntry
from stdgap.web.app import create_app
from stdgap_testing import invoke
from web_testing import password_of, problem, sign_in

CLAUSE = "74/instructs-the-director-of-tsb/1"
ACTION = {"who": "TSB", "what": "Publish the participation metrics", "status": "in_progress"}


def _clause_key(client: TestClient) -> str:
    items = client.get("/api/v1/resolutions/74/clauses").json()["items"]
    key: str = next(c["key"] for c in items if c["addressee_codes"])
    return key


def _members_csv() -> bytes:
    return b"member_id,name,type,country\nSM-NEW-1,New Co,sector_member,KEN\n"


def writes(client: TestClient, token: str | None) -> dict[str, Any]:
    """Every write endpoint, called once with ``token`` as the CSRF token (None: no token)."""
    key = _clause_key(client)
    header = {"X-CSRF-Token": token} if token else {}
    form = {"csrf_token": token} if token else {}
    return {
        "api action": client.post(
            "/api/v1/actions", json={"clause": key, **ACTION}, headers=header
        ),
        "api import": client.post(
            "/api/v1/imports",
            files=[("files", ("members.csv", _members_csv(), "text/csv"))],
            headers=header,
        ),
        "form action": client.post(
            "/resolutions/actions",
            data={"clause": key, **ACTION, **form},
            headers={"Accept": "application/json"},
        ),
        "form import": client.post(
            "/imports",
            data=form,
            files=[("files", ("members.csv", _members_csv(), "text/csv"))],
            headers={"Accept": "application/json"},
        ),
    }


def _count(engine: Engine, model: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def test_writes_are_refused_without_a_session(client: TestClient, loaded: Engine) -> None:
    before = _count(loaded, AuditEntry)
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    for name, response in writes(client, anonymous).items():
        assert response.status_code == 401, name
        problem(response, 401)
    assert _count(loaded, AuditEntry) == before


def test_writes_are_refused_to_viewers(client: TestClient, loaded: Engine) -> None:
    token = sign_in(client, "viewer")
    before = _count(loaded, AuditEntry)
    for name, response in writes(client, token).items():
        assert response.status_code == 403, name
        assert problem(response, 403)["type"].endswith("forbidden")
    assert _count(loaded, AuditEntry) == before


@pytest.mark.parametrize("token", [None, "forged"])
def test_writes_need_the_csrf_token(client: TestClient, loaded: Engine, token: str | None) -> None:
    sign_in(client, "admin")
    before = _count(loaded, AuditEntry)
    for name, response in writes(client, token).items():
        assert response.status_code == 403, name
        assert problem(response, 403)["type"].endswith("csrf")
    assert _count(loaded, AuditEntry) == before


def test_writes_succeed_and_are_audited(client: TestClient, loaded: Engine) -> None:
    token = sign_in(client, "admin")
    before = _count(loaded, AuditEntry)
    answers = writes(client, token)
    assert [r.status_code for r in answers.values()] == [201, 201, 201, 201], [
        r.text for r in answers.values()
    ]
    entries = client.get("/api/v1/audit", params={"limit": 10}).json()["items"]
    assert _count(loaded, AuditEntry) == before + 4
    assert [e["action"] for e in entries[:4]] == ["import", "action.add", "import", "action.add"]
    assert all(e["who"] == "admin" and e["at"] for e in entries[:4])
    assert entries[1]["details"]["what"] == ACTION["what"]
    actions = client.get("/api/v1/actions").json()
    assert actions["total"] == 2


def test_every_post_route_checks_csrf(loaded: Engine) -> None:
    app = create_app(engine=loaded, settings=WebSettings(secret_key="x"))

    def walk(routes: list[Any]) -> list[Any]:
        """Every route, in routers included in routers too."""
        found = []
        for route in routes:
            found.append(route)
            found += walk(getattr(getattr(route, "original_router", None), "routes", []))
        return found

    routes = walk(list(app.routes))
    posts = [r for r in routes if isinstance(r, APIRoute) and r.methods & {"POST", "DELETE"}]
    assert len(posts) >= 16
    assert {"/users/{name}/disable", "/account/tokens"} <= {r.path for r in posts}
    for route in posts:
        calls = [d.call for d in route.dependant.dependencies]
        assert csrf_protect in calls, route.path


def test_sign_in_page_and_cookies(loaded: Engine) -> None:
    settings = WebSettings(secret_key="s", cookie_secure="true")
    app = create_app(engine=loaded, settings=settings)
    with TestClient(app, base_url="https://testserver") as client:
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        wrong = client.post(
            "/login", data={"name": "analyst", "password": "nope", "csrf_token": token.group(1)}
        )
        assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
        refused = client.post(
            "/login", data={"name": "analyst", "password": password_of("analyst")}
        )
        assert refused.status_code == 403
        done = client.post(
            "/login",
            data={
                "name": "analyst",
                "password": password_of("analyst"),
                "csrf_token": token.group(1),
                "next": "/imports",
            },
            follow_redirects=False,
        )
        assert done.status_code == 303 and done.headers["location"] == "/imports"
        cookie = next(
            c for c in done.headers.get_list("set-cookie") if c.startswith("stdgap_session=")
        )
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie


def test_viewers_cannot_reach_analyst_pages(client: TestClient) -> None:
    anonymous = client.get("/imports", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    sign_in(client, "viewer")
    assert client.get("/imports").status_code == 403
    assert client.get("/audit").status_code == 403
    sign_in(client, "analyst")
    assert client.get("/imports").status_code == 200


def test_sign_out(client: TestClient) -> None:
    token = sign_in(client, "officer")
    assert client.get("/api/v1/session").json()["user"]["role"] == "officer"
    assert client.delete("/api/v1/session", headers={"X-CSRF-Token": token}).status_code == 200
    assert client.get("/api/v1/session").json()["user"] is None


def test_users_command(cli: CliRunner, db_url: str, loaded: Engine) -> None:
    code, out, _ = invoke(
        cli,
        "users",
        "add",
        "carol",
        "--role",
        "officer",
        "--password",
        "oak-lantern-meadow-62",
        "--db",
        db_url,
    )
    assert code == 0 and "carol" in out
    with loaded.connect() as connection:
        stored = connection.execute(select(User.password_hash).where(User.name == "carol"))
        assert stored.scalar_one().startswith("$argon2id$")
    code, _, err = invoke(
        cli,
        "users",
        "add",
        "carol",
        "--role",
        "officer",
        "--password",
        "oak-lantern-meadow-62",
        "--db",
        db_url,
    )
    assert code != 0 and "exists" in err
    code, _, err = invoke(
        cli, "users", "add", "dan", "--role", "boss", "--password", "x" * 9, "--db", db_url
    )
    assert code != 0 and "role" in err
    code, out, _ = invoke(cli, "users", "list", "--json", "--db", db_url)
    assert '"carol"' in out


def test_serve_command_is_registered(cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "serve", "--help")
    assert code == 0 and "--workers" in out and "--port" in out


@pytest.mark.parametrize("name", ["[/]", "cli:root", "system", "two words", "", "x" * 101])
def test_names_that_look_like_something_else_are_refused(engine: Engine, name: str) -> None:
    from stdgap.accounts.operations import AccountError, add_user

    with pytest.raises(AccountError):
        add_user.perform(engine, "test", name, "viewer", "a-long-password")
