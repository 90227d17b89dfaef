"""Schema migrations (Alembic), run automatically on first use of a store.

Each capability may bring its own branch of migrations from the initial schema (``0001``); the
store is current when every head is applied.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def head_revision() -> str:
    """The newest revision(s), for display: heads joined with '+'."""
    return "+".join(sorted(head_revisions()))


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def current_revision(engine: Engine) -> str | None:
    """The store's revision(s), for display; None for an empty store."""
    return "+".join(sorted(current_revisions(engine))) or None


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the schema of ``engine``'s database up to ``revision`` (every head by default)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def is_current(engine: Engine) -> bool:
    return current_revisions(engine) == head_revisions()
