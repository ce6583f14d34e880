"""Casework benchmark (issue 5): with 1,000,000 problems and complaints, the overdue-by-unit
overview and a filtered problem list's first page through the services, each beside a plain
SQL query of the same result measured in the same run.

    .venv/bin/python bench/casework.py [--problems N] [--complaints N] [--repeat K]

Targets: the whole overview panel < 150 ms (issue 18), the other queries < 200 ms, a search's
first page < 30 ms for a common and a rare word in problems and in complaints. The data is
built once into the benchmarks' cache (bench/data_cache.py) and reused.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import casework_data  # noqa: E402
from report import Figure, emit  # noqa: E402
from timing import median_ms  # noqa: E402

OPEN = "('pending', 'in_progress')"


def row(name: str, ours: float, base: float, base_name: str, target: str) -> None:
    """`target`: "< N ms"."""
    print(f"{name:<40} {ours:8.1f} ms   {base_name:<30} {base:7.1f} ms   "
          f"ratio {ours / base:6.2f}   target {target}")  # fmt: skip
    met = ours < float(target.split()[1])
    emit(Figure(f"casework {name}, {SIZE[0]}", ours, base, "ms", target, met))


SIZE = [""]  # the size this run measures, in every figure's name (`--quick` runs smaller)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=600_000)
    parser.add_argument("--complaints", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    # Named by size and by what built it, schema included (bench/data_cache.py).
    path = casework_data.cached_path(args.problems, args.complaints)
    started = time.perf_counter()
    casework_data.build(path, args.problems, args.complaints)
    built = time.perf_counter() - started
    con = sqlite3.connect(path)
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("problem", "complaint", "task")]  # fmt: skip
    print(f"database {path.name} ({built:.1f} s to build or find): {counts[0]:,} problems, "
          f"{counts[1]:,} complaints, {counts[2]:,} tasks\n")  # fmt: skip
    SIZE[0] = f"{counts[0]:,} problems, {counts[1]:,} complaints"

    from app.db import open_database
    from app.services.casework import casework_overview, overdue_by_unit
    from app.services.holidays import work_calendar
    from app.services.listing import ListQuery
    from app.services.problems import PROBLEMS

    today = casework_data.TODAY
    db = open_database(path, actor="bench")
    day = today.isoformat()

    # (a) overdue by responsible unit (problems and tasks), most first.
    def ours_units() -> object:
        with db.reader() as s:
            return overdue_by_unit(s, today)

    plain_units = (
        "SELECT unit, sum(p), sum(t) FROM ("
        f" SELECT responsible_unit AS unit, count(*) AS p, 0 AS t FROM problem"
        f" WHERE deleted = 0 AND status IN {OPEN} AND deadline < ? GROUP BY responsible_unit"
        " UNION ALL SELECT to_unit, 0, count(*) FROM task"
        " WHERE deleted = 0 AND status = 'open' AND deadline < ? GROUP BY to_unit)"
        " GROUP BY unit ORDER BY sum(p) + sum(t) DESC, unit"
    )
    ours = ours_units()
    base = con.execute(plain_units, (day, day)).fetchall()
    assert [(u.unit, u.problems, u.tasks) for u in ours] == base, "results differ"  # type: ignore[attr-defined]
    row("(a) overdue by unit (service)", median_ms(ours_units, args.repeat),
        median_ms(lambda: con.execute(plain_units, (day, day)).fetchall(), args.repeat),
        "plain SQL GROUP BY", "< 200 ms")  # fmt: skip

    # (a') the whole overview panel: counts by status, closure, due soon, complaints, units.
    def ours_overview() -> object:
        with db.reader() as s:
            return casework_overview(s, today, work_calendar(s))

    def plain_overview() -> object:
        return (
            con.execute("SELECT status, count(*) FROM problem WHERE deleted = 0 GROUP BY status")
            .fetchall(),
            con.execute(f"SELECT count(*) FROM problem WHERE deleted = 0 AND status IN {OPEN}"
                        " AND deadline >= ? AND deadline < '2026-11-30'", (day,)).fetchall(),
            con.execute("SELECT count(*) FROM complaint WHERE deleted = 0 AND closed_at IS NULL")
            .fetchall(),
            con.execute(plain_units, (day, day)).fetchall(),
        )  # fmt: skip

    ours_overview()
    ours_ms = median_ms(ours_overview, args.repeat)
    base_ms = median_ms(plain_overview, args.repeat)
    row("(a') whole overview panel (service)", ours_ms, base_ms, "plain SQL, same 4 queries",
        "< 150 ms")  # fmt: skip

    # (b) filtered list, first page of 200: overdue problems, soonest deadline first.
    plain_page = (
        "SELECT p.uuid, p.deadline, p.status, p.description, p.responsible_unit, e.name, o.name,"
        " p.source, p.category, p.found_on FROM problem p"
        " LEFT JOIN estate e ON e.uuid = p.estate_uuid JOIN org o ON o.code = p.community_code"
        f" WHERE p.deleted = 0 AND p.status IN {OPEN} AND p.deadline < ? {{where}}"
        " ORDER BY p.deadline, p.uuid LIMIT 200"
    )
    unit = casework_data.unit_name(7)
    for label, filters, where, params in (
        ("overdue", (("overdue_on", today),), "", (day,)),
        ("overdue + unit", (("overdue_on", today), ("responsible_unit", unit)),
         "AND p.responsible_unit = ?", (day, unit)),
    ):  # fmt: skip
        query = ListQuery(filters=filters)

        def ours_page(query: ListQuery = query) -> object:
            with db.reader() as s:
                return PROBLEMS.page(s, query, limit=200)

        sql = plain_page.format(where=where)
        assert [r.uuid for r in ours_page()] == [  # type: ignore[attr-defined]
            r[0] for r in con.execute(sql, params).fetchall()
        ], "results differ"
        row(f"(b) list first page: {label}", median_ms(ours_page, args.repeat),
            median_ms(lambda sql=sql, params=params: con.execute(sql, params).fetchall(),
                      args.repeat), "plain SQL first page", "< 200 ms")  # fmt: skip

    # (c) a search's first page, soonest first: a word in every row, and a rare one.
    from app.services.complaints import COMPLAINTS

    for listing, table, columns, sort, words in (
        (PROBLEMS, "problem", ("description", "responsible_unit", "measures"), "deadline",
         ("问题描述", "问题描述99999")),
        (COMPLAINTS, "complaint", ("content", "outcome"), "received_at",
         ("投诉内容", "投诉内容99999")),
    ):  # fmt: skip
        like_sql = (
            f"SELECT uuid, {sort} FROM {table} WHERE deleted = 0 AND ("
            + " OR ".join(f"{c} LIKE ?" for c in columns)
            + f") ORDER BY {sort}, uuid LIMIT 200"
        )
        for label, word in zip(("common", "rare"), words, strict=True):
            query = ListQuery(text=word, sort_key=sort)

            def ours_search(listing=listing, query=query) -> object:  # type: ignore[no-untyped-def]
                with db.reader() as s:
                    return listing.page(s, query, limit=200)

            params = [f"%{word}%"] * len(columns)

            def plain_search(like_sql=like_sql, params=params) -> object:  # type: ignore[no-untyped-def]
                return con.execute(like_sql, params).fetchall()

            ours_search()
            row(f"(c) {table} search “{word}” ({label})", median_ms(ours_search, args.repeat),
                median_ms(plain_search, max(1, args.repeat // 3)), "plain SQL LIKE first page",
                "< 30 ms")  # fmt: skip
    db.close()


if __name__ == "__main__":
    main()
