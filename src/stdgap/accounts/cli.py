"""``stdgap users …`` (accounts of the web application) and ``stdgap audit …`` (the log of
every write, from either door)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from stdgap.console.common import DbOption, actor, console, data_table, fail, store
from stdgap.permissions import ROLES

users_app = typer.Typer(
    add_completion=False,
    help="Accounts of the web application (roles: admin, analyst, officer, viewer).",
    no_args_is_help=True,
)
audit_app = typer.Typer(
    add_completion=False, help="The audit log: one row for every write.", no_args_is_help=True
)


@audit_app.callback()
def audit() -> None:
    """The audit log: one row for every write, from the command line or the web."""


@users_app.command("add")
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
    from stdgap.accounts.operations import AccountError, add_user

    if role not in ROLES:
        fail(f"--role must be one of {', '.join(ROLES)}, not {role!r}")
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        account = add_user.perform(store(ctx, db), actor(), name, role, password)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {account.name} added ({account.role})")


@users_app.command("role")
def role(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    role: Annotated[str, typer.Argument(help=", ".join(ROLES))],
    db: DbOption = None,
) -> None:
    """Change an account's role."""
    from stdgap.accounts.operations import AccountError, set_role

    try:
        set_role.perform(store(ctx, db), actor(), name, role)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {name} is now {role}")


@users_app.command("list")
def list_users(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    db: DbOption = None,
) -> None:
    """The accounts."""

    from stdgap.accounts.queries import list_users as users

    found = users(store(ctx, db))
    if as_json:
        typer.echo(json.dumps(found, indent=1))
        return
    table = data_table("name", "role", "active", "since", title="Users")
    for user in found:
        table.add_row(
            user["name"], user["role"], "yes" if user["active"] else "no", user["created_at"]
        )
    console.print(table)


@audit_app.command("list")
def audit_list(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Rows to show")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Newest rows to skip")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    db: DbOption = None,
) -> None:
    """The audit log, newest first: when, who, what, on what, and the rows written."""

    from stdgap.accounts.queries import audit_rows

    total, rows = audit_rows(store(ctx, db), limit, offset)
    if as_json:
        typer.echo(json.dumps({"total": total, "items": rows}, indent=1, ensure_ascii=False))
        return
    table = data_table("at", "who", "action", "target", "rows", title=f"Audit log ({total:,} rows)")
    for row in rows:
        written = (row["details"] or {}).get("rows", {})
        counts = ", ".join(f"{sum(tables.values()):,} {verb}" for verb, tables in written.items())
        table.add_row(row["at"], row["who"], row["action"], row["target"] or "", counts)
    console.print(table)
