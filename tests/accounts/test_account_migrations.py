"""Migration 0005 of the accounts (API tokens, failed sign-ins, last sign-in) goes down and up
again on a store holding users, who keep their passwords."""

from __future__ import annotations

from datetime import timedelta

from alembic import command
from sqlalchemy import Engine, inspect

from stdgap.accounts import signin
from stdgap.bootstrap import migration_folders
from stdgap.store import migrate
from web_testing import password_of


def test_the_accounts_migration_goes_down_and_up(people: Engine) -> None:
    with people.begin() as connection:
        command.downgrade(migrate.alembic_config(migration_folders(), connection), "0004")
    tables = set(inspect(people).get_table_names())
    assert "users" in tables and not {"api_tokens", "sign_in_failures"} & tables
    assert "last_sign_in_at" not in {c["name"] for c in inspect(people).get_columns("users")}
    migrate.upgrade(people, migration_folders())
    assert migrate.is_current(people, migration_folders())
    assert {"api_tokens", "sign_in_failures"} <= set(inspect(people).get_table_names())
    signed_in = signin.sign_in(
        people, "viewer", password_of("viewer"), "10.0.0.1", timedelta(hours=1)
    )
    assert signed_in.account.name == "viewer"
