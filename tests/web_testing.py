"""Helpers of the web tests: the store every web test starts from, users of every role,
signing in through the API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.accounts.operations import add_user
from stdgap.demo.load import load_demo
from stdgap.resolutions.tracking import import_files
from stdgap_testing import RESOLUTION_TEXTS

ROLES = ("admin", "analyst", "officer", "viewer", "applicant")


#: Passwords the password policy accepts (long, not holding the name, hard to guess).
PASSWORDS = {
    "admin": "copper-kettle-ridge-41",
    "analyst": "violet-harbor-spruce-17",
    "officer": "granite-meadow-lantern-93",
    "viewer": "amber-thistle-canyon-58",
    "applicant": "cobalt-orchard-falcon-26",
}


def password_of(role: str) -> str:
    return PASSWORDS[role]


def make_users(engine: Engine) -> None:
    for role in ROLES:
        add_user.perform(engine, "test", role, role, password_of(role))


def build_web_store(engine: Engine) -> None:
    """The small demo data (seed 7), our four resolution texts and a user of every role."""
    load_demo(engine, "small", 7)
    import_files.perform(engine, "test", RESOLUTION_TEXTS)
    make_users(engine)


def sign_in(client: TestClient, name: str) -> str:
    """Sign ``client`` in as the user ``name`` (made by make_users); the session's CSRF token."""
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    response = client.post(
        "/api/v1/session",
        json={"name": name, "password": password_of(name)},
        headers={"X-CSRF-Token": anonymous},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token


def problem(response: Any, status: int) -> dict[str, Any]:
    """The problem details of ``response``, checked to be RFC 9457 with ``status``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    return body
