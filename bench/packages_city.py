"""City-scale benchmark (issue 6, point 10): a district relays 2,000 communities (about
100,000 estates and 2,000,000 buildings) to the city in one snapshot package.

    .venv/bin/python bench/packages_city.py [--communities N] [--estates E] [--buildings B] [--raw]

Printed: the rate of `wuye package import` into the city's SQLite file (with `--raw` also beside
raw `executemany` INSERTs of the same rows into the same tables of the same file, measured in
the same run), and the importer's peak memory (ru_maxrss of a process that does only the import)
for a quarter of the package and for all of it: the target is ≤ 300 MB, independent of the
package's size. Each import runs in its own process, so one's memory does not hide another's.
The data is built once into the benchmarks' cache (bench/data_cache.py) and reused. The
district holds, as after relaying, each street's and community's part (its rows signed with
its own key, app/packages/parts.py), so the city checks 2,000 owners' signatures and every
relayed row against them.

The cost of parts (issue 13, item 3: within 20 % of the merge rate without them) is measured
in the same run: the same district exports the same rows a second time in the old format, its
parts switched off by this benchmark only (`old_format`: the manifest without `parts`, which
the importer still reads), and each package is imported, check and merge, in its own process
into its own copy of the same empty city file. Printed: both rates, their ratio against the
target "≤ 1.2× time", both packages' sizes, and the load average beside the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report import Figure, emit  # noqa: E402

from app.db import open_database  # noqa: E402
from app.packages import crypto, importer  # noqa: E402
from app.packages import export as exporter  # noqa: E402
from app.packages.export import export_package  # noqa: E402
from app.packages.importer import Checked, check_package, import_package  # noqa: E402
from app.packages.parts import own_part  # noqa: E402
from bench.data_cache import cached, package_sources  # noqa: E402
from bench.office_pair import office_pair  # noqa: E402

NOW = datetime(2026, 11, 25, 3, 0)
CITY = ("340600000000", "淮北市")
DISTRICT = ("340602000000", "杜集区")
STAMP = "2026-11-25 01:00:00.000000"
PER_STREET = 10  # communities per street
TABLES = ("org", "estate", "building")


def community_codes(count: int) -> list[str]:
    return [f"340602{1 + n // PER_STREET:03d}{1 + n % PER_STREET:03d}" for n in range(count)]


def fill_district(con: sqlite3.Connection, communities: int, estates: int, buildings: int) -> int:
    """Rows as a district holds them after merging its streets: each keeps its community as
    `origin`, rev 1, its own db_id. Written with plain SQL: the bench measures the import."""
    seq = 0
    codes = community_codes(communities)
    streets = sorted({c[:9] + "000" for c in codes})
    org = (
        "INSERT INTO org (uuid, code, name, level, parent_code, origin, rev, updated_at, deleted,"
        " seq, db_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, 0, ?, ?)"
    )
    for n, code in enumerate(streets):
        seq += 1
        con.execute(org, (f"00000000-0000-7000-a000-{n:012d}", code, f"街道{n}", "street",
                          DISTRICT[0], code, STAMP, seq, f"db-{code}"))  # fmt: skip
    for c, code in enumerate(codes):
        seq += 1
        con.execute(org, (f"00000000-0000-7000-9000-{c:012d}", code, f"社区{c}", "community",
                          code[:9] + "000", code, STAMP, seq, f"db-{code}"))  # fmt: skip
        estate_rows = []
        building_rows = []
        for e in range(estates):
            seq += 1
            estate_uuid = f"{c:08x}-{e:04x}-7000-8000-000000000000"
            estate_rows.append((estate_uuid, code, f"小区{e}", f"{code}路{e}号", code, STAMP, seq,
                                f"db-{code}"))  # fmt: skip
            for b in range(buildings):
                seq += 1
                building_rows.append((f"{c:08x}-{e:04x}-7000-8000-{b:012d}", estate_uuid,
                                      f"{b + 1}号楼", b % 90, code, STAMP, seq,
                                      f"db-{code}"))  # fmt: skip
        con.executemany(
            "INSERT INTO estate (uuid, community_code, name, address, management_type,"
            " households, building_count, is_old, is_resettlement, is_affordable, elevators,"
            " parking_spaces, ev_chargers, has_management_room, service_grade,"
            " committee_required, origin, rev, updated_at, deleted, seq, db_id)"
            " VALUES (?, ?, ?, ?, 'none', 0, 0, 0, 0, 0, 0, 0, 0, 0, '', 1, ?, 1, ?, 0, ?, ?)",
            estate_rows,
        )
        con.executemany(
            "INSERT INTO building (uuid, estate_uuid, name, households, has_elevator, origin,"
            " rev, updated_at, deleted, seq, db_id) VALUES (?, ?, ?, ?, 0, ?, 1, ?, 0, ?, ?)",
            building_rows,
        )
    con.execute("UPDATE seq_counter SET value = ? WHERE id = 1", (seq,))
    return seq


def sign_parts(con: sqlite3.Connection, communities: int, seq: int) -> None:
    """Each street's and community's part, as the district keeps them after relaying: signed
    with a key of that office's own (the city pins it from the part)."""
    codes = community_codes(communities)
    offices = sorted({c[:9] + "000" for c in codes}) + codes
    for table in TABLES:  # the district's file is queried per owner once
        con.execute(f'CREATE INDEX bench_origin_{table} ON "{table}" (origin)')
    insert = (
        "INSERT INTO package_part (part_id, signer, sign_key_id, sha256, body, signature,"
        " package_id, came_from, local_seq_from, local_seq_to, received_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"
    )
    for code in offices:
        key = crypto.new_signing_key()
        part = own_part(con, code, crypto.key_id(crypto.public_raw(key)), key, NOW)
        assert part is not None
        part_id, signer, body, signature = part
        con.execute(insert, (part_id, signer, crypto.key_id(crypto.public_raw(key)),
                             crypto.sha256_hex(body), body, signature, f"pkg-{code}",
                             code[:9] + "000", seq, STAMP))  # fmt: skip
    for table in TABLES:
        con.execute(f"DROP INDEX bench_origin_{table}")


