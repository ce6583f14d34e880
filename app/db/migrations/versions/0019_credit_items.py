"""credit_item: a company's credit record, dated items with evidence and expiry (issue 17);
property_company.party_org_since: since when its party organisation exists (task 10)

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain added column: property_company carries no FTS5 triggers, nothing is copied.
    op.add_column('property_company', sa.Column('party_org_since', sa.Date(), nullable=True))
    op.create_table('credit_item',
    sa.Column('company_uuid', sa.String(length=36), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=True),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('db_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['company_uuid'], ['property_company.uuid'], name=op.f('fk_credit_item_company_uuid_property_company')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_credit_item'))
    )
    with op.batch_alter_table('credit_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_item_company_uuid'), ['company_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_item_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_item_seq'), ['seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('credit_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_item_seq'))
        batch_op.drop_index(batch_op.f('ix_credit_item_origin'))
        batch_op.drop_index(batch_op.f('ix_credit_item_company_uuid'))
    op.drop_table('credit_item')
    with op.batch_alter_table('property_company', schema=None) as batch_op:
        batch_op.drop_column('party_org_since')
