"""The merge rule on PostgreSQL (the city aggregate; app/packages/merge_rule.py holds the
rule): staging by COPY into TEMP tables, and the classification.

Per package, ONE transaction, serialised with other imports by an advisory lock (SQLite's
BEGIN IMMEDIATE), and `package_id` checked again once the lock is held: two imports of one
package apply it once. Per table, parent before child: COPY the payload's rows into
`raw_<table>` (psycopg's cursor.copy), then classify them in ONE pass into `stage_<table>`
(CREATE TEMP TABLE … AS over the staged rows, the local rows and the parents: settled as
stale or unchanged, validated by `merge_rule.checks`, classified, held back when a parent is
missing). It differs from SQLite's several UPDATEs because each UPDATE of a large temporary
table here rewrites every row. Then the rule's steps. Only what PostgreSQL cannot store
differs in the outcome (a string longer than its column, an integer beyond 32 bits): such
rows are rejected with their own codes (`_stored`). A dry run does every step and rolls the
transaction back.

Equal revs with other content are decided by the same row hash as on SQLite, computed in
Python over the values as SQLite stores them, so a PostgreSQL city and a SQLite district
pick the same winner.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from app.errors import DatabaseError
from app.field_labels import TABLE_LABELS
from app.models import PackageReceived
from app.packages import merge_rule
from app.packages.merge_rule import WRITTEN, Dialect, MergeContext, q, row_hash, sql_list
from app.packages.merge_tables import chain_warnings, merge_tables
from app.packages.parts import record_parts
from app.packages.payload import Checked
from app.packages.payload import attach as attach_payload
from app.packages.refusal import Refused
from app.packages.report import ErrorGroup, ImportReport, TableCounts
from app.packages.tables import TO_CHAR_DATETIME, column_names, content_columns, stored_value
from app.progress import Progress

if TYPE_CHECKING:
    from app.db import Database

IMPORT_LOCK = 0x57555945  # "WUYE": one package import at a time, as SQLite's write lock gives
IMPORT_WAIT_S = 600  # a second import of the same package waits for the first, then no-ops
WORK_MEM = "64MB"  # hash joins and sorts of a large package stay in memory
TEMP_BUFFERS = "256MB"
INT4 = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807


def stage_name(table: Table) -> str:
    return f"stage_{table.name}"


def _stage_type(table: Table, name: str) -> str:
    """Staging types: booleans as integers (0/1 is checked, as on SQLite), strings unbounded
    (their length is checked), dates and times typed so COPY parses them once."""
    kind = table.columns[name].type
    if isinstance(kind, Boolean | Integer | BigInteger):
        return "bigint"
    if isinstance(kind, DateTime):
        return "timestamp"
    if isinstance(kind, Date):
        return "date"
    return "text"


def _typed(table: Table, name: str, alias: str) -> str:
    """A staged value as the local column holds it."""
    ref = f"{alias}.{q(name)}"
    return f"({ref} <> 0)" if isinstance(table.columns[name].type, Boolean) else ref


def _json_object(table: Table, alias: str, local: bool) -> str:
    """A row as JSON text with the values as SQLite's merge writes them (flags 0/1, times as
    SQLAlchemy's SQLite text), so a conflict or a waiting row reads alike on both backends."""
    values = []
    for c in table.columns:
        ref = f"{alias}.{q(c.name)}"
        if isinstance(c.type, Boolean) and local:
            ref = f"CAST({ref} AS int)"  # a local flag; a staged one is 0/1 already
        elif isinstance(c.type, DateTime):
            ref = f"to_char({ref}, '{TO_CHAR_DATETIME}')"
        values.append(f"'{c.name}', {ref}")
    return f"json_build_object({', '.join(values)})::text"


