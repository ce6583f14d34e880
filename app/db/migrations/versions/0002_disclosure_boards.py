"""disclosure boards and their prints

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('disclosure_board',
    sa.Column('estate_uuid', sa.String(length=36), nullable=False),
    sa.Column('building_uuid', sa.String(length=36), nullable=True),
    sa.Column('service_content', sa.Text(), nullable=False),
    sa.Column('fee_items', sa.Text(), nullable=False),
    sa.Column('parking', sa.Text(), nullable=False),
    sa.Column('utility_split', sa.Text(), nullable=False),
    sa.Column('fee_and_revenue', sa.Text(), nullable=False),
    sa.Column('elevator_spending', sa.Text(), nullable=False),
    sa.Column('complaint_phone', sa.String(length=24), nullable=False),
    sa.Column('consent_public_phone', sa.Boolean(), nullable=False),
    sa.Column('period_days', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['building_uuid'], ['building.uuid'], name=op.f('fk_disclosure_board_building_uuid_building')),
    sa.ForeignKeyConstraint(['estate_uuid'], ['estate.uuid'], name=op.f('fk_disclosure_board_estate_uuid_estate')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_disclosure_board'))
    )
    with op.batch_alter_table('disclosure_board', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_board_building_uuid'), ['building_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_board_estate_uuid'), ['estate_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_board_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_board_seq'), ['seq'], unique=False)

    op.create_table('board_print',
    sa.Column('board_uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('masked', sa.Boolean(), nullable=False),
    sa.Column('size', sa.String(length=2), nullable=False),
    sa.Column('content_json', sa.Text(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['board_uuid'], ['disclosure_board.uuid'], name=op.f('fk_board_print_board_uuid_disclosure_board')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_board_print'))
    )
    with op.batch_alter_table('board_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_print_board_uuid'), ['board_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_print_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_print_seq'), ['seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('board_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_print_seq'))
        batch_op.drop_index(batch_op.f('ix_board_print_origin'))
        batch_op.drop_index(batch_op.f('ix_board_print_board_uuid'))

    op.drop_table('board_print')
    with op.batch_alter_table('disclosure_board', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosure_board_seq'))
        batch_op.drop_index(batch_op.f('ix_disclosure_board_origin'))
        batch_op.drop_index(batch_op.f('ix_disclosure_board_estate_uuid'))
        batch_op.drop_index(batch_op.f('ix_disclosure_board_building_uuid'))

    op.drop_table('disclosure_board')
