"""Fixtures of the fund tests: the world of :mod:`fund_world` on each backend, and a client of
the web application on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fund_world import build_fund_world
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates


@pytest.fixture
def world(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "fund-world", build_fund_world, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


@pytest.fixture
def client(world: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    app = create_app(engine=world, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client
