"""Options and helpers shared by every command: the store URL, consoles, failure exits."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine

from stdgap.store.open import open_store

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store URL (SQLAlchemy), e.g. sqlite:///stdgap.db or postgresql://host/db. "
        "Default: $STDGAP_DB, else the embedded SQLite file.",
        show_default=False,
    ),
]

EXIT_BAD_INPUT = 2


def store(ctx: typer.Context, db: str | None) -> Engine:
    """The store named by the command's ``--db``, else the one given before the command."""
    root = ctx.find_root()
    url = db or (root.obj or {}).get("db")
    engine = open_store(url)
    root.call_on_close(engine.dispose)
    return engine


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)
