"""Each signed-in user's visits to the portal, for "new since my last visit": a visit starts
when a page of the portal is seen more than :data:`VISIT_GAP` after the previous one; "new"
are the items added or changed since the start of the visit before the current one. A visit
is written at most once per gap (an audit row per visit, not per page)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, Insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from stdgap.knowledge.models import KnowledgeVisit
from stdgap.store.unit import Unit, operation

VISIT_GAP = timedelta(minutes=30)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _first_visit(connection: Connection) -> Insert:
    """An insert of a user's first visit that does nothing when another request (a second
    tab) wrote it meanwhile: a page read never fails on the unique user."""
    if connection.dialect.name == "postgresql":
        return pg_insert(KnowledgeVisit).on_conflict_do_nothing(index_elements=["user_id"])
    return sqlite_insert(KnowledgeVisit).on_conflict_do_nothing(index_elements=["user_id"])


@operation("knowledge.visit", target=lambda user_id, *a, **k: str(user_id), data=False)
def record_visit(unit: Unit, user_id: int, now: datetime) -> datetime | None:
    """Record a new visit: where "new" starts for it (None on the first visit)."""
    connection = unit.connection
    row = connection.execute(
        select(KnowledgeVisit).where(KnowledgeVisit.user_id == user_id)
    ).first()
    if row is None:
        connection.execute(
            _first_visit(connection).values(user_id=user_id, seen_at=None, last_at=now)
        )
        return None
    connection.execute(
        update(KnowledgeVisit)
        .where(KnowledgeVisit.id == row.id)
        .values(seen_at=row.last_at, last_at=now)
    )
    return row.last_at  # type: ignore[no-any-return]


def visit(engine: Engine, user_id: int, actor: str, now: datetime | None = None) -> datetime | None:
    """A page of the portal seen by the user: since when items count as new for them (None:
    their first visit, nothing to compare with)."""
    now = now or _now()
    with engine.connect() as connection:
        row = connection.execute(
            select(KnowledgeVisit.seen_at, KnowledgeVisit.last_at).where(
                KnowledgeVisit.user_id == user_id
            )
        ).first()
    if row is not None and now - row.last_at < VISIT_GAP:
        return row.seen_at  # type: ignore[no-any-return]
    return record_visit.perform(engine, actor, user_id, now)
