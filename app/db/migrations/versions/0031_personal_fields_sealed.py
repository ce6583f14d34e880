"""Personal fields encrypted at rest (issue 14): every `__sensitive__` column of the rows
already stored is sealed under the file's data key (app/db/field_crypto.py), and so are the
same fields in the rows the package merge keeps as JSON (conflict losers, rows waiting for
their parent). The key was made and kept, wrapped, before this ran (app/db/data_key.py
`unlock`). PostgreSQL keeps plaintext: nothing to do there. Data only, no schema change.

Revision ID: 0031
Revises: 0029
Create Date: 2026-12-03
"""

import json
from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = '0031'
down_revision: str | None = '0029'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The personal columns as the models declared them at this revision, whole: a table an
# older file does not have is skipped, and tests/app/db/test_migrations.py fails when a
# model's `__sensitive__` column is missing here.
SENSITIVE = {
    'committee_member': ('phone', 'id_number'),
    'unit_owner': ('owner_name', 'id_number', 'phone'),
    'ballot': ('voter_name',),
    'problem_list_print': ('content_json',),
    'board_print': ('content_json',),
    'property_company': ('contact_phone',),
    'company_staff': ('phone', 'id_number'),
    'complaint': ('complainant_name', 'complainant_phone'),
    'cross_post': ('phone', 'id_number'),
}
KEPT_JSON = {'sync_conflict': 'loser_json', 'sync_pending': 'row_json'}


def upgrade() -> None:
    _convert(seal=True)


def downgrade() -> None:
    """Back to clear values (an older program reads them): needs the data key for every
    sealed value, as opening does; a file with nothing sealed goes back without one."""
    _convert(seal=False)


def _convert(*, seal: bool) -> None:
    from app.db import field_crypto

    bind = op.get_bind()
    if not field_crypto.encrypts(bind.dialect):
        return
    key = field_crypto.key_for(bind.dialect)

    def sealed(label: str, value: str) -> str:
        if key is None:  # rows to seal, and no key made before: never seal under a lost key
            from app.errors import DatabaseError

            raise DatabaseError(field_crypto.NO_KEY)
        if seal:
            return field_crypto.seal(key, label, value)
        return field_crypto.open_value(key, label, value)

    todo = "NOT LIKE 'wy1:%'" if seal else "LIKE 'wy1:%'"

    # A sealed value is longer than the clear one: the row moves, and SQLite would leave the
    # clear bytes in the freed space of the page unless told to overwrite them.
    bind.exec_driver_sql("PRAGMA secure_delete=ON")
    found = bind.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
    tables = set(found.scalars())
    for table, columns in SENSITIVE.items():
        if table not in tables:
            continue
        for column in columns:
            label = f'{table}.{column}'
            rows = bind.execute(text(
                f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
                f" AND \"{column}\" <> '' AND \"{column}\" {todo}"
            )).all()
            if rows:
                bind.execute(
                    text(f'UPDATE "{table}" SET "{column}" = :v WHERE rowid = :id'),
                    [{'v': sealed(label, v), 'id': rowid} for rowid, v in rows],
                )
    for holder, column in KEPT_JSON.items():
        if holder not in tables:
            continue
        rows = bind.execute(text(f'SELECT id, table_name, "{column}" FROM "{holder}"')).all()
        for row_id, table, data in rows:
            if table not in SENSITIVE:
                continue
            row = json.loads(data)
            changed = {
                c: sealed(f'{table}.{c}', row[c])
                for c in SENSITIVE[table]
                if isinstance(row.get(c), str) and row[c] and row[c].startswith('wy1:') != seal
            }
            if changed:
                bind.execute(
                    text(f'UPDATE "{holder}" SET "{column}" = :v WHERE id = :id'),
                    {'v': json.dumps({**row, **changed}, ensure_ascii=False), 'id': row_id},
                )
    bind.exec_driver_sql("PRAGMA secure_delete=OFF")