@contextlib.contextmanager
def old_format() -> Iterator[None]:
    """Bench only: exports without parts, as the previous program wrote them (the manifest's
    `parts` absent, no parts table in the payload): the baseline of the parts' cost."""
    kept = exporter.parts.write_parts
    exporter.parts.write_parts = lambda *args, **kwargs: None  # type: ignore[assignment]
    try:
        yield
    finally:
        exporter.parts.write_parts = kept


def build(folder: Path, communities: int, estates: int, buildings: int) -> tuple[Path, Path, Path]:
    """(the city's empty file, the district's snapshot package for it with parts, the same
    rows' package in the old format, without parts)."""
    city, district = folder / "city.sqlite", folder / "district.sqlite"
    package, plain = folder / "district.wypkg", folder / "district-old-format.wypkg"
    if package.exists() and plain.exists():
        return city, package, plain
    folder.mkdir(parents=True, exist_ok=True)
    dbs = office_pair(city, (*CITY, "city"), district, (*DISTRICT, "district"), NOW)
    with dbs[1].sessions.begin() as s:
        con = s.connection().connection.driver_connection
        seq = fill_district(con, communities, estates, buildings)
        sign_parts(con, communities, seq)
    for out, form in ((plain, old_format), (package, contextlib.nullcontext)):
        start = time.perf_counter()
        with dbs[1].sessions() as s, form():  # neither is logged as sent: both come first
            result = export_package(s, dbs[1].path, out, snapshot=True, now=NOW)
            s.rollback()
        print(f"export {result.total:,} rows ({out.name}): {time.perf_counter() - start:.1f} s,"
              f" package {result.package_bytes / 1e6:.1f} MB = "
              f"{result.package_bytes / result.payload_bytes:.0%} of the raw payload")  # fmt: skip
    for db in dbs:
        db.close()
    return city, package, plain


def child_import(city: Path, package: Path) -> None:
    """In its own process: the import alone (check, then merge), its figures printed as
    JSON; the check's share timed on its own."""
    db = open_database(city)
    checking = importer.check_package
    check_seconds = 0.0

    def timed_check(*args: Any) -> Any:
        nonlocal check_seconds
        start = time.perf_counter()
        try:
            return checking(*args)
        finally:
            check_seconds = time.perf_counter() - start

    importer.check_package = timed_check  # type: ignore[assignment]
    start = time.perf_counter()
    report = import_package(db, package, now=NOW)
    seconds = time.perf_counter() - start
    db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    totals = report.totals
    figures = {"seconds": seconds, "rows": totals.inserted + totals.updated, "peak_mb": peak,
               "check_seconds": check_seconds}  # fmt: skip
    print(json.dumps({**figures, "rejected": totals.rejected, "pending": totals.pending}))


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def child_baseline(city: Path, package: Path) -> None:
    """In its own process: the package checked the same way, then its rows written with raw
    executemany INSERTs (no merge rule at all) into the same tables of the same file."""
    start = time.perf_counter()
    db = open_database(city)
    checked = check_package(db, package)
    db.close()
    assert isinstance(checked, Checked)
    check_seconds = time.perf_counter() - start
    con = sqlite3.connect(city, isolation_level=None)
    for pragma in ("foreign_keys=ON", "synchronous=NORMAL", "cache_size=-32768"):
        con.execute(f"PRAGMA {pragma}")
    payload = sqlite3.connect(checked.payload_file)
    con.execute("BEGIN IMMEDIATE")
    rows = 0
    for table in TABLES:
        cursor = payload.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        names = [d[0] for d in cursor.description]
        insert = (
            f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" for _ in names)})'
        )
        while batch := cursor.fetchmany(10_000):
            con.executemany(insert, batch)
            rows += len(batch)
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"seconds": seconds, "rows": rows, "peak_mb": peak, "check_seconds": check_seconds}
    print(json.dumps(figures))


