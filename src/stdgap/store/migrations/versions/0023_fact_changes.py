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

#: Each logged table and the column whose value is logged (the key the cache recomputes by);
#: an attendance row is logged by its whole key (meeting, person, member).
LOGGED = {
    "attendance": "meeting_id, person_id, member_id",
    "meetings": "id",
    "groups": "id",
    "members": "id",
    "people": "id",
    "contributions": "id",
    "contribution_sources": "contribution_id",
    "roles": "id",
    "classifications": "id",
}


#: The columns of fact_changes a logged key fills.
_KEY_COLUMNS = ("row_key", "key2", "key3")
#: A statement writing more attendance rows than this logs their meetings, not each row.
COARSE_ROWS = 20_000


def _columns(column: str) -> tuple[str, str]:
    """The fact_changes columns a key of ``column`` (one or more, comma-separated) fills, and
    its columns."""
    names = [name.strip() for name in column.split(",")]
    return ", ".join(_KEY_COLUMNS[: len(names)]), ", ".join(names)


def _sqlite_triggers(table: str, column: str) -> list[str]:
    targets, names = _columns(column)
    insert = f"INSERT INTO fact_changes (table_name, {targets}) VALUES"

    def values(row: str) -> str:
        return ", ".join(f"{row}.{name.strip()}" for name in names.split(","))

    return [
        f"CREATE TRIGGER fact_log_{table}_insert AFTER INSERT ON {table} "
        f"BEGIN {insert} ('{table}', {values('NEW')}); END",
        f"CREATE TRIGGER fact_log_{table}_update AFTER UPDATE ON {table} "
        f"BEGIN {insert} ('{table}', {values('OLD')}); "
        f"{insert} ('{table}', {values('NEW')}); END",
        f"CREATE TRIGGER fact_log_{table}_delete AFTER DELETE ON {table} "
        f"BEGIN {insert} ('{table}', {values('OLD')}); END",
    ]


def _postgresql_triggers(table: str, column: str) -> list[str]:
    """Statement-level triggers reading the transition tables (one statement logs its distinct
    keys, however many rows it writes), enabled ALWAYS: they fire under
    ``session_replication_role = replica`` too, as the fast import runs."""
    statements = []
    targets, names = _columns(column)
    first = names.split(",")[0]
    for event, sources in (
        ("insert", ("new_rows",)),
        ("update", ("old_rows", "new_rows")),
        ("delete", ("old_rows",)),
    ):
        name = f"fact_log_{table}_{event}"
        rows = " UNION ".join(f"SELECT {names} FROM {source}" for source in sources)
        referencing = " ".join(
            f"{'OLD' if source == 'old_rows' else 'NEW'} TABLE AS {source}" for source in sources
        )
        exact = (
            f"INSERT INTO fact_changes (table_name, {targets}) "
            f"SELECT '{table}', {names} FROM ({rows}) AS k"
        )
        body = f"{exact};"
        if "," in names:  # a large statement logs the first key column only (an attendance
            # row's meeting): one row per meeting instead of one per row
            coarse = (
                f"INSERT INTO fact_changes (table_name, row_key) SELECT DISTINCT '{table}', "
                f"{first} FROM ({rows}) AS k"
            )
            count = " + ".join(f"(SELECT count(*) FROM {source})" for source in sources)
            body = f"IF {count} > {COARSE_ROWS} THEN {coarse}; ELSE {exact}; END IF;"
        statements += [
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{body} RETURN NULL; END $$",
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
        sa.Column("key2", sa.BigInteger(), nullable=True),
        sa.Column("key3", sa.BigInteger(), nullable=True),
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
