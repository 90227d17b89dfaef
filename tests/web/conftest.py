"""Fixtures of the web tests: a store holding the small demo data and the four seed resolutions,
users of every role, and a test client on the application."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from web_testing import make_users, seed_files

from stdgap.demo.load import load_demo
from stdgap.indicators.cache import clear_memory
from stdgap.resolutions.tracking import import_files
from stdgap.web import accounts, create_app
from stdgap.web.settings import WebSettings


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its cheapest parameters: the tests make and check many passwords."""
    from argon2 import PasswordHasher, profiles

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    clear_memory()
    yield
    clear_memory()


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    """The store with the small demo data, the seed resolutions and a user of every role."""
    load_demo(engine, "small", 7)
    import_files(engine, seed_files())
    make_users(engine)
    return engine


@pytest.fixture
def client(loaded: Engine) -> Iterator[TestClient]:
    app = create_app(engine=loaded, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def db_url(loaded: Engine) -> str:
    return loaded.url.render_as_string(hide_password=False)
