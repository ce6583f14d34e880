"""Substring search through SQLite FTS5 trigram indexes (migration 0011).

Each indexed table has `<table>_fts`, an external-content FTS5 table over its text columns,
kept in step by triggers on insert, update and delete (ORM writes, package merges and raw
SQL alike); a bulk insert of many rows (an import, app/db/sync.py) indexes them in one
statement at its end instead (`bulk_insert`). A trigram index answers a substring of three
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


@contextmanager
def bulk_insert(connection: Any, table: str) -> Iterator[None]:
    """Rows appended inside the block are indexed by one INSERT … SELECT at its end, not by
    the insert trigger once per row (100,000 estates: 3 s of triggers against 0.3 s).

    The trigger is dropped and created again in the caller's transaction, so a rolled-back
    import leaves trigger and index as they were. The indexed tables' primary key is a uuid,
    so SQLite gives each new row the rowid above the table's highest: those are the rows
    to index."""
    cols = TEXT_INDEXES.get(table)
    if cols is None or connection.dialect.name != "sqlite":
        yield
        return
    fts = fts_table(table)
    last = connection.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {table}").scalar()
    connection.exec_driver_sql(f"DROP TRIGGER {fts}_insert")
    try:
        yield
    finally:  # whatever was appended (a failure mid-way too) is indexed, the trigger is back
        names = ", ".join(cols)
        connection.exec_driver_sql(
            f"INSERT INTO {fts}(rowid, {names}) SELECT rowid, {names} FROM {table} "
            "WHERE rowid > ?",
            (last,),
        )
        connection.exec_driver_sql(insert_trigger_sql(table, cols))


def rebuild_sql(table: str) -> list[str]:
    """Refill the index from the table (after anything that renumbered its rowids)."""
    fts = fts_table(table)
    return [f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"]


def drop_sql(table: str) -> list[str]:
    fts = fts_table(table)
    triggers = [f"DROP TRIGGER IF EXISTS {fts}_{kind}" for kind in ("insert", "delete", "update")]
    return [*triggers, f"DROP TABLE IF EXISTS {fts}"]
