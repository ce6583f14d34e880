"""Build (once) the benchmark database: 100,000 estates and 500,000 committee members.

Rows are written set-wise with sqlite3, the way a package import will write them, with every
sync column filled; the ORM path would take minutes and measure nothing we care about here.
"""

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

from app.db import open_database  # noqa: E402
from app.rules.pinyin import pinyin_key  # noqa: E402
from app.services.demo import ESTATE_HEADS, ESTATE_TAILS, ROADS  # noqa: E402
from app.services.offices import add_org, init_office  # noqa: E402

STREET = "340603010000"
COMMUNITIES = 180
NOW = datetime(2026, 11, 25, 1, 0, tzinfo=UTC).replace(tzinfo=None).isoformat(" ")


def cached_path(estates: int) -> Path:
    """The database of `estates` estates in the benchmarks' cache (bench/data_cache.py), keyed
    by this file and the app modules whose content it copies."""
    sources = (Path(__file__), app_source("app/services/demo.py"),
               app_source("app/rules/pinyin.py"))  # fmt: skip
    return cached(f"ledger-{estates // 1000}k", *sources, suffix=".sqlite")


def build(path: Path, estates: int = 100_000, members_per: int = 5) -> Path:
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

    rng = random.Random(7)
    con = sqlite3.connect(partial)
    seq = con.execute("SELECT value FROM seq_counter").fetchone()[0]

    def next_seq() -> int:
        nonlocal seq
        seq += 1
        return seq

    types = ["professional", "community", "employer", "residents", "none"]
    estate_rows, committee_rows, member_rows = [], [], []
    for n in range(estates):
        e_uuid = str(uuid.UUID(int=rng.getrandbits(128)))
        name = f"{rng.choice(ESTATE_HEADS)}{rng.choice(ESTATE_TAILS)}{n}"
        estate_rows.append((
            e_uuid, "340603010000", 1, NOW, 0, next_seq(), f"340603010{1 + n % COMMUNITIES:03d}",
            name, pinyin_key(name), f"淮北市相山区{rng.choice(ROADS)}{rng.randrange(1, 999)}号",
            rng.choice(types), rng.randrange(1985, 2022), rng.randrange(10**6, 10**7),
            rng.randrange(50, 2000), rng.randrange(1, 30), 0, 0, 0, 0, 0, 0, 0, "", None, 1,
        ))  # fmt: skip
        c_uuid = str(uuid.UUID(int=rng.getrandbits(128)))
        end = date(2026, 11, 25) + timedelta(days=rng.randrange(-200, 1500))
        committee_rows.append((
            c_uuid, "340603010000", 1, NOW, 0, next_seq(), e_uuid, "owners", 1,
            (end - timedelta(days=1825)).isoformat(), (end - timedelta(days=1822)).isoformat(),
            end.isoformat(), (end - timedelta(days=1805)).isoformat(), "active",
        ))  # fmt: skip
        for k in range(members_per):
            member_rows.append((
                str(uuid.UUID(int=rng.getrandbits(128))), "340603010000", 1, NOW, 0, next_seq(),
                c_uuid, f"委员{k}", "chair" if k == 0 else "member", rng.random() < 0.55,
                "", "", k,
            ))  # fmt: skip
    with con:
        con.executemany(
            "INSERT INTO estate (uuid, origin, rev, updated_at, deleted, seq, community_code, "
            "name, name_key, address, management_type, built_year, floor_area_dm2, households, "
            "building_count, is_old, is_resettlement, is_affordable, elevators, parking_spaces, "
            "ev_chargers, has_management_room, service_grade, fee_fen_per_m2_month, "
            "committee_required) VALUES (" + ",".join("?" * 25) + ")",
            estate_rows,
        )
        con.executemany(
            "INSERT INTO committee (uuid, origin, rev, updated_at, deleted, seq, estate_uuid, "
            "kind, term_number, elected_on, term_start, term_end, filed_on, status) VALUES ("
            + ",".join("?" * 14)
            + ")",
            committee_rows,
        )
        con.executemany(
            "INSERT INTO committee_member (uuid, origin, rev, updated_at, deleted, seq, "
            "committee_uuid, name, role, party_member, phone, id_number, sort_order) VALUES ("
            + ",".join("?" * 13)
            + ")",
            member_rows,
        )
        con.execute("UPDATE seq_counter SET value = ?", (seq,))
    con.execute("ANALYZE")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path
