"""fellowships: a call's currency and caps; an application's applicant account, motivation,
planned contributions, and the rule that decided it with its explanation. The class
'transition' leaves the fellowship rules: the store setting transition_counts_as_developing
decides for eligibility as for the indicators.

Revision ID: 0008
Revises: 0003
Create Date: 2026-11-30 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "0004"  # the users table

RULES = sa.table(
    "programme_rules",
    sa.column("programme", sa.String),
    sa.column("rule_set", sa.String),
    sa.column("key", sa.String),
    sa.column("value", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("fellowship_calls", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("currency", sa.String(length=3), server_default="CHF", nullable=False)
        )
        batch_op.add_column(sa.Column("country_units", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("person_units", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("min_region_share", sa.Float(), nullable=True))
    with op.batch_alter_table("fellowship_applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("motivation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("plans", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("rule", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("explanation", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_fellowship_applications_user_id"), ["user_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_fellowship_applications_user_id_users"), "users", ["user_id"], ["id"]
        )
    _drop_transition_class()


def _drop_transition_class() -> None:
    """Stored eligible classes lose 'transition' (the store setting decides whether economies
    in transition are developing); a list that held only it becomes 'developing'."""
    connection = op.get_bind()
    key = (RULES.c.programme == "fellowships") & (RULES.c.key == "eligible_classes")
    for rule_set, value in connection.execute(
        sa.select(RULES.c.rule_set, RULES.c.value).where(key)
    ):
        items = [part.strip() for part in str(value).replace(",", ";").split(";") if part.strip()]
        if "transition" not in items:
            continue
        kept = [item for item in items if item != "transition"] or ["developing"]
        connection.execute(
            sa.update(RULES)
            .where(key & (RULES.c.rule_set == rule_set))
            .values(value=";".join(kept))
        )


def downgrade() -> None:
    with op.batch_alter_table("fellowship_applications", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_fellowship_applications_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_fellowship_applications_user_id"))
        batch_op.drop_column("decided_at")
        batch_op.drop_column("explanation")
        batch_op.drop_column("rule")
        batch_op.drop_column("plans")
        batch_op.drop_column("motivation")
        batch_op.drop_column("user_id")
    with op.batch_alter_table("fellowship_calls", schema=None) as batch_op:
        batch_op.drop_column("min_region_share")
        batch_op.drop_column("person_units")
        batch_op.drop_column("country_units")
        batch_op.drop_column("currency")
