"""service_contract.start_date nullable (an unknown start stays unknown, never the import day);
problem_list_print: the versioned prints of the 问题清单/整改情况公示 (issue 17)

Revision ID: 0016
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # service_contract carries no FTS5 triggers (0011): the batch copy loses nothing.
    with op.batch_alter_table('service_contract', schema=None) as batch_op:
        batch_op.alter_column('start_date', existing_type=sa.Date(), nullable=True)

    op.create_table('problem_list_print',
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('estate_uuid', sa.String(length=36), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('masked', sa.Boolean(), nullable=False),
    sa.Column('content_json', sa.Text(), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('db_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['community_code'], ['org.code'], name=op.f('fk_problem_list_print_community_code_org')),
    sa.ForeignKeyConstraint(['estate_uuid'], ['estate.uuid'], name=op.f('fk_problem_list_print_estate_uuid_estate')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_problem_list_print'))
    )
    with op.batch_alter_table('problem_list_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_list_print_community_code'), ['community_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_list_print_estate_uuid'), ['estate_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_list_print_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_list_print_seq'), ['seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('problem_list_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_list_print_seq'))
        batch_op.drop_index(batch_op.f('ix_problem_list_print_origin'))
        batch_op.drop_index(batch_op.f('ix_problem_list_print_estate_uuid'))
        batch_op.drop_index(batch_op.f('ix_problem_list_print_community_code'))
    op.drop_table('problem_list_print')
    with op.batch_alter_table('service_contract', schema=None) as batch_op:
        batch_op.alter_column('start_date', existing_type=sa.Date(), nullable=False)
