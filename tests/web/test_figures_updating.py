"""While the indicator facts are rebuilt in the background, every page says its figures are
those of the data before the change (in the reader's language), and the API says so too."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stdgap.indicators import cache


def test_pages_say_when_the_figures_are_being_updated(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = client.get("/indicators")
    assert page.status_code == 200 and 'class="updating"' not in page.text
    monkeypatch.setattr(cache, "updating", lambda engine: True)
    for path in ("/indicators", "/"):
        page = client.get(path)
        assert page.status_code == 200
        assert '<p class="updating" role="status">' in page.text
        assert "after a change to the data or the settings" in page.text
    arabic = client.get("/indicators?lang=ar")
    assert 'class="updating"' in arabic.text and "The figures are being updated" not in arabic.text


def test_the_api_always_says_whether_its_figures_are_being_updated(client: TestClient) -> None:
    page = client.get("/api/v1/indicators?indicator=participants&by=year")
    assert page.status_code == 200 and page.json()["updating"] is False
    schema = client.get("/api/v1/openapi.json").json()
    answer = schema["paths"]["/api/v1/indicators"]["get"]["responses"]["200"]
    name = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    model = schema["components"]["schemas"][name]
    assert model["properties"]["updating"]["type"] == "boolean"
    assert "updating" in model["required"]
