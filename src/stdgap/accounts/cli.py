"""``stdgap users …`` (accounts of the web application: users, passwords, sessions, API tokens)
and ``stdgap audit …`` (the log of every write, from either door)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from stdgap.console.common import (
    DbOption,
    actor,
    console,
    data_table,
    err_console,
    fail,
    store,
)
from stdgap.permissions import ROLES

if TYPE_CHECKING:
    from sqlalchemy import Engine

users_app = typer.Typer(
    add_completion=False,
    help="Accounts of the web application (roles: admin, analyst, officer, viewer, applicant).",
    no_args_is_help=True,
)
tokens_app = typer.Typer(
    add_completion=False,
    help="API tokens for scripts (Authorization: Bearer …), limited to scopes.",
    no_args_is_help=True,
)
users_app.add_typer(tokens_app, name="tokens")
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
    """Add an account; the password must pass the password policy (docs/accounts.md) and is
    stored as an Argon2 hash."""
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


@users_app.command("contact")
def contact(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    email: Annotated[
        str | None,
        typer.Option(help="Where notifications go ('' removes the address)", show_default=False),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(help="Language of notifications: ar, zh, en, fr, ru, es", show_default=False),
    ] = None,
    db: DbOption = None,
) -> None:
    """Set a user's e-mail address and language (notifications of the programmes)."""
    from stdgap.accounts.operations import AccountError, set_contact

    if email is None and language is None:
        fail("give --email, --language or both")
    try:
        set_contact.perform(store(ctx, db), actor(), name, email, language)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {name}: contact updated")


@users_app.command("link")
def link(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    person: Annotated[
        str,
        typer.Option(help="The registry person's id ('' removes the link)", show_default=False),
    ],
    db: DbOption = None,
) -> None:
    """Link an account to the registry's person it is (their roles make them a forum expert)."""
    from stdgap.accounts.operations import AccountError, link_person

    engine = store(ctx, db)
    try:
        link_person.perform(engine, actor(), name, person)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {name}: " + (f"linked to {person}" if person else "no person linked"))
    if person and not _email_of(engine, name):
        console.print(
            f"warning: user {name} has no e-mail address: as a forum expert they are not told "
            f"of new questions (stdgap users contact {name} --email ADDRESS)",
            style="yellow",
        )


def _email_of(engine: Engine, name: str) -> str | None:
    """The account's e-mail address (None: none)."""
    from sqlalchemy import select

    from stdgap.accounts.models import User

    with engine.connect() as connection:
        found: str | None = connection.execute(select(User.email).where(User.name == name)).scalar()
    return found


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
    """The accounts: role, active or disabled, last sign-in, open sessions, usable API tokens."""

    from stdgap.accounts.queries import list_users as users

    found = users(store(ctx, db))
    if as_json:
        typer.echo(json.dumps(found, indent=1))
        return
    table = data_table(
        "name", "role", "active", "last sign-in", "sessions", "tokens", "since", title="Users"
    )
    for user in found:
        table.add_row(
            user["name"],
            user["role"],
            "yes" if user["active"] else "no",
            user["last_sign_in_at"] or "never",
            str(user["sessions"]),
            str(user["tokens"]),
            user["created_at"],
        )
    console.print(table)


@users_app.command("disable")
def disable(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    db: DbOption = None,
) -> None:
    """Disable an account: it cannot sign in, its sessions end, its API tokens are revoked."""
    from stdgap.accounts.operations import AccountError, disable_user

    try:
        disable_user.perform(store(ctx, db), actor(), name)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {name} disabled: signed out, API tokens revoked")


@users_app.command("enable")
def enable(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    db: DbOption = None,
) -> None:
    """Let a disabled account sign in again (its revoked API tokens stay revoked)."""
    from stdgap.accounts.operations import AccountError, enable_user

    try:
        enable_user.perform(store(ctx, db), actor(), name)
    except AccountError as error:
        fail(str(error))
    console.print(f"user {name} enabled")


@users_app.command("password")
def password(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    new: Annotated[
        str | None,
        typer.Option(
            "--password", help="New password (asked for when not given)", show_default=False
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Reset a user's password (it must pass the password policy); their sessions end and the
    count of failed sign-ins for their name starts again."""
    from stdgap.accounts.operations import AccountError, reset_password

    if new is None:
        new = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    try:
        reset_password.perform(store(ctx, db), actor(), name, new)
    except AccountError as error:
        fail(str(error))
    console.print(f"password of {name} reset; their sessions have ended")


@users_app.command("sign-out")
def sign_out(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Sign-in name")],
    db: DbOption = None,
) -> None:
    """End every session of a user (signed out in every browser)."""
    from stdgap.accounts.operations import AccountError, end_sessions

    try:
        ended = end_sessions.perform(store(ctx, db), actor(), name)
    except AccountError as error:
        fail(str(error))
    console.print(f"{ended} session(s) of {name} ended")


@tokens_app.command("create")
def token_create(
    ctx: typer.Context,
    owner: Annotated[str, typer.Argument(help="The user the token acts as")],
    name: Annotated[str, typer.Option("--name", help="What the token is for")],
    scope: Annotated[
        list[str],
        typer.Option(
            help="A permission the token holds (repeat the option for several); at most those "
            "of the owner's role"
        ),
    ],
    days: Annotated[
        int | None,
        typer.Option(min=1, max=3650, help="Days it is valid (default: until revoked)"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Make an API token; it is printed once, on standard output, and only its SHA-256 is kept."""
    from stdgap.accounts.errors import AccountError
    from stdgap.accounts.tokens import create_token

    try:
        token_id, token = create_token.perform(store(ctx, db), actor(), owner, name, scope, days)
    except AccountError as error:
        fail(str(error))
    err_console.print(f"API token {token_id} of {owner} (shown once; keep it secret):")
    typer.echo(token)


@tokens_app.command("list")
def token_list(
    ctx: typer.Context,
    owner: Annotated[
        str | None, typer.Argument(help="Only this user's tokens", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    db: DbOption = None,
) -> None:
    """API tokens (never the tokens themselves): owner, scopes, state, expiry, last use."""
    from stdgap.accounts.tokens import list_tokens

    found = list_tokens(store(ctx, db), owner)
    if as_json:
        typer.echo(json.dumps(found, indent=1))
        return
    table = data_table(
        "id", "owner", "name", "scopes", "state", "expires", "last used", title="API tokens"
    )
    for token in found:
        table.add_row(
            str(token["id"]),
            token["owner"],
            token["name"],
            ", ".join(token["scopes"]),
            token["state"],
            token["expires_at"] or "never",
            token["last_used_at"] or "",
        )
    console.print(table)


@tokens_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: Annotated[int, typer.Argument(help="The token's id (see tokens list)")],
    db: DbOption = None,
) -> None:
    """Revoke an API token: it is refused from now on."""
    from stdgap.accounts.errors import AccountError
    from stdgap.accounts.tokens import revoke_token

    try:
        owner = revoke_token.perform(store(ctx, db), actor(), token_id)
    except AccountError as error:
        fail(str(error))
    console.print(f"API token {token_id} of {owner} revoked")


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
