"""The merge rule on SQLite (app/packages/merge_rule.py holds the rule): staging over an
ATTACHed payload, and the classification.

Per table, in parent-before-child order: the payload's own table is the staging table (rows
waiting for a parent are added to it), classified in a few UPDATEs against the local rows
(settled, validated by `merge_rule.checks`, classified, orphans marked), then the rule's
steps. Unlike PostgreSQL, SQLite updates a staged row in place cheaply, so the
classification is several statements, and a re-sent package is settled by one probe
(`_all_settled`) before anything is staged. The equal-rev tie-break hashes in SQL through
`row_hash`, registered as a function.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table

from app.packages import merge_rule
from app.packages.merge_rule import (
    WRITTEN,
    Dialect,
    MergeContext,
    audit_changes,
    audit_source,
    q,
    row_hash,
    sql_list,
)
from app.packages.report import ErrorGroup, TableCounts
from app.packages.tables import column_names, content_columns

__all__ = ["MergeContext", "audit_changes", "audit_source", "row_hash"]

ROW_HASH = "wuye_row_hash"
STAGE = "payload.stage"


def install_functions(con: sqlite3.Connection) -> None:
    con.create_function(ROW_HASH, -1, row_hash, deterministic=True)


def _json_object(table: Table, alias: str, local: bool = False) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.{q(c)}" for c in column_names(table)) + ")"


def dialect(con: sqlite3.Connection) -> Dialect:
    """SQLite's spellings of the rule, over `con` with the payload attached."""

    def run(sql: str, params: Any) -> sqlite3.Cursor:
        return con.execute(sql, params)

    return Dialect(
        run=run,
        stage=lambda table: STAGE,
        local="main.",
        rowid="rowid",
        json_object=_json_object,
        typed=lambda table, c, alias: f"{alias}.{q(c)}",
        one_of=lambda expr, name: f"{expr} IN (SELECT value FROM json_each(:{name}))",
        listed=json.dumps,
        bad_rev="typeof(s.rev) <> 'integer' OR s.rev < 1",
        same=" IS ",
        differs=" IS NOT ",
        stored=lambda table: [],  # SQLite stores what the sender's SQLite stored
    )


def merge_table(
    con: sqlite3.Connection, table: Table, ctx: MergeContext
) -> tuple[TableCounts, list[ErrorGroup], list[str]]:
    name = table.name
    x = con.execute
    waiting = x("SELECT 1 FROM main.sync_pending WHERE table_name = ? LIMIT 1", (name,))
    has_waiting = waiting.fetchone() is not None
    if not has_waiting and x(f"SELECT 1 FROM payload.{q(name)} LIMIT 1").fetchone() is None:
        return TableCounts(), [], []  # most tables of a delta are empty: skip the statements
    if not has_waiting:
        settled = _all_settled(con, table)
        if settled is not None:
            return settled, [], []
    # The payload is this import's private in-memory copy: its table is the staging table
    # (already keyed by uuid), renamed so every statement below can call it `stage`.
    x(f"ALTER TABLE payload.{q(name)} RENAME TO stage")
    try:
        return _merge_staged(con, table, ctx, has_waiting)
    finally:
        x(f"ALTER TABLE payload.stage RENAME TO {q(name)}")


def _all_settled(con: sqlite3.Connection, table: Table) -> TableCounts | None:
    """Counts for a table whose every row this office already holds at the same or a higher
    rev (a package re-sent because its receipt is not back yet), None when any row is news.

    The probe stops at the first row that is news, so an ordinary import pays next to
    nothing for it; a re-sent package skips staging, and writes nothing.
    """
    name = q(table.name)
    same = " AND ".join(f"s.{q(c)} IS l.{q(c)}" for c in content_columns(table))
    settled = (
        f"SELECT 1 FROM main.{name} l WHERE l.uuid = s.uuid AND l.origin IS s.origin"
        f" AND (s.rev < l.rev OR (s.rev = l.rev AND {same}"
        " AND coalesce(s.db_id, '') <= coalesce(l.db_id, '')))"
    )
    news = f"SELECT 1 FROM payload.{name} s WHERE NOT EXISTS ({settled}) LIMIT 1"
    if con.execute(news).fetchone() is not None:
        return None
    total, stale = con.execute(
        f"SELECT count(*), coalesce(sum(s.rev < l.rev), 0) FROM payload.{name} s"
        f" JOIN main.{name} l ON l.uuid = s.uuid"
    ).fetchone()
    return TableCounts(unchanged=total - stale, stale=stale)


