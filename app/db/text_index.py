"""Substring search through SQLite FTS5 trigram indexes (migration 0011).

Each indexed table has `<table>_fts`, an external-content FTS5 table over its text columns,
kept in step by triggers on insert, update and delete (ORM writes, package merges and raw
SQL alike); a bulk insert of many rows (an import, app/db/sync.py) indexes them in one
statement at its end instead (`indexed_at_end`). A trigram index answers a substring of three
characters or more; shorter words, and PostgreSQL, use LIKE (app/services/listing.py).

The index holds the base table's rowids. SQLite keeps them on INSERT … ON CONFLICT DO UPDATE
and on UPDATE, but a batch migration that copies a table (or VACUUM) renumbers them and drops
the table's triggers: such a migration must end with `rebuild_sql()` for the table, and
tests/app/db/test_text_index.py fails while a trigger is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MIN_CHARS = 3  # a trigram index cannot answer one or two characters

TEXT_INDEXES: dict[str, tuple[str, ...]] = {
    "estate": ("name", "address"),
    "problem": ("description", "responsible_unit", "measures"),
    "complaint": ("content", "outcome"),
}


def fts_table(table: str) -> str:
    return f"{table}_fts"


def is_index_table(name: str) -> bool:
    """The FTS tables and their shadow tables, which the models do not describe."""
    return any(name == fts_table(t) or name.startswith(fts_table(t) + "_") for t in TEXT_INDEXES)


def phrase(word: str) -> str:
    """The word as one FTS5 phrase: a substring, whatever its characters (quotes doubled)."""
    return '"' + word.replace('"', '""') + '"'


def create_sql(table: str, cols: tuple[str, ...]) -> list[str]:
    """The index over `cols`, its three triggers and its first filling, for one table."""
    fts = fts_table(table)
    names = ", ".join(cols)
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old});"
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', tokenize='trigram')",
        insert_trigger_sql(table, cols),
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN {remove} {add} END",
        *rebuild_sql(table),
    ]


def insert_trigger_sql(table: str, cols: tuple[str, ...]) -> str:
    fts = fts_table(table)
    new = ", ".join(f"new.{c}" for c in cols)
    add = f"INSERT INTO {fts}(rowid, {', '.join(cols)}) VALUES (new.rowid, {new});"
    return f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END"


def rebuild_sql(table: str) -> list[str]:
    """Refill the index from the table (after anything that renumbered its rowids)."""
    fts = fts_table(table)
    return [f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"]


def drop_sql(table: str) -> list[str]:
    fts = fts_table(table)
    triggers = [f"DROP TRIGGER IF EXISTS {fts}_{kind}" for kind in ("insert", "delete", "update")]
    return [*triggers, f"DROP TABLE IF EXISTS {fts}"]


@contextmanager
def indexed_at_end(connection: Any, table: str) -> Iterator[None]:
    """Rows inserted inside are indexed by one INSERT … SELECT at the end, not by the insert
    trigger a row at a time: five times faster, and a 60,000-row estate import holds the
    write lock while its rows are indexed. The trigger is dropped and recreated from its own
    stored text inside the caller's transaction, so a rollback or a kill leaves it as it
    was. Not for PostgreSQL (no trigram index there) or a table without an index."""
    if table not in TEXT_INDEXES or connection.dialect.name != "sqlite":
        yield
        return
    fts = fts_table(table)
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (f"{fts}_insert",)
    ).scalar()
    if trigger is None:
        yield
        return
    top = connection.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {table}").scalar()
    connection.exec_driver_sql(f"DROP TRIGGER {fts}_insert")
    try:
        yield
    finally:  # even when the insert failed: a caller that goes on must keep its index
        names = ", ".join(TEXT_INDEXES[table])
        connection.exec_driver_sql(
            f"INSERT INTO {fts}(rowid, {names}) SELECT rowid, {names} FROM {table} WHERE rowid > ?",
            (top,),
        )
        connection.exec_driver_sql(trigger)
