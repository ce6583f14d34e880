"""The merge rule on PostgreSQL (the city aggregate): the same rule as app/packages/merge.py,
over TEMP staging tables filled by COPY instead of an ATTACHed payload.

Per package, ONE transaction, serialised with other imports by an advisory lock (SQLite's
BEGIN IMMEDIATE), and `package_id` checked again once the lock is held: two imports of one
package apply it once. Per table, parent before child: COPY the payload's rows into
`raw_<table>` (psycopg's cursor.copy), then classify them in ONE pass into `stage_<table>`
(CREATE TEMP TABLE … AS over the staged rows, the local rows and the parents: settled as
stale or unchanged, validated, classified, held back when a parent is missing; each UPDATE
of a large temporary table would rewrite every row), hold orphans in `sync_pending`, keep
every conflict loser, then one INSERT … SELECT … ON CONFLICT (uuid) DO UPDATE … WHERE
excluded.rev >= rev (SQLAlchemy's postgresql dialect insert). The statuses and the report
counts are the SQLite merge's; only what PostgreSQL cannot store differs (a string longer
than its column, an integer beyond 32 bits): such rows are rejected with their own codes.

Equal revs with other content are decided by the same row hash as on SQLite, computed in
Python over the values as SQLite stores them, so a PostgreSQL city and a SQLite district
pick the same winner.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
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
    UniqueConstraint,
    column,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy import table as table_clause
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from app.errors import DatabaseError
from app.field_labels import TABLE_LABELS
from app.models import PackageReceived
from app.packages.merge import EXAMPLES, STATUS_FIELDS, audit_changes, audit_source, row_hash
from app.packages.merge_tables import chain_warnings, merge_tables
from app.packages.parts import record_parts
from app.packages.payload import Checked
from app.packages.payload import attach as attach_payload
from app.packages.refusal import Refused
from app.packages.report import ErrorGroup, ImportReport, TableCounts
from app.packages.tables import (
    column_names,
    content_columns,
    natural_key,
    office_columns,
    stored_value,
)
from app.progress import Progress
from app.rules.ownership import named_pairs

if TYPE_CHECKING:
    from app.db import Database

IMPORT_LOCK = 0x57555945  # "WUYE": one package import at a time, as SQLite's write lock gives
IMPORT_WAIT_S = 600  # a second import of the same package waits for the first, then no-ops
WORK_MEM = "64MB"  # hash joins and sorts of a large package stay in memory
TEMP_BUFFERS = "256MB"
INT4 = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807
WRITTEN = ("insert", "update", "delete", "conflict_win", "restamp")


@dataclass
class PgMergeContext:
    package_id: str
    sender_db_id: str
    now: datetime
    owns: Callable[[str], bool]
    seq: int
    sender_code: str
    staged: set[str] = field(default_factory=set)  # tables with a stage_<name> this transaction


def _q(name: str) -> str:
    return f'"{name}"'


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
    ref = f"{alias}.{_q(name)}"
    return f"({ref} <> 0)" if isinstance(table.columns[name].type, Boolean) else ref


def _json_object(table: Table, alias: str) -> str:
    """A row as JSON text with the values as SQLite's merge writes them (flags 0/1, times as
    SQLAlchemy's SQLite text), so a conflict or a waiting row reads alike on both backends."""
    values = []
    for c in table.columns:
        ref = f"{alias}.{_q(c.name)}"
        if isinstance(c.type, Boolean) and alias == "l":
            ref = f"CAST({ref} AS int)"  # a local flag; a staged one is 0/1 already
        elif isinstance(c.type, DateTime):
            ref = f"to_char({ref}, 'YYYY-MM-DD HH24:MI:SS.US')"
        values.append(f"'{c.name}', {ref}")
    return f"json_build_object({', '.join(values)})::text"


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
    ctx = PgMergeContext(
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
    conn: Connection, payload: sqlite3.Connection, table: Table, ctx: PgMergeContext
) -> tuple[TableCounts, list[ErrorGroup], list[str]]:
    name = table.name
    waiting = conn.execute(
        text("SELECT 1 FROM sync_pending WHERE table_name = :t LIMIT 1"), {"t": name}
    ).first()
    empty = payload.execute(f"SELECT 1 FROM payload.{_q(name)} LIMIT 1").fetchone() is None
    if waiting is None and empty:
        return TableCounts(), [], []
    _stage_raw(conn, payload, table)
    if waiting is not None:
        _restage_waiting(conn, table)
    _classify(conn, table, ctx)
    ctx.staged.add(name)
    _settle_equal_revs(conn, table)
    _hold_orphans(conn, table, ctx)
    candidates = _duplicate_candidates(conn, table)
    _keep_conflict_losers(conn, table, ctx)
    _apply(conn, table, ctx)
    if waiting is not None:
        _settle_waiting(conn, table)
    return (*_counts(conn, table), candidates)


