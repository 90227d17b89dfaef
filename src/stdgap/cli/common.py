"""Options and helpers shared by every command: the store URL, consoles, failure exits."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine

from stdgap.ingest.errors import ImportFailed
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


def store_url(ctx: typer.Context, db: str | None) -> str | None:
    """The command's ``--db``, else the one given before the command (None: the default)."""
    url: str | None = db or (ctx.find_root().obj or {}).get("db")
    return url


def store(ctx: typer.Context, db: str | None) -> Engine:
    """The store named by :func:`store_url`, ready for use; disposed when the command ends."""
    engine = open_store(store_url(ctx, db))
    ctx.find_root().call_on_close(engine.dispose)
    return engine


def print_bad_rows(failure: ImportFailed, limit: int | None = None) -> None:
    """Every bad row of a refused write, one ``FILE:LINE: column: message`` a line."""
    for error in failure.errors[:limit]:
        err_console.print(str(error), highlight=False, markup=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)
