"""督查 visits with their findings and 整改反馈, and the 考核 sheet with self-scores and reviews
(issue 16 items 4, 8)

Revision ID: 0024
Revises: 0021
Create Date: 2026-12-03

Plain create_table only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0021'
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


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.uuid'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint('uuid', name=op.f(f'pk_{table}'))


def upgrade() -> None:
    op.create_table('inspection',
    sa.Column('number', sa.String(length=12), nullable=True),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('inspectors', sa.Text(), nullable=False),
    sa.Column('estates', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    *_sync_columns(), _pk('inspection'))
    _indexes('inspection', 'number')
    op.create_table('inspection_finding',
    sa.Column('inspection_uuid', sa.String(length=36), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('estate_name', sa.String(length=80), nullable=False),
    sa.Column('responsible_unit', sa.String(length=80), nullable=False),
    sa.Column('to_office', sa.String(length=12), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('problem_uuid', sa.String(length=36), nullable=True),
    *_sync_columns(), _fk('inspection_finding', 'inspection_uuid', 'inspection'),
    _pk('inspection_finding'))
    _indexes('inspection_finding', 'inspection_uuid', 'community_code', 'to_office',
             'problem_uuid')
    op.create_table('inspection_feedback',
    sa.Column('finding_uuid', sa.String(length=36), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    *_sync_columns(), _fk('inspection_feedback', 'finding_uuid', 'inspection_finding'),
    _pk('inspection_feedback'))
    _indexes('inspection_feedback', 'finding_uuid')
    op.create_table('assessment_sheet',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('issuer', sa.String(length=80), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    *_sync_columns(), _pk('assessment_sheet'))
    _indexes('assessment_sheet', 'year')
    op.create_table('assessment_item',
    sa.Column('sheet_uuid', sa.String(length=36), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('max_points', sa.Float(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('figure', sa.String(length=24), nullable=False),
    *_sync_columns(), _fk('assessment_item', 'sheet_uuid', 'assessment_sheet'),
    _pk('assessment_item'))
    _indexes('assessment_item', 'sheet_uuid')
    op.create_table('assessment_score',
    sa.Column('item_uuid', sa.String(length=36), nullable=False),
    sa.Column('points', sa.Float(), nullable=False),
    sa.Column('figure_text', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('scored_on', sa.Date(), nullable=False),
    *_sync_columns(), _fk('assessment_score', 'item_uuid', 'assessment_item'),
    _pk('assessment_score'))
    _indexes('assessment_score', 'item_uuid')
    op.create_table('assessment_review',
    sa.Column('score_uuid', sa.String(length=36), nullable=False),
    sa.Column('to_office', sa.String(length=12), nullable=False),
    sa.Column('points', sa.Float(), nullable=False),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    *_sync_columns(), _fk('assessment_review', 'score_uuid', 'assessment_score'),
    _pk('assessment_review'))
    _indexes('assessment_review', 'score_uuid', 'to_office')


def downgrade() -> None:
    for table in ('assessment_review', 'assessment_score', 'assessment_item',
                  'assessment_sheet', 'inspection_feedback', 'inspection_finding',
                  'inspection'):
        op.drop_table(table)
