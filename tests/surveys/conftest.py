"""Fixtures of the surveys tests: the world of :mod:`survey_world` on each backend, and a
client of the web application on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from survey_world import build_survey_world

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates


@pytest.fixture
def world(
    backend: str, templates: Templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    url = templates.copy(backend, "survey-world", build_survey_world, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


@pytest.fixture
def client(world: Engine) -> Iterator[TestClient]:
    app = create_app(engine=world, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client
