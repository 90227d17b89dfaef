"""awards in the browser: a call's state and conflict rule, a criterion's lowest score, jurors
as users (with the person they are), nominees' names and addresses, nominators as users, the
kind of a declared conflict

Revision ID: 0010
Revises: 0003
Create Date: 2026-11-30 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
#: The users table (accounts) that jurors and nominators refer to.
depends_on: str | Sequence[str] | None = "0004"


def upgrade() -> None:
    with op.batch_alter_table("award_calls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=12), server_default="nominating", nullable=False)
        )
        batch_op.add_column(
            sa.Column("country_conflicts", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("award_criteria", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("min_score", sa.SmallInteger(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("award_jurors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("person_ref", sa.String(length=300), nullable=True))
        batch_op.create_index(batch_op.f("ix_award_jurors_user_id"), ["user_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_award_jurors_user_id_users"), "users", ["user_id"], ["id"]
        )
    with op.batch_alter_table("award_nominations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nominee_name", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("nominee_email", sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column("nominator_user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("received_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_award_nominations_nominator_user_id_users"),
            "users",
            ["nominator_user_id"],
            ["id"],
        )
    with op.batch_alter_table("award_conflicts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), server_default="other", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("award_conflicts", schema=None) as batch_op:
        batch_op.drop_column("kind")
    with op.batch_alter_table("award_nominations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_award_nominations_nominator_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("received_at")
        batch_op.drop_column("nominator_user_id")
        batch_op.drop_column("nominee_email")
        batch_op.drop_column("nominee_name")
    with op.batch_alter_table("award_jurors", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_award_jurors_user_id_users"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_award_jurors_user_id"))
        batch_op.drop_column("person_ref")
        batch_op.drop_column("user_id")
    with op.batch_alter_table("award_criteria", schema=None) as batch_op:
        batch_op.drop_column("min_score")
    with op.batch_alter_table("award_calls", schema=None) as batch_op:
        batch_op.drop_column("published_at")
        batch_op.drop_column("country_conflicts")
        batch_op.drop_column("status")
        batch_op.drop_column("description")
