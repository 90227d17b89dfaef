"""Report downloads: the annual and a regional report, as HTML, DOCX and PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from web_testing import problem

JSON = {"Accept": "application/json"}


@pytest.mark.parametrize(
    ("path", "media", "magic"),
    [
        ("/reports/annual.html?year=2024", "text/html", b"<"),
        ("/reports/annual.docx?year=2024", "application/vnd.openxmlformats", b"PK"),
        ("/reports/region.pdf?region=Africa&year=2024", "application/pdf", b"%PDF"),
        # the forms without JavaScript: the format as a field
        ("/reports/annual?year=2024&fmt=html", "text/html", b"<"),
        ("/reports/region?region=Africa&year=2024&fmt=pdf", "application/pdf", b"%PDF"),
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


def test_a_region_s_report_is_named_after_the_region_not_what_was_typed(
    client: TestClient, tmp_path: Path
) -> None:
    answer = client.get("/reports/region.html?region=asia%20%26%20pacific&year=2024")
    assert answer.status_code == 200
    assert 'filename="stdgap-asia-pacific-2024.html"' in answer.headers["content-disposition"]
    for region in ("Africa/../../..", "Africa%00", "../Africa", "Africa\\..\\.."):
        refused = client.get(
            "/reports/region.html", params={"region": region, "year": 2199}, headers=JSON
        )
        problem(refused, 422)
    leftovers = list(Path(tempfile.gettempdir()).glob("*-2199.*"))
    assert leftovers == []


def test_a_report_of_a_year_without_data_says_so(client: TestClient) -> None:
    answered = client.get("/reports/annual.html?year=2030")
    assert answered.status_code == 200
    assert "its meetings run from 2023 to 2024" in answered.text
    assert client.get("/reports/annual.docx?year=1950").status_code == 200


def test_a_report_is_written_in_the_language_asked_for(client: TestClient) -> None:
    answered = client.get("/reports/annual.html?year=2030&lang=ar")
    assert answered.status_code == 200
    assert '<html lang="ar" dir="rtl">' in answered.text
    page = client.get("/reports?lang=fr")
    assert 'name="language"' in page.text and '<option value="fr" lang="fr" selected>' in page.text
    chinese = client.get("/reports/annual.html?year=2030&language=zh")
    assert '<html lang="zh" dir="ltr">' in chinese.text
    assert chinese.headers.get("set-cookie") is None or "zh" not in chinese.headers["set-cookie"]
    problem(client.get("/reports/annual.html?year=2030&language=xx", headers=JSON), 422)


def test_the_report_forms_work_without_javascript(client: TestClient) -> None:
    """Each form's action takes its fields as they are: the format chosen is the one served."""
    page = client.get("/reports")
    assert 'action="/reports/annual"' in page.text and 'action="/reports/region"' in page.text
    answer = client.get("/reports/annual", params={"year": 2024, "fmt": "html", "language": "fr"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert 'lang="fr"' in answer.text
