"""Completeness benchmark (issue 6, submissions): the city's first screen over 2,000
communities (5 districts × 20 streets × 20 communities), each with a report for the period and
half of them reviewed, through `completeness()`, beside a plain SQL read of the same
submissions and reviews measured in the same run.

    .venv/bin/python bench/completeness.py [--repeat K]

No target is set in the issue; the city's first screen should open within a second.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from data_cache import cached
from report import Figure, emit
from timing import median_ms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DISTRICTS, STREETS, COMMUNITIES = 5, 20, 20
TODAY = date(2026, 12, 9)


def build(path: Path) -> int:
    from sqlalchemy import insert

    from app.db import open_database
    from app.models import Org, Submission, SubmissionReview
    from app.services.offices import init_office

    db = open_database(path, actor="bench")
    orgs, reports, reviews = [], [], []
    for d in range(1, DISTRICTS + 1):
        d_code = f"3406{d:02d}000000"
        orgs.append({"code": d_code, "name": f"区{d}", "level": "district",
                     "parent_code": "340600000000", "origin": d_code})  # fmt: skip
        for s in range(1, STREETS + 1):
            s_code = f"{d_code[:6]}{s:03d}000"
            orgs.append({"code": s_code, "name": f"街道{d}-{s}", "level": "street",
                         "parent_code": d_code, "origin": s_code})  # fmt: skip
            for c in range(1, COMMUNITIES + 1):
                c_code = f"{s_code[:9]}{c:03d}"
                orgs.append({"code": c_code, "name": f"社区{d}-{s}-{c}", "level": "community",
                             "parent_code": s_code, "origin": c_code})  # fmt: skip
                uuid = f"00000000-0000-7000-8000-{len(reports):012d}"
                reports.append({"uuid": uuid, "origin": c_code, "period": "2026-11",
                                "kind": "monthly", "status": "submitted", "round": 1,
                                "figures": '{"estates": 50}', "note": "", "review_reason": "",
                                "submitted_at": datetime(2026, 12, 1 + c % 9, 9, 0),
                                "deadline": date(2026, 12, 7)})  # fmt: skip
                if c % 2:
                    reviews.append({"submission_uuid": uuid, "round": 1, "action": "accept",
                                    "reason": "", "reviewer": "街道", "origin": s_code,
                                    "at": datetime(2026, 12, 8, 9, 0)})  # fmt: skip
    with db.sessions.begin() as s:
        init_office(s, code="340600000000", name="淮北市", level="city")
        s.execute(insert(Org), orgs)
        s.execute(insert(Submission), reports)
        s.execute(insert(SubmissionReview), reviews)
    db.close()
    return len(reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from app.db import open_database
    from app.services.completeness import completeness

    # Built once into the benchmarks' cache (bench/data_cache.py): only read here.
    path = cached("completeness-city", Path(__file__), suffix=".sqlite")
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
        build(partial)
        partial.rename(path)
    with closing(sqlite3.connect(path)) as con:
        n = con.execute("SELECT count(*) FROM submission WHERE period = '2026-11'").fetchone()[0]
    db = open_database(path, actor="bench")
    with db.reader() as s:
        report = completeness(s, "2026-11", "monthly", today=TODAY)
        assert report.expected == n and report.received == n, report.as_dict()["timeliness"]

        def ours() -> object:
            return completeness(s, "2026-11", "monthly", today=TODAY)

        ms = median_ms(ours, args.repeat)
    con = sqlite3.connect(path)

    def plain() -> object:
        return (
            con.execute("SELECT * FROM submission WHERE period = '2026-11'").fetchall(),
            con.execute("SELECT * FROM submission_review").fetchall(),
            con.execute("SELECT code, name, level, parent_code FROM org").fetchall(),
        )

    base = median_ms(plain, args.repeat)
    con.close()
    db.close()
    emit(Figure(f"completeness: city of {n} communities", ms, base, "ms", "< 1000 ms",
                ms < 1000))  # fmt: skip
    print(f"completeness, city of {n} communities   {ms:8.1f} ms   "
          f"plain SQL read of the same rows {base:7.1f} ms   ratio {ms / base:6.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
