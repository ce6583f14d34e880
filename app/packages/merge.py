"""The merge rule, set-wise in SQL over an ATTACHed payload (DESIGN.md, packages upward).

Per table, in parent-before-child order: stage the payload's rows (and rows waiting for a
parent), validate them with a few UPDATEs, hold orphans in `sync_pending`, classify the rest
against the local rows, keep the loser of every equal-rev conflict, then one
INSERT … SELECT … ON CONFLICT(uuid) DO UPDATE … WHERE. Same uuid: higher rev wins, lower is
stale, equal rev and content is unchanged, equal rev with other content is decided by
(db_id, content hash): the same answer in every office and in any order, never by clocks.
Applied rows get fresh local seqs, so a street's next delta relays them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Table, UniqueConstraint

from app.field_labels import TABLE_LABELS
from app.packages.report import ErrorGroup, TableCounts
from app.packages.tables import column_names, content_columns, natural_key, office_columns
from app.rules.ownership import named_pairs

ROW_HASH = "wuye_row_hash"
EXAMPLES = 3
# Each merge status and the report count it adds to (SQLite and PostgreSQL alike).
STATUS_FIELDS = {
    "insert": "inserted",
    "update": "updated",
    "delete": "deleted",
    "unchanged": "unchanged",
    "stale": "stale",
    "rejected": "rejected",
    "pending": "pending",
    "conflict_win": "conflict",
    "conflict_lose": "conflict",
    "restamp": "unchanged",
}


# The statuses whose rows are written to the local table.
WRITTEN = "'insert', 'update', 'delete', 'conflict_win', 'restamp'"


def row_hash(*values: object) -> str:
    """Content hash of a row (business columns and `deleted`), as SQL calls it."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def install_functions(con: sqlite3.Connection) -> None:
    con.create_function(ROW_HASH, -1, row_hash, deterministic=True)


@dataclass
class MergeContext:
    package_id: str
    sender_db_id: str
    now: str  # ISO text, as SQLite stores DateTime
    owns: Callable[[str], bool]  # does the sender own rows of this origin (its subtree)?
    seq: int  # the last local seq handed out; advanced as rows are applied
    # A dry run counts without writing the rows (it is rolled back anyway): a child finds
    # its parent among the rows this package would write (see `_hold_orphans`).
    dry_run: bool = False
    sender_code: str = ""


def _q(name: str) -> str:
    return f'"{name}"'


def _json_object(columns: list[str], alias: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.{_q(c)}" for c in columns) + ")"


def merge_table(
    con: sqlite3.Connection, table: Table, ctx: MergeContext
) -> tuple[TableCounts, list[ErrorGroup], list[str]]:
    name = table.name
    x = con.execute
    waiting = x("SELECT 1 FROM main.sync_pending WHERE table_name = ? LIMIT 1", (name,))
    has_waiting = waiting.fetchone() is not None
    if not has_waiting and x(f"SELECT 1 FROM payload.{_q(name)} LIMIT 1").fetchone() is None:
        return TableCounts(), [], []  # most tables of a delta are empty: skip the statements
    if not has_waiting:
        settled = _all_settled(con, table)
        if settled is not None:
            return settled, [], []
    # The payload is this import's private in-memory copy: its table is the staging table
    # (already keyed by uuid), renamed so every statement below can call it `stage`.
    x(f"ALTER TABLE payload.{_q(name)} RENAME TO stage")
    try:
        return _merge_staged(con, table, ctx, has_waiting)
    finally:
        x(f"ALTER TABLE payload.stage RENAME TO {_q(name)}")


