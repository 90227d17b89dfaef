"""Security headers on every answer (pages, the API, static files, errors, a server error
included); HSTS only over https. That the pages work under the policy is checked in a browser
(test_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.http.headers import CONTENT_SECURITY_POLICY
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from web_testing import sign_in

PATHS = [
    "/",
    "/indicators?indicator=participants&by=year",
    "/countries/KEN",
    "/reports",
    "/login",
    "/api/v1/indicators?indicator=participants&by=year",
    "/api/v1/openapi.json",
    "/static/stdgap.js",
    "/no-such-page",
    "/api/v1/no-such-thing",
    "/imports",  # 303 to sign in
    "/api/v1/audit",  # 401
    "/indicators.json?by=planet",  # 422
]


def _assert_secure(headers: dict[str, str] | object, path: str) -> None:
    get = headers.get  # type: ignore[attr-defined]
    policy = get("content-security-policy")
    assert policy == CONTENT_SECURITY_POLICY, path
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert get("x-frame-options") == "DENY", path
    assert get("x-content-type-options") == "nosniff", path
    assert get("referrer-policy") == "strict-origin-when-cross-origin", path


@pytest.fixture
def app(loaded: Engine) -> FastAPI:
    made = create_app(engine=loaded, settings=WebSettings(secret_key="headers"))

    def boom() -> None:
        raise RuntimeError("a bug")

    made.add_api_route("/boom", boom)
    return made


def test_every_answer_carries_the_security_headers(app: FastAPI) -> None:
    with TestClient(app, raise_server_exceptions=False) as client:
        statuses = set()
        for path in [*PATHS, "/boom"]:
            response = client.get(path, follow_redirects=False)
            statuses.add(response.status_code)
            _assert_secure(response.headers, path)
            assert "strict-transport-security" not in response.headers, path
        posted = client.post("/api/v1/actions", json={})
        _assert_secure(posted.headers, "POST /api/v1/actions")
    assert {200, 303, 401, 404, 422, 500} <= statuses


def test_the_deployment_guide_gives_the_policy_sent() -> None:
    guide = Path(__file__).parents[2] / "docs" / "deploy.md"
    assert f"`{CONTENT_SECURITY_POLICY}`" in guide.read_text(encoding="utf-8")


def test_hsts_only_over_https(app: FastAPI) -> None:
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        for path in ("/", "/api/v1/indicators?by=year", "/no-such-page", "/boom"):
            response = client.get(path)
            _assert_secure(response.headers, path)
            hsts = response.headers.get("strict-transport-security", "")
            assert re.fullmatch(r"max-age=\d{7,}", hsts), path


def test_hsts_can_be_switched_off(loaded: Engine) -> None:
    app = create_app(engine=loaded, settings=WebSettings(secret_key="h", hsts_seconds=0))
    with TestClient(app, base_url="https://testserver") as client:
        response = client.get("/")
        assert "strict-transport-security" not in response.headers
        _assert_secure(response.headers, "/")


def test_pages_have_nothing_inline(client: TestClient) -> None:
    """What the policy would block: no inline script, event handler or style attribute."""
    pages = [
        "/",
        "/indicators?indicator=participants,developing_participant_share&by=year,region",
        "/countries",
        "/countries/KEN",
        "/groups/TSAG",
        "/resolutions/74",
        "/resolutions",
        "/resolutions/actions",
        "/reports",
        "/login",
        "/fellowships",
        "/no-such-page",
    ]
    signed_in = ["/imports", "/audit", "/resolutions/74", "/"]
    for path in [*pages, "sign in", *signed_in]:
        if path == "sign in":
            sign_in(client, "admin")
            continue
        response = client.get(path)
        assert response.status_code == (404 if path == "/no-such-page" else 200), path
        html = response.text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], path
        assert re.findall(r"\son[a-z]+\s*=", html) == [], path
        assert re.findall(r"\sstyle\s*=", html) == [], path
        assert "<style" not in html, path
        assert "javascript:" not in html, path


def test_head_answers_as_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/countries", "/api/v1/indicators?by=year"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and got.content
        assert head.headers["content-type"] == got.headers["content-type"]
        _assert_secure(head.headers, path)
    assert client.head("/no-such-page").status_code == 404


def test_answers_to_signed_in_requests_are_not_stored(client: TestClient) -> None:
    assert "cache-control" not in client.get("/countries").headers  # the public's may be
    sign_in(client, "analyst")
    for path in ("/countries", "/account", "/api/v1/session"):
        assert client.get(path).headers["cache-control"] == "no-store", path
