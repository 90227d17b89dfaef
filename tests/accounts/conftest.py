"""Fixtures of the accounts' tests: a store holding a user of every role (a copy of a template
made once per session), a clock the throttle reads, and clients of the web application on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sign_in_clock import Clock
from sqlalchemy import Engine

from stdgap.accounts import throttle
from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import make_users


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    made = Clock()
    monkeypatch.setattr(throttle, "clock", made)
    return made


@pytest.fixture
def people(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    """A store with a user of every role (named after the role)."""
    url = templates.copy(backend, "people", make_users, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


@pytest.fixture
def app(people: Engine) -> FastAPI:
    return create_app(engine=people, settings=WebSettings(secret_key="test-secret"))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as made:
        yield made


@pytest.fixture
def client_from(app: FastAPI) -> Iterator[Callable[[str], TestClient]]:
    """Clients of the application, each from the address given."""
    made: list[TestClient] = []

    def open_client(address: str) -> TestClient:
        found = TestClient(app, client=(address, 50000))
        made.append(found.__enter__())
        return found

    yield open_client
    for found in made:
        found.__exit__(None, None, None)


@pytest.fixture
def db_url(people: Engine) -> str:
    return people.url.render_as_string(hide_password=False)
