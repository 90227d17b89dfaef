"""Fixtures of the indicator tests: the hand-made data set loaded into a store, a private cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from indicator_fixtures import load_fixture
from sqlalchemy import Engine

from stdgap.indicators.cache import clear_memory


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own Parquet cache folder and an empty memory cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(folder))
    clear_memory()
    yield folder
    clear_memory()


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    """A store holding the hand-made indicator fixture (tests/data/indicators)."""
    load_fixture(engine)
    return engine
