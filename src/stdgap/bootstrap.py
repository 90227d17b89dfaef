"""Opening a store ready for use: every capability's migrations applied, its shipped data loaded.

This sits above the store: the store knows nothing of countries or of capabilities; here the list
of capabilities (:mod:`stdgap.capabilities`) names the folders of migrations and the seed
functions (the countries and their classifications, loaded into an empty store).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, MetaData

from stdgap import capabilities
from stdgap.store import migrate
from stdgap.store.engine import make_engine

if TYPE_CHECKING:
    from stdgap.store.archive import Manifest
    from stdgap.store.backup import Progress


def migration_folders() -> list[Path]:
    return capabilities.migration_folders()


def resolve(target: str) -> Any:
    """The object named ``module:attribute`` (or a module)."""
    module, _, attribute = target.partition(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, attribute) if attribute else loaded


def metadata() -> MetaData:
    """The metadata of every capability's tables (every models module imported)."""
    from stdgap.store.models import Base

    for found in capabilities.CAPABILITIES:
        for module in found.models:
            importlib.import_module(module)
    return Base.metadata


def head_revision() -> str:
    """The newest schema: every head of every capability's migrations, joined with '+'."""
    return migrate.head_revision(migration_folders())


def new_revision(engine: Engine, capability: str, message: str) -> str:
    """Autogenerate a revision of ``capability``'s models into its migrations folder, after the
    newest revision of that folder (a new branch from ``0001`` when it has none); the store must
    hold the newest schema. Returns the path written."""
    from alembic import command
    from alembic.script import ScriptDirectory

    found = capabilities.capability(capability)
    if found.migrations_folder is None:
        raise ValueError(
            f"capability {capability!r} declares no migrations: set migrations=True in its "
            "entry of src/stdgap/capabilities.py first (only declared folders are applied)"
        )
    folder = found.migrations_folder
    folder.mkdir(parents=True, exist_ok=True)
    prepare(engine)
    folders = sorted({*migration_folders(), folder})
    scripts = ScriptDirectory.from_config(migrate.alembic_config(folders))
    own = [
        head
        for head in scripts.get_heads()
        if (script := scripts.get_revision(head)) is not None
        and Path(str(script.path)).parent.resolve() == folder.resolve()
    ]
    with engine.begin() as connection:
        config = migrate.alembic_config(folders, connection, metadata())
        written = command.revision(
            config,
            message=message,
            autogenerate=True,
            head=own[0] if own else migrate.BASE_REVISION,
            splice=not own,
            branch_label=None if own else capability,
            version_path=str(folder),
        )
    if written is None or isinstance(written, list):
        raise ValueError("Alembic wrote no single revision")
    return str(written.path)


def prepare(engine: Engine) -> None:
    """Migrate ``engine``'s database and load the shipped data each capability needs."""
    folders = migration_folders()
    if not migrate.is_current(engine, folders):
        migrate.upgrade(engine, folders)
    seeds: list[Callable[[Connection], None]] = [
        resolve(found.seed) for found in capabilities.CAPABILITIES if found.seed
    ]
    if seeds:
        with engine.begin() as connection:
            for seed in seeds:
                seed(connection)


def backup_store(
    engine: Engine, path: Path, actor: str, progress: Progress | None = None
) -> Manifest:
    """Write every capability's tables in ``engine``'s store to the archive ``path``; see
    :func:`stdgap.store.backup.backup`."""
    from stdgap import __version__
    from stdgap.store.backup import backup

    return backup(engine, metadata(), path, actor, __version__, progress)


def restore_store(
    engine: Engine,
    path: Path,
    actor: str,
    force: bool = False,
    progress: Progress | None = None,
    checked: Progress | None = None,
) -> Manifest:
    """Replace the content of ``engine``'s store (made ready first: migrated to the newest
    schema) by the archive ``path``; see :func:`stdgap.store.restore.restore`."""
    from stdgap.store.restore import restore

    prepare(engine)
    folders = migration_folders()
    heads = migrate.head_revisions(folders)
    known = migrate.known_revisions(folders)
    return restore(engine, metadata(), path, actor, heads, known, force, progress, checked)


def open_store(url: str | None = None) -> Engine:
    """An engine on the store at ``url`` (or ``$STDGAP_DB``, or the default SQLite file), ready."""
    engine = make_engine(url)
    try:
        prepare(engine)
    except BaseException:
        engine.dispose()  # a store that cannot be made ready keeps no connection open
        raise
    return engine
