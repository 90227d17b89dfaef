"""Helpers of the web tests: users of every role, signing in through the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.web.accounts import add_user
from stdgap_testing import SEEDS

ROLES = ("admin", "analyst", "officer", "viewer")
RESOLUTION_SEEDS = ("000_", "001_", "002_", "003_")


def seed_files() -> list[Path]:
    """The texts of WTSA Resolutions 107, 74, 68 and 44."""
    return [next(SEEDS.glob(prefix + "*.txt")) for prefix in RESOLUTION_SEEDS]


def password_of(role: str) -> str:
    return f"pass-{role}-word"


def make_users(engine: Engine) -> None:
    for role in ROLES:
        add_user(engine, role, role, password_of(role))


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
