"""The API's documentation for people, at the address the README gives (/api/docs): Swagger UI
served by stdgap from the fastapi-offline package, its start-up script a static file, no
inline script and nothing from another site. (A browser draws it in test_accessibility.)"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def backend() -> str:
    return "sqlite"


def test_the_api_docs_and_their_files_are_served_here(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "img-src 'self' data:" in policy
    assert "unsafe-inline" not in policy
    html = page.text
    assert "<script>" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert not [a for a in assets if "//" in a]  # nothing from another site
    assert {"/api/docs/assets/swagger-ui.css", "/static/apidocs.js"} <= set(assets)
    for asset in assets:
        answer = client.get(asset)
        assert answer.status_code == 200, asset
        assert len(answer.content) > 0
    bundle = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert "SwaggerUIBundle" in bundle.text
    assert client.get("/static/apidocs.js").text.count("/api/v1/openapi.json") == 0
    assert 'data-openapi="/api/v1/openapi.json"' in html
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "stdgap"
    # the site's own policy stays strict elsewhere
    assert "data:" not in client.get("/").headers["content-security-policy"]


def test_the_api_docs_page_follows_the_reader_s_language(client: TestClient) -> None:
    arabic = client.get("/api/docs?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in arabic and "JavaScript" in arabic
    assert "The interactive documentation needs JavaScript" not in arabic
    assert '<html lang="fr" dir="ltr">' in client.get("/api/docs?lang=fr").text
