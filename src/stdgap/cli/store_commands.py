"""``stdgap db …`` and ``stdgap settings …``: the store's schema and its store-wide settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from stdgap.console.common import (
    DbOption,
    actor,
    console,
    data_table,
    err_console,
    fail,
    remember,
    store,
    store_url,
)
from stdgap.i18n.translate import _
from stdgap.store.archive import ArchiveError

if TYPE_CHECKING:
    from stdgap.console.progress import ImportProgress

db_app = typer.Typer(
    add_completion=False,
    help="The store: schema migrations, backup and restore.",
    no_args_is_help=True,
)
settings_app = typer.Typer(add_completion=False, help="Store-wide settings.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Create or migrate the store's schema to the newest version and load reference data."""
    from stdgap import bootstrap
    from stdgap.store.engine import describe, make_engine
    from stdgap.store.migrate import current_revision

    remember(ctx, store_url(ctx, db))
    engine = make_engine(store_url(ctx, db))
    ctx.call_on_close(engine.dispose)
    before = current_revision(engine)
    bootstrap.prepare(engine)
    console.print(
        f"{describe(engine)}: schema {before or 'empty'} → {bootstrap.head_revision()}",
        soft_wrap=True,
    )


@db_app.command("current")
def current(ctx: typer.Context, db: DbOption = None) -> None:
    """Print the store's schema version and the newest one."""
    from stdgap import bootstrap
    from stdgap.store.engine import describe, make_engine
    from stdgap.store.migrate import current_revision

    remember(ctx, store_url(ctx, db))
    engine = make_engine(store_url(ctx, db))
    ctx.call_on_close(engine.dispose)
    revision = current_revision(engine) or "empty"
    console.print(
        f"{describe(engine)}: schema {revision} (newest {bootstrap.head_revision()})",
        soft_wrap=True,
    )


@db_app.command("revision")
def revision(
    ctx: typer.Context,
    capability: Annotated[str, typer.Option(help="The capability the revision belongs to")],
    message: Annotated[str, typer.Option("--message", "-m", help="What the revision does")],
    db: DbOption = None,
) -> None:
    """Write a new migration for a capability's changed models (Alembic autogenerate against a
    store migrated to the newest schema) into that capability's migrations folder."""
    from stdgap import bootstrap

    try:
        path = bootstrap.new_revision(store(ctx, db), capability, message)
    except (KeyError, ValueError) as error:
        fail(str(error).strip("'\""))
    console.print(f"{Path(path)} written; read it before you commit it")


class _Overall:
    """Progress over a whole store: the rows done in every table, on one bar."""

    def __init__(self, bar: ImportProgress, label: str) -> None:
        self.bar = bar
        self.label = label
        self.done: dict[str, int] = {}

    def start(self, total: int) -> None:
        self.bar.totals[self.label] = total
        self.done.clear()

    def advance(self, table: str, done: int) -> None:
        self.done[table] = done
        self.bar.advance(self.label, sum(self.done.values()))


def _archive_error(error: ArchiveError) -> NoReturn:
    fail(_(error.message, **error.params))


@db_app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The archive to write (a .zip file)")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists")] = False,
    db: DbOption = None,
) -> None:
    """Write the whole store to FILE, a portable archive.

    The archive is a zip of JSON lines with a manifest of row counts and checksums, which
    `stdgap db restore` reads into SQLite or PostgreSQL. It is read back to check it; the
    backup is recorded in the audit log."""
    from stdgap.bootstrap import backup_store
    from stdgap.console.progress import ImportProgress

    if file.exists() and not force:
        fail(_("%(file)s exists: choose another name, or add --force to replace it", file=file))
    if not file.parent.is_dir():
        fail(_("%(folder)s: no such folder", folder=file.parent))
    engine = store(ctx, db)
    label = _("backing up")
    try:
        with ImportProgress(err_console, [label], verb="written") as bar:
            manifest = backup_store(engine, file, actor(), _Overall(bar, label))
    except ArchiveError as error:
        _archive_error(error)
    except OSError as error:  # the archive's disk is full, its folder read-only …
        fail(_("cannot write %(file)s (%(reason)s)", file=file, reason=error.strerror), 1)
    console.print(
        _(
            "%(file)s written and checked: %(rows)s rows of %(tables)s tables, schema "
            "%(schema)s, data version %(version)s",
            file=file,
            rows=f"{manifest.rows:,}",
            tables=len(manifest.tables),
            schema="+".join(manifest.revisions),
            version=manifest.data_version or "none",
        ),
        soft_wrap=True,
    )


@db_app.command("restore")
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An archive written by `stdgap db backup`")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the content of a store that holds data")
    ] = False,
    db: DbOption = None,
) -> None:
    """Replace the content of the store by the archive FILE, in one transaction.

    The archive is checked whole first (schema revision, tables, row counts, checksums); a
    store that holds data is refused without --force; a store without a schema is made
    first. The restore is recorded in the audit log."""
    from stdgap.bootstrap import restore_store
    from stdgap.console.progress import ImportProgress
    from stdgap.store.engine import make_engine

    remember(ctx, store_url(ctx, db))
    engine = make_engine(store_url(ctx, db))
    ctx.call_on_close(engine.dispose)
    checking, restoring = _("checking"), _("restoring")
    try:
        with ImportProgress(err_console, [checking, restoring], verb="read") as bar:
            manifest = restore_store(
                engine,
                file,
                actor(),
                force,
                progress=_Overall(bar, restoring),
                checked=_Overall(bar, checking),
            )
    except ArchiveError as error:
        _archive_error(error)
    console.print(
        _(
            "%(file)s restored: %(rows)s rows of %(tables)s tables, made %(created)s from "
            "%(backend)s, data version %(version)s",
            file=file,
            rows=f"{manifest.rows:,}",
            tables=len(manifest.tables),
            created=manifest.created,
            backend=manifest.backend,
            version=manifest.data_version or "none",
        ),
        soft_wrap=True,
    )


@settings_app.command("show")
def show(ctx: typer.Context, db: DbOption = None) -> None:
    """Print every setting with its value and meaning."""

    from stdgap.store.settings import SETTINGS, all_settings

    with store(ctx, db).connect() as connection:
        values = all_settings(connection)
    table = data_table()
    table.add_column("setting", no_wrap=True)
    for heading in ("value", "default", "meaning"):
        table.add_column(heading)
    for key, value in values.items():
        spec = SETTINGS[key]
        table.add_row(key, value, spec.default, spec.help)
    console.print(table)


@settings_app.command("set")
def set_value(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Setting name (see `stdgap settings show`)")],
    value: Annotated[str, typer.Argument(help="New value")],
    db: DbOption = None,
) -> None:
    """Change a setting."""
    from stdgap.store.settings import UnknownSetting, set_setting

    try:
        stored = set_setting.perform(store(ctx, db), actor(), key, value)
    except UnknownSetting as error:
        fail(str(error))
    console.print(f"{key} = {stored}")
