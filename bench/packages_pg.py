"""PostgreSQL merge benchmark (issue 6, point 10): one package of 1,000,000 rows imported into
a PostgreSQL aggregate, beside a plain psycopg `executemany` INSERT of the same rows into the
same tables of a copy of the same database, measured in the same run.

    .venv/bin/python bench/packages_pg.py [--rows N] [--fast-server]

Targets: merge 1,000,000 rows <= 60 s and >= 5x the executemany baseline. The server is a
throwaway cluster from Debian's binaries (tests/pg.py) with its default durability (fsync on;
--fast-server turns it off, as the tests do), shared_buffers 512MB and max_wal_size 4GB. The
merge, the baseline and the dry run each start from their own copy of the same database.
The SQLite offices and the package are built once into the benchmarks' cache
(bench/data_cache.py) and reused.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from report import Figure, emit  # noqa: E402
from sqlalchemy import Boolean  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import Estate  # noqa: E402
from app.packages.export import export_package  # noqa: E402
from app.packages.importer import Checked, check_package, import_package  # noqa: E402
from app.packages.tables import column_names, syncable_tables  # noqa: E402
from bench.data_cache import cached, package_sources  # noqa: E402
from bench.office_pair import office_pair  # noqa: E402
from tests.pg import PgCluster, copy_to_server  # noqa: E402

NOW = datetime(2026, 11, 25, 3, 0)
CITY = ("340600000000", "淮北市")
SENDER = ("340602000000", "杜集区")
ESTATES = 100
# A server set up for a large aggregate (PostgreSQL's defaults are 128MB and 1GB): the
# baseline and the merge run on the same server.
SERVER = {"shared_buffers": "512MB", "max_wal_size": "4GB"}


def build(folder: Path, rows: int) -> tuple[Path, Path]:
    """(receiver file, package): a district's `rows` buildings over 100 estates, one delta."""
    receiver, sender = folder / "city.sqlite", folder / "district.sqlite"
    package = folder / "delta.wypkg"
    if package.exists():
        return receiver, package
    folder.mkdir(parents=True, exist_ok=True)
    dbs = office_pair(receiver, (*CITY, "city"), sender, (*SENDER, "district"), NOW)
    with dbs[1].sessions.begin() as s:
        estates = [
            Estate(community_code=SENDER[0], name=f"基准小区{i}", management_type="none")
            for i in range(ESTATES)
        ]
        s.add_all(estates)
        s.flush()
        uuids = [e.uuid for e in estates]
        con = s.connection().connection.driver_connection
        first = con.execute("SELECT value FROM seq_counter WHERE id = 1").fetchone()[0]
        db_id = dbs[1].db_id
        con.executemany(  # the district's own rows, as its sync layer would have stamped them
            "INSERT INTO building (uuid, estate_uuid, name, floors, households, has_elevator,"
            " origin, rev, updated_at, deleted, seq, db_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 1, '2026-11-25 01:00:00.000000', 0, ?, ?)",
            (
                (f"01a20000-0000-7000-8000-{i:012d}", uuids[i % ESTATES], f"{i}号楼",
                 6 + i % 27, i % 120, i % 3 == 0, SENDER[0], first + 1 + i, db_id)
                for i in range(rows)
            ),
        )  # fmt: skip
        con.execute("UPDATE seq_counter SET value = ? WHERE id = 1", (first + rows,))
    with dbs[1].sessions.begin() as s:
        export_package(s, dbs[1].path, package, now=NOW)
    for db in dbs:
        db.close()
    return receiver, package


def executemany_baseline(url: str, checked: Checked) -> tuple[float, int]:
    """Baseline: the package's rows, as they are, through psycopg's executemany INSERT."""
    payload = sqlite3.connect(checked.payload_file)
    batches = []
    for table in syncable_tables():  # parents first
        name = table.name
        if not checked.manifest["tables"].get(name, {}).get("rows"):
            continue
        names = column_names(table)
        flags = [isinstance(table.columns[c].type, Boolean) for c in names]
        cols = ", ".join(f'"{c}"' for c in names)
        rows = [
            tuple(bool(v) if f and v is not None else v for v, f in zip(r, flags, strict=True))
            for r in payload.execute(f'SELECT {cols} FROM "{name}" ORDER BY rowid')
        ]
        marks = ", ".join("%s" for _ in names)
        batches.append((f'INSERT INTO "{name}" ({cols}) VALUES ({marks})', rows))
    payload.close()
    with psycopg.connect(url.replace("+psycopg", "")) as con:
        start = time.perf_counter()
        with con.cursor() as cursor:
            for statement, rows in batches:
                cursor.executemany(statement, rows)
        con.commit()
        seconds = time.perf_counter() - start
    return seconds, sum(len(rows) for _, rows in batches)


