"""Fixtures of the knowledge tests: the corpus of :mod:`corpus` and a user of every role on
each backend, and a client of the web application on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from knowledge_world import build_knowledge_world
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates


@pytest.fixture
def world(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "knowledge-world", build_knowledge_world, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


@pytest.fixture
def client(world: Engine) -> Iterator[TestClient]:
    app = create_app(engine=world, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client