def _all_settled(con: sqlite3.Connection, table: Table) -> TableCounts | None:
    """Counts for a table whose every row this office already holds at the same or a higher
    rev (a package re-sent because its receipt is not back yet), None when any row is news.

    The probe stops at the first row that is news, so an ordinary import pays next to
    nothing for it; a re-sent package skips staging, and writes nothing.
    """
    name = _q(table.name)
    same = " AND ".join(f"s.{_q(c)} IS l.{_q(c)}" for c in content_columns(table))
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
    col_list = ", ".join(_q(c) for c in cols)
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
        # worker): another sender's package never discards them (see `_settle_waiting`).
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
    same = " AND ".join(f"stage.{_q(c)} IS l.{_q(c)}" for c in content_columns(table))
    x(
        "UPDATE payload.stage SET _lrev = l.rev, _lorigin = l.origin, _ldel = l.deleted,"
        f" _ldb = l.db_id, _same = {same}, _status = CASE WHEN l.origin IS NOT stage.origin"
        f" THEN NULL WHEN stage.rev < l.rev THEN 'stale' WHEN stage.rev = l.rev AND {same}"
        " AND coalesce(stage.db_id, '') <= coalesce(l.db_id, '') THEN 'unchanged' END"
        f" FROM main.{_q(name)} l WHERE l.uuid = stage.uuid"
    )

    _validate(con, table, ctx)
    _classify(con, table)
    _hold_orphans(con, table, ctx)
    candidates = _duplicate_candidates(con, table)
    if not ctx.dry_run:
        _keep_conflict_losers(con, table, ctx)
        _apply(con, table, ctx)
        if has_waiting:
            _settle_waiting(con, table)
    return (*_counts(con, table), candidates)


def _settle_waiting(con: sqlite3.Connection, table: Table) -> None:
    """Waiting rows leave `sync_pending` once their uuid is settled here (applied, or met by
    an equal or newer local row); a row still orphaned or refused keeps waiting, with the
    package and sender that brought it."""
    con.execute(
        "DELETE FROM main.sync_pending WHERE table_name = ? AND row_uuid IN (SELECT uuid"
        " FROM payload.stage WHERE _status IS NOT NULL AND _status NOT IN ('pending', 'rejected'))",
        (table.name,),
    )


def _duplicate_candidates(con: sqlite3.Connection, table: Table) -> list[str]:
    """New rows whose natural key a live local row of another uuid already has: merged as
    they are (each office keeps its own row) and named for a person to look at."""
    key = natural_key(table)
    if not key:
        return []
    same = " AND ".join(f"l.{_q(k)} = stage.{_q(k)}" for k in key)
    shown = " || ' ' || ".join(f"coalesce(stage.{_q(k)}, '')" for k in key)
    found = con.execute(
        f"SELECT {shown} FROM payload.stage WHERE _status = 'insert' AND EXISTS (SELECT 1 FROM"
        f" main.{_q(table.name)} l WHERE {same} AND l.uuid <> stage.uuid AND l.deleted = 0)"
        " ORDER BY rowid"
    ).fetchall()
    if not found:
        return []
    label = TABLE_LABELS.get(table.name, table.name)
    examples = "、".join(r[0] for r in found[:EXAMPLES])
    return [
        f"{label}有 {len(found)} 行与本单位已有记录疑似重复（{examples}），请人工核对，未自动合并"
    ]


def _flag(con: sqlite3.Connection, error: str, condition: str, params: tuple = ()) -> None:  # type: ignore[type-arg]
    con.execute(
        "UPDATE payload.stage SET _err = ? WHERE _status IS NULL AND _err IS NULL"
        f" AND ({condition})",
        (error, *params),
    )