def storing_floor(url: str, checked: Checked) -> float:
    """What storing the rows costs the server whatever the method: the payload COPYed into
    temporary tables (not timed), then one plain INSERT … SELECT per table, with the same
    indexes and foreign keys as the merge and the baseline write through."""
    payload = sqlite3.connect(checked.payload_file)
    with psycopg.connect(url.replace("+psycopg", "")) as con:
        tables = [
            t for t in syncable_tables() if checked.manifest["tables"].get(t.name, {}).get("rows")
        ]
        for table in tables:
            con.execute(f'CREATE TEMP TABLE "t_{table.name}" (LIKE "{table.name}")')
            names = column_names(table)
            flags = [isinstance(table.columns[c].type, Boolean) for c in names]
            cols = ", ".join(f'"{c}"' for c in names)
            with con.cursor().copy(f'COPY "t_{table.name}" ({cols}) FROM STDIN') as copy:
                for r in payload.execute(f'SELECT {cols} FROM "{table.name}"'):
                    copy.write_row(
                        [
                            bool(v) if f and v is not None else v
                            for v, f in zip(r, flags, strict=True)
                        ]
                    )
        start = time.perf_counter()
        for table in tables:
            cols = ", ".join(f'"{c}"' for c in column_names(table))
            con.execute(f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM "t_{table.name}"')
        con.commit()
        seconds = time.perf_counter() - start
    payload.close()
    return seconds


def timed_import(url: str, package: Path, *, dry_run: bool = False) -> tuple[float, float, object]:
    """(whole import, of which the checks and decryption before the merge, report)."""
    db = open_database(url)
    try:
        start = time.perf_counter()
        check_package(db, package)
        checks = time.perf_counter() - start
        start = time.perf_counter()
        report = import_package(db, package, dry_run=dry_run, now=NOW)
        return time.perf_counter() - start, checks, report
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--fast-server", action="store_true", help="fsync off, as in the tests")
    args = parser.parse_args()
    folder = cached(f"packages-pg-{args.rows}", *package_sources("packages_pg.py"))
    started = time.perf_counter()
    receiver, package = build(folder, args.rows)
    print(f"data ready in {time.perf_counter() - started:.1f} s: {folder}")

    cluster = PgCluster().start(durable=not args.fast_server, settings=SERVER)
    print("server: " + ", ".join(f"{k}={v}" for k, v in SERVER.items())
          + (", fsync off" if args.fast_server else ", fsync on"))  # fmt: skip
    try:
        with tempfile.TemporaryDirectory() as home:
            os.environ["XDG_DATA_HOME"] = home  # the server database's keys (its anchor)
            url = cluster.new_url("city")
            copy_to_server(receiver, url)
            twin, trial, bare = (cluster.clone(url) for _ in range(3))  # each starts alike
            db = open_database(twin)
            checked = check_package(db, package)
            db.close()
            assert isinstance(checked, Checked)

            merge, checks, report = timed_import(url, package)
            again, _, report_again = timed_import(url, package)
            baseline, rows = executemany_baseline(twin, checked)
            dry, _, _ = timed_import(trial, package, dry_run=True)
            floor = storing_floor(bare, checked)
    finally:
        cluster.stop()
    inserted = report.totals.inserted  # type: ignore[attr-defined]
    print(
        f"PostgreSQL merge of {rows:,} rows ({inserted:,} inserted): {merge:.1f} s "
        f"(target <= 60 s), of which {checks:.1f} s checks and decryption before the merge"
    )
    print(f"executemany INSERT baseline, same rows and tables: {baseline:.1f} s; "
          f"ratio {baseline / merge:.1f}x (target >= 5x)")  # fmt: skip
    emit(Figure(f"packages_pg: merge {rows:,} rows", merge, baseline, "s",
                "≤ 60 s and ≥ 5× faster", merge <= 60 and baseline / merge >= 5))  # fmt: skip
    print(f"the server's own cost of storing these rows (one plain INSERT … SELECT from a "
          f"temporary table, same indexes and foreign keys): {floor:.1f} s, so no method can "
          f"beat the baseline by more than {baseline / floor:.1f}x here")  # fmt: skip
    print(
        f"dry run: {dry:.1f} s; the same package again: {again:.2f} s "
        f"(already imported: {report_again.already_imported})"
    )  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
