"""Fixtures of the web tests: a store holding the small demo data, our four resolution texts
and a user of every role (a copy of a template made once per session), and a test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.indicators import answers
from stdgap.indicators.cache import clear_memory
from stdgap.web.app import create_app
from stores import Templates
from web_testing import build_web_store


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    clear_memory()
    answers.clear()
    yield
    clear_memory()
    answers.clear()


@pytest.fixture
def loaded_url(backend: str, templates: Templates, tmp_path: Path) -> Iterator[str]:
    url = templates.copy(backend, "web", build_web_store, tmp_path)
    yield url
    templates.drop(url)


@pytest.fixture
def loaded(loaded_url: str) -> Iterator[Engine]:
    """The store with the small demo data, our resolution texts and a user of every role."""
    engine = open_store(loaded_url)
    yield engine
    engine.dispose()


@pytest.fixture
def client(loaded: Engine) -> Iterator[TestClient]:
    app = create_app(engine=loaded, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def db_url(loaded: Engine) -> str:
    return loaded.url.render_as_string(hide_password=False)
