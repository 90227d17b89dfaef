"""Helpers shared by the programmes' command groups (fellowships, mentorship, awards)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from stdgap.console.common import DbOption, actor, console, data_table, fail, fail_rows, store
from stdgap.programmes.errors import ProgrammeError
from stdgap.programmes.operations import set_rules
from stdgap.programmes.rules import RuleBook, RuleError
from stdgap.tabular.errors import ImportFailed, InputError

RuleSetOption = Annotated[str, typer.Option("--set", help="The rule set (default: default).")]


@contextmanager
def programme_errors() -> Iterator[None]:
    """Turn the programmes' errors into exit code 2 with a message (row errors one a line)."""
    try:
        yield
    except ImportFailed as failure:
        fail_rows(failure)
    except (ProgrammeError, RuleError, InputError) as error:
        fail(str(error))
    except ValueError as error:  # a date or number given in the wrong form
        fail(f"{error}; dates are YYYY-MM-DD, amounts whole numbers")


def rules_app(book: RuleBook) -> typer.Typer:
    """``… rules show|set|load``: the editable rules of one programme."""
    app = typer.Typer(
        add_completion=False, help=f"The {book.programme} rules (stored per rule set)."
    )

    @app.command("show")
    def show(ctx: typer.Context, rule_set: RuleSetOption = "default", db: DbOption = None) -> None:
        """Print every rule with its value (stored or default) and meaning."""
        with store(ctx, db).connect() as connection:
            texts = book.texts(connection, rule_set)
            stored = book.stored(connection, rule_set)
        table = data_table("rule", "value", "default", "meaning", title=f"rule set '{rule_set}'")
        for key, spec in book.specs.items():
            mark = "" if key not in stored else " *"
            table.add_row(key, texts[key] + mark, spec.default, spec.help)
        console.print(table)

    @app.command("set")
    def set_rule(
        ctx: typer.Context,
        key: Annotated[str, typer.Argument(help="The rule's name.")],
        value: Annotated[str, typer.Argument(help="The value; '' restores the default.")],
        rule_set: RuleSetOption = "default",
        db: DbOption = None,
    ) -> None:
        """Store one rule's value."""
        with programme_errors():
            set_rules.perform(store(ctx, db), actor(), book, rule_set, {key: value})
        console.print(f"{key} = {value or '(default)'} in rule set '{rule_set}'")

    @app.command("load")
    def load(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="A TOML file of key = value lines.")],
        rule_set: RuleSetOption = "default",
        db: DbOption = None,
    ) -> None:
        """Store every rule of a rules file (all checked first)."""
        with programme_errors():
            values = book.read_file(path, rule_set)
            set_rules.perform(store(ctx, db), actor(), book, rule_set, values)
        console.print(f"{len(values)} rule(s) stored in rule set '{rule_set}'")

    return app
