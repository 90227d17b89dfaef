"""Opening a store ready for use: migrated to the newest schema, reference data loaded."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.reference.seed import is_seeded, seed_reference
from stdgap.store.engine import make_engine
from stdgap.store.migrate import is_current, upgrade


def prepare(engine: Engine) -> None:
    """Migrate ``engine``'s database and load the shipped reference data when missing."""
    if not is_current(engine):
        upgrade(engine)
    with engine.begin() as connection:
        if not is_seeded(connection):
            seed_reference(connection)


def open_store(url: str | None = None) -> Engine:
    """An engine on the store at ``url`` (or ``$STDGAP_DB``, or the default SQLite file)."""
    engine = make_engine(url)
    prepare(engine)
    return engine
