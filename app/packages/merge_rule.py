"""The package merge rule, written once for SQLite (merge.py) and PostgreSQL (merge_pg.py).

A backend stages the package's rows (SQLite: the ATTACHed payload's own table; PostgreSQL:
COPY into a temporary table) and classifies them: each staged row gets its `_status` (the
keys of STATUS_FIELDS, or NULL when settled by nothing) and, when refused or held, its `_err`
(`code|field`). The validation it applies is `checks()`, the same conditions in the same
order on both. Everything after that is the rule's `STEPS`, run in order by `run_steps` with
the backend's `Dialect`: the few spellings the two databases do not share.

Same uuid: higher rev wins, lower is stale, equal rev and content is unchanged, equal rev with
other content is decided by (db_id, content hash): the same answer in every office and in any
order, never by clocks. Applied rows get fresh local seqs, so the next delta relays them, and
an audit row each, like a local edit, with the package as its actor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ForeignKey, Table, UniqueConstraint

from app.field_labels import TABLE_LABELS
from app.packages.report import ErrorGroup, TableCounts
from app.packages.tables import column_names, content_columns, natural_key, office_columns
from app.rules.ownership import named_pairs

EXAMPLES = 3
# Each merge status and the report count it adds to.
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
# The statuses whose rows are written to the local table (a restamp only takes the db_id).
WRITTEN = ("insert", "update", "delete", "conflict_win", "restamp")
# The statuses that write an audit row (a restamp changes nothing a person would look for).
AUDITED = ("insert", "update", "delete", "conflict_win")


def sql_list(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def q(name: str) -> str:
    return f'"{name}"'


def row_hash(*values: object) -> str:
    """Content hash of a row (business columns and `deleted`), as SQLite's SQL calls it and
    PostgreSQL's merge computes it in Python over the values as SQLite stores them."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


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


@dataclass
class MergeContext:
    package_id: str
    sender_db_id: str
    now: Any  # SQLite: ISO text as it stores DateTime (tables.db_time); PostgreSQL: datetime
    owns: Callable[[str], bool]  # does the sender own rows of this origin (its subtree)?
    seq: int  # the last local seq handed out; advanced as rows are applied
    # A dry run counts without writing the rows (SQLite skips the writing steps; PostgreSQL
    # writes and rolls the transaction back, so its children find the parents it wrote).
    dry_run: bool = False
    sender_code: str = ""
    staged: set[str] = field(default_factory=set)  # tables staged in this transaction


