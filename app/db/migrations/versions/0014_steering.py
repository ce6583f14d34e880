"""steering downward (issue 16): tasks addressed to offices and their answers, 调度 reports
(weekly and daily periods, campaigns), holiday years marked complete

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-03

Plain create_table / add_column, except one table below.
`submission.period` grows from 7 to 10 characters (2026-W49, 2026-12-03): a batch copy of
`submission`, which carries no FTS5 trigger.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
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


def _sync_indexes(table: str) -> None:
    op.create_index(op.f(f'ix_{table}_origin'), table, ['origin'], unique=False)
    op.create_index(op.f(f'ix_{table}_seq'), table, ['seq'], unique=False)


def upgrade() -> None:
    op.create_table('holiday_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_holiday_year'))
    )

    op.add_column('task', sa.Column('to_office', sa.String(length=12), nullable=True))
    op.create_index(op.f('ix_task_to_office'), 'task', ['to_office'], unique=False)
    op.create_table('task_answer',
    sa.Column('task_uuid', sa.String(length=36), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('attachments', sa.Text(), nullable=False),
    sa.Column('answerer', sa.String(length=80), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['task_uuid'], ['task.uuid'], name=op.f('fk_task_answer_task_uuid_task')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_task_answer'))
    )
    _sync_indexes('task_answer')
    op.create_index(op.f('ix_task_answer_task_uuid'), 'task_answer', ['task_uuid'], unique=False)
    op.create_table('task_answer_review',
    sa.Column('answer_uuid', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('reviewer', sa.String(length=80), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['answer_uuid'], ['task_answer.uuid'], name=op.f('fk_task_answer_review_answer_uuid_task_answer')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_task_answer_review'))
    )
    _sync_indexes('task_answer_review')
    op.create_index(op.f('ix_task_answer_review_answer_uuid'), 'task_answer_review', ['answer_uuid'], unique=False)

    with op.batch_alter_table('submission', schema=None) as batch_op:  # no triggers on it
        batch_op.alter_column('period', type_=sa.String(length=10),
                              existing_type=sa.String(length=7), existing_nullable=False)
    for column in ('work_done', 'problems_found', 'next_steps'):
        op.add_column('submission', sa.Column(column, sa.Text(), server_default='', nullable=False))
    op.create_table('report_campaign',
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('due_weekday', sa.Integer(), nullable=True),
    *_sync_columns(),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_report_campaign'))
    )
    _sync_indexes('report_campaign')


def downgrade() -> None:
    op.drop_table('report_campaign')
    for column in ('next_steps', 'problems_found', 'work_done'):
        op.drop_column('submission', column)
    op.drop_table('task_answer_review')
    op.drop_table('task_answer')
    op.drop_index(op.f('ix_task_to_office'), table_name='task')
    op.drop_column('task', 'to_office')
    op.drop_table('holiday_year')
