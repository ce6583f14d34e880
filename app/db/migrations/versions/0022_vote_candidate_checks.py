"""The vetting (推荐关、审核关) of an election matter's candidates, recorded before the notice
and copied to the elected members (issue 15)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

Plain create_table only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('vote_candidate_check',
    sa.Column('matter_uuid', sa.String(length=36), nullable=False),
    sa.Column('candidate', sa.String(length=40), nullable=False),
    sa.Column('item', sa.String(length=16), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('checked_by', sa.String(length=40), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('db_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['matter_uuid'], ['vote_matter.uuid'], name=op.f('fk_vote_candidate_check_matter_uuid_vote_matter')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_vote_candidate_check'))
    )
    for column in ('origin', 'seq', 'matter_uuid'):
        op.create_index(op.f(f'ix_vote_candidate_check_{column}'), 'vote_candidate_check',
                        [column], unique=False)


def downgrade() -> None:
    op.drop_table('vote_candidate_check')