def _validate(con: sqlite3.Connection, table: Table, ctx: MergeContext) -> None:
    name = table.name
    checks = [
        (f"{_q(c.name)} IS NULL", f"missing|{c.name}") for c in table.columns if not c.nullable
    ]
    checks += [
        ("length(uuid) <> 36", "bad_sync|uuid"),
        ("typeof(rev) <> 'integer' OR rev < 1", "bad_sync|rev"),
        ("deleted NOT IN (0, 1)", "bad_sync|deleted"),
    ]
    checks += [
        # A waiting row (_src = 1) was checked against its own sender when it was held.
        (
            "_src = 0 AND origin NOT IN (SELECT value FROM json_each(:allowed))",
            "not_owner|origin",
        ),
        ("_lorigin IS NOT NULL AND _lorigin <> origin", "owner_changed|origin"),
    ]
    named: list[str] = []
    for column in office_columns(table):  # no office speaks for another (a forged org row)
        checks.append((
            f"_src = 0 AND {_q(column)} IS NOT NULL AND origin || '|' || {_q(column)}"
            " NOT IN (SELECT value FROM json_each(:named))",
            f"other_office|{column}",
        ))  # fmt: skip
        pairs = con.execute(
            f"SELECT DISTINCT origin, {_q(column)} FROM payload.stage"
            f" WHERE _status IS NULL AND _src = 0 AND {_q(column)} IS NOT NULL"
        )
        named += named_pairs([(str(o), str(c)) for o, c in pairs])
    unsettled = "SELECT DISTINCT origin FROM payload.stage WHERE _status IS NULL AND _src = 0"
    origins = [r[0] for r in con.execute(unsettled) if r[0] is not None]
    allowed = json.dumps([o for o in origins if ctx.owns(o)])
    cases = " ".join(f"WHEN {condition} THEN '{error}'" for condition, error in checks)
    # Only rows with an error are written: rewriting every staged row cost a tenth of a merge.
    failing = " OR ".join(f"({condition})" for condition, _ in checks)
    con.execute(
        f"UPDATE payload.stage SET _err = CASE {cases} END WHERE _status IS NULL AND ({failing})",
        {"allowed": allowed, "named": json.dumps(named)},
    )
    for constraint in table.constraints:
        if not isinstance(constraint, UniqueConstraint):
            continue
        keys = [c.name for c in constraint.columns]
        same = " AND ".join(f"o.{_q(k)} = stage.{_q(k)}" for k in keys)
        _flag(
            con,
            f"duplicate|{keys[0]}",
            f"EXISTS (SELECT 1 FROM main.{_q(name)} o WHERE {same} AND o.uuid <> stage.uuid)"
            f" OR EXISTS (SELECT 1 FROM payload.stage o WHERE {same} AND o.uuid <> stage.uuid)",
        )
    for column in table.columns:
        if column.unique:
            _flag(
                con,
                f"duplicate|{column.name}",
                f"EXISTS (SELECT 1 FROM main.{_q(name)} o"
                f" WHERE o.{_q(column.name)} = stage.{_q(column.name)}"
                " AND o.uuid <> stage.uuid) OR EXISTS (SELECT 1 FROM payload.stage o"
                f" WHERE o.{_q(column.name)} = stage.{_q(column.name)} AND o.uuid <> stage.uuid)",
            )
    con.execute(
        "UPDATE payload.stage SET _status = 'rejected' WHERE _status IS NULL AND _err IS NOT NULL"
    )


def _hold_orphans(con: sqlite3.Connection, table: Table, ctx: MergeContext) -> None:
    """Rows about to be written whose parent is missing wait in `sync_pending` instead."""
    for fk in table.foreign_keys:
        child, parent = fk.parent.name, fk.column
        held = _q(parent.table.name)
        # A dry run wrote nothing: the parents this package would have written count too.
        would_write = (
            f" AND NOT EXISTS (SELECT 1 FROM payload.{held} w WHERE w.{_q(parent.name)}"
            f" = stage.{_q(child)} AND w._status IN ({WRITTEN}))"
            if ctx.dry_run and parent.table is not table and _has_status(con, parent.table.name)
            else ""
        )
        con.execute(
            "UPDATE payload.stage SET _status = 'pending', _err = ?"
            f" WHERE _status IN ({WRITTEN})"
            f" AND {_q(child)} IS NOT NULL AND NOT EXISTS"
            f" (SELECT 1 FROM main.{held} p WHERE p.{_q(parent.name)} = stage.{_q(child)})"
            + would_write,
            (f"orphan|{child}",),
        )
    if ctx.dry_run or (
        con.execute("SELECT 1 FROM payload.stage WHERE _status = 'pending' LIMIT 1").fetchone()
        is None
    ):
        return
    cols = column_names(table)
    con.execute(
        "INSERT INTO main.sync_pending (table_name, row_uuid, rev, package_id, reason, row_json,"
        f" received_at) SELECT ?, uuid, rev, ?, _err, {_json_object(cols, 'stage')}, ?"
        " FROM payload.stage WHERE _status = 'pending' AND _src = 0 ORDER BY rowid"
        " ON CONFLICT (table_name, row_uuid) DO UPDATE SET rev = excluded.rev,"
        " package_id = excluded.package_id, reason = excluded.reason, row_json = excluded.row_json,"
        " received_at = excluded.received_at WHERE excluded.rev >= sync_pending.rev",
        (table.name, ctx.package_id, ctx.now),
    )


def _has_status(con: sqlite3.Connection, name: str) -> bool:
    """Was this payload table staged (it then carries each row's `_status`)?"""
    return any(r[1] == "_status" for r in con.execute(f"PRAGMA payload.table_info({_q(name)})"))


