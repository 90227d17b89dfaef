"""``stdgap settings …``: store-wide settings."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from stdgap.cli.common import DbOption, console, fail, store
from stdgap.store.settings import SETTINGS, UnknownSetting, all_settings, set_setting

app = typer.Typer(help="Store-wide settings.", no_args_is_help=True)


@app.command("show")
def show(ctx: typer.Context, db: DbOption = None) -> None:
    """Print every setting with its value and meaning."""
    with store(ctx, db).connect() as connection:
        values = all_settings(connection)
    table = Table()
    table.add_column("setting", no_wrap=True)
    for heading in ("value", "default", "meaning"):
        table.add_column(heading)
    for key, value in values.items():
        spec = SETTINGS[key]
        table.add_row(key, value, spec.default, spec.help)
    console.print(table)


@app.command("set")
def set_value(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Setting name (see `stdgap settings show`)")],
    value: Annotated[str, typer.Argument(help="New value")],
    db: DbOption = None,
) -> None:
    """Change a setting."""
    try:
        with store(ctx, db).begin() as connection:
            stored = set_setting(connection, key, value)
    except UnknownSetting as error:
        fail(str(error))
    console.print(f"{key} = {stored}")
