"""Received parts (issue 13, item 3): each office's own rows signed by that office, kept so
the next upward export relays them byte for byte (app/packages/parts.py). A new table only.

Revision ID: 0027
Revises: 0021
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0027'
down_revision: str | None = '0026'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'package_part',
        sa.Column('part_id', sa.String(length=36), nullable=False),
        sa.Column('signer', sa.String(length=12), nullable=False),
        sa.Column('sign_key_id', sa.String(length=16), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('body', sa.LargeBinary(), nullable=False),
        sa.Column('signature', sa.LargeBinary(), nullable=False),
        sa.Column('package_id', sa.String(length=36), nullable=False),
        sa.Column('came_from', sa.String(length=12), nullable=False),
        sa.Column('local_seq_from', sa.BigInteger(), nullable=False),
        sa.Column('local_seq_to', sa.BigInteger(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('part_id', name=op.f('pk_package_part')),
    )
    op.create_index(op.f('ix_package_part_signer'), 'package_part', ['signer'], unique=False)
    op.create_index(
        op.f('ix_package_part_came_from'), 'package_part', ['came_from'], unique=False
    )
    op.create_index(
        op.f('ix_package_part_local_seq_to'), 'package_part', ['local_seq_to'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_package_part_local_seq_to'), table_name='package_part')
    op.drop_index(op.f('ix_package_part_came_from'), table_name='package_part')
    op.drop_index(op.f('ix_package_part_signer'), table_name='package_part')
    op.drop_table('package_part')
