"""``stdgap db …``: the store's schema."""

from __future__ import annotations

import typer

from stdgap.cli.common import DbOption, console, store_url
from stdgap.store.engine import describe, make_engine
from stdgap.store.migrate import current_revision, head_revision
from stdgap.store.open import prepare

app = typer.Typer(help="The store: schema migrations.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Create or migrate the store's schema to the newest version and load reference data."""
    engine = make_engine(store_url(ctx, db))
    ctx.call_on_close(engine.dispose)
    before = current_revision(engine)
    prepare(engine)
    console.print(f"{describe(engine)}: schema {before or 'empty'} → {head_revision()}")


@app.command("current")
def current(ctx: typer.Context, db: DbOption = None) -> None:
    """Print the store's schema version and the newest one."""
    engine = make_engine(store_url(ctx, db))
    ctx.call_on_close(engine.dispose)
    revision = current_revision(engine) or "empty"
    console.print(f"{describe(engine)}: schema {revision} (newest {head_revision()})")