def _stored(table: Table) -> list[tuple[str, str]]:
    """What PostgreSQL cannot store though SQLite would, each with its own code."""
    found = []
    for c in table.columns:
        if isinstance(c.type, String) and c.type.length:
            found.append((f"length(s.{q(c.name)}) > {c.type.length}", f"too_long|{c.name}"))
        elif isinstance(c.type, Integer) and not isinstance(c.type, BigInteger | Boolean):
            found.append((f"abs(s.{q(c.name)}) > {INT4}", f"out_of_range|{c.name}"))
    return found


def dialect(conn: Connection) -> Dialect:
    """PostgreSQL's spellings of the rule, over `conn` in the merge's transaction."""
    return Dialect(
        run=lambda sql, params: conn.execute(text(sql), params),
        stage=stage_name,
        local="",
        rowid="_rowid",
        json_object=_json_object,
        typed=_typed,
        one_of=lambda expr, name: f"{expr} = ANY(CAST(:{name} AS text[]))",
        listed=list,
        bad_rev=f"s.rev < 1 OR s.rev > {INT4}",  # the local rev is a 32-bit integer
        same=" IS NOT DISTINCT FROM ",
        differs=" IS DISTINCT FROM ",
        stored=_stored,
    )


def merge_package(
    db: Database,
    checked: Checked,
    report: ImportReport,
    *,
    dry_run: bool,
    now: datetime,
    progress: Progress,
    owns: Callable[[str, str], bool],
    already: Callable[[PackageReceived, str], ImportReport],
) -> ImportReport:
    """Merge a checked package into a PostgreSQL database in one transaction."""
    payload = sqlite3.connect(":memory:")
    try:
        attach_payload(payload, checked.payload_file, checked.manifest)
        with db.engine.connect() as conn:
            _temp_buffers(conn)
            try:
                conn.execute(text(f"SET LOCAL lock_timeout = '{IMPORT_WAIT_S}s'"))
                try:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": IMPORT_LOCK})
                except OperationalError as exc:
                    raise DatabaseError(
                        f"另一个数据包导入已进行了 {IMPORT_WAIT_S} 秒仍未结束，本次未导入："
                        "请稍后再试"
                    ) from exc
                conn.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
                again = conn.execute(
                    select(PackageReceived).where(PackageReceived.package_id == report.package_id)
                ).first()
                if again is not None:
                    conn.rollback()
                    held = PackageReceived(
                        package_id=again.package_id,
                        manifest_sha256=again.manifest_sha256,
                        report_json=again.report_json,
                    )
                    return already(held, checked.manifest_sha256)
                report = _merge_rows(conn, payload, checked, report, now, progress, owns)
                if dry_run:
                    conn.rollback()
                else:
                    conn.commit()
            except BaseException:
                conn.rollback()
                raise
    finally:
        payload.close()
    return report


def _temp_buffers(conn: Connection) -> None:
    """Room for the staging tables in memory (8 MB by default). PostgreSQL takes the setting
    only before a session's first temporary table: a pooled connection that already had one
    keeps what it has."""
    try:
        conn.execute(text(f"SET temp_buffers = '{TEMP_BUFFERS}'"))
        conn.commit()
    except DBAPIError:
        conn.rollback()


