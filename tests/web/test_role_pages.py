"""Every page, for every role and for the public: an answer, never a server error; what a role
may not see is refused (401 for the public, 403 for a signed-in role), and the navigation shows
only what the role may open."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_pages import PAGES

from web_testing import ROLES, sign_in

SIGNED_IN_PAGES = {"/imports": "ingest.import", "/audit": "audit.read"}


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_page_answers_every_role(client: TestClient, role: str | None) -> None:
    if role:
        sign_in(client, role)
    for page in [*PAGES, "/fellowships", "/login"]:
        answer = client.get(page)
        assert answer.status_code == 200, (page, role, answer.text[:300])
    for page, permission in SIGNED_IN_PAGES.items():
        answer = client.get(page, follow_redirects=False)
        if role is None:
            assert answer.status_code == 303 and "/login" in answer.headers["location"]
        elif role in ("admin", "analyst") if permission == "ingest.import" else role == "admin":
            assert answer.status_code == 200, (page, role)
            assert f'href="{page}"' in client.get("/").text
        else:
            assert answer.status_code == 403, (page, role)
            assert f'href="{page}"' not in client.get("/").text
