"""约谈 and 通报 as records of their own (issue 16 items 5, 6): interview with its commitments
(整改承诺, the summoned office's own rows), circular with the parties it names

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-03

Plain create_table only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0020'
down_revision: str | None = '0019'
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


def _indexes(table: str, *columns: str) -> None:
    for column in ('origin', 'seq', *columns):
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)


def upgrade() -> None:
    op.create_table('interview',
    sa.Column('number', sa.String(length=12), nullable=True),
    sa.Column('subject_kind', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=False),
    sa.Column('to_office', sa.String(length=12), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('task_uuid', sa.String(length=36), nullable=True),
    sa.Column('problem_uuid', sa.String(length=36), nullable=True),
    sa.Column('complaint_uuid', sa.String(length=36), nullable=True),
    sa.Column('form', sa.String(length=12), nullable=False),
    sa.Column('meets_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('hosts', sa.Text(), nullable=False),
    sa.Column('attendees', sa.Text(), nullable=False),
    sa.Column('notified_on', sa.Date(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('requirements', sa.Text(), nullable=False),
    sa.Column('rectify_by', sa.Date(), nullable=True),
    sa.Column('rectified_on', sa.Date(), nullable=True),
    sa.Column('rectified_note', sa.Text(), nullable=False),
    sa.Column('circular_uuid', sa.String(length=36), nullable=True),
    *_sync_columns(),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_interview'))
    )
    _indexes('interview', 'number', 'to_office', 'task_uuid', 'problem_uuid', 'complaint_uuid',
             'circular_uuid')
    op.create_table('interview_commitment',
    sa.Column('interview_uuid', sa.String(length=36), nullable=False),
    sa.Column('committed_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['interview_uuid'], ['interview.uuid'], name=op.f('fk_interview_commitment_interview_uuid_interview')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_interview_commitment'))
    )
    _indexes('interview_commitment', 'interview_uuid')
    op.create_table('circular',
    sa.Column('doc_number', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('requirements', sa.Text(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issuer', sa.String(length=80), nullable=False),
    *_sync_columns(),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_circular'))
    )
    _indexes('circular')
    op.create_table('circular_party',
    sa.Column('circular_uuid', sa.String(length=36), nullable=False),
    sa.Column('party_kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('to_office', sa.String(length=12), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['circular_uuid'], ['circular.uuid'], name=op.f('fk_circular_party_circular_uuid_circular')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_circular_party'))
    )
    _indexes('circular_party', 'circular_uuid', 'name', 'to_office')


def downgrade() -> None:
    for table in ('circular_party', 'circular', 'interview_commitment', 'interview'):
        op.drop_table(table)
