"""公示栏's "to reprint" list (issue 12): `boards_out_of_date` on the seed-1 demo street with
every estate and building board printed (382 boards), using the source hashes stored with
each print, beside the same call on the same file with the hashes cleared (a print made
before migration 0006: every board drawn again and compared), measured in the same run.

    .venv/bin/python bench/boards_stale.py [--repeat K]

Before the hashes, opening 公示栏 spent 4.1 s on this on the GUI thread; it now runs off it.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from timing import median_ms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 25)


def build(path: Path) -> int:
    """The demo street, every board printed (recorded; no PDF is drawn)."""
    from sqlalchemy import select

    from app.db import open_database
    from app.models import Org
    from app.services.board_prints import plan_community, record_batch
    from app.services.demo import fill_demo

    db = open_database(path, actor="bench")
    with db.sessions.begin() as s:
        fill_demo(s, seed=1, today=TODAY)
    with db.reader() as s:
        communities = list(s.scalars(select(Org.code).where(Org.level == "community")))
    printed = 0
    for code in communities:
        with db.sessions.begin() as s:
            batch = plan_community(s, code, buildings=True, today=TODAY, masked=True)
            record_batch(s, batch, size="A4")
            printed += len(batch.contents)
    db.close()
    return printed


def stale_count(path: Path) -> Callable[[], int]:
    from app.db import open_database
    from app.services.disclosure import boards_out_of_date

    db = open_database(path, actor="bench")

    def run() -> int:
        with db.reader() as s:
            return len(boards_out_of_date(s, today=TODAY))

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        hashed, cleared = Path(folder) / "hashed.sqlite", Path(folder) / "cleared.sqlite"
        boards = build(hashed)
        shutil.copy(hashed, cleared)
        with contextlib.closing(sqlite3.connect(cleared)) as conn, conn:
            conn.execute("UPDATE board_print SET source_hash = NULL")
        with_hashes, without = stale_count(hashed), stale_count(cleared)
        assert with_hashes() == without() == 0, "every board was just printed"
        fast = median_ms(with_hashes, args.repeat)
        slow = median_ms(without, args.repeat)
    print(f"boards printed: {boards}")
    print(f"boards_out_of_date, source hashes: {fast:8.1f} ms")
    print(f"boards_out_of_date, every board drawn and compared (baseline): {slow:8.1f} ms")
    print(f"ratio: {fast / slow:.3f} (the hashes take {fast / slow:.1%} of the baseline)")


if __name__ == "__main__":
    main()