def _merge_rows(
    conn: Connection,
    payload: sqlite3.Connection,
    checked: Checked,
    report: ImportReport,
    now: datetime,
    progress: Progress,
    owns: Callable[[str, str], bool],
) -> ImportReport:
    manifest = checked.manifest
    sender = manifest["sender"]
    first_seq = conn.execute(text("SELECT value FROM seq_counter WHERE id = 1 FOR UPDATE")).scalar()
    assert first_seq is not None
    ctx = MergeContext(
        package_id=report.package_id,
        sender_db_id=sender["db_id"],
        now=now,
        owns=lambda origin: owns(sender["code"], origin),
        seq=first_seq,
        sender_code=sender["code"],
    )
    merge_tables(
        manifest,
        report,
        progress,
        owns,
        lambda table: merge_table(conn, payload, table, ctx),
        lambda table, in_scope: tombstone_missing(conn, table, ctx, in_scope),
    )
    conn.execute(text("UPDATE seq_counter SET value = :v WHERE id = 1"), {"v": ctx.seq})
    record_parts(
        lambda sql, params: conn.execute(text(sql), params),
        checked.parts,
        payload,
        package_id=report.package_id,
        sender=sender["code"],
        seq_from=first_seq + 1,
        seq_to=ctx.seq,
        now=now,
    )
    previous = manifest.get("previous_package_id")
    gap = bool(previous) and (
        conn.execute(
            select(PackageReceived.id).where(PackageReceived.package_id == previous)
        ).first()
        is None
    )
    report.warnings += chain_warnings(manifest, gap)
    conn.execute(
        insert(PackageReceived.__table__).values(
            package_id=report.package_id,
            manifest_sha256=checked.manifest_sha256,
            sender_code=sender["code"],
            sender_db_id=sender["db_id"],
            kind=manifest["kind"],
            seq_from=report.seq_from,
            seq_to=report.seq_to,
            previous_id=previous,
            gap=gap,
            local_seq_from=first_seq + 1,
            local_seq_to=ctx.seq,
            received_at=now,
            report_json=json.dumps(report.as_dict(), ensure_ascii=False),
        )
    )
    return report


def raw_name(table: Table) -> str:
    return f"raw_{table.name}"


def merge_table(
    conn: Connection, payload: sqlite3.Connection, table: Table, ctx: MergeContext
) -> tuple[TableCounts, list[ErrorGroup], list[str]]:
    name = table.name
    waiting = conn.execute(
        text("SELECT 1 FROM sync_pending WHERE table_name = :t LIMIT 1"), {"t": name}
    ).first()
    empty = payload.execute(f"SELECT 1 FROM payload.{q(name)} LIMIT 1").fetchone() is None
    if waiting is None and empty:
        return TableCounts(), [], []
    _stage_raw(conn, payload, table)
    if waiting is not None:
        _restage_waiting(conn, table)
    _classify(conn, table, ctx)
    ctx.staged.add(name)
    _settle_equal_revs(conn, table)
    return merge_rule.run_steps(dialect(conn), table, ctx, waiting is not None)


def _copy_rows(payload: sqlite3.Connection, table: Table) -> sqlite3.Cursor:
    """The payload's rows for COPY (psycopg escapes them). A rev or deleted of another type
    becomes a value the validation rejects, as the SQLite merge rejects it (a text rev
    compares above every integer there, so it is never stale: the largest bigint here)."""
    parts = ["rowid"]
    for name in column_names(table):
        ref = q(name)
        if name == "rev":
            parts.append(
                f"CASE WHEN typeof({ref}) IN ('integer', 'null') THEN {ref} ELSE {BIGINT_MAX} END"
            )
        elif name == "deleted":
            parts.append(f"CASE WHEN typeof({ref}) IN ('integer', 'null') THEN {ref} ELSE -1 END")
        else:
            parts.append(ref)
    return payload.execute(f"SELECT {', '.join(parts)} FROM payload.{q(table.name)} ORDER BY rowid")


def _check_integers(payload: sqlite3.Connection, table: Table) -> None:
    """Integer columns hold integers (rev and deleted are checked row by row, as on SQLite):
    anything else is a payload this program did not write."""
    checked = [
        c for c in column_names(table)
        if _stage_type(table, c) == "bigint" and c not in ("rev", "deleted")
    ]  # fmt: skip
    if not checked:
        return
    bad = " OR ".join(f"typeof({q(c)}) NOT IN ('integer', 'null')" for c in checked)
    found = payload.execute(f"SELECT 1 FROM payload.{q(table.name)} WHERE {bad} LIMIT 1").fetchone()
    if found is not None:
        label = TABLE_LABELS.get(table.name, table.name)
        raise Refused("payload_schema", f"数据包中“{label}”表的整数列含有其他类型的值，已拒绝")


