"""ix_estate_tombstones: the estate list's count without a scan (issue 18). The unfiltered
list counts the table's rows less its tombstones, found on this partial index of deleted
rows only (a full index leading with `deleted` is taken by the planner for `deleted = 0`
when the file has no statistics). Problems and complaints have an index leading with
`deleted` already (ix_problem_open_deadline, ix_complaint_open). Index only.

Revision ID: 0029
Revises: 0021
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0029'
down_revision: str | None = '0027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_estate_tombstones', 'estate', ['deleted'], unique=False,
        sqlite_where=sa.text('deleted = 1'), postgresql_where=sa.text('deleted'),
    )


def downgrade() -> None:
    op.drop_index('ix_estate_tombstones', table_name='estate')
