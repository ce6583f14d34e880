"""submissions: period reports (月报, 专项排查) and the upper office's reviews (issue 6)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('origin', sa.String(length=12), nullable=False),
        sa.Column('rev', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('db_id', sa.String(length=36), nullable=True),
    ]


def upgrade() -> None:
    op.create_table('submission',
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('review_uuid', sa.String(length=36), nullable=True),
    sa.Column('review_action', sa.String(length=8), nullable=True),
    sa.Column('review_reason', sa.Text(), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('reviewer_office', sa.String(length=12), nullable=True),
    *_sync_columns(),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_submission'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_origin'), ['origin'], unique=False)
        batch_op.create_index('ix_submission_period', ['period', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_seq'), ['seq'], unique=False)

    op.create_table('submission_review',
    sa.Column('submission_uuid', sa.String(length=36), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('reviewer', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['submission_uuid'], ['submission.uuid'], name=op.f('fk_submission_review_submission_uuid_submission')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_submission_review'))
    )
    with op.batch_alter_table('submission_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_review_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_review_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_review_submission_uuid'), ['submission_uuid'], unique=False)


def downgrade() -> None:
    op.drop_table('submission_review')
    op.drop_table('submission')
