"""mentorship in the browser: profiles of users (expertise, time zone), proposed and confirmed
pairs, pairs excluded by officers, sessions' notes

Revision ID: 0009
Revises: 0003
Create Date: 2026-11-30 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
#: The users table (accounts).
depends_on: str | Sequence[str] | None = "0004"

PROFILES = ("mentorship_mentors", "mentorship_mentees")


def upgrade() -> None:
    for table in PROFILES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("expertise", sa.String(length=500), server_default="", nullable=False)
            )
            batch_op.add_column(sa.Column("time_zone", sa.String(length=60), nullable=True))
            batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_user_id"), ["user_id"], unique=False)
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_user_id_users"),
                "users",
                ["user_id"],
                ["id"],
                ondelete="SET NULL",
            )
    with op.batch_alter_table("mentorship_matches", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), server_default="confirmed", nullable=False)
        )
        batch_op.add_column(
            sa.Column("pinned", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("confirmed_on", sa.Date(), nullable=True))
    op.execute("UPDATE mentorship_matches SET confirmed_on = matched_on")
    with op.batch_alter_table("mentorship_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("logged_by", sa.String(length=100), nullable=True))
    op.create_table(
        "mentorship_exclusions",
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["mentorship_mentees.id"],
            name=op.f("fk_mentorship_exclusions_mentee_id_mentorship_mentees"),
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["mentorship_mentors.id"],
            name=op.f("fk_mentorship_exclusions_mentor_id_mentorship_mentors"),
        ),
        sa.PrimaryKeyConstraint("mentee_id", "mentor_id", name=op.f("pk_mentorship_exclusions")),
    )
    with op.batch_alter_table("mentorship_exclusions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentorship_exclusions_cycle"), ["cycle"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mentorship_exclusions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_exclusions_cycle"))
    op.drop_table("mentorship_exclusions")
    with op.batch_alter_table("mentorship_sessions", schema=None) as batch_op:
        batch_op.drop_column("logged_by")
        batch_op.drop_column("notes")
    with op.batch_alter_table("mentorship_matches", schema=None) as batch_op:
        batch_op.drop_column("confirmed_on")
        batch_op.drop_column("pinned")
        batch_op.drop_column("status")
    for table in reversed(PROFILES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_user_id_users"), type_="foreignkey")
            batch_op.drop_index(batch_op.f(f"ix_{table}_user_id"))
            batch_op.drop_column("user_id")
            batch_op.drop_column("time_zone")
            batch_op.drop_column("expertise")