def run_child(*args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=2000)
    parser.add_argument("--estates", type=int, default=50)
    parser.add_argument("--buildings", type=int, default=20)
    parser.add_argument("--raw", action="store_true", help="also raw executemany INSERTs")
    parser.add_argument("--child", choices=["import", "baseline"])
    parser.add_argument("--city", type=Path)
    parser.add_argument("--package", type=Path)
    args = parser.parse_args()
    if args.child == "import":
        child_import(args.city, args.package)
        return
    if args.child == "baseline":
        child_baseline(args.city, args.package)
        return

    figures = {}
    for communities in (args.communities // 4, args.communities):
        name = f"city-{communities}-{args.estates}-{args.buildings}-parts"
        folder = cached(name, *package_sources("packages_city.py"))
        started = time.perf_counter()
        city, package, plain = build(folder, communities, args.estates, args.buildings)
        print(f"data for {communities:,} communities ready in "
              f"{time.perf_counter() - started:.0f} s: {folder}")  # fmt: skip
        work = folder / "work"
        shutil.copytree(folder / "keys", work / "keys", dirs_exist_ok=True)
        copy = work / city.name
        full = communities == args.communities
        if full:  # the cost of parts: the same rows without them, each in its own process
            shutil.copy(city, copy)
            before = load()
            old = run_child("--child", "import", "--city", str(copy), "--package", str(plain))
        shutil.copy(city, copy)
        merged = run_child("--child", "import", "--city", str(copy), "--package", str(package))
        figures[communities] = merged
        rate = merged["rows"] / merged["seconds"]
        print(f"{communities:,} communities, {merged['rows']:,.0f} rows imported with parts in "
              f"{merged['seconds']:.1f} s (check {merged['check_seconds']:.1f} s) = {rate:,.0f}"
              f" rows/s; importer peak memory {merged['peak_mb']:.0f} MB; rejected "
              f"{merged['rejected']:.0f}, pending {merged['pending']:.0f}; {load()}")  # fmt: skip
        if not full:
            continue
        assert old["rows"] == merged["rows"], (old, merged)
        old_rate = old["rows"] / old["seconds"]
        cost = merged["seconds"] / old["seconds"]
        sizes = package.stat().st_size / 1e6, plain.stat().st_size / 1e6
        print(f"without parts (old format, same rows, same city file): {old['seconds']:.1f} s "
              f"(check {old['check_seconds']:.1f} s) = {old_rate:,.0f} rows/s ({before})\n"
              f"cost of parts: {cost:.2f}× the time, rate {rate / old_rate:.2f}× (target ≤ 1.2×"
              f" time, within 20 %: {'met' if cost <= 1.2 else 'NOT met'}); package "
              f"{sizes[0]:.1f} MB with parts, {sizes[1]:.1f} MB without "
              f"(+{sizes[0] / sizes[1] - 1:.0%})")  # fmt: skip
        emit(Figure("packages_city: import with owners' parts (check + merge), time",
                    merged["seconds"], old["seconds"], "s", "≤ 1.2× time (within 20 %)",
                    cost <= 1.2))  # fmt: skip
        if args.raw:
            shutil.copy(city, copy)
            base = run_child("--child", "baseline", "--city", str(copy), "--package", str(package))
            raw = base["rows"] / base["seconds"]
            print(f"raw executemany {raw:,.0f} rows/s; merge with parts / raw {rate / raw:.2f}")
    small, large = (figures[c]["peak_mb"] for c in sorted(figures))
    print(f"importer peak memory: {small:.0f} MB for a quarter of the package, {large:.0f} MB "
          f"for all of it (target ≤ 300 MB, independent of the package's size)")  # fmt: skip
    emit(Figure("packages_city: importer peak memory, whole package", large, small, "MB",
                "≤ 300 MB", large <= 300))  # fmt: skip


if __name__ == "__main__":
    main()
