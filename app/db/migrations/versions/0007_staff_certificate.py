"""company_staff.certificate: a staff member's 职业资格证书, entered in the window (issue 12)

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('company_staff', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('certificate', sa.String(length=200), server_default='', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('company_staff', schema=None) as batch_op:
        batch_op.drop_column('certificate')
