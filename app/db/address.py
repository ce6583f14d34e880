"""What a `--db` value names: a SQLite file or a PostgreSQL server URL.

Kept apart from `app.db.server` (which loads SQLAlchemy) because every command, the window's
start-up included, parses `--db` before it knows whether it needs a database at all.
"""

from __future__ import annotations

SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_server_url(target: object) -> bool:
    """`postgresql://…` (or `postgresql+psycopg://`, `postgres://`): not a file name."""
    return isinstance(target, str) and target.lower().startswith(SCHEMES)
