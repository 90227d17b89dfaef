"""``stdgap db …`` and ``stdgap settings …``: the store's schema and its store-wide settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stdgap.console.common import DbOption, actor, console, data_table, fail, store, store_url

db_app = typer.Typer(
    add_completion=False, help="The store: schema migrations.", no_args_is_help=True
)
settings_app = typer.Typer(add_completion=False, help="Store-wide settings.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Create or migrate the store's schema to the newest version and load reference data."""
    from stdgap import bootstrap
    from stdgap.store.engine import describe, make_engine
    from stdgap.store.migrate import current_revision

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
