"""Package benchmark (issue 6): export and merge of a large delta, each figure printed beside
a baseline measured in the same run.

    .venv/bin/python bench/packages.py [--rows N] [--base M]

Targets (issue 6, point 10): merge a 100,000-row package into a 1,000,000-row aggregate
≤ 3 s and ≥ 2× a row-by-row stdlib sqlite3 merge; a re-import with 0 changes ≤ 35% of the
first import; dry run ≤ 1 s (here: the same work, rolled back); export of the delta ≤ 5 s and
the package ≤ 30% of the raw payload. The data is built once into the benchmarks' cache
(bench/data_cache.py) and reused.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report import Figure, emit  # noqa: E402
from sqlalchemy import UniqueConstraint, insert  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import Building, Estate  # noqa: E402
from app.packages.export import export_package  # noqa: E402
from app.packages.importer import Checked, check_package, import_package  # noqa: E402
from app.packages.merge import row_hash  # noqa: E402
from app.packages.tables import content_columns, syncable_tables  # noqa: E402
from app.rules.ownership import owns  # noqa: E402
from bench.data_cache import cached, package_sources  # noqa: E402
from bench.office_pair import office_pair  # noqa: E402

NOW = datetime(2026, 11, 25, 3, 0)
STREET = ("340603010000", "曲阳街道")
SENDER = ("340603010001", "桓谭社区")
OTHERS = [f"340603010{i:03d}" for i in range(2, 12)]


def build(folder: Path, rows: int, base: int) -> tuple[Path, Path, Path, Path]:
    """(street file with `base` rows of other communities, package, second package, sender)."""
    street, sender = folder / "street.sqlite", folder / "community.sqlite"
    first, second = folder / "delta.wypkg", folder / "again.wypkg"
    if second.exists():
        return street, first, second, sender
    folder.mkdir(parents=True, exist_ok=True)
    dbs = office_pair(street, (*STREET, "street"), sender, (*SENDER, "community"), NOW)
    with dbs[1].sessions.begin() as s:
        estate = Estate(community_code=SENDER[0], name="基准小区", management_type="none")
        s.add(estate)
        s.flush()
        for start in range(0, rows, 20_000):
            s.execute(insert(Building), [
                {"estate_uuid": estate.uuid, "name": f"{i}号楼", "households": i % 120}
                for i in range(start, min(rows, start + 20_000))
            ])  # fmt: skip
    with dbs[0].sessions.begin() as s:  # the aggregate: other communities' rows, as merged
        con = s.connection().connection.driver_connection
        stamp = "2026-11-25 01:00:00.000000"
        for n, code in enumerate(OTHERS):
            estate_uuid = f"00000000-0000-7000-8000-{n:012d}"
            con.execute(
                "INSERT INTO org (uuid, code, name, level, parent_code, origin, rev, updated_at,"
                " deleted, seq) VALUES (?, ?, ?, 'community', ?, ?, 1, ?, 0, 0)",
                (f"00000000-0000-7000-9000-{n:012d}", code, f"社区{n}", STREET[0], code, stamp),
            )
            con.execute(
                "INSERT INTO estate (uuid, community_code, name, address, management_type,"
                " households, building_count, is_old, is_resettlement, is_affordable, elevators,"
                " parking_spaces, ev_chargers, has_management_room, service_grade,"
                " committee_required, origin, rev, updated_at, deleted, seq)"
                " VALUES (?, ?, '小区', '', 'none', 0, 0, 0, 0, 0, 0, 0, 0, 0, '', 1, ?, 1, ?,"
                " 0, 0)",
                (estate_uuid, code, code, stamp),
            )
            per = base // len(OTHERS)
            con.executemany(
                "INSERT INTO building (uuid, estate_uuid, name, households, has_elevator,"
                " origin, rev, updated_at, deleted, seq) VALUES (?, ?, ?, ?, 0, ?, 1, ?, 0, ?)",
                (
                    (f"{n:08x}-0000-7000-8000-{i:012d}", estate_uuid, f"{i}号楼", i % 90, code,
                     stamp, i)
                    for i in range(per)
                ),
            )  # fmt: skip
    for path in (first, second):  # no receipt in between: the same rows twice
        with dbs[1].sessions.begin() as s:
            export_package(s, dbs[1].path, path, now=NOW)
    for db in dbs:
        db.close()
    return street, first, second, sender


def row_by_row(street: Path, package: Path, sender_code: str) -> tuple[float, dict[str, int]]:
    """Baseline: the same merge rule, one row at a time through the stdlib sqlite3 module,
    on a connection with the program's pragmas (foreign keys on, WAL, NORMAL sync).

    Per row, as app/packages/merge.py does per set: look the row up; settle stale and
    unchanged rows; check required columns, the sync columns, ownership (subtree) and unique
    keys; decide an equal-rev clash by (db_id, content hash); hold an orphan; write the winner
    with a fresh local seq. The package check (signature, decrypt) is timed on both sides.
    """
    start = time.perf_counter()
    db = open_database(street)
    checked = check_package(db, package)
    db.close()
    assert isinstance(checked, Checked)
    con = sqlite3.connect(street, isolation_level=None)
    for pragma in ("foreign_keys=ON", "synchronous=NORMAL", "cache_size=-32768"):
        con.execute(f"PRAGMA {pragma}")
    payload = sqlite3.connect(checked.payload_file)
    counts: dict[str, int] = {}
    con.execute("BEGIN IMMEDIATE")
    seq = con.execute("SELECT value FROM seq_counter WHERE id = 1").fetchone()[0]
    for table in syncable_tables():
        cursor = payload.execute(f'SELECT * FROM "{table.name}"')
        names = [d[0] for d in cursor.description]
        at = {n: i for i, n in enumerate(names)}
        content = [at[c] for c in content_columns(table)]
        required = [at[c.name] for c in table.columns if not c.nullable]
        uniques = [
            [c.name for c in u.columns]
            for u in table.constraints
            if isinstance(u, UniqueConstraint)
        ]
        parents = [(fk.parent.name, fk.column.table.name, fk.column.name) for fk in
                   table.foreign_keys]  # fmt: skip
        looked = ", ".join(f'"{c}"' for c in content_columns(table))
        find = f'SELECT rev, origin, deleted, db_id, {looked} FROM "{table.name}" WHERE uuid = ?'
        write = (
            f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES'
            f" ({', '.join('?' for _ in names)}) ON CONFLICT (uuid) DO UPDATE SET "
            + ", ".join(f"{n} = excluded.{n}" for n in names if n != "uuid")
        )
        for row in cursor:
            status = _one_row(con, table.name, row, at, content, required, uniques, parents,
                              find, sender_code)  # fmt: skip
            counts[status] = counts.get(status, 0) + 1
            if status in ("insert", "update", "delete", "conflict_win", "restamp"):
                seq += 1
                values = list(row)
                values[at["seq"]] = seq
                con.execute(write, values)
            elif status == "pending":
                con.execute(
                    "INSERT INTO sync_pending (table_name, row_uuid, rev, package_id, reason,"
                    " row_json, received_at) VALUES (?, ?, ?, ?, 'orphan', ?, ?)",
                    (table.name, row[at["uuid"]], row[at["rev"]], "baseline",
                     json.dumps(row, ensure_ascii=False), "2026-11-25 03:00:00.000000"),
                )  # fmt: skip
    con.execute("UPDATE seq_counter SET value = ? WHERE id = 1", (seq,))
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    con.close()
    return seconds, counts


def _one_row(
    con: sqlite3.Connection,
    name: str,
    row: tuple,  # type: ignore[type-arg]
    at: dict[str, int],
    content: list[int],
    required: list[int],
    uniques: list[list[str]],
    parents: list[tuple[str, str, str]],
    find: str,
    sender_code: str,
) -> str:
    uuid, rev, origin, db_id = row[at["uuid"]], row[at["rev"]], row[at["origin"]], row[at["db_id"]]
    local = con.execute(find, (uuid,)).fetchone()
    mine = [row[i] for i in content]
    if local is not None and local[1] == origin:
        if rev < local[0]:
            return "stale"
        if rev == local[0] and mine == list(local[4:]) and (db_id or "") <= (local[3] or ""):
            return "unchanged"
    if any(row[i] is None for i in required) or len(uuid) != 36 or rev < 1:
        return "rejected"
    if row[at["deleted"]] not in (0, 1) or not owns(sender_code, origin):
        return "rejected"
    if local is not None and local[1] != origin:
        return "rejected"
    for keys in uniques:
        where = " AND ".join(f'"{k}" = ?' for k in keys)
        clash = con.execute(
            f'SELECT 1 FROM "{name}" WHERE {where} AND uuid <> ?',
            (*(row[at[k]] for k in keys), uuid),
        ).fetchone()
        if clash:
            return "rejected"
    if local is None:
        status = "delete" if row[at["deleted"]] else "insert"
    elif rev > local[0]:
        status = "delete" if row[at["deleted"]] and not local[2] else "update"
    elif mine == list(local[4:]):
        status = "restamp"
    else:
        theirs = row_hash(*local[4:])
        ours = row_hash(*mine)
        status = (
            "conflict_win"
            if ((db_id or ""), ours) > ((local[3] or ""), theirs)
            else "conflict_lose"
        )
    for child, parent, column in parents:
        value = row[at[child]]
        if (
            value is not None
            and con.execute(f'SELECT 1 FROM "{parent}" WHERE "{column}" = ?', (value,)).fetchone()
            is None
        ):
            return "pending"
    return status


def timed_import(street: Path, package: Path, *, dry_run: bool = False) -> tuple[float, object]:
    db = open_database(street)
    start = time.perf_counter()
    report = import_package(db, package, dry_run=dry_run, now=NOW)
    seconds = time.perf_counter() - start
    db.close()
    return seconds, report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = cached(f"packages-{args.rows}-{args.base}", *package_sources("packages.py"))
    started = time.perf_counter()
    street, first, second, sender = build(folder, args.rows, args.base)
    print(f"data ready in {time.perf_counter() - started:.1f} s: {folder}")

    work = folder / "work"
    work.mkdir(exist_ok=True)
    copy = work / "street.sqlite"
    shutil.copytree(folder / "keys", work / "keys", dirs_exist_ok=True)

    db = open_database(sender)
    start = time.perf_counter()
    with db.sessions() as s:  # rolled back: the cached data stays as built
        result = export_package(s, db.path, work / "export.wypkg", now=NOW)
    export_s = time.perf_counter() - start
    db.close()
    ratio = result.package_bytes / result.payload_bytes
    print(f"export {result.total:,} rows: {export_s:.2f} s (target ≤ 5 s); package "
          f"{result.package_bytes / 1e6:.1f} MB = {ratio:.0%} of the raw payload "
          f"{result.payload_bytes / 1e6:.1f} MB (target ≤ 30%)")  # fmt: skip

    shutil.copy(street, copy)
    baseline, base_counts = row_by_row(copy, first, SENDER[0])
    shutil.copy(street, copy)
    dry, _ = timed_import(copy, first, dry_run=True)
    merge, report = timed_import(copy, first)
    merged = report.totals  # type: ignore[attr-defined]
    assert base_counts.get("insert", 0) == merged.inserted, (base_counts, merged)
    again, report_again = timed_import(copy, second)
    unchanged = report_again.totals.unchanged  # type: ignore[attr-defined]
    print(f"merge {args.rows:,} rows into {args.base:,}: {merge:.2f} s (target ≤ 3 s); "
          f"row-by-row sqlite3 baseline {baseline:.2f} s; ratio {baseline / merge:.1f}× "
          "(target ≥ 2×)")  # fmt: skip
    print(f"re-import, 0 changes ({unchanged:,} unchanged): {again:.2f} s = "
          f"{again / merge:.0%} of the first import (target ≤ 35%)")  # fmt: skip
    print(f"dry run: {dry:.2f} s (target ≤ 1 s)")
    size = f"{args.rows:,} rows into {args.base:,}"
    emit(Figure(f"packages: export {result.total:,} rows", export_s, None, "s", "≤ 5 s",
                export_s <= 5))  # fmt: skip
    emit(Figure("packages: package size, % of raw payload", 100 * ratio, None, "%", "≤ 30 %",
                ratio <= 0.30))  # fmt: skip
    emit(Figure(f"packages: merge {size}", merge, baseline, "s", "≤ 3 s and ≥ 2× faster",
                merge <= 3 and baseline / merge >= 2))  # fmt: skip
    emit(Figure("packages: re-import with 0 changes", again, merge, "s", "≤ 35 % of the merge",
                again / merge <= 0.35))  # fmt: skip
    emit(Figure(f"packages: dry run {size}", dry, None, "s", "≤ 1 s", dry <= 1))


if __name__ == "__main__":
    main()
