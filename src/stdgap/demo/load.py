"""Writing the demo data set through the same validation and store code as an import."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Engine, select

from stdgap.demo.generator import DemoData, Scale, generate
from stdgap.ingest.kinds import KINDS
from stdgap.ingest.pipeline import ImportReport, Progress, run_import
from stdgap.ingest.schemas import COLUMNS
from stdgap.ingest.sources import Source
from stdgap.store.models import Meeting

#: The members file's extra column read as a member's contact address (surveys invite it).
CONTACT = "contact_email"


def contact_of(member_id: str) -> str:
    """The invented contact address of a demo member (example.org: it reaches no one)."""
    return f"focal-point.{member_id.lower()}@example.org"


def _with_contacts(data: DemoData) -> list[dict[str, str]]:
    return [row | {CONTACT: contact_of(row["member_id"])} for row in data.members]


def demo_sources(data: DemoData) -> list[Source]:
    """The canonical files of ``data``; the members with a contact address each."""
    return [
        Source.from_rows(f"demo:{kind}", kind, [*COLUMNS[kind], CONTACT], _with_contacts(data))
        if kind == "members"
        else Source.from_rows(f"demo:{kind}", kind, list(COLUMNS[kind]), getattr(data, kind))
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


def foreign_meetings(engine: Engine, data: DemoData, also: Collection[str] = ()) -> int:
    """How many meetings of the store are neither of this demo data set nor in ``also`` (the
    demo's CxO meetings and events): another scale or seed, or real data, that the demo would
    mix with."""
    ours = {row["meeting_id"] for row in data.meetings} | set(also)
    with engine.connect() as connection:
        stored = connection.execute(select(Meeting.meeting_id)).scalars()
        return sum(1 for meeting_id in stored if meeting_id not in ours)
