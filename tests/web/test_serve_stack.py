"""`stdgap serve`'s tail under load: uvicorn on httptools and uvloop when they can be imported
(h11 and asyncio otherwise), a worker's warm heap frozen out of garbage collection, and no
filesystem call to name the store on every request."""

from __future__ import annotations

import gc
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.http.settings import WebSettings
from stdgap.indicators.cache import store_key
from stdgap.web import app as web_app
from stdgap.web.app import YOUNG_THRESHOLD, create_app
from stdgap.web.cli import server_stack


def test_the_fast_parser_and_loop_when_installed() -> None:
    assert server_stack() == ("httptools", "uvloop")


def test_falls_back_to_the_pure_python_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def without(name: str, *args: object) -> object:
        return None if name in ("httptools", "uvloop") else real(name)

    monkeypatch.setattr(importlib.util, "find_spec", without)
    assert server_stack() == ("h11", "asyncio")


@pytest.fixture
def unfrozen() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.parametrize("freeze", [True, False])
def test_a_server_worker_freezes_its_warm_heap(
    engine: Engine,
    unfrozen: None,
    freeze: bool,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    started: list[bool] = []
    monkeypatch.setattr(web_app, "warm_writers_in_background", lambda: started.append(True))
    caplog.set_level("INFO", logger="uvicorn.error")
    app = create_app(engine=engine, settings=WebSettings(secret_key="k" * 32), freeze=freeze)
    with TestClient(app) as client:
        assert started == ([True] if freeze else [])  # the report writers loaded ahead
        said = [r.getMessage() for r in caplog.records if r.name == "uvicorn.error"]
        assert any(m.endswith("loading the indicator figures") for m in said) is freeze
        assert any("ready (figures loaded in " in m for m in said) is freeze
        assert (gc.get_freeze_count() > 0) is freeze
        assert (gc.get_threshold()[0] == YOUNG_THRESHOLD) is freeze
        answer = client.get("/api/v1/indicators?by=year,group")
        assert answer.status_code == 200


def test_the_store_is_named_without_asking_the_filesystem_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store_key(engine)

    def no_filesystem(self: Path, strict: bool = False) -> Path:
        raise AssertionError("resolved again")

    monkeypatch.setattr(Path, "resolve", no_filesystem)
    assert store_key(engine) == first
