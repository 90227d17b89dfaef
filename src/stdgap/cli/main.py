"""The ``stdgap`` command, assembled from the list of capabilities.

Each capability's commands are loaded only when used: ``stdgap --help`` reads their one-line
help from :mod:`stdgap.capabilities` and imports none of them, and ``stdgap indicators`` imports
the indicator engine and nothing of the web application.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer._click import Command, Context, HelpFormatter
from typer.core import TyperCommand, TyperGroup

from stdgap import capabilities
from stdgap.console.common import DbOption


class LazyGroup(TyperGroup):
    """A group whose commands are imported on first use (help lists them without importing)."""

    _listing = False

    def list_commands(self, ctx: Context) -> list[str]:
        return [command.name for command in capabilities.commands()]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        entry = next((c for c in capabilities.commands() if c.name == cmd_name), None)
        if entry is None:
            return None
        if self._listing:
            return TyperCommand(entry.name, short_help=entry.help, help=entry.help)
        module, _, attribute = entry.target.partition(":")
        loaded: Any = getattr(importlib.import_module(module), attribute)
        command = typer.main.get_command(loaded)
        command.name = entry.name
        return command

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="stdgap",
    cls=LazyGroup,
    help="stdgap, the Standardization Gap Observatory.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(ctx: typer.Context, db: DbOption = None) -> None:
    """Measure and bridge the standardization gap between developing and developed countries."""
    ctx.obj = {"db": db}