def _merge_staged(
    con: sqlite3.Connection, table: Table, ctx: MergeContext, has_waiting: bool
) -> tuple[TableCounts, list[ErrorGroup], list[str]]:
    name = table.name
    cols = column_names(table)
    col_list = ", ".join(q(c) for c in cols)
    x = con.execute
    for extra in (
        "_src INTEGER DEFAULT 0",
        "_status TEXT",
        "_err TEXT",
        "_hash TEXT",
        "_lhash TEXT",
        "_ldb TEXT",
        "_lrev INTEGER",
        "_lorigin TEXT",
        "_ldel INTEGER",
        "_same INTEGER",
    ):
        x(f"ALTER TABLE payload.stage ADD COLUMN {extra}")

    if has_waiting:
        # Rows waiting for a parent get another chance, whichever package brings it; the
        # newest version wins. They stay in `sync_pending` until applied (or dropped by a
        # worker): another sender's package never discards them (`merge_rule.settle_waiting`).
        x(
            "DELETE FROM payload.stage WHERE EXISTS (SELECT 1 FROM main.sync_pending p"
            " WHERE p.table_name = ? AND p.row_uuid = stage.uuid AND p.rev > stage.rev)",
            (name,),
        )
        extracted = ", ".join(f"json_extract(row_json, '$.{c}')" for c in cols)
        x(
            f"INSERT INTO payload.stage ({col_list}, _src) SELECT {extracted}, 1"
            " FROM main.sync_pending WHERE table_name = ?"
            " AND row_uuid NOT IN (SELECT uuid FROM payload.stage)",
            (name,),
        )
    # One pass over the local table; every later step reads these copies, not the table.
    # A row this office already holds at the same or a higher rev, from the same owner, will
    # not be written: it is settled here (the common case of a re-sent package).
    d = dialect(con)
    x(
        "UPDATE payload.stage SET _lrev = l.rev, _lorigin = l.origin, _ldel = l.deleted,"
        f" _ldb = l.db_id, _same = {merge_rule.same_content(d, table, 'stage', 'l')},"
        f" _status = {merge_rule.settled(d, table, 'stage', 'l')}"
        f" FROM main.{q(name)} l WHERE l.uuid = stage.uuid"
    )

    _validate(con, table, ctx)
    _classify(con, table)
    _mark_orphans(con, table, ctx)
    return merge_rule.run_steps(dialect(con), table, ctx, has_waiting)


def _validate(con: sqlite3.Connection, table: Table, ctx: MergeContext) -> None:
    """The rule's checks in one UPDATE; only rows with an error are written (rewriting every
    staged row cost a tenth of a merge)."""
    d = dialect(con)
    params = merge_rule.owners(d, table, ctx, STAGE, "_status IS NULL AND _src = 0")
    checks = merge_rule.checks(d, table, STAGE)
    cases = " ".join(f"WHEN {condition} THEN '{error}'" for condition, error in checks)
    failing = " OR ".join(f"({condition})" for condition, _ in checks)
    con.execute(
        f"UPDATE {STAGE} AS s SET _err = CASE {cases} END WHERE s._status IS NULL AND ({failing})",
        params,
    )
    con.execute(
        f"UPDATE {STAGE} SET _status = 'rejected' WHERE _status IS NULL AND _err IS NOT NULL"
    )


def _mark_orphans(con: sqlite3.Connection, table: Table, ctx: MergeContext) -> None:
    """Rows about to be written whose parent is missing become `pending` (the rule's
    `hold_pending` keeps them in `sync_pending`)."""
    d = dialect(con)
    for fk in table.foreign_keys:
        child, parent = fk.parent.name, fk.column
        # A dry run wrote nothing: the parents this package would have written count too.
        would_write = (
            f" AND NOT EXISTS (SELECT 1 FROM payload.{q(parent.table.name)} w"
            f" WHERE w.{q(parent.name)} = stage.{q(child)}"
            f" AND w._status IN ({sql_list(WRITTEN)}))"
            if ctx.dry_run and parent.table is not table and _has_status(con, parent.table.name)
            else ""
        )
        con.execute(
            f"UPDATE {STAGE} SET _status = 'pending', _err = ?"
            f" WHERE _status IN ({sql_list(WRITTEN)}) AND {merge_rule.orphan(d, fk, 'stage')}"
            + would_write,
            (f"orphan|{child}",),
        )


def _has_status(con: sqlite3.Connection, name: str) -> bool:
    """Was this payload table staged (it then carries each row's `_status`)?"""
    return any(r[1] == "_status" for r in con.execute(f"PRAGMA payload.table_info({q(name)})"))


def _classify(con: sqlite3.Connection, table: Table) -> None:
    """`restamp`: the same rev and content written by another file; the higher db_id is kept,
    as every office does, so a later equal-rev clash is decided alike everywhere."""
    x = con.execute
    x(f"UPDATE payload.stage SET _status = {merge_rule.STATUS} WHERE _status IS NULL")
    # Equal revs with other content: hashed for the deterministic tie-break (rare).
    if x("SELECT 1 FROM payload.stage WHERE _status IS NULL LIMIT 1").fetchone() is None:
        return
    content = content_columns(table)
    mine = ", ".join(f"stage.{q(c)}" for c in content)
    theirs = ", ".join(f"l.{q(c)}" for c in content)
    x(
        f"UPDATE payload.stage SET _hash = {ROW_HASH}({mine}), _lhash = {ROW_HASH}({theirs})"
        f" FROM main.{q(table.name)} l WHERE l.uuid = stage.uuid AND stage._status IS NULL"
    )
    x(f"UPDATE payload.stage SET _status = {merge_rule.TIE_BREAK} WHERE _status IS NULL")


def tombstone_missing(
    con: sqlite3.Connection, table: Table, ctx: MergeContext, in_scope: Callable[[str], bool]
) -> int:
    """The rule's tombstones; the rows the package sent are its payload table."""
    d = dialect(con)
    return merge_rule.tombstone_missing(d, table, ctx, in_scope, f"payload.{q(table.name)}")
