"""ix_estate_deleted_community: the estate list's count without a scan (issue 18). The
unfiltered list counts the table's rows less its tombstones, found on this index; a
community's count is a range of it. Problems and complaints have such an index already
(ix_problem_open_deadline, ix_complaint_open). Index only.

Revision ID: 0029
Revises: 0021
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0029'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_estate_deleted_community', 'estate', ['deleted', 'community_code'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_estate_deleted_community', table_name='estate')
