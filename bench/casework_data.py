"""Build (once) the casework benchmark database: 600,000 problems and 400,000 complaints
(1,000,000 together), 20,000 督办 tasks, over 180 communities and 10,000 estates.

Rows are written set-wise with sqlite3 with every sync column filled, as a package import will
write them; the ORM path would take many minutes and measure nothing we care about here."""

from __future__ import annotations

import random
import sqlite3
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data_cache import app_source, cached  # noqa: E402

from app.db import open_database, problem_tally, text_index  # noqa: E402
from app.db.text_index import TEXT_INDEXES  # noqa: E402
from app.services.offices import add_org, init_office  # noqa: E402

STREET = "340603010000"
COMMUNITIES = 180
UNITS = 300
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 1, 0, tzinfo=UTC).replace(tzinfo=None).isoformat(" ")
STATUSES = ["pending"] * 15 + ["in_progress"] * 20 + ["rectified"] * 15 + ["closed"] * 50
SOURCES = ["inspection", "complaint", "survey", "hotline", "supervision", "meeting"]
CATEGORIES = ["environment", "facilities", "safety", "fees", "service", "disclosure", "other"]


def without_derived_tables(con: sqlite3.Connection) -> None:
    """Drop the text indexes and the problem tally with their triggers (migration 0011) for a
    bulk load; `with_derived_tables` makes them again from the rows, as the migration does."""
    with con:
        for statement in problem_tally.drop_sql():
            con.execute(statement)
        for table in TEXT_INDEXES:
            for statement in text_index.drop_sql(table):
                con.execute(statement)


def with_derived_tables(con: sqlite3.Connection) -> None:
    with con:
        for table, columns in TEXT_INDEXES.items():
            for statement in text_index.create_sql(table, columns):
                con.execute(statement)
        for statement in problem_tally.create_sql():
            con.execute(statement)


def unit_name(n: int) -> str:
    return f"责任单位{n:03d}物业服务有限公司"


def cached_path(problems: int, complaints: int) -> Path:
    """The database of that size in the benchmarks' cache (bench/data_cache.py), keyed by this
    file and the derived tables' SQL it makes again."""
    size = f"{(problems + complaints) // 1000}k".replace("1000k", "1m")
    sources = (Path(__file__), app_source("app/db/problem_tally.py"),
               app_source("app/db/text_index.py"))  # fmt: skip
    return cached(f"casework-{size}-{problems // 1000}k", *sources, suffix=".sqlite")


def build(path: Path, problems: int = 600_000, complaints: int = 400_000) -> Path:
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    database = open_database(partial, actor="bench")
    with database.sessions.begin() as s:
        init_office(s, code=STREET, name="曲阳街道", level="street")
        for i in range(1, COMMUNITIES + 1):
            add_org(s, code=f"340603010{i:03d}", name=f"第{i}社区", level="community",
                    parent_code=STREET)  # fmt: skip
    database.close()

    rng = random.Random(11)
    con = sqlite3.connect(partial)
    seq = con.execute("SELECT value FROM seq_counter").fetchone()[0]
    without_derived_tables(con)  # made again in one pass at the end: 3× quicker than triggers

    def sync_columns() -> tuple[str, str, int, str, int, int]:
        nonlocal seq
        seq += 1
        return (str(uuid.UUID(int=rng.getrandbits(128))), STREET, 1, NOW, 0, seq)

    estates = []
    for n in range(10_000):
        row = sync_columns()
        estates.append((*row, f"340603010{1 + n % COMMUNITIES:03d}", f"小区{n}", "", "none", 0))
    with con:
        con.executemany(
            "INSERT INTO estate (uuid, origin, rev, updated_at, deleted, seq, community_code, "
            "name, address, management_type, households, building_count, is_old, "
            "is_resettlement, is_affordable, elevators, parking_spaces, ev_chargers, "
            "has_management_room, service_grade, committee_required) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,0,0,0,0,0,0,0,0,'',1)",
            estates,
        )

    def problem_rows():  # type: ignore[no-untyped-def]
        for _ in range(problems):
            estate = rng.choice(estates)
            found = TODAY - timedelta(days=rng.randrange(0, 1000))
            deadline = found + timedelta(days=rng.choice([7, 15, 30, 60, 90]))
            status = rng.choice(STATUSES)
            closed = (deadline - timedelta(days=rng.randrange(0, 5))).isoformat() if (
                status == "closed") else None  # fmt: skip
            yield (
                *sync_columns(), rng.choice(SOURCES), rng.choice(CATEGORIES), estate[6],
                estate[0], f"问题描述{rng.randrange(10**6)}", found.isoformat(),
                unit_name(rng.randrange(UNITS)), "", deadline.isoformat(), "", status,
                "佐证" if status == "closed" else "", 0, None, closed, "",
            )  # fmt: skip

    def complaint_rows():  # type: ignore[no-untyped-def]
        for _ in range(complaints):
            estate = rng.choice(estates)
            received = datetime(2026, 11, 25, 9) - timedelta(hours=rng.randrange(0, 24_000))
            closed = received + timedelta(days=3) if rng.random() < 0.9 else None
            yield (
                *sync_columns(), "phone", "", "", estate[6], estate[0], None,
                rng.choice(CATEGORIES), f"投诉内容{rng.randrange(10**6)}",
                received.isoformat(" "), None, closed.isoformat(" ") if closed else None, "",
                None, "",
            )  # fmt: skip

    def task_rows():  # type: ignore[no-untyped-def]
        for _ in range(20_000):
            issued = TODAY - timedelta(days=rng.randrange(0, 700))
            deadline = issued + timedelta(days=7)
            done = rng.random() < 0.85
            yield (
                *sync_columns(), f"督办事项{rng.randrange(10**6)}", "曲阳街道",
                unit_name(rng.randrange(UNITS)), issued.isoformat(), deadline.isoformat(),
                deadline.isoformat() if done else None, None, "done" if done else "open", None,
            )  # fmt: skip

    with con:
        con.executemany(
            "INSERT INTO problem (uuid, origin, rev, updated_at, deleted, seq, source, category, "
            "community_code, estate_uuid, description, found_on, responsible_unit, "
            "responsible_person, deadline, measures, status, evidence, public, rectified_on, "
            "closed_on, reopen_reason) VALUES (" + ",".join("?" * 22) + ")",
            problem_rows(),
        )
        con.executemany(
            "INSERT INTO complaint (uuid, origin, rev, updated_at, deleted, seq, channel, "
            "complainant_name, complainant_phone, community_code, estate_uuid, company_uuid, "
            "category, content, received_at, first_response_at, closed_at, outcome, "
            "callback_on, satisfaction) VALUES (" + ",".join("?" * 20) + ")",
            complaint_rows(),
        )
        con.executemany(
            "INSERT INTO task (uuid, origin, rev, updated_at, deleted, seq, title, from_unit, "
            "to_unit, issued_on, deadline, done_on, feedback_on, status, problem_uuid) VALUES ("
            + ",".join("?" * 15)
            + ")",
            task_rows(),
        )
        con.execute("UPDATE seq_counter SET value = ?", (seq,))
    with_derived_tables(con)
    con.execute("ANALYZE")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path
