"""code_table and published_template: shared data an upper office maintains for the offices
below (issue 16): data code tables that travel down and replace the shipped files, and the
notice templates a district publishes. Plain tables (not syncable): they ride in the signed
manifest of every downward package, as the holiday table does.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0032'
down_revision: str | None = '0031'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Re-runnable: a test sets a sealed file back to before 0031 and migrates it again.
    existing = sa.inspect(op.get_bind()).get_table_names()
    if 'code_table' not in existing:
        _code_table()
    if 'published_template' not in existing:
        _published_template()


def _code_table() -> None:
    op.create_table(
        'code_table',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('version', sa.String(length=16), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('maintained_by', sa.String(length=12), nullable=False),
        sa.Column('received_from', sa.String(length=12), nullable=True),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_code_table')),
    )


def _published_template() -> None:
    op.create_table(
        'published_template',
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('published_by', sa.String(length=12), nullable=False),
        sa.Column('published_by_name', sa.String(length=60), nullable=False),
        sa.Column('published_at', sa.DateTime(), nullable=False),
        sa.Column('received_from', sa.String(length=12), nullable=True),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_published_template')),
    )


def downgrade() -> None:
    op.drop_table('published_template')
    op.drop_table('code_table')
