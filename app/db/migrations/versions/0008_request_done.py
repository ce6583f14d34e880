"""request_done: write commands made idempotent by `--request-id` (issue 13 item 5)

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('request_done',
    sa.Column('request_id', sa.String(length=100), nullable=False),
    sa.Column('command', sa.String(length=120), nullable=False),
    sa.Column('output', sa.Text(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('request_id', name=op.f('pk_request_done'))
    )


def downgrade() -> None:
    op.drop_table('request_done')