def _copy_rows(payload: sqlite3.Connection, table: Table) -> sqlite3.Cursor:
    """The payload's rows for COPY (psycopg escapes them). A rev or deleted of another type
    becomes a value the validation rejects, as the SQLite merge rejects it (a text rev
    compares above every integer there, so it is never stale: the largest bigint here)."""
    parts = ["rowid"]
    for name in column_names(table):
        ref = _q(name)
        if name == "rev":
            parts.append(
                f"CASE WHEN typeof({ref}) IN ('integer', 'null') THEN {ref} ELSE {BIGINT_MAX} END"
            )
        elif name == "deleted":
            parts.append(f"CASE WHEN typeof({ref}) IN ('integer', 'null') THEN {ref} ELSE -1 END")
        else:
            parts.append(ref)
    return payload.execute(
        f"SELECT {', '.join(parts)} FROM payload.{_q(table.name)} ORDER BY rowid"
    )


def _check_integers(payload: sqlite3.Connection, table: Table) -> None:
    """Integer columns hold integers (rev and deleted are checked row by row, as on SQLite):
    anything else is a payload this program did not write."""
    checked = [
        c for c in column_names(table)
        if _stage_type(table, c) == "bigint" and c not in ("rev", "deleted")
    ]  # fmt: skip
    if not checked:
        return
    bad = " OR ".join(f"typeof({_q(c)}) NOT IN ('integer', 'null')" for c in checked)
    found = payload.execute(
        f"SELECT 1 FROM payload.{_q(table.name)} WHERE {bad} LIMIT 1"
    ).fetchone()
    if found is not None:
        label = TABLE_LABELS.get(table.name, table.name)
        raise Refused("payload_schema", f"数据包中“{label}”表的整数列含有其他类型的值，已拒绝")


