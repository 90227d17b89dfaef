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
        assert "The figures are being updated" in page.text
    arabic = client.get("/indicators?lang=ar")
    assert 'class="updating"' in arabic.text and "The figures are being updated" not in arabic.text
