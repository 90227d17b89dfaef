"""Report downloads: the annual and a regional report, as HTML, DOCX and PDF."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_testing import problem


@pytest.mark.parametrize(
    ("path", "media", "magic"),
    [
        ("/reports/annual.html?year=2024", "text/html", b"<"),
        ("/reports/annual.docx?year=2024", "application/vnd.openxmlformats", b"PK"),
        ("/reports/region.pdf?region=Africa&year=2024", "application/pdf", b"%PDF"),
    ],
)
def test_report_downloads(client: TestClient, path: str, media: str, magic: bytes) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.lstrip().startswith(magic)


def test_report_errors(client: TestClient) -> None:
    problem(
        client.get("/reports/annual.txt?year=2024", headers={"Accept": "application/json"}), 422
    )
    problem(
        client.get(
            "/reports/region.html?region=Atlantis&year=2024", headers={"Accept": "application/json"}
        ),
        422,
    )
    problem(
        client.get("/reports/annual.html?year=abc", headers={"Accept": "application/json"}), 422
    )
