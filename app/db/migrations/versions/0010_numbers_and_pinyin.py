"""record numbers and pinyin keys: problems and tasks get a per-year human number (2026-0012),
estates and companies a pinyin sort key for their names (issue 12)

Existing rows are numbered in the order of their date (found_on, issued_on), then uuid; every
estate's and company's key is computed from its name (app.rules.pinyin: about 2 s per 10,000 estates).

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (('problem', 'found_on'), ('task', 'issued_on'))


def upgrade() -> None:
    _name_keys()
    for table, day in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('number', sa.String(length=12), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_number'), ['number'], unique=False)
        bind = op.get_bind()
        rows = bind.execute(sa.text(f'SELECT uuid, {day} FROM {table} ORDER BY {day}, uuid'))
        counts: dict[str, int] = {}
        numbers = []
        for uuid, when in rows:
            year = str(when)[:4]
            counts[year] = counts.get(year, 0) + 1
            numbers.append({'uuid': uuid, 'number': f'{year}-{counts[year]:04d}'})
        if numbers:
            bind.execute(sa.text(f'UPDATE {table} SET number = :number WHERE uuid = :uuid'),
                         numbers)


NAMED = (('estate', 400), ('property_company', 600))


def _name_keys() -> None:
    from app.rules.pinyin import pinyin_key

    for table, length in NAMED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('name_key', sa.String(length=length), server_default='', nullable=False)
            )
            batch_op.create_index(f'ix_{table}_name_key_uuid', ['name_key', 'uuid'], unique=False)
        bind = op.get_bind()
        keys = [{'uuid': u, 'key': pinyin_key(n)}
                for u, n in bind.execute(sa.text(f'SELECT uuid, name FROM {table}'))]
        if keys:
            bind.execute(sa.text(f'UPDATE {table} SET name_key = :key WHERE uuid = :uuid'), keys)


def downgrade() -> None:
    for table, _length in NAMED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_name_key_uuid')
            batch_op.drop_column('name_key')
    for table, _day in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_number'))
            batch_op.drop_column('number')
