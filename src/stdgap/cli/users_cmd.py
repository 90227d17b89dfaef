"""``stdgap users``: accounts of the web application and their roles."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from stdgap.cli.common import DbOption, console, fail, store
from stdgap.web.models import ROLES

app = typer.Typer(
    help="Accounts of the web application (roles: admin, analyst, officer, viewer).",
    no_args_is_help=True,
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    role: Annotated[str, typer.Option(help=", ".join(ROLES))] = "viewer",
    password: Annotated[
        str | None, typer.Option(help="Password (asked for when not given)", show_default=False)
    ] = None,
    db: DbOption = None,
) -> None:
    """Add an account; the password is stored as an Argon2 hash."""
    from stdgap.web.accounts import AccountError, add_user

    if role not in ROLES:
        fail(f"--role must be one of {', '.join(ROLES)}, not {role!r}")
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        account = add_user(store(ctx, db), name, role, password)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {account.name} added ({account.role})")


@app.command("role")
def role(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    role: Annotated[str, typer.Argument(help=", ".join(ROLES))],
    db: DbOption = None,
) -> None:
    """Change an account's role."""
    from stdgap.web.accounts import AccountError, set_role

    try:
        set_role(store(ctx, db), name, role)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {name} is now {role}")


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    db: DbOption = None,
) -> None:
    """The accounts."""
    from stdgap.web.accounts import list_users

    users = list_users(store(ctx, db))
    if as_json:
        typer.echo(json.dumps(users, indent=1))
        return
    table = Table("name", "role", "active", "since", title="Users")
    for user in users:
        table.add_row(
            user["name"], user["role"], "yes" if user["active"] else "no", user["created_at"]
        )
    console.print(table)
