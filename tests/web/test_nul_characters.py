"""A NUL character (which PostgreSQL cannot keep in text, and SQLite can) gets the same clear
refusal on both backends, never a server error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from web_testing import problem


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/countries/%00",
        "/api/v1/groups/%00",
        "/countries/A%00B",
        "/api/v1/indicators?by=year&where=country:%00",
        "/indicators.json?by=year%00",
    ],
)
def test_a_nul_in_the_path_or_query_is_refused(client: TestClient, path: str) -> None:
    answer = client.get(path, headers={"Accept": "application/json"})
    assert "NUL" in problem(answer, 400)["detail"]
    assert "content-security-policy" in answer.headers
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 400 and "NUL" in page.text


def test_a_nul_in_a_sign_in_name_is_not_a_server_error(client: TestClient) -> None:
    token = client.get("/api/v1/session").json()["csrf_token"]
    answer = client.post(
        "/api/v1/session",
        json={"name": "ad\x00min", "password": "whatever it is"},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code in (401, 422), answer.text
