"""survey_result_print: the versioned prints of a satisfaction survey's result 公告 (issue 17)

Re-runnable (the table is made only if missing): tests/app/db/test_field_crypto.py sets a
file at head back to before 0031 to re-run the sealing, so every later migration runs again.

Revision ID: 0033
Revises: 0031
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0033'
down_revision: str | None = '0032'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table('survey_result_print'):
        return
    op.create_table('survey_result_print',
    sa.Column('campaign_uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('content_json', sa.Text(), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('db_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['campaign_uuid'], ['survey_campaign.uuid'], name=op.f('fk_survey_result_print_campaign_uuid_survey_campaign')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_survey_result_print'))
    )
    with op.batch_alter_table('survey_result_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_result_print_campaign_uuid'), ['campaign_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_result_print_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_result_print_seq'), ['seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('survey_result_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_result_print_seq'))
        batch_op.drop_index(batch_op.f('ix_survey_result_print_origin'))
        batch_op.drop_index(batch_op.f('ix_survey_result_print_campaign_uuid'))
    op.drop_table('survey_result_print')
