"""BSG fund: a transaction's money fields never change, and no transaction is deleted

Revision ID: 0021
Revises: 0018
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: As in 0018: while ``stdgap db restore --force`` replaces a store, the settings table holds
#: this key, the one time rows of the ledger may be deleted.
RESTORING = "SELECT 1 FROM settings WHERE key = 'restoring'"
MESSAGE = "fund_transactions keep what they record: correct a transaction with a reversing one"
#: Never changed once written.
FIXED = (
    "kind",
    "day",
    "earmark_id",
    "donor_id",
    "amount",
    "currency",
    "original",
    "rate",
    "reference_kind",
    "reference",
    "country",
    "recorded_by",
    "recorded_at",
)
#: Set once: a restore writes them after every row is there (they refer to the same table).
ONCE = ("pledge_id", "reservation_id")


def _changed(distinct: str) -> str:
    """The SQL condition "a fixed field changed, a field set once was changed, or a posted or
    refused transaction changed its state" (``distinct``: the dialect's null-safe ≠). A
    pending transaction may still become posted or refused, with who approved it, and a
    refused reversal lets go of what it reversed (``reverses_id``, the note)."""
    fixed = [f"OLD.{name} {distinct} NEW.{name}" for name in FIXED]
    once = [f"(OLD.{name} IS NOT NULL AND OLD.{name} {distinct} NEW.{name})" for name in ONCE]
    state = f"(OLD.state <> 'pending' AND OLD.state {distinct} NEW.state)"
    return " OR ".join([*fixed, *once, state])


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION fund_transactions_fixed() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF EXISTS ({RESTORING}) THEN "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
            f"IF TG_OP = 'DELETE' OR {_changed('IS DISTINCT FROM')} THEN "
            f"RAISE EXCEPTION '{MESSAGE}'; END IF; RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER fund_transactions_fixed BEFORE UPDATE OR DELETE ON fund_transactions "
            "FOR EACH ROW EXECUTE FUNCTION fund_transactions_fixed()"
        )
        return
    op.execute(
        "CREATE TRIGGER fund_transactions_fixed BEFORE UPDATE ON fund_transactions "
        f"WHEN NOT EXISTS ({RESTORING}) AND ({_changed('IS NOT')}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    op.execute(
        "CREATE TRIGGER fund_transactions_no_delete BEFORE DELETE ON fund_transactions "
        f"WHEN NOT EXISTS ({RESTORING}) BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER fund_transactions_fixed ON fund_transactions")
        op.execute("DROP FUNCTION fund_transactions_fixed()")
    else:
        op.execute("DROP TRIGGER fund_transactions_fixed")
        op.execute("DROP TRIGGER fund_transactions_no_delete")
