"""Writing the demo data set through the same validation and store code as an import."""

from __future__ import annotations

from sqlalchemy import Engine, select

from stdgap.demo.generator import DemoData, Scale, generate
from stdgap.ingest.kinds import KINDS
from stdgap.ingest.pipeline import ImportReport, Progress, run_import
from stdgap.ingest.schemas import COLUMNS
from stdgap.ingest.sources import Source
from stdgap.store.models import Meeting


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


def foreign_meetings(engine: Engine, data: DemoData) -> int:
    """How many meetings of the store are not of this demo data set (another scale or seed,
    or real data): the demo would mix with them."""
    ours = {row["meeting_id"] for row in data.meetings}
    with engine.connect() as connection:
        stored = connection.execute(select(Meeting.meeting_id)).scalars()
        return sum(1 for meeting_id in stored if meeting_id not in ours)
