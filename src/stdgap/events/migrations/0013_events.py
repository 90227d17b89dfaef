"""events: events (meetings of their kind), their registration categories, registrations and
materials

Revision ID: 0013
Revises: 0001
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
#: The users table (accounts) that registrations refer to.
depends_on: str | Sequence[str] | None = "0004"


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("region", sa.String(length=20), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("registration_opens", sa.Date(), nullable=True),
        sa.Column("registration_closes", sa.Date(), nullable=True),
        sa.Column("languages", sa.String(length=100), nullable=True),
        sa.Column("feedback_survey", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_events_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_events_meeting_id")),
    )
    op.create_table(
        "event_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_categories_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_categories")),
        sa.UniqueConstraint("event_id", "key", name="uq_event_categories_key"),
    )
    op.create_index(
        op.f("ix_event_categories_event_id"), "event_categories", ["event_id"], unique=False
    )
    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=True),
        sa.Column("member_ref", sa.String(length=300), nullable=True),
        sa.Column("person_ref", sa.String(length=300), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("promoted_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("attended", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("recorded", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["event_categories.id"],
            name=op.f("fk_event_registrations_category_id_event_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["country"],
            ["countries.alpha3"],
            name=op.f("fk_event_registrations_country_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_registrations_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_event_registrations_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
    )
    op.create_index(
        op.f("ix_event_registrations_event_id"), "event_registrations", ["event_id"], unique=False
    )
    op.create_index(
        op.f("ix_event_registrations_user_id"), "event_registrations", ["user_id"], unique=False
    )
    op.create_table(
        "event_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_materials_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_materials")),
    )
    op.create_index(
        op.f("ix_event_materials_event_id"), "event_materials", ["event_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_event_materials_event_id"), table_name="event_materials")
    op.drop_table("event_materials")
    op.drop_index(op.f("ix_event_registrations_user_id"), table_name="event_registrations")
    op.drop_index(op.f("ix_event_registrations_event_id"), table_name="event_registrations")
    op.drop_table("event_registrations")
    op.drop_index(op.f("ix_event_categories_event_id"), table_name="event_categories")
    op.drop_table("event_categories")
    op.drop_table("events")
