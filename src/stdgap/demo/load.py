"""Writing the demo data set through the same validation and store code as an import."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.demo.generator import DemoData, Scale, generate
from stdgap.ingest.kinds import KINDS
from stdgap.ingest.pipeline import ImportReport, Progress, run_import
from stdgap.ingest.schemas import COLUMNS
from stdgap.ingest.sources import Source


def demo_sources(data: DemoData) -> list[Source]:
    return [
        Source.from_rows(f"demo:{kind}", kind, list(COLUMNS[kind]), getattr(data, kind))
        for kind in KINDS
    ]


def load_demo(
    engine: Engine,
    scale: Scale = "itu",
    seed: int = 2024,
    progress: Progress | None = None,
    actor: str = "demo",
) -> tuple[DemoData, ImportReport]:
    """Generate the demo data set and import it as ``actor`` (one audited write)."""
    data = generate(scale, seed)
    return data, run_import.perform(engine, actor, demo_sources(data), progress)
