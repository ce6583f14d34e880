"""City-scale benchmark (issue 6, point 10): a district relays 2,000 communities (about
100,000 estates and 2,000,000 buildings) to the city in one snapshot package.

    .venv/bin/python bench/packages_city.py [--communities N] [--estates E] [--buildings B]

Printed: the merge rate of `wuye package import` into the city's SQLite file beside raw
`executemany` INSERTs of the same rows into the same tables of the same file (measured in the
same run), and the importer's peak memory (ru_maxrss of a process that does only the import)
for a quarter of the package and for all of it: the target is ≤ 300 MB, independent of the
package's size. Each import runs in its own process, so one's memory does not hide another's.
The data is built once into the benchmarks' cache (bench/data_cache.py) and reused. The
district holds, as after relaying, each street's and community's part (its rows signed with
its own key, app/packages/parts.py), so the city checks 2,000 owners' signatures and every
relayed row against them.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report import Figure, emit  # noqa: E402

from app.db import open_database  # noqa: E402
from app.packages import crypto  # noqa: E402
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


def build(folder: Path, communities: int, estates: int, buildings: int) -> tuple[Path, Path]:
    """(the city's empty file, the district's snapshot package for it)."""
    city, district = folder / "city.sqlite", folder / "district.sqlite"
    package = folder / "district.wypkg"
    if package.exists():
        return city, package
    folder.mkdir(parents=True, exist_ok=True)
    dbs = office_pair(city, (*CITY, "city"), district, (*DISTRICT, "district"), NOW)
    with dbs[1].sessions.begin() as s:
        con = s.connection().connection.driver_connection
        seq = fill_district(con, communities, estates, buildings)
        sign_parts(con, communities, seq)
    start = time.perf_counter()
    with dbs[1].sessions.begin() as s:
        result = export_package(s, dbs[1].path, package, snapshot=True, now=NOW)
    print(f"export {result.total:,} rows: {time.perf_counter() - start:.1f} s, package "
          f"{result.package_bytes / 1e6:.0f} MB = {result.package_bytes / result.payload_bytes:.0%}"
          f" of the raw payload")  # fmt: skip
    for db in dbs:
        db.close()
    return city, package


def child_import(city: Path, package: Path) -> None:
    """In its own process: the import alone, its figures printed as JSON."""
    db = open_database(city)
    start = time.perf_counter()
    report = import_package(db, package, now=NOW)
    seconds = time.perf_counter() - start
    db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    totals = report.totals
    figures = {"seconds": seconds, "rows": totals.inserted + totals.updated, "peak_mb": peak}
    print(json.dumps({**figures, "rejected": totals.rejected, "pending": totals.pending}))


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
        city, package = build(folder, communities, args.estates, args.buildings)
        print(f"data for {communities:,} communities ready in "
              f"{time.perf_counter() - started:.0f} s: {folder}")  # fmt: skip
        work = folder / "work"
        shutil.copytree(folder / "keys", work / "keys", dirs_exist_ok=True)
        copy = work / city.name
        shutil.copy(city, copy)
        base = run_child("--child", "baseline", "--city", str(copy), "--package", str(package))
        shutil.copy(city, copy)
        merged = run_child("--child", "import", "--city", str(copy), "--package", str(package))
        figures[communities] = merged
        rate, raw = merged["rows"] / merged["seconds"], base["rows"] / base["seconds"]
        print(f"{communities:,} communities, {merged['rows']:,.0f} rows merged in "
              f"{merged['seconds']:.1f} s = {rate:,.0f} rows/s; raw executemany "
              f"{raw:,.0f} rows/s; ratio {rate / raw:.2f}; importer peak memory "
              f"{merged['peak_mb']:.0f} MB (baseline process {base['peak_mb']:.0f} MB); "
              f"rejected {merged['rejected']:.0f}, pending {merged['pending']:.0f}; the check "
              f"before the merge (decrypt, owners' signatures) "
              f"{base['check_seconds']:.1f} s")  # fmt: skip
    small, large = (figures[c]["peak_mb"] for c in sorted(figures))
    print(f"importer peak memory: {small:.0f} MB for a quarter of the package, {large:.0f} MB "
          f"for all of it (target ≤ 300 MB, independent of the package's size)")  # fmt: skip
    emit(Figure("packages_city: importer peak memory, whole package", large, small, "MB",
                "≤ 300 MB", large <= 300))  # fmt: skip


if __name__ == "__main__":
    main()
