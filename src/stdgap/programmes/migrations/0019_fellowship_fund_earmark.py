"""fellowships: a call may name the fund earmark its granted cost is reserved from

Revision ID: 0019
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("fellowship_calls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fund_earmark", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fellowship_calls", schema=None) as batch_op:
        batch_op.drop_column("fund_earmark")