def _stage_raw(conn: Connection, payload: sqlite3.Connection, table: Table) -> None:
    """COPY the payload's rows into `raw_<table>`, as they are, keyed by uuid."""
    raw = raw_name(table)
    cols = column_names(table)
    columns = ", ".join(f"{q(c)} {_stage_type(table, c)}" for c in cols)
    conn.execute(
        text(
            f"CREATE TEMP TABLE {raw} (_rowid bigint, {columns}, _src smallint DEFAULT 0)"
            " ON COMMIT DROP"
        )
    )
    _check_integers(payload, table)
    driver = conn.connection.driver_connection
    assert driver is not None
    label = TABLE_LABELS.get(table.name, table.name)
    try:
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {raw} (_rowid, {', '.join(q(c) for c in cols)}) FROM STDIN") as copy,
        ):
            for row in _copy_rows(payload, table):
                copy.write_row(row)
    except sqlite3.Error as exc:
        raise Refused("corrupt", f"数据包中“{label}”表无法读出：{exc}") from exc
    except Exception as exc:  # psycopg's DataError & co.: a value PostgreSQL cannot parse
        if type(exc).__module__.startswith("psycopg"):
            raise Refused(
                "payload_schema", f"数据包中“{label}”表有本程序无法读入的值，已拒绝：{exc}"
            ) from exc
        raise
    try:
        conn.execute(text(f"CREATE UNIQUE INDEX ON {raw} (uuid)"))
    except IntegrityError as exc:  # a payload keyed by uuid cannot repeat one; a forged one can
        raise Refused("payload_schema", f"数据包中“{label}”表有重复的行，已拒绝") from exc


def _restage_waiting(conn: Connection, table: Table) -> None:
    """Rows waiting for a parent get another chance, whichever package brings it; the newest
    version of a row wins. They stay in `sync_pending` until `merge_rule.settle_waiting`."""
    raw, name = raw_name(table), table.name
    cols = column_names(table)
    conn.execute(
        text(
            f"DELETE FROM {raw} r USING sync_pending p WHERE p.table_name = :t"
            " AND p.row_uuid = r.uuid AND p.rev > r.rev"
        ),
        {"t": name},
    )
    extracted = ", ".join(f"CAST(j ->> '{c}' AS {_stage_type(table, c)})" for c in cols)
    conn.execute(
        text(
            f"INSERT INTO {raw} ({', '.join(q(c) for c in cols)}, _rowid, _src)"
            f" SELECT {extracted}, (SELECT coalesce(max(_rowid), 0) FROM {raw})"
            " + row_number() OVER (ORDER BY p.id), 1"
            " FROM (SELECT id, row_uuid, CAST(row_json AS json) AS j FROM sync_pending"
            "  WHERE table_name = :t) p"
            f" WHERE NOT EXISTS (SELECT 1 FROM {raw} r WHERE r.uuid = p.row_uuid)"
        ),
        {"t": name},
    )


