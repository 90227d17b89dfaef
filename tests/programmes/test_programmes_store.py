"""Migration 0003 matches the models; the demo year of programmes is deterministic."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select

from stdgap.awards import operations as awards
from stdgap.bootstrap import open_store
from stdgap.demo.load import load_demo
from stdgap.demo.programmes import generate_programmes
from stdgap.fellowships.models import FellowshipApplication
from stdgap.mentorship.models import MentorshipMatch
from stdgap.store.models import Base

PREFIXES = ("fellowship_", "mentorship_", "award_", "programme_rules")


def test_migration_0003_matches_the_models(engine: Engine) -> None:
    import stdgap.awards.models
    import stdgap.mentorship.models
    import stdgap.programmes.models  # noqa: F401

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)

    def table_of(diff: object) -> str:
        item = diff[0] if isinstance(diff, list) else diff
        for part in item[1:] if isinstance(item, tuple) else ():
            name = getattr(part, "name", None) or getattr(getattr(part, "table", None), "name", "")
            if isinstance(part, str):
                name = part
            if name and str(name).startswith(PREFIXES):
                return str(name)
        return ""

    mine = [diff for diff in diffs if table_of(diff)]
    assert mine == []


def _snapshot(
    path: Path,
) -> tuple[list[tuple[str, str | None]], list[tuple[int, float]], list[str]]:
    engine = open_store(f"sqlite:///{path}")
    load_demo(engine, "small", 7)
    summary = generate_programmes(engine, 7)
    assert summary is not None and summary.calls == 8 and summary.nominations > 0
    assert generate_programmes(engine, 7) is None  # once only
    with engine.connect() as connection:
        decisions = list(
            connection.execute(
                select(
                    FellowshipApplication.application_id, FellowshipApplication.decision
                ).order_by(FellowshipApplication.application_id)
            )
        )
        matches = list(
            connection.execute(
                select(MentorshipMatch.mentee_id, MentorshipMatch.score).order_by(
                    MentorshipMatch.mentee_id
                )
            )
        )
    ranking = [r.nomination for r in awards.results(engine, f"YA-{summary.year}")]
    engine.dispose()
    return [tuple(row) for row in decisions], [tuple(row) for row in matches], ranking  # type: ignore[misc]


def test_demo_programmes_are_deterministic(tmp_path: Path) -> None:
    first = _snapshot(tmp_path / "a.db")
    second = _snapshot(tmp_path / "b.db")
    assert first == second
    decisions = dict(first[0])
    assert {"full", "not_granted", "ineligible"} <= set(decisions.values())
