"""BSG fund: donors, earmarks, an append-only double-entry ledger

Revision ID: 0018
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: While ``stdgap db restore --force`` replaces a store, the settings table holds this key: the
#: one time rows of the ledger may be deleted.
RESTORING = "SELECT 1 FROM settings WHERE key = 'restoring'"
MESSAGE = "fund_entries are append-only: correct a transaction with a reversing one"


def upgrade() -> None:
    op.create_table(
        "fund_donors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_fund_donors_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_donors")),
        sa.UniqueConstraint("name", name=op.f("uq_fund_donors_name")),
    )
    with op.batch_alter_table("fund_donors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_donors_member_id"), ["member_id"], unique=False)

    op.create_table(
        "fund_earmarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("programme", sa.String(length=20), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_earmarks")),
        sa.UniqueConstraint("key", name=op.f("uq_fund_earmarks_key")),
    )

    op.create_table(
        "fund_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("earmark_id", sa.Integer(), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("original", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("rate", sa.String(length=30), nullable=True),
        sa.Column("pledge_id", sa.Integer(), nullable=True),
        sa.Column("reservation_id", sa.Integer(), nullable=True),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("reference_kind", sa.String(length=20), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", sa.String(length=100), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.alpha3"], name=op.f("fk_fund_transactions_country_countries")
        ),
        sa.ForeignKeyConstraint(
            ["donor_id"], ["fund_donors.id"], name=op.f("fk_fund_transactions_donor_id_fund_donors")
        ),
        sa.ForeignKeyConstraint(
            ["earmark_id"],
            ["fund_earmarks.id"],
            name=op.f("fk_fund_transactions_earmark_id_fund_earmarks"),
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"],
            ["fund_transactions.id"],
            name=op.f("fk_fund_transactions_pledge_id_fund_transactions"),
        ),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["fund_transactions.id"],
            name=op.f("fk_fund_transactions_reservation_id_fund_transactions"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["fund_transactions.id"],
            name=op.f("fk_fund_transactions_reverses_id_fund_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_transactions")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_fund_transactions_reverses_id")),
    )
    with op.batch_alter_table("fund_transactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_transactions_day"), ["day"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_fund_transactions_donor_id"), ["donor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fund_transactions_earmark_id"), ["earmark_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fund_transactions_reference"), ["reference"], unique=False
        )

    op.create_table(
        "fund_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("earmark_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=30), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["earmark_id"],
            ["fund_earmarks.id"],
            name=op.f("fk_fund_entries_earmark_id_fund_earmarks"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["fund_transactions.id"],
            name=op.f("fk_fund_entries_transaction_id_fund_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_entries")),
    )
    with op.batch_alter_table("fund_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fund_entries_earmark_id"), ["earmark_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fund_entries_transaction_id"), ["transaction_id"], unique=False
        )
    _append_only()


def _append_only() -> None:
    """Triggers refusing to change or delete an entry (but for a store being restored)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION fund_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP = 'DELETE' AND EXISTS ({RESTORING}) THEN RETURN OLD; END IF; "
            f"RAISE EXCEPTION '{MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER fund_entries_append_only BEFORE UPDATE OR DELETE ON fund_entries "
            "FOR EACH ROW EXECUTE FUNCTION fund_entries_append_only()"
        )
        return
    op.execute(
        "CREATE TRIGGER fund_entries_no_update BEFORE UPDATE ON fund_entries "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    op.execute(
        "CREATE TRIGGER fund_entries_no_delete BEFORE DELETE ON fund_entries "
        f"WHEN NOT EXISTS ({RESTORING}) BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER fund_entries_append_only ON fund_entries")
        op.execute("DROP FUNCTION fund_entries_append_only()")
    else:
        op.execute("DROP TRIGGER fund_entries_no_update")
        op.execute("DROP TRIGGER fund_entries_no_delete")
    with op.batch_alter_table("fund_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_entries_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_fund_entries_earmark_id"))
    op.drop_table("fund_entries")
    with op.batch_alter_table("fund_transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_transactions_reference"))
        batch_op.drop_index(batch_op.f("ix_fund_transactions_earmark_id"))
        batch_op.drop_index(batch_op.f("ix_fund_transactions_donor_id"))
        batch_op.drop_index(batch_op.f("ix_fund_transactions_day"))
    op.drop_table("fund_transactions")
    op.drop_table("fund_earmarks")
    with op.batch_alter_table("fund_donors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_donors_member_id"))
    op.drop_table("fund_donors")
