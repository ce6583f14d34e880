"""text index and problem tally: FTS5 trigram indexes for substring search in estates,
problems and complaints, and problems counted by community and status, all kept in step by
triggers (issue 18). SQLite only: PostgreSQL searches with LIKE and counts rows.

Revision ID: 0011
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

from app.db import problem_tally
from app.db.text_index import create_sql, drop_sql

# As they stood at this revision (app.db.text_index.TEXT_INDEXES may grow later).
INDEXED = {
    "estate": ("name", "address"),
    "problem": ("description", "responsible_unit", "measures"),
    "complaint": ("content", "outcome"),
}

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, columns in INDEXED.items():
        for statement in create_sql(table, columns):
            op.execute(statement)
    for statement in problem_tally.create_sql():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in problem_tally.drop_sql():
        op.execute(statement)
    for table in INDEXED:
        for statement in drop_sql(table):
            op.execute(statement)
