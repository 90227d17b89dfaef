"""Schema migrations (Alembic), run automatically on first use of a store.

The core schema's revisions are in ``store/migrations/versions``; each capability may bring its
own folder of revisions, a branch from the initial schema (``0001``). The store is current when
every head of every folder is applied. The folders are handed in by whoever opens the store
(:mod:`stdgap.bootstrap` reads them from the list of capabilities).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
CORE_VERSIONS = MIGRATIONS_DIR / "versions"
#: The initial schema, from which each capability's branch of revisions starts.
BASE_REVISION = "0001"


def alembic_config(
    folders: Sequence[Path] = (CORE_VERSIONS,),
    connection: Connection | None = None,
    metadata: MetaData | None = None,
) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("version_locations", " ".join(str(folder) for folder in folders))
    config.set_main_option("path_separator", "space")
    if connection is not None:
        config.attributes["connection"] = connection
    config.attributes["target_metadata"] = metadata
    return config


def head_revisions(folders: Sequence[Path]) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(folders)).get_heads())


def known_revisions(folders: Sequence[Path]) -> set[str]:
    """Every revision of ``folders``, old and new."""
    scripts = ScriptDirectory.from_config(alembic_config(folders))
    return {script.revision for script in scripts.walk_revisions()}


def head_revision(folders: Sequence[Path]) -> str:
    """The newest revision(s), for display: heads joined with '+'."""
    return "+".join(sorted(head_revisions(folders)))


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def current_revision(engine: Engine) -> str | None:
    """The store's revision(s), for display; None for an empty store."""
    return "+".join(sorted(current_revisions(engine))) or None


def upgrade(engine: Engine, folders: Sequence[Path], revision: str = "heads") -> None:
    """Bring the schema of ``engine``'s database up to ``revision`` (every head by default)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(folders, connection), revision)


def is_current(engine: Engine, folders: Sequence[Path]) -> bool:
    return current_revisions(engine) == head_revisions(folders)
