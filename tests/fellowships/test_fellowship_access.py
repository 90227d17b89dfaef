"""Who may use each fellowship page and API route: the public (signed out), applicants, viewers,
officers, analysts and admins — every route, every role."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from fellowship_factories import CALL

from stdgap.permissions import role_may
from web_testing import sign_in

ROLES = (None, "applicant", "viewer", "officer", "analyst", "admin")
APPLICATION = {"member_id": "MS-KEN", "country": "KEN", "request": "full"}

#: method, path, permission (None: public), form fields or JSON body
ROUTES: list[tuple[str, str, str | None, dict[str, Any] | None, dict[str, Any] | None]] = [
    ("GET", "/fellowships", None, None, None),
    ("GET", "/fellowships.json?status=open", None, None, None),
    ("GET", "/api/v1/fellowships/calls?year=2025", None, None, None),
    ("GET", "/fellowships/new", "fellowships.manage", None, None),
    ("GET", "/fellowships/new.json", "fellowships.manage", None, None),
    (
        "POST",
        "/fellowships",
        "fellowships.manage",
        {"meeting": "SG5-2025-01", "call_id": "F-2", "budget": "1", "full_cost": "1"}
        | {"partial_cost": "1"},
        None,
    ),
    (
        "POST",
        "/api/v1/fellowships/calls",
        "fellowships.manage",
        None,
        {"meeting": "SG5-2025-01", "call_id": "F-3", "budget": 1, "full_cost": 1}
        | {"partial_cost": 1},
    ),
    ("GET", f"/fellowships/{CALL}", "fellowships.manage", None, None),
    ("GET", f"/fellowships/{CALL}.json", "fellowships.manage", None, None),
    ("GET", f"/api/v1/fellowships/calls/{CALL}", "fellowships.manage", None, None),
    ("POST", f"/fellowships/{CALL}/terms", "fellowships.manage", {"budget": "7000"}, None),
    ("PATCH", f"/api/v1/fellowships/calls/{CALL}", "fellowships.manage", None, {"budget": 7000}),
    ("POST", f"/fellowships/{CALL}/allocation", "fellowships.allocate", {"confirm": "no"}, None),
    ("POST", f"/fellowships/{CALL}/attendance", "fellowships.manage", {"absent": "A-KEN"}, None),
    (
        "POST",
        f"/api/v1/fellowships/calls/{CALL}/attendance",
        "fellowships.manage",
        None,
        {"absent": []},
    ),
    (
        "POST",
        f"/api/v1/fellowships/calls/{CALL}/allocation",
        "fellowships.allocate",
        None,
        {"dry_run": True},
    ),
    ("GET", f"/fellowships/{CALL}/apply", "fellowships.apply", None, None),
    ("GET", f"/fellowships/{CALL}/apply.json", "fellowships.apply", None, None),
    ("POST", f"/fellowships/{CALL}/apply", "fellowships.apply", APPLICATION, None),
    (
        "POST",
        f"/api/v1/fellowships/calls/{CALL}/applications",
        "fellowships.apply",
        None,
        APPLICATION,
    ),
    ("GET", "/fellowships/mine", "fellowships.apply", None, None),
    ("GET", "/fellowships/mine.json", "fellowships.apply", None, None),
    ("GET", "/api/v1/fellowships/applications", "fellowships.apply", None, None),
    ("GET", "/fellowships/followup", "fellowships.followup", None, None),
    ("GET", "/fellowships/followup.json", "fellowships.followup", None, None),
    ("GET", "/api/v1/fellowships/followup", "fellowships.followup", None, None),
]


def _expected(role: str | None, permission: str | None) -> int | None:
    """401 or 403 when refused; None when let in."""
    if permission is None:
        return None
    if role is None:
        return 401
    return None if role_may(role, permission) else 403


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "public")
@pytest.mark.parametrize(
    ("method", "path", "permission", "form", "body"),
    ROUTES,
    ids=[f"{method} {path}" for method, path, *_ in ROUTES],
)
def test_every_route_lets_in_exactly_the_roles_that_hold_its_permission(
    client: TestClient,
    role: str | None,
    method: str,
    path: str,
    permission: str | None,
    form: dict[str, Any] | None,
    body: dict[str, Any] | None,
) -> None:
    token = sign_in(client, role) if role else client.get("/api/v1/session").json()["csrf_token"]
    if form is not None:
        answer = client.request(
            method, path, data={**form, "csrf_token": token}, follow_redirects=False
        )
    else:
        answer = client.request(
            method, path, json=body, headers={"X-CSRF-Token": token}, follow_redirects=False
        )
    expected = _expected(role, permission)
    page = not (path.startswith("/api/") or ".json" in path)
    if expected == 401 and page:  # a browser is sent to sign in first
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login?next=")
    elif expected is not None:
        assert answer.status_code == expected, answer.text
        kind = "text/html" if page else "application/problem+json"
        assert answer.headers["content-type"].startswith(kind)
    else:  # let in: the answer is the route's own (422 for a call not yet allocated)
        assert answer.status_code in (200, 201, 303, 422), (answer.status_code, answer.text)
        if answer.status_code == 303:
            assert not answer.headers["location"].startswith("/login")
