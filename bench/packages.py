"""Package benchmark (issue 6): export and merge of a large delta, each figure printed beside
a baseline measured in the same run.

    .venv/bin/python bench/packages.py [--rows N] [--base M]

Targets (issue 6, point 10): merge a 100,000-row package into a 1,000,000-row aggregate
≤ 3 s and ≥ 2× a row-by-row stdlib sqlite3 merge; a re-import with 0 changes ≤ 35% of the
first import; dry run ≤ 1 s (here: the same work, rolled back); export of the delta ≤ 5 s and
the package ≤ 30% of the raw payload. The data is built once into build/bench/ and reused.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import Building, Estate  # noqa: E402
from app.packages.export import export_package  # noqa: E402
from app.packages.importer import check_package, import_package  # noqa: E402
from app.packages.keys import create_office_keys  # noqa: E402
from app.services.demo_city import CityOffice, onboard  # noqa: E402
from app.services.offices import init_office  # noqa: E402

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
    dbs = []
    for path, (code, name), level in ((street, STREET, "street"), (sender, SENDER, "community")):
        db = open_database(path)
        with db.sessions.begin() as s:
            init_office(s, code=code, name=name, level=level)
            create_office_keys(s, db.path, code, NOW)
        dbs.append(db)
    with tempfile.TemporaryDirectory() as tmp:
        office = CityOffice(SENDER[0], SENDER[1], "community", STREET[0], sender.name)
        onboard(dbs[0], dbs[1], office, Path(tmp), NOW)
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


def row_by_row(street: Path, package: Path) -> float:
    """Baseline: the same merge rule one row at a time through the stdlib sqlite3 module."""
    db = open_database(street)
    checked = check_package(db, package)
    db.close()
    con = sqlite3.connect(street, isolation_level=None)
    payload = sqlite3.connect(":memory:")
    payload.deserialize(checked.plain)  # type: ignore[union-attr]
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for table in ("org", "estate", "building"):
        cursor = payload.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        marks = ", ".join("?" for _ in names)
        for row in cursor:
            found = con.execute(f"SELECT rev FROM {table} WHERE uuid = ?", (row[0],)).fetchone()
            if found is None:
                con.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", row)
            elif row[names.index("rev")] > found[0]:
                con.execute(f"REPLACE INTO {table} ({', '.join(names)}) VALUES ({marks})", row)
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    con.close()
    return seconds


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
    folder = ROOT / "build" / "bench" / f"packages-{args.rows}-{args.base}"
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
    baseline = row_by_row(copy, first)
    shutil.copy(street, copy)
    dry, _ = timed_import(copy, first, dry_run=True)
    merge, _ = timed_import(copy, first)
    again, report_again = timed_import(copy, second)
    unchanged = report_again.totals.unchanged  # type: ignore[attr-defined]
    print(f"merge {args.rows:,} rows into {args.base:,}: {merge:.2f} s (target ≤ 3 s); "
          f"row-by-row sqlite3 baseline {baseline:.2f} s; ratio {baseline / merge:.1f}× "
          "(target ≥ 2×)")  # fmt: skip
    print(f"re-import, 0 changes ({unchanged:,} unchanged): {again:.2f} s = "
          f"{again / merge:.0%} of the first import (target ≤ 35%)")  # fmt: skip
    print(f"dry run: {dry:.2f} s (target ≤ 1 s)")


if __name__ == "__main__":
    main()
