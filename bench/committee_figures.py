"""The committee figures of the 总览 (issue 17 item 7) on 100,000 estates and 500,000 members:
`office_stats` (what the overview computes off the GUI thread) and `subordinate_figures`
(下级对比), beside the per-committee party list the overview built before (one row per
committee, seconds on this file), measured in the same run.

    .venv/bin/python bench/committee_figures.py [--estates N] [--repeat K]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ledger_data  # noqa: E402
from report import Figure, emit  # noqa: E402
from timing import median_ms  # noqa: E402

TODAY = date(2026, 11, 25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--estates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="an existing ledger_data file")
    args = parser.parse_args()
    path = args.db or ledger_data.cached_path(args.estates)
    ledger_data.build(path, estates=args.estates)

    from app.db import open_database
    from app.services.aggregate import subordinate_figures
    from app.services.stats import office_stats, party_by_committee

    db = open_database(path, actor="bench")
    try:

        def timed(work: Callable[..., object]) -> float:
            def once() -> object:
                with db.reader() as s:
                    return work(s, TODAY)

            once()  # warm the page cache
            return median_ms(once, args.repeat)

        before = timed(party_by_committee)
        ours = timed(office_stats)
        below = timed(subordinate_figures)
    finally:
        db.close()
    print(f"per-committee party list (the old overview path)  {before:8.1f} ms")
    print(f"office_stats (总览's figures)                      {ours:8.1f} ms   "
          f"ratio {ours / before:5.2f}   target < 1000 ms")  # fmt: skip
    print(f"subordinate_figures (下级对比)                     {below:8.1f} ms")
    emit(Figure("committee figures: 总览 office_stats", ours, before, "ms", "< 1000 ms",
                ours < 1000))  # fmt: skip


if __name__ == "__main__":
    main()