class Rows(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Dialect:
    """The spellings the two databases do not share; every statement of the rule is built
    from these and runs through `run` with named (`:name`) parameters."""

    run: Callable[[str, Mapping[str, Any]], Rows]
    stage: Callable[[Table], str]  # the staged rows of a table
    local: str  # prefix of this database's own tables ("main." beside an ATTACHed payload)
    rowid: str  # a staged row's place in the payload
    # A row as JSON text with the values as SQLite stores them (local: a row of the table).
    json_object: Callable[[Table, str, bool], str]
    typed: Callable[[Table, str, str], str]  # a staged value as the local column holds it
    one_of: Callable[[str, str], str]  # `expr` is one of the list parameter `name`
    listed: Callable[[list[str]], Any]  # a list parameter's value
    bad_rev: str  # a staged rev the local column cannot hold (on alias `s`)
    same: str  # NULL-safe equality (SQLite's `IS`)
    differs: str  # NULL-safe inequality (SQLite's `IS NOT`)
    # What only this database cannot store though the other would: (condition, error).
    stored: Callable[[Table], list[tuple[str, str]]]

    def found(self, sql: str, params: Mapping[str, Any] | None = None) -> bool:
        return self.run(sql + " LIMIT 1", params or {}).fetchone() is not None


# --- the checks, as data -----------------------------------------------------------------


def checks(d: Dialect, table: Table, against: str) -> list[tuple[str, str]]:
    """(condition on the staged row `s`, its error), first match wins; `against` holds every
    row of the package, for keys repeated inside it. Parameters: `allowed` (origins the
    sender owns) and `named` (origin|office pairs it may name), from `owners()`."""
    found = [
        (f"s.{q(c.name)} IS NULL", f"missing|{c.name}") for c in table.columns if not c.nullable
    ]
    found += [
        ("length(s.uuid) <> 36", "bad_sync|uuid"),
        (d.bad_rev, "bad_sync|rev"),
        ("s.deleted NOT IN (0, 1)", "bad_sync|deleted"),
        # A waiting row (_src = 1) was checked against its own sender when it was held.
        (f"s._src = 0 AND NOT ({d.one_of('s.origin', 'allowed')})", "not_owner|origin"),
        ("s._lorigin IS NOT NULL AND s._lorigin <> s.origin", "owner_changed|origin"),
    ]
    for c in office_columns(table):  # no office speaks for another (a forged org row)
        pair = f"(s.origin || '|' || s.{q(c)})"
        found.append((
            f"s._src = 0 AND s.{q(c)} IS NOT NULL AND NOT ({d.one_of(pair, 'named')})",
            f"other_office|{c}",
        ))  # fmt: skip
    unique = [
        [c.name for c in k.columns] for k in table.constraints if isinstance(k, UniqueConstraint)
    ]
    unique += [[c.name] for c in table.columns if c.unique]
    for keys in unique:
        same = " AND ".join(f"o.{q(k)} = s.{q(k)}" for k in keys)
        found.append((
            f"EXISTS (SELECT 1 FROM {d.local}{q(table.name)} o WHERE {same} AND o.uuid <> s.uuid)"
            f" OR EXISTS (SELECT 1 FROM {against} o WHERE {same} AND o.uuid <> s.uuid)",
            f"duplicate|{keys[0]}",
        ))  # fmt: skip
    return found + d.stored(table)


def owners(d: Dialect, table: Table, ctx: MergeContext, rows: str, where: str) -> dict[str, Any]:
    """The `allowed` and `named` parameters of `checks()` for the sender's rows in `rows`
    that `where` still leaves to validate."""
    found = d.run(f"SELECT DISTINCT origin FROM {rows} WHERE {where}", {}).fetchall()
    allowed = [r[0] for r in found if r[0] is not None and ctx.owns(r[0])]
    named: list[str] = []
    for c in office_columns(table):
        pairs = d.run(
            f"SELECT DISTINCT origin, {q(c)} FROM {rows} WHERE {where} AND {q(c)} IS NOT NULL", {}
        ).fetchall()
        named += named_pairs([(str(o), str(v)) for o, v in pairs])
    return {"allowed": d.listed(allowed), "named": d.listed(named)}


# --- the classification's rule, which each backend spells into its own statements ------

# A row's status against the local row of the same uuid (`_lrev`, `_ldel`: the local rev
# and deleted flag, NULL when there is none; `_same`: `same_content`), once it is neither
# settled nor refused. Equal revs with other content stay NULL, for `TIE_BREAK`.
STATUS = (
    "CASE WHEN _lrev IS NULL THEN CASE WHEN deleted = 1 THEN 'delete' ELSE 'insert' END"
    " WHEN rev > _lrev THEN"
    "  CASE WHEN deleted = 1 AND coalesce(_ldel, false) = false THEN 'delete' ELSE 'update' END"
    " WHEN rev < _lrev THEN 'stale' WHEN _same THEN 'restamp' END"
)
# Equal revs with other content, by (db_id, content hash): the same answer in every office.
TIE_BREAK = (
    "CASE WHEN _hash = _lhash THEN 'unchanged'"
    " WHEN (coalesce(db_id, ''), _hash) > (coalesce(_ldb, ''), _lhash) THEN 'conflict_win'"
    " ELSE 'conflict_lose' END"
)


def same_content(d: Dialect, table: Table, staged: str, local: str) -> str:
    """The staged row holds what the local row holds (business columns and `deleted`)."""
    return " AND ".join(
        f"{d.typed(table, c, staged)}{d.same}{local}.{q(c)}" for c in content_columns(table)
    )


def settled(d: Dialect, table: Table, staged: str, local: str) -> str:
    """`stale` or `unchanged` for a row the local row of the same owner already settles (a
    re-sent package): it is neither validated nor written; NULL for every other row."""
    return (
        f"CASE WHEN {local}.origin{d.differs}{staged}.origin THEN NULL"
        f" WHEN {staged}.rev < {local}.rev THEN 'stale'"
        f" WHEN {staged}.rev = {local}.rev AND ({same_content(d, table, staged, local)})"
        f" AND coalesce({staged}.db_id, '') <= coalesce({local}.db_id, '') THEN 'unchanged' END"
    )


def orphan(d: Dialect, fk: ForeignKey, staged: str) -> str:
    """The staged row names a parent this database does not hold."""
    child, parent = q(fk.parent.name), fk.column
    return (
        f"{staged}.{child} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
        f" {d.local}{q(parent.table.name)} p WHERE p.{q(parent.name)} = {staged}.{child})"
    )


# --- the steps after classification ------------------------------------------------------


def hold_pending(d: Dialect, table: Table, ctx: MergeContext) -> None:
    """Rows whose parent is missing (status `pending`) wait in `sync_pending`; a newer
    version of a waiting row replaces it."""
    stage = d.stage(table)
    if not d.found(f"SELECT 1 FROM {stage} s WHERE s._status = 'pending'"):
        return
    d.run(
        f"INSERT INTO {d.local}sync_pending (table_name, row_uuid, rev, package_id, reason,"
        f" row_json, received_at) SELECT CAST(:t AS text), s.uuid, s.rev, CAST(:p AS text),"
        f" s._err, {d.json_object(table, 's', False)}, :now FROM {stage} s"
        f" WHERE s._status = 'pending' AND s._src = 0 ORDER BY s.{d.rowid}"
        " ON CONFLICT (table_name, row_uuid) DO UPDATE SET rev = excluded.rev,"
        " package_id = excluded.package_id, reason = excluded.reason,"
        " row_json = excluded.row_json, received_at = excluded.received_at"
        " WHERE excluded.rev >= sync_pending.rev",
        {"t": table.name, "p": ctx.package_id, "now": ctx.now},
    )


def duplicate_candidates(d: Dialect, table: Table, ctx: MergeContext) -> list[str]:
    """New rows whose natural key a live local row of another uuid already has: merged as
    they are (each office keeps its own row) and named for a person to look at."""
    key = natural_key(table)
    if not key:
        return []
    same = " AND ".join(f"l.{q(k)} = s.{q(k)}" for k in key)
    shown = " || ' ' || ".join(f"coalesce(CAST(s.{q(k)} AS text), '')" for k in key)
    found = d.run(
        f"SELECT {shown} FROM {d.stage(table)} s WHERE s._status = 'insert' AND EXISTS"
        f" (SELECT 1 FROM {d.local}{q(table.name)} l WHERE {same} AND l.uuid <> s.uuid"
        f" AND l.deleted = false) ORDER BY s.{d.rowid}",
        {},
    ).fetchall()
    if not found:
        return []
    label = TABLE_LABELS.get(table.name, table.name)
    examples = "、".join(r[0] for r in found[:EXAMPLES])
    return [
        f"{label}有 {len(found)} 行与本单位已有记录疑似重复（{examples}），请人工核对，未自动合并"
    ]


def keep_conflict_losers(d: Dialect, table: Table, ctx: MergeContext) -> None:
    """Every equal-rev conflict keeps its losing row in `sync_conflict` (once per row, rev
    and content), for a person to restore."""
    stage = d.stage(table)
    if not d.found(f"SELECT 1 FROM {stage} s WHERE s._status LIKE 'conflict%'"):
        return
    name = q(table.name)
    head = (
        f"INSERT INTO {d.local}sync_conflict (table_name, row_uuid, rev, winner_db_id,"
        " loser_db_id, loser_json, package_id, detected_at)"
    )
    seen = (
        f" AND NOT EXISTS (SELECT 1 FROM {d.local}sync_conflict c WHERE c.table_name"
        " = CAST(:t AS text) AND c.row_uuid = {a}.uuid AND c.rev = {a}.rev AND c.loser_json = {j})"
    )
    params = {"t": table.name, "p": ctx.package_id, "now": ctx.now}
    staged = d.json_object(table, "s", False)
    d.run(
        f"{head} SELECT CAST(:t AS text), s.uuid, s.rev, s._ldb, s.db_id, {staged},"
        f" CAST(:p AS text), :now FROM {stage} s WHERE s._status = 'conflict_lose'"
        + seen.format(a="s", j=staged),
        params,
    )
    held = d.json_object(table, "l", True)
    d.run(
        f"{head} SELECT CAST(:t AS text), l.uuid, l.rev, s.db_id, l.db_id, {held},"
        f" CAST(:p AS text), :now FROM {stage} s JOIN {d.local}{name} l ON l.uuid = s.uuid"
        " WHERE s._status = 'conflict_win'" + seen.format(a="l", j=held),
        params,
    )


def apply(d: Dialect, table: Table, ctx: MergeContext) -> None:
    """Audit rows like a local edit's, then one INSERT … SELECT … ON CONFLICT (uuid) DO
    UPDATE … WHERE excluded.rev >= rev. Both in the payload's order (time-ordered uuids, so
    the row_uuid index grows at its end): sorting by uuid cost a third of the statement."""
    stage = d.stage(table)
    head, tail = audit_changes(ctx.sender_code)
    d.run(
        f"INSERT INTO {d.local}audit_log (at, actor, action, table_name, row_uuid, changes)"
        " SELECT :now, CAST(:actor AS text), CASE s._status WHEN 'insert' THEN 'insert'"
        " WHEN 'delete' THEN 'delete' ELSE 'update' END, CAST(:t AS text), s.uuid,"
        " CAST(:head AS text) || coalesce(CAST(s._lrev AS text), 'null') || ','"
        " || CAST(s.rev AS text) || CAST(:tail AS text)"
        f" FROM {stage} s WHERE s._status IN ({sql_list(AUDITED)}) ORDER BY s.{d.rowid}",
        {
            "now": ctx.now,
            "actor": audit_source(ctx.package_id),
            "t": table.name,
            "head": head,
            "tail": tail,
        },
    )
    cols = column_names(table)
    name = q(table.name)
    selected = ", ".join(
        f"CAST(:seq AS bigint) + s.{d.rowid}" if c == "seq" else d.typed(table, c, "s")
        for c in cols
    )
    updates = ", ".join(f"{q(c)} = excluded.{q(c)}" for c in cols if c != "uuid")
    d.run(
        f"INSERT INTO {d.local}{name} ({', '.join(q(c) for c in cols)}) SELECT {selected}"
        f" FROM {stage} s WHERE s._status IN ({sql_list(WRITTEN)}) ORDER BY s.{d.rowid}"
        f" ON CONFLICT (uuid) DO UPDATE SET {updates} WHERE excluded.rev >= {name}.rev",
        {"seq": ctx.seq},
    )
    top = d.run(f"SELECT coalesce(max(s.{d.rowid}), 0) FROM {stage} s", {}).fetchone()[0]
    ctx.seq += top


def settle_waiting(d: Dialect, table: Table, ctx: MergeContext) -> None:
    """Waiting rows leave `sync_pending` once their uuid is settled here (applied, or met by
    an equal or newer local row); a row still orphaned or refused keeps waiting, with the
    package and sender that brought it."""
    d.run(
        f"DELETE FROM {d.local}sync_pending WHERE table_name = :t AND row_uuid IN (SELECT s.uuid"
        f" FROM {d.stage(table)} s WHERE s._status IS NOT NULL"
        " AND s._status NOT IN ('pending', 'rejected'))",
        {"t": table.name},
    )


def counts(d: Dialect, table: Table, ctx: MergeContext) -> tuple[TableCounts, list[ErrorGroup]]:
    stage = d.stage(table)
    found = TableCounts()
    # Rows that only waited again (from an earlier package) are not this package's news.
    for status, n in d.run(
        f"SELECT s._status, count(*) FROM {stage} s"
        " WHERE NOT (s._src = 1 AND s._status IN ('pending', 'rejected')) GROUP BY s._status",
        {},
    ).fetchall():
        name = STATUS_FIELDS[status]
        setattr(found, name, getattr(found, name) + n)
    shown = (
        "s.uuid || '（' || coalesce(s.name, '') || '）'" if "name" in table.columns else "s.uuid"
    )
    errors = []
    for err, n in d.run(
        f"SELECT s._err, count(*) FROM {stage} s WHERE s._err IS NOT NULL AND s._src = 0"
        " GROUP BY s._err ORDER BY s._err",
        {},
    ).fetchall():
        examples = tuple(
            r[0]
            for r in d.run(
                f"SELECT {shown} FROM {stage} s WHERE s._err = :e AND s._src = 0"
                f" ORDER BY s.{d.rowid} LIMIT :n",
                {"e": err, "n": EXAMPLES},
            ).fetchall()
        )
        code, _, column = err.partition("|")
        errors.append(ErrorGroup(code, table.name, column, n, examples))
    return found, errors


@dataclass(frozen=True)
class Step:
    run: Callable[[Dialect, Table, MergeContext], Any]
    writes: bool = True  # skipped in a SQLite dry run
    waiting_only: bool = False  # only when rows waited for this table

    @property
    def name(self) -> str:
        return self.run.__name__


# The rule's steps after classification, in order; tests/app/packages/test_merge_rule.py
# checks that both backends run exactly these.
STEPS: tuple[Step, ...] = (
    Step(hold_pending),
    Step(duplicate_candidates, writes=False),
    Step(keep_conflict_losers),
    Step(apply),
    Step(settle_waiting, waiting_only=True),
    Step(counts, writes=False),
)


def run_steps(
    d: Dialect, table: Table, ctx: MergeContext, waiting: bool
) -> tuple[TableCounts, list[ErrorGroup], list[str]]:
    """Run `STEPS` over a classified stage: the table's counts, errors and warnings."""
    done: dict[str, Any] = {}
    for step in STEPS:
        if (step.writes and ctx.dry_run) or (step.waiting_only and not waiting):
            continue
        done[step.name] = step.run(d, table, ctx)
    found, errors = done["counts"]
    return found, errors, done["duplicate_candidates"]


def tombstone_missing(
    d: Dialect, table: Table, ctx: MergeContext, in_scope: Callable[[str], bool], sent: str | None
) -> int:
    """A snapshot replaces its scope: rows of its origins it no longer holds (`sent`: the
    rows it brought, None when none) become tombstones, numbered in uuid order."""
    name = q(table.name)
    origins = d.run(
        f"SELECT DISTINCT origin FROM {d.local}{name} WHERE deleted = false", {}
    ).fetchall()
    scoped = d.listed([r[0] for r in origins if in_scope(r[0])])
    kept = f" AND NOT EXISTS (SELECT 1 FROM {sent} s WHERE s.uuid = l.uuid)" if sent else ""
    d.run("DROP TABLE IF EXISTS tomb", {})
    d.run(
        "CREATE TEMP TABLE tomb AS SELECT l.uuid, row_number() OVER (ORDER BY l.uuid) AS n"
        f" FROM {d.local}{name} l WHERE l.deleted = false AND {d.one_of('l.origin', 'scoped')}"
        + kept,
        {"scoped": scoped},
    )
    count = d.run("SELECT count(*) FROM tomb", {}).fetchone()[0]
    if count:
        d.run(
            f"UPDATE {d.local}{name} SET deleted = true, rev = rev + 1, db_id = :db,"
            f" updated_at = :now, seq = :seq + tomb.n FROM tomb WHERE tomb.uuid = {name}.uuid",
            {"db": ctx.sender_db_id, "now": ctx.now, "seq": ctx.seq},
        )
        ctx.seq += count
    d.run("DROP TABLE tomb", {})
    return count
