"""CxO meetings: agenda, participants, conclusions

Revision ID: 0014
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cxo_conclusions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("topic_key", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("study_group", sa.String(length=20), nullable=True),
        sa.Column("question", sa.String(length=50), nullable=True),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cxo_conclusions")),
    )
    with op.batch_alter_table("cxo_conclusions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cxo_conclusions_topic_key"), ["topic_key"], unique=False
        )

    op.create_table(
        "cxo_conclusion_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conclusion_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["conclusion_id"],
            ["cxo_conclusions.id"],
            name=op.f("fk_cxo_conclusion_links_conclusion_id_cxo_conclusions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cxo_conclusion_links")),
    )
    with op.batch_alter_table("cxo_conclusion_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cxo_conclusion_links_conclusion_id"), ["conclusion_id"], unique=False
        )

    op.create_table(
        "cxo_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_cxo_meetings_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cxo_meetings")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_cxo_meetings_meeting_id")),
    )
    op.create_table(
        "cxo_agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cxo_meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("objective", sa.String(length=100), nullable=True),
        sa.Column("work_item", sa.String(length=300), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=True),
        sa.Column("question_key", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["cxo_meeting_id"],
            ["cxo_meetings.id"],
            name=op.f("fk_cxo_agenda_items_cxo_meeting_id_cxo_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cxo_agenda_items")),
        sa.UniqueConstraint("cxo_meeting_id", "position", name="uq_cxo_agenda_position"),
    )
    with op.batch_alter_table("cxo_agenda_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cxo_agenda_items_cxo_meeting_id"), ["cxo_meeting_id"], unique=False
        )

    op.create_table(
        "cxo_conclusion_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conclusion_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("cxo_meeting_id", sa.Integer(), nullable=True),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conclusion_id"],
            ["cxo_conclusions.id"],
            name=op.f("fk_cxo_conclusion_events_conclusion_id_cxo_conclusions"),
        ),
        sa.ForeignKeyConstraint(
            ["cxo_meeting_id"],
            ["cxo_meetings.id"],
            name=op.f("fk_cxo_conclusion_events_cxo_meeting_id_cxo_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cxo_conclusion_events")),
    )
    with op.batch_alter_table("cxo_conclusion_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cxo_conclusion_events_conclusion_id"), ["conclusion_id"], unique=False
        )

    op.create_table(
        "cxo_conclusion_meetings",
        sa.Column("conclusion_id", sa.Integer(), nullable=False),
        sa.Column("cxo_meeting_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conclusion_id"],
            ["cxo_conclusions.id"],
            name=op.f("fk_cxo_conclusion_meetings_conclusion_id_cxo_conclusions"),
        ),
        sa.ForeignKeyConstraint(
            ["cxo_meeting_id"],
            ["cxo_meetings.id"],
            name=op.f("fk_cxo_conclusion_meetings_cxo_meeting_id_cxo_meetings"),
        ),
        sa.PrimaryKeyConstraint(
            "conclusion_id", "cxo_meeting_id", name=op.f("pk_cxo_conclusion_meetings")
        ),
    )
    op.create_table(
        "cxo_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cxo_meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("size", sa.String(length=10), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.alpha3"], name=op.f("fk_cxo_participants_country_countries")
        ),
        sa.ForeignKeyConstraint(
            ["cxo_meeting_id"],
            ["cxo_meetings.id"],
            name=op.f("fk_cxo_participants_cxo_meeting_id_cxo_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_cxo_participants_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_cxo_participants_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cxo_participants")),
        sa.UniqueConstraint("cxo_meeting_id", "name", "organisation", name="uq_cxo_participant"),
    )
    with op.batch_alter_table("cxo_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cxo_participants_cxo_meeting_id"), ["cxo_meeting_id"], unique=False
        )

    op.create_table(
        "cxo_recordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cxo_meeting_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("speaker", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["cxo_meeting_id"],
            ["cxo_meetings.id"],
            name=op.f("fk_cxo_recordings_cxo_meeting_id_cxo_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cxo_recordings")),
    )
    with op.batch_alter_table("cxo_recordings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cxo_recordings_cxo_meeting_id"), ["cxo_meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("cxo_recordings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cxo_recordings_cxo_meeting_id"))

    op.drop_table("cxo_recordings")
    with op.batch_alter_table("cxo_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cxo_participants_cxo_meeting_id"))

    op.drop_table("cxo_participants")
    op.drop_table("cxo_conclusion_meetings")
    with op.batch_alter_table("cxo_conclusion_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cxo_conclusion_events_conclusion_id"))

    op.drop_table("cxo_conclusion_events")
    with op.batch_alter_table("cxo_agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cxo_agenda_items_cxo_meeting_id"))

    op.drop_table("cxo_agenda_items")
    op.drop_table("cxo_meetings")
    with op.batch_alter_table("cxo_conclusion_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cxo_conclusion_links_conclusion_id"))

    op.drop_table("cxo_conclusion_links")
    with op.batch_alter_table("cxo_conclusions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cxo_conclusions_topic_key"))

    op.drop_table("cxo_conclusions")
