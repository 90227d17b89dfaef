"""The indicator tests' fixture data set and how to load it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from stdgap.ingest.files import Source
from stdgap.ingest.pipeline import run_import

FIXTURE = Path(__file__).parents[1] / "data" / "indicators"
KINDS = ("members", "people", "meetings", "attendance", "contributions", "roles")


def load_fixture(engine: Engine, folder: Path = FIXTURE) -> None:
    run_import(engine, [Source.from_path(folder / f"{kind}.csv", kind) for kind in KINDS])
