"""Fixtures of the fellowship tests: a small world with one call and its applications, users of
every role, and a client of the web application on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fellowship_factories import CALL, make_application, make_call
from sqlalchemy import Engine

from factories import make_meeting, make_member, make_person
from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import make_users


def build_call_world(engine: Engine) -> None:
    """Kenya, Nepal and Switzerland; a meeting of SG5 in 2025 with a call for it; three
    applications (one from Switzerland, not eligible); users of every role."""
    make_meeting(engine, "SG5-2025-01", group="SG5", start="2025-01-20")
    for member, country in (("MS-KEN", "KEN"), ("MS-NPL", "NPL"), ("MS-CHE", "CHE")):
        make_member(engine, member, country=country)
        make_person(engine, f"{country}-1", member, country=country, gender="F", birth_year=1995)
    make_call(engine, CALL, "SG5-2025-01", budget=6_000, full_cost=4_000, partial_cost=2_000)
    make_application(engine, "A-KEN", CALL, "KEN-1", "MS-KEN", "KEN", "F", 1995)
    make_application(engine, "A-NPL", CALL, "NPL-1", "MS-NPL", "NPL", "F", 1995)
    make_application(engine, "A-CHE", CALL, "CHE-1", "MS-CHE", "CHE", "F", 1995)
    make_users(engine)


@pytest.fixture
def world(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "fellowship-call", build_call_world, tmp_path)
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