def _classify(con: sqlite3.Connection, table: Table) -> None:
    """`restamp`: the same rev and content written by another file; the higher db_id is kept,
    as every office does, so a later equal-rev clash is decided alike everywhere."""
    x = con.execute
    x(
        "UPDATE payload.stage SET _status = CASE"
        " WHEN _lrev IS NULL THEN CASE WHEN deleted = 1 THEN 'delete' ELSE 'insert' END"
        " WHEN rev > _lrev THEN"
        "  CASE WHEN deleted = 1 AND coalesce(_ldel, 0) = 0 THEN 'delete' ELSE 'update' END"
        " WHEN rev < _lrev THEN 'stale' WHEN _same THEN 'restamp' END"
        " WHERE _status IS NULL"
    )
    # Equal revs with other content: hashed for the deterministic tie-break (rare).
    if x("SELECT 1 FROM payload.stage WHERE _status IS NULL LIMIT 1").fetchone() is None:
        return
    content = content_columns(table)
    mine = ", ".join(f"stage.{_q(c)}" for c in content)
    theirs = ", ".join(f"l.{_q(c)}" for c in content)
    x(
        f"UPDATE payload.stage SET _hash = {ROW_HASH}({mine}), _lhash = {ROW_HASH}({theirs})"
        f" FROM main.{_q(table.name)} l WHERE l.uuid = stage.uuid AND stage._status IS NULL"
    )
    x(
        "UPDATE payload.stage SET _status = CASE WHEN _hash = _lhash THEN 'unchanged'"
        " WHEN (coalesce(db_id, ''), _hash) > (coalesce(_ldb, ''), _lhash) THEN 'conflict_win'"
        " ELSE 'conflict_lose' END WHERE _status IS NULL"
    )


def _keep_conflict_losers(con: sqlite3.Connection, table: Table, ctx: MergeContext) -> None:
    found = "SELECT 1 FROM payload.stage WHERE _status LIKE 'conflict%' LIMIT 1"
    if con.execute(found).fetchone() is None:
        return
    cols = column_names(table)
    name = table.name
    insert = (
        "INSERT INTO main.sync_conflict (table_name, row_uuid, rev, winner_db_id, loser_db_id,"
        " loser_json, package_id, detected_at)"
    )
    seen = (
        " AND NOT EXISTS (SELECT 1 FROM main.sync_conflict c WHERE c.table_name = ?"
        " AND c.row_uuid = {a}.uuid AND c.rev = {a}.rev AND c.loser_json = {j})"
    )
    staged = _json_object(cols, "stage")
    con.execute(
        f"{insert} SELECT ?, uuid, rev, _ldb, db_id, {staged}, ?, ? FROM payload.stage"
        " WHERE _status = 'conflict_lose'" + seen.format(a="stage", j=staged),
        (name, ctx.package_id, ctx.now, name),
    )
    held = _json_object(cols, "l")
    con.execute(
        f"{insert} SELECT ?, l.uuid, l.rev, stage.db_id, l.db_id, {held}, ?, ?"
        f" FROM payload.stage JOIN main.{_q(name)} l ON l.uuid = stage.uuid"
        " WHERE stage._status = 'conflict_win'" + seen.format(a="l", j=held),
        (name, ctx.package_id, ctx.now, name),
    )


def audit_source(package_id: str) -> str:
    """The audit log's actor of a merged row: the package that brought it."""
    return f"package:{package_id}"


def audit_changes(sender: str) -> tuple[str, str]:
    """The text around `<local rev or null>,<rev>` of a merged row's audit `changes`
    (keys sorted, as local edits write them): SQL joins the three, cheaper per row than
    building a JSON object (a third of a PostgreSQL merge). The package is the row's actor
    (`audit_source`), not repeated here: the audit rows of a city-sized merge are a third of
    the bytes it writes, so every byte per row counts."""
    return '{"rev":[', '],"sender":[null,' + json.dumps(sender, ensure_ascii=False) + "]}"


