"""resolution tracker: resolutions, versions, clauses, actions

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolutions")),
        sa.UniqueConstraint("body", "number", name="uq_resolutions_body_number"),
    )
    op.create_table(
        "resolution_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("revised", sa.Boolean(), nullable=False),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_resolution_versions_resolution_id_resolutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_versions")),
        sa.UniqueConstraint(
            "resolution_id", "label", "partial", name="uq_resolution_versions_label"
        ),
    )
    op.create_index(
        op.f("ix_resolution_versions_resolution_id"), "resolution_versions", ["resolution_id"]
    )
    op.create_table(
        "resolution_clauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("parent_path", sa.String(length=300), nullable=True),
        sa.Column("verb", sa.String(length=100), nullable=False),
        sa.Column("addressee", sa.Text(), nullable=True),
        sa.Column("addressee_codes", sa.String(length=300), nullable=False),
        sa.Column("collaborators", sa.Text(), nullable=True),
        sa.Column("collaborator_codes", sa.String(length=300), nullable=False),
        sa.Column("condition", sa.Text(), nullable=True),
        sa.Column("num", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["resolution_versions.id"],
            name=op.f("fk_resolution_clauses_version_id_resolution_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_clauses")),
        sa.UniqueConstraint("version_id", "path", name="uq_resolution_clauses_path"),
    )
    op.create_index(op.f("ix_resolution_clauses_version_id"), "resolution_clauses", ["version_id"])
    op.create_index(op.f("ix_resolution_clauses_key"), "resolution_clauses", ["key"])
    op.create_table(
        "clause_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("evidence", sa.String(length=1000), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("carried_from_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'not_started', 'blocked')",
            name=op.f("ck_clause_actions_status"),
        ),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["resolution_clauses.id"],
            name=op.f("fk_clause_actions_clause_id_resolution_clauses"),
        ),
        sa.ForeignKeyConstraint(
            ["carried_from_id"],
            ["clause_actions.id"],
            name=op.f("fk_clause_actions_carried_from_id_clause_actions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause_actions")),
    )
    op.create_index(op.f("ix_clause_actions_clause_id"), "clause_actions", ["clause_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_clause_actions_clause_id"), table_name="clause_actions")
    op.drop_table("clause_actions")
    op.drop_index(op.f("ix_resolution_clauses_key"), table_name="resolution_clauses")
    op.drop_index(op.f("ix_resolution_clauses_version_id"), table_name="resolution_clauses")
    op.drop_table("resolution_clauses")
    op.drop_index(op.f("ix_resolution_versions_resolution_id"), table_name="resolution_versions")
    op.drop_table("resolution_versions")
    op.drop_table("resolutions")
