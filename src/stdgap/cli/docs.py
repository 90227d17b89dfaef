"""``docs/cli.md``, generated from the assembled command line.

Regenerate with ``python -m stdgap.cli.docs > docs/cli.md``; a test fails when the file and the
commands disagree. Every command is loaded (as running it would), so this module is for the docs
and their tests, never for ``stdgap`` itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import typer
from typer._click import Command, Context
from typer.core import TyperGroup

from stdgap import capabilities
from stdgap.cli.main import app

#: Typer's shell-completion options: listed for ``stdgap`` only (a single-command capability
#: carries them too, an artefact of loading it on its own).
_COMPLETION = ("install_completion", "show_completion")

_INTRO = """\
# Command-line reference

Generated from the commands themselves (`src/stdgap/capabilities.py` and each capability's
`cli.py`) by `python -m stdgap.cli.docs`; do not edit by hand.

Every command takes `--help`, which prints what this page says about it. Every command that
uses the store takes `--db URL`, before or after the command name; without it the store is
`$STDGAP_DB`, else the embedded SQLite file (see [configuration](configuration.md), which also
lists the store settings and the environment variables). Bad input ends a command with exit
status 2 and a message on standard error.
"""


@dataclass(frozen=True)
class Entry:
    """A command (or group) with the words that call it, e.g. ``stdgap fellowships rules``."""

    path: tuple[str, ...]
    command: Command
    context: Context

    @property
    def name(self) -> str:
        return " ".join(self.path)


def walk() -> Iterator[Entry]:
    """Every command and group of ``stdgap``, depth first, each group before its commands."""
    root = typer.main.get_command(app)
    return _walk(root, Context(root, info_name="stdgap"))


def _walk(command: Command, context: Context) -> Iterator[Entry]:
    yield Entry(_path(context), command, context)
    if isinstance(command, TyperGroup):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, Context(sub, info_name=name, parent=context))


def _path(context: Context) -> tuple[str, ...]:
    names: list[str] = []
    current: Context | None = context
    while current is not None:
        names.insert(0, current.info_name or "")
        current = current.parent
    return tuple(names)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _help(command: Command) -> str:
    text = (command.help or "").split("\f")[0]
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _parameters(entry: Entry) -> list[str]:
    rows: list[str] = []
    for param in entry.command.params:
        if param.name in _COMPLETION and len(entry.path) > 1:
            continue
        record = param.get_help_record(entry.context)
        if record is None:  # hidden
            continue
        names, meaning = record
        rows.append(f"| `{_cell(names)}` | {_cell(meaning)} |")
    if not rows:
        return []
    return ["| argument or option | meaning |", "|---|---|", *rows, ""]


def _subcommands(entry: Entry) -> list[str]:
    if not isinstance(entry.command, TyperGroup):
        return []
    if len(entry.path) == 1:  # stdgap: the one-line help `stdgap --help` shows
        listed = [(command.name, command.help) for command in capabilities.commands()]
    else:
        listed = []
        for name in entry.command.list_commands(entry.context):
            sub = entry.command.get_command(entry.context, name)
            if sub is not None and not sub.hidden:
                listed.append((name, sub.get_short_help_str(limit=200)))
    rows = [
        f"| [`{name}`](#{_anchor((*entry.path, name))}) | {_cell(text)} |" for name, text in listed
    ]
    return ["| command | what it does |", "|---|---|", *rows, ""]


def _anchor(path: tuple[str, ...]) -> str:
    """The anchor GitHub gives the heading of ``path``."""
    return "-".join(path).lower()


def _section(entry: Entry) -> str:
    depth = min(len(entry.path) + 1, 6)
    usage = " ".join((*entry.path, *entry.command.collect_usage_pieces(entry.context)))
    lines = [f"{'#' * depth} `{entry.name}`", ""]
    if text := _help(entry.command):
        lines += [text, ""]
    lines += ["```", usage, "```", ""]
    lines += _parameters(entry)
    lines += _subcommands(entry)
    return "\n".join(lines)


def render_markdown() -> str:
    """The text of ``docs/cli.md``."""
    return "\n".join([_INTRO, *(_section(entry) for entry in walk())]).rstrip("\n") + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