def _stage_raw(conn: Connection, payload: sqlite3.Connection, table: Table) -> None:
    """COPY the payload's rows into `raw_<table>`, as they are, keyed by uuid."""
    raw = raw_name(table)
    cols = column_names(table)
    columns = ", ".join(f"{_q(c)} {_stage_type(table, c)}" for c in cols)
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
            cursor.copy(
                f"COPY {raw} (_rowid, {', '.join(_q(c) for c in cols)}) FROM STDIN"
            ) as copy,
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
    version of a row wins. They stay in `sync_pending` until `_settle_waiting`."""
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
            f"INSERT INTO {raw} ({', '.join(_q(c) for c in cols)}, _rowid, _src)"
            f" SELECT {extracted}, (SELECT coalesce(max(_rowid), 0) FROM {raw})"
            " + row_number() OVER (ORDER BY p.id), 1"
            " FROM (SELECT id, row_uuid, CAST(row_json AS json) AS j FROM sync_pending"
            "  WHERE table_name = :t) p"
            f" WHERE NOT EXISTS (SELECT 1 FROM {raw} r WHERE r.uuid = p.row_uuid)"
        ),
        {"t": name},
    )


def _settle_waiting(conn: Connection, table: Table) -> None:
    """Waiting rows leave `sync_pending` once their uuid is settled here; a row still
    orphaned or refused keeps waiting, with the package and sender that brought it."""
    conn.execute(
        text(
            f"DELETE FROM sync_pending p USING {stage_name(table)} s WHERE p.table_name = :t"
            " AND p.row_uuid = s.uuid AND s._status IS NOT NULL"
            " AND s._status NOT IN ('pending', 'rejected')"
        ),
        {"t": table.name},
    )


def _checks(table: Table, ctx: PgMergeContext) -> list[tuple[str, str]]:
    """(condition on `s`, its error), in the order the SQLite merge applies them; then what
    PostgreSQL cannot store though SQLite would, each with its own code."""
    name, raw = table.name, raw_name(table)
    checks = [
        (f"s.{_q(c.name)} IS NULL", f"missing|{c.name}") for c in table.columns if not c.nullable
    ]
    checks += [
        ("length(s.uuid) <> 36", "bad_sync|uuid"),
        (f"s.rev < 1 OR s.rev > {INT4}", "bad_sync|rev"),
        ("s.deleted NOT IN (0, 1)", "bad_sync|deleted"),
        # A waiting row (_src = 1) was checked against its own sender when it was held.
        ("s._src = 0 AND NOT (s.origin = ANY(CAST(:allowed AS text[])))", "not_owner|origin"),
        ("s._lorigin IS NOT NULL AND s._lorigin <> s.origin", "owner_changed|origin"),
    ]
    checks += [
        (
            f"s._src = 0 AND s.{_q(c)} IS NOT NULL"
            f" AND NOT ((s.origin || '|' || s.{_q(c)}) = ANY(CAST(:named AS text[])))",
            f"other_office|{c}",
        )
        for c in office_columns(table)
    ]
    unique = [
        [c.name for c in k.columns] for k in table.constraints if isinstance(k, UniqueConstraint)
    ]
    unique += [[c.name] for c in table.columns if c.unique]
    for keys in unique:
        same = " AND ".join(f"o.{_q(k)} = s.{_q(k)}" for k in keys)
        checks.append((
            f"EXISTS (SELECT 1 FROM {_q(name)} o WHERE {same} AND o.uuid <> s.uuid)"
            f" OR EXISTS (SELECT 1 FROM {raw} o WHERE {same} AND o.uuid <> s.uuid)",
            f"duplicate|{keys[0]}",
        ))  # fmt: skip
    for c in table.columns:
        if isinstance(c.type, String) and c.type.length:
            checks.append((f"length(s.{_q(c.name)}) > {c.type.length}", f"too_long|{c.name}"))
        elif isinstance(c.type, Integer) and not isinstance(c.type, BigInteger | Boolean):
            checks.append((f"abs(s.{_q(c.name)}) > {INT4}", f"out_of_range|{c.name}"))
    return checks


def _classify(conn: Connection, table: Table, ctx: PgMergeContext) -> None:
    """The whole classification in one pass over the staged rows (each UPDATE of a large
    temporary table rewrites every row): settled by the local row (stale, unchanged),
    validated, classified, and held back when a parent is missing. Only equal revs with
    other content are left open, for the hash (rare)."""
    raw, stage = raw_name(table), stage_name(table)
    origins = conn.execute(text(f"SELECT DISTINCT origin FROM {raw} WHERE _src = 0")).scalars()
    allowed = [o for o in origins if o is not None and ctx.owns(o)]
    named: list[str] = []
    for c in office_columns(table):
        pairs = conn.execute(
            text(
                f"SELECT DISTINCT origin, {_q(c)} FROM {raw} WHERE _src = 0 AND {_q(c)} IS NOT NULL"
            )
        )
        named += named_pairs([(str(o), str(v)) for o, v in pairs])
    same = " AND ".join(
        f"{_typed(table, c, 'r')} IS NOT DISTINCT FROM l.{_q(c)}" for c in content_columns(table)
    )
    fks = list(table.foreign_keys)
    joins = "".join(
        f" LEFT JOIN {_q(fk.column.table.name)} p{i} ON p{i}.{_q(fk.column.name)}"
        f" = r.{_q(fk.parent.name)}"
        for i, fk in enumerate(fks)
    )
    found = ", ".join(f"p{i}.{_q(fk.column.name)} IS NOT NULL AS _p{i}" for i, fk in enumerate(fks))
    cases = " ".join(f"WHEN {condition} THEN '{error}'" for condition, error in _checks(table, ctx))
    written = ", ".join(f"'{s}'" for s in WRITTEN)
    orphan = " ".join(
        f"WHEN {_q(fk.parent.name)} IS NOT NULL AND NOT _p{i} THEN 'orphan|{fk.parent.name}'"
        for i, fk in enumerate(fks)
    )
    orphan = f"CASE WHEN _status0 IN ({written}) THEN CASE {orphan} END END" if fks else "NULL"
    kept = ", ".join(["_rowid", "_src", *(_q(c) for c in column_names(table)), "_ldb", "_lrev"])
    conn.execute(
        text(
            f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {kept},"
            " CASE WHEN _orphan IS NOT NULL THEN 'pending' ELSE _status0 END AS _status,"
            " coalesce(_orphan, _err0) AS _err,"
            " CAST(NULL AS text) AS _hash, CAST(NULL AS text) AS _lhash"
            f" FROM (SELECT w.*, {orphan} AS _orphan FROM ("
            "  SELECT v.*, coalesce(_settled, CASE WHEN _err0 IS NOT NULL THEN 'rejected'"
            "   WHEN _lrev IS NULL THEN CASE WHEN deleted = 1 THEN 'delete' ELSE 'insert' END"
            "   WHEN rev > _lrev THEN CASE WHEN deleted = 1 AND NOT coalesce(_ldel, false)"
            "    THEN 'delete' ELSE 'update' END"
            "   WHEN rev < _lrev THEN 'stale' WHEN _same THEN 'restamp' END) AS _status0"
            f"  FROM (SELECT s.*, CASE WHEN _settled IS NULL THEN CASE {cases} END END AS _err0"
            "   FROM (SELECT r.*, l.rev AS _lrev, l.deleted AS _ldel, l.db_id AS _ldb,"
            f"    l.origin AS _lorigin, ({same}) AS _same{', ' + found if fks else ''},"
            "    CASE WHEN l.origin IS DISTINCT FROM r.origin THEN NULL"
            "     WHEN r.rev < l.rev THEN 'stale'"
            f"     WHEN r.rev = l.rev AND ({same})"
            "      AND coalesce(r.db_id, '') <= coalesce(l.db_id, '') THEN 'unchanged'"
            "    END AS _settled"
            f"    FROM {raw} r LEFT JOIN {_q(table.name)} l ON l.uuid = r.uuid{joins}) s"
            "  ) v) w) c"
        ),
        {"allowed": allowed, "named": named},
    )


def _settle_equal_revs(conn: Connection, table: Table) -> None:
    """Equal revs with other content (rare): hashed as SQLite hashes them, so a PostgreSQL
    city and a SQLite district pick the same winner; a winner whose parent is missing waits."""
    stage = stage_name(table)
    if conn.execute(text(f"SELECT 1 FROM {stage} WHERE _status IS NULL LIMIT 1")).first() is None:
        return
    content = content_columns(table)
    mine = ", ".join(f"s.{_q(c)}" for c in content)
    theirs = ", ".join(f"l.{_q(c)}" for c in content)
    found = conn.execute(
        text(
            f"SELECT s.uuid, {mine}, {theirs} FROM {stage} s JOIN {_q(table.name)} l"
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
    conn.execute(
        text(
            f"UPDATE {stage} SET _status = CASE WHEN _hash = _lhash THEN 'unchanged'"
            " WHEN (coalesce(db_id, ''), _hash) > (coalesce(_ldb, ''), _lhash)"
            " THEN 'conflict_win' ELSE 'conflict_lose' END WHERE _status IS NULL"
        )
    )
    for fk in table.foreign_keys:
        child, parent = fk.parent.name, fk.column
        conn.execute(
            text(
                f"UPDATE {stage} s SET _status = 'pending', _err = :e"
                f" WHERE _status = 'conflict_win' AND s.{_q(child)} IS NOT NULL AND NOT EXISTS"
                f" (SELECT 1 FROM {_q(parent.table.name)} p"
                f" WHERE p.{_q(parent.name)} = s.{_q(child)})"
            ),
            {"e": f"orphan|{child}"},
        )


def _hold_orphans(conn: Connection, table: Table, ctx: PgMergeContext) -> None:
    """Rows whose parent is missing (marked by `_classify`) wait in `sync_pending`."""
    stage = stage_name(table)
    held = conn.execute(text(f"SELECT 1 FROM {stage} WHERE _status = 'pending' LIMIT 1"))
    if held.first() is None:
        return
    conn.execute(
        text(
            "INSERT INTO sync_pending (table_name, row_uuid, rev, package_id, reason, row_json,"
            " received_at) SELECT :t, uuid, rev, :p, _err,"
            f" {_json_object(table, 's')}, :now FROM {stage} s"
            " WHERE _status = 'pending' AND _src = 0 ORDER BY _rowid"
            " ON CONFLICT (table_name, row_uuid) DO UPDATE SET rev = excluded.rev,"
            " package_id = excluded.package_id, reason = excluded.reason,"
            " row_json = excluded.row_json, received_at = excluded.received_at"
            " WHERE excluded.rev >= sync_pending.rev"
        ),
        {"t": table.name, "p": ctx.package_id, "now": ctx.now},
    )


def _duplicate_candidates(conn: Connection, table: Table) -> list[str]:
    """New rows whose natural key a live local row of another uuid already has."""
    key = natural_key(table)
    if not key:
        return []
    same = " AND ".join(f"l.{_q(k)} = s.{_q(k)}" for k in key)
    shown = " || ' ' || ".join(f"coalesce(CAST(s.{_q(k)} AS text), '')" for k in key)
    found = (
        conn.execute(
            text(
                f"SELECT {shown} FROM {stage_name(table)} s WHERE _status = 'insert' AND EXISTS"
                f" (SELECT 1 FROM {_q(table.name)} l WHERE {same} AND l.uuid <> s.uuid"
                " AND NOT l.deleted) ORDER BY _rowid"
            )
        )
        .scalars()
        .all()
    )
    if not found:
        return []
    label = TABLE_LABELS.get(table.name, table.name)
    examples = "、".join(found[:EXAMPLES])
    return [
        f"{label}有 {len(found)} 行与本单位已有记录疑似重复（{examples}），请人工核对，未自动合并"
    ]


def _keep_conflict_losers(conn: Connection, table: Table, ctx: PgMergeContext) -> None:
    stage = stage_name(table)
    found = conn.execute(text(f"SELECT 1 FROM {stage} WHERE _status LIKE 'conflict%' LIMIT 1"))
    if found.first() is None:
        return
    name = table.name
    head = (
        "INSERT INTO sync_conflict (table_name, row_uuid, rev, winner_db_id, loser_db_id,"
        " loser_json, package_id, detected_at)"
    )
    seen = (
        " AND NOT EXISTS (SELECT 1 FROM sync_conflict c WHERE c.table_name = CAST(:t AS text)"
        " AND c.row_uuid = {a}.uuid AND c.rev = {a}.rev AND c.loser_json = {j})"
    )
    params = {"t": name, "p": ctx.package_id, "now": ctx.now}
    staged = _json_object(table, "s")
    conn.execute(
        text(
            f"{head} SELECT CAST(:t AS text), uuid, rev, _ldb, db_id, {staged}, :p, :now"
            f" FROM {stage} s WHERE _status = 'conflict_lose'" + seen.format(a="s", j=staged)
        ),
        params,
    )
    held = _json_object(table, "l")
    conn.execute(
        text(
            f"{head} SELECT CAST(:t AS text), l.uuid, l.rev, s.db_id, l.db_id, {held}, :p, :now"
            f" FROM {stage} s JOIN {_q(name)} l ON l.uuid = s.uuid"
            " WHERE s._status = 'conflict_win'" + seen.format(a="l", j=held)
        ),
        params,
    )


def _apply(conn: Connection, target: Table, ctx: PgMergeContext) -> None:
    """The upsert: INSERT … SELECT … ON CONFLICT (uuid) DO UPDATE … WHERE excluded.rev >= rev."""
    cols = column_names(target)
    stage = table_clause(stage_name(target), *(column(c) for c in [*cols, "_rowid", "_status"]))
    values = []
    for c in cols:
        if c == "seq":
            values.append((literal(ctx.seq) + stage.c._rowid).label(c))
        elif isinstance(target.columns[c].type, Boolean):
            values.append((stage.c[c] != 0).label(c))
        else:
            values.append(stage.c[c])
    rows = select(*values).where(stage.c._status.in_(WRITTEN))
    upsert = pg_insert(target).from_select(cols, rows)
    upsert = upsert.on_conflict_do_update(
        index_elements=[target.c.uuid],
        set_={c: upsert.excluded[c] for c in cols if c != "uuid"},
        where=upsert.excluded.rev >= target.c.rev,
    )
    conn.execute(upsert)
    conn.execute(  # audited like a local edit, with the package as its source
        text(
            "INSERT INTO audit_log (at, actor, action, table_name, row_uuid, changes)"
            " SELECT :now, :actor, CASE _status WHEN 'insert' THEN 'insert'"
            " WHEN 'delete' THEN 'delete' ELSE 'update' END, :t, uuid,"
            " CAST(:head AS text) || coalesce(CAST(_lrev AS text), 'null') || ','"
            " || CAST(rev AS text) || CAST(:tail AS text)"
            f" FROM {stage_name(target)}"
            " WHERE _status IN ('insert', 'update', 'delete', 'conflict_win')"
        ),
        {
            "now": ctx.now,
            "actor": audit_source(ctx.package_id),
            "t": target.name,
            **dict(
                zip(("head", "tail"), audit_changes(ctx.sender_code), strict=True)
            ),
        },
    )
    top = conn.execute(text(f"SELECT coalesce(max(_rowid), 0) FROM {stage_name(target)}"))
    ctx.seq += top.scalar_one()


def _counts(conn: Connection, table: Table) -> tuple[TableCounts, list[ErrorGroup]]:
    stage = stage_name(table)
    counts = TableCounts()
    for status, n in conn.execute(
        text(
            f"SELECT _status, count(*) FROM {stage}"
            " WHERE NOT (_src = 1 AND _status IN ('pending', 'rejected')) GROUP BY _status"
        )
    ):
        name = STATUS_FIELDS[status]
        setattr(counts, name, getattr(counts, name) + n)
    label = "name" if "name" in table.columns else None
    shown = f"uuid || '（' || coalesce({label}, '') || '）'" if label else "uuid"
    errors = []
    for err, n in conn.execute(
        text(
            f"SELECT _err, count(*) FROM {stage} WHERE _err IS NOT NULL AND _src = 0"
            " GROUP BY _err ORDER BY _err"
        )
    ).all():
        examples = tuple(
            conn.execute(
                text(
                    f"SELECT {shown} FROM {stage} WHERE _err = :e AND _src = 0"
                    " ORDER BY _rowid LIMIT :n"
                ),
                {"e": err, "n": EXAMPLES},
            ).scalars()
        )
        code, _, name = err.partition("|")
        errors.append(ErrorGroup(code, table.name, name, n, examples))
    return counts, errors


def tombstone_missing(
    conn: Connection, table: Table, ctx: PgMergeContext, in_scope: Callable[[str], bool]
) -> int:
    """A snapshot replaces its scope: rows of its origins it no longer holds become tombstones."""
    name = _q(table.name)
    origins = conn.execute(text(f"SELECT DISTINCT origin FROM {name} WHERE NOT deleted")).scalars()
    scoped = [o for o in origins if in_scope(o)]
    sent = (
        f" AND NOT EXISTS (SELECT 1 FROM {stage_name(table)} s WHERE s.uuid = l.uuid)"
        if table.name in ctx.staged
        else ""
    )
    conn.execute(text("DROP TABLE IF EXISTS tomb"))
    conn.execute(
        text(
            "CREATE TEMP TABLE tomb ON COMMIT DROP AS SELECT l.uuid,"
            f" row_number() OVER (ORDER BY l.uuid) AS n FROM {name} l WHERE NOT l.deleted"
            f" AND l.origin = ANY(CAST(:scoped AS text[])){sent}"
        ),
        {"scoped": scoped},
    )
    count = conn.execute(text("SELECT count(*) FROM tomb")).scalar_one()
    if count:
        conn.execute(
            text(
                f"UPDATE {name} SET deleted = true, rev = rev + 1, db_id = :db, updated_at = :now,"
                f" seq = :seq + t.n FROM tomb t WHERE t.uuid = {name}.uuid"
            ),
            {"db": ctx.sender_db_id, "now": ctx.now, "seq": ctx.seq},
        )
        ctx.seq += count
    conn.execute(text("DROP TABLE tomb"))
    return count
