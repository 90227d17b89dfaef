"""the log of changes the indicator engine's cache follows (fact_changes, fact_writes, triggers)

Revision ID: 0023
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Each logged table and the column whose value is logged (the key the cache recomputes by).
LOGGED = {
    "attendance": "meeting_id",
    "meetings": "id",
    "groups": "id",
    "members": "id",
    "people": "id",
    "contributions": "id",
    "contribution_sources": "contribution_id",
    "roles": "id",
    "classifications": "id",
}


def _sqlite_triggers(table: str, column: str) -> list[str]:
    insert = "INSERT INTO fact_changes (table_name, row_key) VALUES"
    return [
        f"CREATE TRIGGER fact_log_{table}_insert AFTER INSERT ON {table} "
        f"BEGIN {insert} ('{table}', NEW.{column}); END",
        f"CREATE TRIGGER fact_log_{table}_update AFTER UPDATE ON {table} "
        f"BEGIN {insert} ('{table}', OLD.{column}); "
        f"{insert} ('{table}', NEW.{column}); END",
        f"CREATE TRIGGER fact_log_{table}_delete AFTER DELETE ON {table} "
        f"BEGIN {insert} ('{table}', OLD.{column}); END",
    ]


def _postgresql_triggers(table: str, column: str) -> list[str]:
    """Statement-level triggers reading the transition tables (one statement logs its distinct
    keys, however many rows it writes), enabled ALWAYS: they fire under
    ``session_replication_role = replica`` too, as the fast import runs."""
    statements = []
    for event, sources in (
        ("insert", ("new_rows",)),
        ("update", ("old_rows", "new_rows")),
        ("delete", ("old_rows",)),
    ):
        name = f"fact_log_{table}_{event}"
        rows = " UNION ".join(f"SELECT {column} FROM {source}" for source in sources)
        referencing = " ".join(
            f"{'OLD' if source == 'old_rows' else 'NEW'} TABLE AS {source}" for source in sources
        )
        statements += [
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO fact_changes (table_name, row_key) SELECT '{table}', k.{column} "
            f"FROM ({rows}) AS k; RETURN NULL; END $$",
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} "
            f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {name}",
        ]
    return statements


def upgrade() -> None:
    op.create_table(
        "fact_changes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_changes")),
    )
    op.create_table(
        "fact_writes",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("last_change", sa.BigInteger(), nullable=False),
        sa.Column("tables", sa.String(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_fact_writes")),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, column in LOGGED.items():
        made = _postgresql_triggers if postgresql else _sqlite_triggers
        for statement in made(table, column):
            op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in LOGGED:
        for event in ("insert", "update", "delete"):
            op.execute(
                f"DROP TRIGGER fact_log_{table}_{event}" + (f" ON {table}" if postgresql else "")
            )
            if postgresql:
                op.execute(f"DROP FUNCTION fact_log_{table}_{event}()")
    op.drop_table("fact_writes")
    op.drop_table("fact_changes")
