"""knowledge portal: items, attachments, reading lists, visits

Revision ID: 0015
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "knowledge_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("number", sa.String(length=50), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("study_group", sa.String(length=20), nullable=True),
        sa.Column("question", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("keyword_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_items")),
        sa.UniqueConstraint("item_id", name=op.f("uq_knowledge_items_item_id")),
    )
    with op.batch_alter_table("knowledge_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knowledge_items_changed_at"), ["changed_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_knowledge_items_revision"), ["revision"], unique=False)

    op.create_table(
        "knowledge_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("study_group", sa.String(length=20), nullable=True),
        sa.Column("topic", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_lists")),
        sa.UniqueConstraint("list_id", name=op.f("uq_knowledge_lists_list_id")),
    )
    op.create_table(
        "knowledge_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["knowledge_items.id"],
            name=op.f("fk_knowledge_attachments_item_id_knowledge_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_attachments")),
        sa.UniqueConstraint("item_id", "filename", name="uq_knowledge_attachment"),
    )
    with op.batch_alter_table("knowledge_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knowledge_attachments_item_id"), ["item_id"], unique=False
        )

    op.create_table(
        "knowledge_list_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["knowledge_items.id"],
            name=op.f("fk_knowledge_list_entries_item_id_knowledge_items"),
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["knowledge_lists.id"],
            name=op.f("fk_knowledge_list_entries_list_id_knowledge_lists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_list_entries")),
        sa.UniqueConstraint("list_id", "item_id", name="uq_knowledge_list_item"),
    )
    with op.batch_alter_table("knowledge_list_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knowledge_list_entries_item_id"), ["item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_knowledge_list_entries_list_id"), ["list_id"], unique=False
        )

    op.create_table(
        "knowledge_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_knowledge_visits_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_visits")),
        sa.UniqueConstraint("user_id", name=op.f("uq_knowledge_visits_user_id")),
    )


def downgrade() -> None:
    op.drop_table("knowledge_visits")
    with op.batch_alter_table("knowledge_list_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_list_entries_list_id"))
        batch_op.drop_index(batch_op.f("ix_knowledge_list_entries_item_id"))

    op.drop_table("knowledge_list_entries")
    with op.batch_alter_table("knowledge_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_attachments_item_id"))

    op.drop_table("knowledge_attachments")
    op.drop_table("knowledge_lists")
    with op.batch_alter_table("knowledge_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_items_revision"))
        batch_op.drop_index(batch_op.f("ix_knowledge_items_changed_at"))

    op.drop_table("knowledge_items")