def _apply(con: sqlite3.Connection, table: Table, ctx: MergeContext) -> None:
    cols = column_names(table)
    name = _q(table.name)
    # Audited like a local edit, with the package as its source (a restamp changes nothing).
    # In the payload's order (time-ordered uuids, so the row_uuid index still grows at its
    # end): sorting by uuid cost a third of the statement.
    con.execute(
        "INSERT INTO main.audit_log (at, actor, action, table_name, row_uuid, changes)"
        " SELECT ?, ?, CASE _status WHEN 'insert' THEN 'insert' WHEN 'delete' THEN 'delete'"
        " ELSE 'update' END, ?, uuid, ? || coalesce(_lrev, 'null') || ',' || rev || ?"
        " FROM payload.stage"
        " WHERE _status IN ('insert', 'update', 'delete', 'conflict_win') ORDER BY rowid",
        (
            ctx.now,
            audit_source(ctx.package_id),
            table.name,
            *audit_changes(ctx.sender_code),
        ),
    )
    selected = ", ".join("? + stage.rowid" if c == "seq" else f"stage.{_q(c)}" for c in cols)
    updates = ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in cols if c != "uuid")
    con.execute(
        f"INSERT INTO main.{name} ({', '.join(_q(c) for c in cols)}) SELECT {selected}"
        " FROM payload.stage"
        f" WHERE _status IN ({WRITTEN})"
        f" ORDER BY stage.rowid ON CONFLICT (uuid) DO UPDATE SET {updates}"
        f" WHERE excluded.rev >= {name}.rev",
        (ctx.seq,),
    )
    top = con.execute("SELECT coalesce(max(rowid), 0) FROM payload.stage").fetchone()[0]
    ctx.seq += top


def _counts(con: sqlite3.Connection, table: Table) -> tuple[TableCounts, list[ErrorGroup]]:
    counts = TableCounts()
    # Rows that only waited again (from an earlier package) are not this package's news.
    for status, n in con.execute(
        "SELECT _status, count(*) FROM payload.stage"
        " WHERE NOT (_src = 1 AND _status IN ('pending', 'rejected')) GROUP BY _status"
    ):
        field = STATUS_FIELDS[status]
        setattr(counts, field, getattr(counts, field) + n)
    label = "name" if "name" in table.columns else None
    errors = []
    for err, n in con.execute(
        "SELECT _err, count(*) FROM payload.stage WHERE _err IS NOT NULL AND _src = 0 GROUP BY _err"
        " ORDER BY _err"
    ).fetchall():
        shown = f"uuid || '（' || coalesce({label}, '') || '）'" if label else "uuid"
        examples = tuple(
            r[0]
            for r in con.execute(
                f"SELECT {shown} FROM payload.stage WHERE _err = ? AND _src = 0"
                " ORDER BY rowid LIMIT ?",
                (err, EXAMPLES),
            )
        )
        code, _, field = err.partition("|")
        errors.append(ErrorGroup(code, table.name, field, n, examples))
    return counts, errors


def tombstone_missing(
    con: sqlite3.Connection, table: Table, ctx: MergeContext, in_scope: Callable[[str], bool]
) -> int:
    """A snapshot replaces its scope: rows of its origins it no longer holds become tombstones."""
    name = _q(table.name)
    origins = [
        r[0] for r in con.execute(f"SELECT DISTINCT origin FROM main.{name} WHERE deleted = 0")
    ]
    scoped = json.dumps([o for o in origins if in_scope(o)])
    con.execute("DROP TABLE IF EXISTS temp.tomb")
    con.execute(
        f"CREATE TEMP TABLE tomb AS SELECT uuid FROM main.{name} WHERE deleted = 0"
        " AND origin IN (SELECT value FROM json_each(?))"
        f" AND uuid NOT IN (SELECT uuid FROM payload.{name})",
        (scoped,),
    )
    count = con.execute("SELECT count(*) FROM temp.tomb").fetchone()[0]
    if count:
        con.execute(
            f"UPDATE main.{name} SET deleted = 1, rev = rev + 1, db_id = ?, updated_at = ?,"
            f" seq = ? + (SELECT t.rowid FROM temp.tomb t WHERE t.uuid = {name}.uuid)"
            " WHERE uuid IN (SELECT uuid FROM temp.tomb)",
            (ctx.sender_db_id, ctx.now, ctx.seq),
        )
        ctx.seq += con.execute("SELECT max(rowid) FROM temp.tomb").fetchone()[0]
    con.execute("DROP TABLE temp.tomb")
    return count
