"""The indicator tests' fixture data set and how to load it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source

FIXTURE = Path(__file__).parents[1] / "data" / "indicators"
KINDS = ("members", "people", "meetings", "attendance", "contributions", "roles")


def load_fixture(engine: Engine, folder: Path = FIXTURE) -> None:
    run_import.perform(
        engine, "test", [Source.from_path(folder / f"{kind}.csv", kind) for kind in KINDS]
    )
