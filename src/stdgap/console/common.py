"""Options and helpers shared by every command: the store, who is acting, output, failure exits.

Heavy modules (SQLAlchemy, the store) are imported when a command first needs them, so that
``stdgap --help`` and every command start fast.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from stdgap.tabular.errors import ImportFailed, RowError

#: Output of commands: what they print is data (names, ids, titles from users' files), never
#: Rich markup or emoji codes.
console = Console(markup=False, emoji=False, highlight=False)
err_console = Console(stderr=True, emoji=False)

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
    from stdgap.bootstrap import open_store

    root = ctx.find_root()
    remember(ctx, store_url(ctx, db))
    engine = open_store(store_url(ctx, db))
    root.call_on_close(engine.dispose)
    return engine


def remember(ctx: typer.Context, url: str | None) -> None:
    """Note the store a command uses, to name it should the database fail."""
    from stdgap.store.engine import resolve_url

    root = ctx.find_root()
    root.obj = {**(root.obj or {}), "url": resolve_url(url)}


def actor() -> str:
    """Who acts when a command writes: ``cli:<operating-system user>``, the account of the
    process (not ``$LOGNAME`` or ``$USER``, which anyone can set)."""
    try:
        import pwd

        name = pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):  # no password database (Windows, a container)
        name = f"uid{os.getuid()}" if hasattr(os, "getuid") else getpass.getuser()
    return f"cli:{name}"


def print_bad_rows(errors: Iterable[RowError], limit: int | None = None) -> None:
    """Every bad row of a refused write, one ``FILE:LINE: column: message`` a line."""
    for count, error in enumerate(errors):
        if limit is not None and count >= limit:
            break
        err_console.print(str(error), highlight=False, markup=False, soft_wrap=True)


def refusal(errors: int, rows: int) -> str:
    """What a refused write says after its errors: ``2 errors in 1 row; nothing was
    written`` (the header counts as a row)."""
    from stdgap.i18n.translate import gettext, ngettext

    these = ngettext("%(num)s error", "%(num)s errors", errors, num=errors)
    where = ngettext("%(num)s row", "%(num)s rows", rows, num=rows)
    return gettext("%(errors)s in %(rows)s; nothing was written", errors=these, rows=where)


def fail_rows(failure: ImportFailed, limit: int | None = None, before: str = "") -> NoReturn:
    """Print every error of a refused write, say how many in how many rows, exit with 2."""
    print_bad_rows(failure.errors, limit)
    fail(before + refusal(len(failure.errors), failure.rows))


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def data_table(*headers: str, title: str | None = None) -> Any:
    """A Rich table whose cells are data: text given as ``str`` is shown as it is, never read as
    markup (a user named ``[/]`` breaks nothing). The first column (an id, to copy) is never
    cut short on a narrow terminal: the other columns give way."""
    from rich.table import Table
    from rich.text import Text

    class DataTable(Table):
        def add_row(self, *cells: Any, **options: Any) -> None:
            safe = [Text(cell) if isinstance(cell, str) else cell for cell in cells]
            if safe and self.columns and isinstance(safe[0], Text):
                first = self.columns[0]
                first.min_width = min(40, max(first.min_width or 0, safe[0].cell_len))
                first.overflow = "fold"
            super().add_row(*safe, **options)

    return DataTable(*headers, title=title)


def print_rows(title: str, header: list[str], rows: list[list[str]]) -> None:
    """A table of text rows."""
    table = data_table(*header, title=title)
    for row in rows:
        table.add_row(*row)
    console.print(table)
