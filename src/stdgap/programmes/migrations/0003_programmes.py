"""programmes: fellowships, mentorship and awards

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "award_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("closes", sa.Date(), nullable=False),
        sa.Column("max_age", sa.SmallInteger(), nullable=True),
        sa.Column("normalise", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_calls")),
        sa.UniqueConstraint("call_id", name=op.f("uq_award_calls_call_id")),
    )
    op.create_table(
        "mentorship_mentees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.String(length=100), nullable=False),
        sa.Column("person_ref", sa.String(length=300), nullable=False),
        sa.Column("study_groups", sa.String(length=500), nullable=False),
        sa.Column("questions", sa.String(length=1000), nullable=False),
        sa.Column("languages", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=40), nullable=True),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column("prefer_same_region", sa.Boolean(), nullable=False),
        sa.Column("preferred_mentor_gender", sa.String(length=1), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_mentees")),
        sa.UniqueConstraint("cycle", "person_ref", name="uq_mentorship_mentee"),
    )
    with op.batch_alter_table("mentorship_mentees", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentorship_mentees_cycle"), ["cycle"], unique=False)

    op.create_table(
        "mentorship_mentors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.String(length=100), nullable=False),
        sa.Column("person_ref", sa.String(length=300), nullable=False),
        sa.Column("study_groups", sa.String(length=500), nullable=False),
        sa.Column("questions", sa.String(length=1000), nullable=False),
        sa.Column("languages", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=40), nullable=True),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("capacity", sa.SmallInteger(), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_mentors")),
        sa.UniqueConstraint("cycle", "person_ref", name="uq_mentorship_mentor"),
    )
    with op.batch_alter_table("mentorship_mentors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentorship_mentors_cycle"), ["cycle"], unique=False)

    op.create_table(
        "programme_rules",
        sa.Column("programme", sa.String(length=30), nullable=False),
        sa.Column("rule_set", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("programme", "rule_set", "key", name=op.f("pk_programme_rules")),
    )
    op.create_table(
        "award_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("max_score", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["award_calls.id"], name=op.f("fk_award_criteria_call_id_award_calls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_criteria")),
        sa.UniqueConstraint("call_id", "key", name="uq_award_criteria_key"),
    )
    with op.batch_alter_table("award_criteria", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_award_criteria_call_id"), ["call_id"], unique=False)

    op.create_table(
        "award_jurors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("juror_ref", sa.String(length=300), nullable=False),
        sa.Column("member_ref", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"], ["award_calls.id"], name=op.f("fk_award_jurors_call_id_award_calls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_jurors")),
        sa.UniqueConstraint("call_id", "juror_ref", name="uq_award_jurors_ref"),
    )
    with op.batch_alter_table("award_jurors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_award_jurors_call_id"), ["call_id"], unique=False)

    op.create_table(
        "award_nominations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.String(length=100), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("nominee_ref", sa.String(length=300), nullable=False),
        sa.Column("member_ref", sa.String(length=300), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column("nominated_by", sa.String(length=300), nullable=True),
        sa.Column("statement", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"], ["award_calls.id"], name=op.f("fk_award_nominations_call_id_award_calls")
        ),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.alpha3"], name=op.f("fk_award_nominations_country_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_nominations")),
        sa.UniqueConstraint("call_id", "nominee_ref", name="uq_award_nominee"),
        sa.UniqueConstraint("nomination_id", name=op.f("uq_award_nominations_nomination_id")),
    )
    with op.batch_alter_table("award_nominations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_award_nominations_call_id"), ["call_id"], unique=False)

    op.create_table(
        "mentorship_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.String(length=100), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("matched_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["mentorship_mentees.id"],
            name=op.f("fk_mentorship_matches_mentee_id_mentorship_mentees"),
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["mentorship_mentors.id"],
            name=op.f("fk_mentorship_matches_mentor_id_mentorship_mentors"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_matches")),
        sa.UniqueConstraint("mentee_id", name=op.f("uq_mentorship_matches_mentee_id")),
    )
    with op.batch_alter_table("mentorship_matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentorship_matches_cycle"), ["cycle"], unique=False)

    op.create_table(
        "award_conflicts",
        sa.Column("juror_id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["juror_id"], ["award_jurors.id"], name=op.f("fk_award_conflicts_juror_id_award_jurors")
        ),
        sa.ForeignKeyConstraint(
            ["nomination_id"],
            ["award_nominations.id"],
            name=op.f("fk_award_conflicts_nomination_id_award_nominations"),
        ),
        sa.PrimaryKeyConstraint("juror_id", "nomination_id", name=op.f("pk_award_conflicts")),
    )
    op.create_table(
        "award_scores",
        sa.Column("juror_id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["award_criteria.id"],
            name=op.f("fk_award_scores_criterion_id_award_criteria"),
        ),
        sa.ForeignKeyConstraint(
            ["juror_id"], ["award_jurors.id"], name=op.f("fk_award_scores_juror_id_award_jurors")
        ),
        sa.ForeignKeyConstraint(
            ["nomination_id"],
            ["award_nominations.id"],
            name=op.f("fk_award_scores_nomination_id_award_nominations"),
        ),
        sa.PrimaryKeyConstraint(
            "juror_id", "nomination_id", "criterion_id", name=op.f("pk_award_scores")
        ),
    )
    op.create_table(
        "fellowship_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=100), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("full_cost", sa.Integer(), nullable=False),
        sa.Column("partial_cost", sa.Integer(), nullable=False),
        sa.Column("closes", sa.Date(), nullable=True),
        sa.Column("rule_set", sa.String(length=100), nullable=False),
        sa.Column("allocated", sa.Boolean(), nullable=False),
        sa.Column("attendance_recorded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_fellowship_calls_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fellowship_calls")),
        sa.UniqueConstraint("call_id", name=op.f("uq_fellowship_calls_call_id")),
    )
    with op.batch_alter_table("fellowship_calls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fellowship_calls_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "mentorship_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.SmallInteger(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["match_id"],
            ["mentorship_matches.id"],
            name=op.f("fk_mentorship_sessions_match_id_mentorship_matches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_sessions")),
    )
    with op.batch_alter_table("mentorship_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentorship_sessions_match_id"), ["match_id"], unique=False
        )

    op.create_table(
        "fellowship_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.String(length=100), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("person_ref", sa.String(length=300), nullable=False),
        sa.Column("member_ref", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column("request", sa.String(length=10), nullable=False),
        sa.Column("contributions", sa.Integer(), nullable=False),
        sa.Column("cost_full", sa.Integer(), nullable=True),
        sa.Column("cost_partial", sa.Integer(), nullable=True),
        sa.Column("submitted", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["fellowship_calls.id"],
            name=op.f("fk_fellowship_applications_call_id_fellowship_calls"),
        ),
        sa.ForeignKeyConstraint(
            ["country"],
            ["countries.alpha3"],
            name=op.f("fk_fellowship_applications_country_countries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fellowship_applications")),
        sa.UniqueConstraint(
            "application_id", name=op.f("uq_fellowship_applications_application_id")
        ),
        sa.UniqueConstraint("call_id", "person_ref", name="uq_fellowship_app_person"),
    )
    with op.batch_alter_table("fellowship_applications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fellowship_applications_call_id"), ["call_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("fellowship_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fellowship_applications_call_id"))

    op.drop_table("fellowship_applications")
    with op.batch_alter_table("mentorship_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_sessions_match_id"))

    op.drop_table("mentorship_sessions")
    with op.batch_alter_table("fellowship_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fellowship_calls_meeting_id"))

    op.drop_table("fellowship_calls")
    op.drop_table("award_scores")
    op.drop_table("award_conflicts")
    with op.batch_alter_table("mentorship_matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_matches_cycle"))

    op.drop_table("mentorship_matches")
    with op.batch_alter_table("award_nominations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_award_nominations_call_id"))

    op.drop_table("award_nominations")
    with op.batch_alter_table("award_jurors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_award_jurors_call_id"))

    op.drop_table("award_jurors")
    with op.batch_alter_table("award_criteria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_award_criteria_call_id"))

    op.drop_table("award_criteria")
    op.drop_table("programme_rules")
    with op.batch_alter_table("mentorship_mentors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_mentors_cycle"))

    op.drop_table("mentorship_mentors")
    with op.batch_alter_table("mentorship_mentees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_mentees_cycle"))

    op.drop_table("mentorship_mentees")
    op.drop_table("award_calls")
