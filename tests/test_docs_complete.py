"""Everything a user can type or set is documented (as Datasette's ``test_docs.py`` does): every
command, every option's help, every store setting, every environment variable the code reads.

``docs/cli.md`` is generated from the commands; regenerate it with
``python -m stdgap.cli.docs > docs/cli.md``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer._click import Command, Context
from typer.core import TyperGroup

import stdgap
from stdgap.cli.docs import render_markdown
from stdgap.cli.main import app
from stdgap.store.settings import SETTINGS

ROOT = Path(__file__).parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CLI_DOC = ROOT / "docs" / "cli.md"
SOURCE = Path(stdgap.__file__).parent
ENV_NAME = re.compile(r"(STDGAP|XDG)_[A-Z0-9_]+")
#: Typer's own options, not stdgap's.
TYPER_OPTIONS = {"help", "install_completion", "show_completion"}


def docs_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in DOCS)


def headings() -> set[str]:
    """The text of every Markdown heading of the docs, without its backticks."""
    found = set()
    for line in docs_text().splitlines():
        if match := re.match(r"#{1,6} (.+)", line):
            found.add(match.group(1).replace("`", "").strip())
    return found


def table_rows(name: str) -> list[str]:
    """The docs' table rows whose first cell is `name` (a reference entry, not a mention)."""
    return [line for line in docs_text().splitlines() if line.startswith(f"| `{name}` |")]


def commands(command: Command, context: Context) -> Iterator[tuple[str, Command, Context]]:
    """Every command and group under ``command``, each with its full path (``stdgap …``)."""
    path = context.command_path
    yield path, command, context
    if isinstance(command, TyperGroup):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, f"{path} lists {name} but cannot load it"
            yield from commands(sub, Context(sub, info_name=name, parent=context))


def every_command() -> list[tuple[str, Command, Context]]:
    root = typer.main.get_command(app)
    return list(commands(root, Context(root, info_name="stdgap")))


def test_the_walk_reaches_nested_commands() -> None:
    paths = {path for path, _, _ in every_command()}
    assert {"stdgap", "stdgap serve", "stdgap audit list", "stdgap fellowships rules set"} <= paths
    assert len(paths) > 60


def test_every_command_has_a_heading_in_the_docs() -> None:
    documented = headings()
    missing = [path for path, _, _ in every_command() if path not in documented]
    assert missing == [], f"commands without a heading in README.md or docs/*.md: {missing}"


def test_every_command_and_option_has_help() -> None:
    silent = []
    for path, command, _ in every_command():
        if not command.help:
            silent.append(path)
        for param in command.params:
            if param.name not in TYPER_OPTIONS and not getattr(param, "help", None):
                silent.append(f"{path} {param.name}")
    assert silent == [], f"commands or options without help: {silent}"


def test_cli_reference_is_current() -> None:
    assert CLI_DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/cli.md is stale: python -m stdgap.cli.docs > docs/cli.md"
    )


@pytest.mark.parametrize("key", sorted(SETTINGS))
def test_every_store_setting_is_documented_with_its_default(key: str) -> None:
    rows = table_rows(key)
    assert rows, f"store setting {key} has no row `| `{key}` | …` in the docs"
    default = SETTINGS[key].default
    assert any(f"`{default}`" in row for row in rows), f"{key}: the default {default} is not given"


def environment_variables() -> set[str]:
    """The ``STDGAP_*`` and ``XDG_*`` names in the modules that read the environment: a string
    constant that is such a name, whether passed to ``os.environ.get``/``getenv`` directly or
    kept in a constant first (``ENV_VAR = "STDGAP_DB"``)."""
    found = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "environ" not in text and "getenv" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and ENV_NAME.fullmatch(value):
                found.add(value)
    return found


def test_the_scan_finds_the_environment_variables() -> None:
    found = environment_variables()
    # read directly, through a constant (store/engine.py, indicators/cache.py), through an alias
    # of os.environ (http/settings.py), and a base directory of the XDG specification
    assert {"STDGAP_DB", "STDGAP_CACHE_DIR", "STDGAP_SECRET_KEY", "XDG_DATA_HOME"} <= found


@pytest.mark.parametrize("name", sorted(environment_variables()))
def test_every_environment_variable_is_documented(name: str) -> None:
    assert table_rows(name), f"environment variable {name} has no row `| `{name}` | …` in the docs"
