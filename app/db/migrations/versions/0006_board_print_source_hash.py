"""board_print.source_hash: the hash of the rows a print was drawn from (issue 12), so 公示栏
finds the boards to reprint without drawing every board again

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('board_print', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('board_print', schema=None) as batch_op:
        batch_op.drop_column('source_hash')
