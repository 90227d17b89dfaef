"""Faults of the database on the web: 503 with a problem document (and Retry-After when trying
again helps) or an error page; the detail in the server's log, never in the answer."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.indicators import answers
from stdgap.store.engine import make_engine
from stdgap.web.app import create_app
from stores import Templates
from web_testing import problem

PAGES = ["/indicators.json", "/api/v1/indicators", "/countries/KEN.json", "/api/v1/groups"]


@pytest.fixture
def doomed(
    backend: str, templates: Templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """A client of the application on a store of its own, which the test may destroy (the
    store's state is read again for every request)."""
    monkeypatch.setattr(answers, "STATE_SECONDS", 0.0)
    url = templates.copy(backend, "empty", lambda engine: None, tmp_path)
    engine = open_store(url)
    app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as client:
        yield client
    engine.dispose()
    templates.drop(url)


def _destroy(client: TestClient, templates: Templates) -> str:
    """Drop the store's database (PostgreSQL) or write over its file (SQLite)."""
    engine = client.app.state.engine  # type: ignore[attr-defined]
    url = engine.url
    if url.get_backend_name() == "sqlite":
        engine.dispose()
        Path(str(url.database)).write_bytes(b"not a database any more\n" * 200)
        for suffix in ("-wal", "-shm"):
            Path(f"{url.database}{suffix}").unlink(missing_ok=True)
        return "not an SQLite database"
    with templates.admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE {url.database} WITH (FORCE)"))
    return "does not exist"


def test_a_dropped_store_answers_503(
    doomed: TestClient, templates: Templates, caplog: pytest.LogCaptureFixture
) -> None:
    assert doomed.get("/indicators.json").status_code == 200
    logged = _destroy(doomed, templates)
    for page in PAGES:
        with caplog.at_level(logging.ERROR, logger="stdgap.web"):
            response = doomed.get(page)
        body = problem(response, 503)
        assert body["type"] == "urn:stdgap:problem:store-unavailable"
        assert body["title"] == "Service Unavailable"
        database = str(make_url(str(doomed.app.state.engine.url)).database)  # type: ignore[attr-defined]
        assert database not in response.text and "SQL" not in response.text
    assert logged in caplog.text and "Traceback" in caplog.text
    page = doomed.get("/indicators")
    assert page.status_code == 503 and "text/html" in page.headers["content-type"]
    assert "<html" in page.text


def test_an_unreachable_server_answers_503_with_retry_after(
    doomed: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gone = make_engine(f"postgresql://stdgap:s3cret@127.0.0.1:{port}/gone")
    doomed.app.state.engine = gone  # type: ignore[attr-defined]
    with caplog.at_level(logging.ERROR, logger="stdgap.web"):
        response = doomed.get("/api/v1/indicators")
    body = problem(response, 503)
    assert response.headers["Retry-After"].isdigit()
    assert "try again" in body["detail"]
    assert str(port) not in response.text and "s3cret" not in response.text
    assert "connection refused" in caplog.text and "s3cret" not in caplog.text
    gone.dispose()


def test_503_is_documented_in_the_api(doomed: TestClient) -> None:
    spec = doomed.get("/api/v1/openapi.json").json()
    assert "503" in spec["paths"]["/api/v1/indicators"]["get"]["responses"]
