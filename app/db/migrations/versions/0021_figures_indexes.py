"""Covering indexes for the 总览's committee figures on 100,000 estates (issue 18):
ix_estate_uuid_figures (estates by management type, the formation rate) and
ix_committee_uuid_term (the party share's roster-to-committee join). Indexes only.

Revision ID: 0021
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_estate_uuid_figures', 'estate',
        ['uuid', 'deleted', 'committee_required', 'management_type', 'community_code'],
        unique=False,
    )
    op.create_index(
        'ix_committee_uuid_term', 'committee',
        ['uuid', 'kind', 'status', 'term_end', 'term_start', 'filed_on', 'deleted', 'estate_uuid'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_committee_uuid_term', table_name='committee')
    op.drop_index('ix_estate_uuid_figures', table_name='estate')
