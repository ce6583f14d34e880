"""红色物业 and market decisions (issue 17 items 5–6): cross_post (交叉任职),
demonstration_project and demonstration_review (红色物业示范项目), market_decision (清出市场).
Plain new tables: nothing is copied, no FTS5 trigger is touched.

Revision ID: 0026
Revises: 0021
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0026'
down_revision: str | None = '0025'
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


def _indexes(table: str, columns: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in [*columns, 'origin', 'seq']:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade() -> None:
    op.create_table('cross_post',
    sa.Column('estate_uuid', sa.String(length=36), nullable=False),
    sa.Column('person', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=24), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('community_role', sa.String(length=40), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('post_role', sa.String(length=40), nullable=False),
    sa.Column('company_uuid', sa.String(length=36), nullable=True),
    sa.Column('since', sa.Date(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['company_uuid'], ['property_company.uuid'], name=op.f('fk_cross_post_company_uuid_property_company')),
    sa.ForeignKeyConstraint(['estate_uuid'], ['estate.uuid'], name=op.f('fk_cross_post_estate_uuid_estate')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_cross_post'))
    )
    _indexes('cross_post', ['estate_uuid'])
    op.create_table('demonstration_project',
    sa.Column('estate_uuid', sa.String(length=36), nullable=False),
    sa.Column('company_uuid', sa.String(length=36), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('named_on', sa.Date(), nullable=False),
    sa.Column('named_by', sa.String(length=120), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['company_uuid'], ['property_company.uuid'], name=op.f('fk_demonstration_project_company_uuid_property_company')),
    sa.ForeignKeyConstraint(['estate_uuid'], ['estate.uuid'], name=op.f('fk_demonstration_project_estate_uuid_estate')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_demonstration_project'))
    )
    _indexes('demonstration_project', ['company_uuid', 'estate_uuid'])
    op.create_table('demonstration_review',
    sa.Column('project_uuid', sa.String(length=36), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['project_uuid'], ['demonstration_project.uuid'], name=op.f('fk_demonstration_review_project_uuid_demonstration_project')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_demonstration_review'))
    )
    _indexes('demonstration_review', ['project_uuid'])
    op.create_table('market_decision',
    sa.Column('company_uuid', sa.String(length=36), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('body', sa.String(length=80), nullable=False),
    sa.Column('doc_no', sa.String(length=60), nullable=False),
    sa.Column('grounds', sa.Text(), nullable=False),
    sa.Column('ground_refs', sa.Text(), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['company_uuid'], ['property_company.uuid'], name=op.f('fk_market_decision_company_uuid_property_company')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_market_decision'))
    )
    _indexes('market_decision', ['company_uuid'])


def downgrade() -> None:
    for table in ('market_decision', 'demonstration_review', 'demonstration_project',
                  'cross_post'):
        op.drop_table(table)
