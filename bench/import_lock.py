"""An Excel import does not block the office (issue 13 item 5): while `wuye import-xlsx`
imports 60,000 estate rows in one process, `wuye stats` (another process) and a form's save
(`create_estate` through its own connection, as the estate form calls it) keep working.

    .venv/bin/python bench/import_lock.py [--rows N]

Prints how many stats runs and saves were done during the import, how many failed (target 0),
the longest stretch the import held the write lock as a share of the whole import (before:
1.00, the lock was held through the parse: 51 s for 60,000 rows), and the longest a save
waited as a share of the busy timeout (target < 1: a save never gives up). On a loaded
machine everything stretches alike: read the ratios.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from xlsx_import import COMMUNITIES, make_sheet  # noqa: E402


def make_database(path: Path) -> None:
    from app.db import open_database
    from app.services.offices import add_org, init_office

    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    db = open_database(path, actor="bench")
    with db.sessions.begin() as s:
        init_office(s, code="340603010000", name="曲阳街道", level="street")
        for i in range(1, COMMUNITIES + 1):
            add_org(s, code=f"340603010{i:03d}", name=f"第{i}社区", level="community",
                    parent_code="340603010000")  # fmt: skip
    db.close()


LONGEST_HELD = [0.0]


def _probe_lock(db_path: Path, importer: subprocess.Popen[str]) -> None:
    """The longest stretch in which no writer could get the lock (every 50 ms, no waiting)."""
    con = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    locked_since = None
    try:
        while importer.poll() is None:
            now = time.perf_counter()
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("ROLLBACK")
                locked_since = None
            except sqlite3.OperationalError:
                locked_since = locked_since or now
                LONGEST_HELD[0] = max(LONGEST_HELD[0], now - locked_since)
            time.sleep(0.05)
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=60_000)
    args = parser.parse_args()
    from app.db import open_database
    from app.db.engine import busy_timeout_ms
    from app.services.estates import EstateIn, create_estate

    sheet = make_sheet(ROOT / "build" / "bench" / f"estates-{args.rows // 1000}k.xlsx", args.rows)
    db_path = ROOT / "build" / "bench" / "import-lock.sqlite"
    make_database(db_path)
    wuye = [sys.executable, "-m", "app", "--db", str(db_path)]
    env = {**os.environ, "LANG": "C.UTF-8"}
    start = time.perf_counter()
    importer = subprocess.Popen(
        [*wuye, "import-xlsx", "estate", str(sheet)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    probe = threading.Thread(target=_probe_lock, args=(db_path, importer), daemon=True)
    probe.start()
    db = open_database(db_path, actor="bench")
    stats_ok = stats_failed = saves_ok = saves_failed = 0
    longest_save = 0.0
    n = 0
    while importer.poll() is None:
        done = subprocess.run([*wuye, "stats"], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode == 0:
            stats_ok += 1
        else:
            stats_failed += 1
            print("stats failed:", done.stderr.strip())
        n += 1
        t = time.perf_counter()
        try:
            with db.sessions.begin() as s:
                create_estate(s, EstateIn(community_code="340603010001", name=f"表单保存{n}",
                                                households=120),
                              today=date(2026, 11, 25))  # fmt: skip
            saves_ok += 1
        except Exception as exc:  # the figure is the count of failures; each is shown
            saves_failed += 1
            print("save failed:", exc)
        longest_save = max(longest_save, time.perf_counter() - t)
        time.sleep(0.5)
    db.close()
    out, err = importer.communicate()
    probe.join()
    total = time.perf_counter() - start
    print(f"import of {args.rows:,} rows: exit {importer.returncode}, {total:.1f} s; "
          f"{out.strip().splitlines()[0] if out.strip() else err.strip()}")  # fmt: skip
    print(f"during it: stats {stats_ok} ok, {stats_failed} failed; form saves {saves_ok} ok, "
          f"{saves_failed} failed (target 0 failed)")  # fmt: skip
    held = LONGEST_HELD[0]
    print(f"write lock held by the import for at most {held:.1f} s at a stretch = "
          f"{held / total:.2f} of the import (before: 1.00, the whole import)")  # fmt: skip
    print(f"longest save wait {longest_save:.2f} s = {longest_save * 1000 / busy_timeout_ms():.2f}"
          f" of the busy timeout (target < 1)")  # fmt: skip


if __name__ == "__main__":
    main()
