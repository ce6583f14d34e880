"""survey_response.number: the questionnaire's number as written on the paper (问卷编号), so an
Excel sheet of answers imported twice updates its rows instead of counting them twice.
A nullable column: answers typed without a number stay as they are.

Revision ID: 0025
Revises: 0021
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0025'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('survey_response', sa.Column('number', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('survey_response') as batch:
        batch.drop_column('number')
