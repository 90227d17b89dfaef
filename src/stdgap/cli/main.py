"""The ``stdgap`` command, assembled from the list of capabilities.

Each capability's commands are loaded only when used: ``stdgap --help`` reads their one-line
help from :mod:`stdgap.capabilities` and imports none of them, and ``stdgap indicators`` imports
the indicator engine and nothing of the web application.
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Annotated, Any

import typer
from typer._click import Command, Context, HelpFormatter
from typer.core import TyperCommand, TyperGroup

from stdgap import capabilities
from stdgap.console.common import DbOption

_LIST_ITEM = re.compile(r"\s|[-*•] |\d+[.)] ")


def _prose(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs joined (Typer keeps those of every
    paragraph but the first, breaking lines mid-sentence); a line that starts a list item or is
    indented keeps its break, and a paragraph marked ``\\b`` is kept as it is."""
    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        if paragraph.startswith("\b"):
            paragraphs.append(paragraph)
            continue
        lines = paragraph.split("\n")
        joined = lines[0]
        for line in lines[1:]:
            joined += ("\n" if _LIST_ITEM.match(line) else " ") + line
        paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def _help_as_prose(command: Command) -> None:
    """The help of ``command`` and of the commands under it as prose (see :func:`_prose`)."""
    if command.help:
        command.help = _prose(command.help)
    for sub in getattr(command, "commands", {}).values():
        _help_as_prose(sub)


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
        _help_as_prose(command)
        return command

    def invoke(self, ctx: Context) -> Any:
        """Run the command; a fault of the database ends it with one line on standard error
        and exit status 1 (and the traceback too with ``--debug``)."""
        try:
            return super().invoke(ctx)
        except Exception as error:
            from stdgap.console.faults import EXIT_FAULT, debug_from_env, say
            from stdgap.store.faults import find

            obj = ctx.obj or {}
            fault = find(error, obj.get("url") or obj.get("db"))
            if fault is None:
                raise
            say(fault)
            if obj.get("debug", debug_from_env()):
                raise
            raise typer.Exit(EXIT_FAULT) from None

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


DebugOption = Annotated[
    bool,
    typer.Option(
        "--debug",
        envvar="STDGAP_DEBUG",
        help="Show the traceback of a fault of the database (not only its one-line message).",
    ),
]


@app.callback()
def main(ctx: typer.Context, db: DbOption = None, debug: DebugOption = False) -> None:
    """Measure and bridge the standardization gap between developing and developed countries."""
    ctx.obj = {"db": db, "debug": debug}
