"""Problems counted by community and status, kept by triggers (migration 0011).

The casework overview's “problems recorded” by status counted 600,000 rows on every refresh
(130 ms of the panel's 300 on a loaded machine, bench/casework.py (a')). `problem_tally`
holds the live (not deleted) problems per community and status; triggers on `problem`
keep it in step with every insert, update and delete, whoever writes (forms, imports,
package merges). SQLite only; PostgreSQL counts the rows.

Like the text indexes (app/db/text_index.py), a batch migration that copies `problem`
drops these triggers: it must end with `create_sql()` again (after `drop_sql()`).
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table

TALLY = "problem_tally"

tally = Table(
    TALLY,
    MetaData(),  # not the models' metadata: made by SQL, not by Alembic's autogenerate
    Column("community_code", String(12), primary_key=True),
    Column("status", String(12), primary_key=True),
    Column("n", Integer, nullable=False),
)


def create_sql() -> list[str]:
    add = (
        f"INSERT INTO {TALLY} (community_code, status, n) SELECT new.community_code, "
        "new.status, 1 WHERE new.deleted = 0 ON CONFLICT (community_code, status) "
        "DO UPDATE SET n = n + 1;"
    )
    remove = (
        f"UPDATE {TALLY} SET n = n - 1 WHERE old.deleted = 0 "
        "AND community_code = old.community_code AND status = old.status;"
    )
    return [
        f"CREATE TABLE {TALLY} (community_code VARCHAR(12) NOT NULL, status VARCHAR(12) "
        "NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (community_code, status)) WITHOUT ROWID",
        f"CREATE TRIGGER {TALLY}_insert AFTER INSERT ON problem BEGIN {add} END",
        f"CREATE TRIGGER {TALLY}_delete AFTER DELETE ON problem BEGIN {remove} END",
        f"CREATE TRIGGER {TALLY}_update AFTER UPDATE OF community_code, status, deleted "
        f"ON problem BEGIN {remove} {add} END",
        f"INSERT INTO {TALLY} (community_code, status, n) SELECT community_code, status, "
        "count(*) FROM problem WHERE deleted = 0 GROUP BY community_code, status",
    ]


def drop_sql() -> list[str]:
    triggers = [f"DROP TRIGGER IF EXISTS {TALLY}_{kind}" for kind in ("insert", "delete", "update")]
    return [*triggers, f"DROP TABLE IF EXISTS {TALLY}"]


def made_by_sql(name: str) -> bool:
    """Tables the models do not describe: the tally and the text indexes (with their
    shadow tables). Alembic's comparisons leave them out."""
    from app.db.text_index import is_index_table

    return name == TALLY or is_index_table(name)
