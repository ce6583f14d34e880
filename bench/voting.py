"""Owners' decisions (issue 15): an estate of 20,000 units (co-owners, multi-unit buyers,
developer stock) and 19,000 ballots. (a) the whole tally of a matter, both dimensions, with
the head count of DOMAIN.md §1, repeated; (a') the first tally right after one unit's area
is written, in a process that has counted the matter before (the window: it keeps the
matter's tally and re-derives only the changed unit's owner group, app/services/
voting_count.py); (b) one ballot's entry (its own transaction, checks, audit)
with the live tally refreshed. Each beside a plain SQL aggregate (count and area summed by
choice, no head count) on the same file in the same run.

    .venv/bin/python bench/voting.py [--units N] [--ballots M] [--entries K] [--repeat R]

Targets: tally < 100 ms, entry with refresh < 20 ms.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import Figure, emit  # noqa: E402
from timing import median_ms  # noqa: E402

TODAY = date(2026, 11, 25)
AGGREGATE = (
    "SELECT b.choices, count(*), sum(u.area_dm2) FROM ballot b"
    " JOIN housing_unit u ON u.uuid = b.unit_uuid WHERE b.matter_uuid = ? AND b.deleted = 0"
    " GROUP BY b.choices"
)


def build(path: Path, units: int, ballots: int) -> tuple[str, list[tuple[str, str]]]:
    """The estate, its register and one matter with `ballots` ballots; returns the matter
    and the (building, room) of units not yet voted."""
    from sqlalchemy import insert

    from app.db import open_database
    from app.models import Ballot, Building, HousingUnit, UnitOwner
    from app.services.estates import EstateIn, create_estate
    from app.services.offices import add_org, init_office
    from app.services.voting import ItemIn, MatterIn, create_matter

    rng = random.Random(15)
    db = open_database(path, actor="bench")
    with db.sessions.begin() as s:
        init_office(s, code="340603010000", name="曲阳街道", level="street")
        add_org(s, code="340603010001", name="桓谭社区", level="community",
                parent_code="340603010000")  # fmt: skip
        place = EstateIn(community_code="340603010001", name="万户花园", households=units)
        estate = create_estate(s, place, today=TODAY)
        per_building = 200
        buildings = []
        for b in range(units // per_building):
            building = Building(estate_uuid=estate, name=f"{b + 1}号楼")
            s.add(building)
            buildings.append(building)
        s.flush()
        rows, owners, where = [], [], []
        for i in range(units):
            building = buildings[i // per_building]
            room = f"{(i % per_building) // 4 + 1}{i % 4 + 1:02d}"
            uuid = f"u{i:07d}"
            developer = i % 97 == 0
            rows.append({"uuid": uuid, "building_uuid": building.uuid, "room": room,
                         "area_dm2": rng.randint(5000, 15000), "area_source": "register",
                         "is_parking": False, "developer_unsold": developer})  # fmt: skip
            where.append((building.name, room))
            if developer:
                continue
            holder = i - 1 if i % 50 == 1 else i  # every 50th buyer owns two units
            owners.append({"unit_uuid": uuid, "owner_name": f"业主{holder}",
                           "legal_person": False, "id_number": f"K{holder:017d}", "phone": "",
                           "sort_order": 0})  # fmt: skip
            if i % 10 == 0:  # co-owners
                owners.append({"unit_uuid": uuid, "owner_name": f"共有人{i}",
                               "legal_person": False, "id_number": f"C{i:017d}", "phone": "",
                               "sort_order": 1})  # fmt: skip
        s.execute(insert(HousingUnit), rows)
        s.execute(insert(UnitOwner), owners)
        matter = create_matter(s, MatterIn(estate, "续聘物业", [ItemIn("续聘")]))
        voted = rng.sample(range(units), ballots)
        codes = ["yes"] * 6 + ["no"] * 2 + ["abstain", "void"]
        s.execute(insert(Ballot), [
            {"matter_uuid": matter, "unit_uuid": f"u{i:07d}", "number": str(i),
             "voter_kind": "owner", "voter_name": "", "proxy_ref": "", "void_reason": "",
             "choices": rng.choice(codes), "source": "paper", "corrections": 0}
            for i in voted
        ])  # fmt: skip
    db.close()
    open_units = sorted(set(range(units)) - set(voted))
    return matter, [where[i] for i in open_units]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--ballots", type=int, default=19_000)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from app.db import open_database
    from app.rules.voting_tally import Choice
    from app.services.voting import BallotIn, live_tally, record_ballot, tally

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "voting.sqlite"
        matter, open_units = build(path, args.units, args.ballots)
        db = open_database(path, actor="bench")
        con = sqlite3.connect(path)

        def whole() -> object:
            with db.reader() as s:
                return tally(s, matter)

        def aggregate() -> object:
            return con.execute(AGGREGATE, (matter,)).fetchall()

        from app.models import HousingUnit

        def after_change() -> float:
            """One unit's area written through the ORM (seq, audit), then the tally timed."""
            with db.sessions.begin() as s:
                unit = s.get(HousingUnit, "u0000001")
                assert unit is not None
                unit.area_dm2 += 1
            start = time.perf_counter()
            whole()
            return (time.perf_counter() - start) * 1000

        whole()  # a one-shot count (the CLI's): set-based
        whole()  # counted again (the window): the process keeps the matter's tally from here
        first = statistics.median(after_change() for _ in range(args.repeat))
        counted = whole()
        ours = median_ms(whole, args.repeat)
        base = median_ms(aggregate, args.repeat)
        with db.reader() as s:
            live = live_tally(s, matter)
        assert live.items() == list(counted.items), "the live tally is the recount"

        entries = open_units[: args.entries]
        times = []
        for building, room in entries:
            start = time.perf_counter()
            with db.sessions.begin() as s:
                out = record_ballot(s, BallotIn(matter, building, room, [Choice.YES]))
            live.set(out.unit_uuid, out.choices)
            live.items()
            times.append((time.perf_counter() - start) * 1000)
        entry = statistics.median(times)
        entry_base = median_ms(aggregate, args.repeat)
        with db.reader() as s:
            assert live.items() == list(tally(s, matter).items), "entries kept the tally exact"
        con.close()
        db.close()

    t = counted.items[0]
    print(f"units: {args.units}, ballots: {args.ballots}; base {t.total.text()}, "
          f"participating {t.participating.text()}")  # fmt: skip
    print(f"(a) whole tally: {ours:8.1f} ms; plain SQL aggregate (baseline): {base:8.1f} ms; "
          f"ratio {ours / base:.2f}")  # fmt: skip
    print(f"    the same just after a register change (one unit's area written): {first:8.1f} ms; "
          f"ratio {first / base:.2f}")  # fmt: skip
    print(f"(b) one ballot's entry with live tally refresh (median of {len(times)}): "
          f"{entry:8.1f} ms; plain SQL aggregate (baseline): {entry_base:8.1f} ms; "
          f"ratio {entry / entry_base:.2f}")  # fmt: skip
    units = f"{args.units:,} units"  # the size run: `--quick` runs 4,000
    emit(Figure(f"voting (a) whole tally, {units}", ours, base, "ms", "< 100 ms", ours < 100))
    emit(Figure(f"voting (a') tally after a register change, {units}", first, base, "ms",
                "< 100 ms", first < 100))  # fmt: skip
    emit(Figure("voting (b) ballot entry with live tally", entry, entry_base, "ms", "< 20 ms",
                entry < 20))  # fmt: skip


if __name__ == "__main__":
    main()