def _classify(conn: Connection, table: Table, ctx: MergeContext) -> None:
    """The whole classification in one pass over the staged rows (each UPDATE of a large
    temporary table rewrites every row): settled by the local row (stale, unchanged),
    validated, classified, and held back when a parent is missing. Only equal revs with
    other content are left open, for the hash (rare)."""
    raw, stage = raw_name(table), stage_name(table)
    d = dialect(conn)
    params = merge_rule.owners(d, table, ctx, raw, "_src = 0")
    same = merge_rule.same_content(d, table, "r", "l")
    fks = list(table.foreign_keys)
    joins = "".join(
        f" LEFT JOIN {q(fk.column.table.name)} p{i} ON p{i}.{q(fk.column.name)}"
        f" = r.{q(fk.parent.name)}"
        for i, fk in enumerate(fks)
    )
    found = ", ".join(f"p{i}.{q(fk.column.name)} IS NOT NULL AS _p{i}" for i, fk in enumerate(fks))
    checks = merge_rule.checks(d, table, raw)
    cases = " ".join(f"WHEN {condition} THEN '{error}'" for condition, error in checks)
    written = sql_list(WRITTEN)
    orphan = " ".join(
        f"WHEN {q(fk.parent.name)} IS NOT NULL AND NOT _p{i} THEN 'orphan|{fk.parent.name}'"
        for i, fk in enumerate(fks)
    )
    orphan = f"CASE WHEN _status0 IN ({written}) THEN CASE {orphan} END END" if fks else "NULL"
    kept = ", ".join(["_rowid", "_src", *(q(c) for c in column_names(table)), "_ldb", "_lrev"])
    conn.execute(
        text(
            f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {kept},"
            " CASE WHEN _orphan IS NOT NULL THEN 'pending' ELSE _status0 END AS _status,"
            " coalesce(_orphan, _err0) AS _err,"
            " CAST(NULL AS text) AS _hash, CAST(NULL AS text) AS _lhash"
            f" FROM (SELECT w.*, {orphan} AS _orphan FROM ("
            "  SELECT v.*, coalesce(_settled, CASE WHEN _err0 IS NOT NULL THEN 'rejected'"
            f"   ELSE {merge_rule.STATUS} END) AS _status0"
            f"  FROM (SELECT s.*, CASE WHEN _settled IS NULL THEN CASE {cases} END END AS _err0"
            "   FROM (SELECT r.*, l.rev AS _lrev, l.deleted AS _ldel, l.db_id AS _ldb,"
            f"    l.origin AS _lorigin, ({same}) AS _same{', ' + found if fks else ''},"
            f"    {merge_rule.settled(d, table, 'r', 'l')} AS _settled"
            f"    FROM {raw} r LEFT JOIN {q(table.name)} l ON l.uuid = r.uuid{joins}) s"
            "  ) v) w) c"
        ),
        params,
    )


def _settle_equal_revs(conn: Connection, table: Table) -> None:
    """Equal revs with other content (rare): hashed as SQLite hashes them, so a PostgreSQL
    city and a SQLite district pick the same winner; a winner whose parent is missing waits."""
    stage = stage_name(table)
    if conn.execute(text(f"SELECT 1 FROM {stage} WHERE _status IS NULL LIMIT 1")).first() is None:
        return
    content = content_columns(table)
    mine = ", ".join(f"s.{q(c)}" for c in content)
    theirs = ", ".join(f"l.{q(c)}" for c in content)
    found = conn.execute(
        text(
            f"SELECT s.uuid, {mine}, {theirs} FROM {stage} s JOIN {q(table.name)} l"
            " ON l.uuid = s.uuid WHERE s._status IS NULL"
        )
    ).all()
    n = len(content)
    hashes = [
        {
            "u": row[0],
            "h": row_hash(
                *(stored_value(table, c, v) for c, v in zip(content, row[1 : 1 + n], strict=True))
            ),
            "lh": row_hash(
                *(stored_value(table, c, v) for c, v in zip(content, row[1 + n :], strict=True))
            ),
        }
        for row in found
    ]
    conn.execute(text(f"UPDATE {stage} SET _hash = :h, _lhash = :lh WHERE uuid = :u"), hashes)
    conn.execute(text(f"UPDATE {stage} SET _status = {merge_rule.TIE_BREAK} WHERE _status IS NULL"))
    d = dialect(conn)
    for fk in table.foreign_keys:
        conn.execute(
            text(
                f"UPDATE {stage} s SET _status = 'pending', _err = :e"
                f" WHERE _status = 'conflict_win' AND {merge_rule.orphan(d, fk, 's')}"
            ),
            {"e": f"orphan|{fk.parent.name}"},
        )


def tombstone_missing(
    conn: Connection, table: Table, ctx: MergeContext, in_scope: Callable[[str], bool]
) -> int:
    """The rule's tombstones; the rows the package sent are its stage (with the rows that
    waited), when the table was staged at all."""
    sent = stage_name(table) if table.name in ctx.staged else None
    return merge_rule.tombstone_missing(dialect(conn), table, ctx, in_scope, sent)
