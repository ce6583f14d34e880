"""The merge rule exists once (issue 13 item 6): both backends run merge_rule's checks and
steps, in its order, through their public import; neither keeps a copy of a step."""

from __future__ import annotations

import ast
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from sqlalchemy import select

from app.db.sync import INCLUDE_DELETED
from app.ids import new_uuid
from app.models import Building, Estate
from app.packages import merge, merge_pg, merge_rule
from app.packages.tables import SQLITE_DATETIME, TO_CHAR_DATETIME
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City, reseal

SHARED = ("checks", "owners", *(step.name for step in merge_rule.STEPS))


@pytest.fixture
def city(merging_city: City) -> City:
    """Every test here runs with the receiving office on SQLite and on PostgreSQL."""
    return merging_city


@contextmanager
def rule_calls() -> Iterator[list[str]]:
    """The names of merge_rule's shared functions as they are called, in order (a real
    import traced, nothing replaced)."""
    called: list[str] = []
    source = merge_rule.__file__

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        code = frame.f_code
        if event == "call" and code.co_filename == source and code.co_name in SHARED:
            called.append(code.co_name)

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield called
    finally:
        sys.setprofile(previous)


def test_both_backends_run_the_rules_steps_in_its_order(city: City) -> None:
    """Orphans first (held), then their parents (the waiting rows settled): every step runs,
    per table in `STEPS` order, whichever database receives."""
    with city.db(COMMUNITY_1).sessions.begin() as s:
        estate = Estate(community_code=COMMUNITY_1, name="规则小区", management_type="none")
        s.add(estate)
        s.flush()
        s.add(Building(estate_uuid=estate.uuid, name="1号楼", households=12))
    whole = city.export(COMMUNITY_1)

    def without_estates(con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM estate")

    orphans = reseal(city, whole, city.folder / "orphans.wypkg", without_estates)
    with rule_calls() as first:
        held = city.receive(STREET_1, orphans)
    with rule_calls() as second:
        city.receive(STREET_1, whole)
    assert held.tables["building"].pending > 0

    steps = [step.name for step in merge_rule.STEPS]
    assert set(first) == set(SHARED) - {"settle_waiting"}  # nothing waited yet
    assert set(second) == set(SHARED)
    for called in (first, second):
        assert all(t == [n for n in steps if n in t] for t in per_table(called))
    assert steps in per_table(second)  # the building table: every step
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(Building.name).where(Building.estate_uuid == estate.uuid)) == "1号楼"


def test_tombstones_take_their_seqs_in_uuid_order_on_either_backend(city: City) -> None:
    """SQLite once numbered a snapshot's tombstones in its scan order, PostgreSQL in uuid
    order; the rule now numbers them alike, so a relay sends them in the same order."""
    city.send_up(COMMUNITY_1)
    city.close(COMMUNITY_1)
    backup = city.folder / "backup.sqlite"
    shutil.copy(city.path(COMMUNITY_1), backup)
    later_first = sorted((new_uuid() for _ in range(3)), reverse=True)  # not insertion order
    with city.db(COMMUNITY_1).sessions.begin() as s:
        for uuid, name in zip(
            later_first, ("备份后新建甲", "备份后新建乙", "备份后新建丙"), strict=True
        ):
            s.add(Estate(uuid=uuid, community_code=COMMUNITY_1, name=name, management_type="none"))
    city.send_up(COMMUNITY_1)
    city.close(COMMUNITY_1)
    shutil.copy(backup, city.path(COMMUNITY_1))  # noticed when opened: a new db_id

    report = city.receive(STREET_1, city.export(COMMUNITY_1))
    assert report.tables["estate"].deleted == 3
    with city.db(STREET_1).reader() as s:
        gone = s.execute(
            select(Estate.uuid, Estate.seq)
            .where(Estate.name.startswith("备份后新建"))
            .execution_options(**{INCLUDE_DELETED: True})
            .order_by(Estate.seq)
        ).all()
    assert len(gone) == 3 and [u for u, _ in gone] == sorted(u for u, _ in gone)


def per_table(called: list[str]) -> list[list[str]]:
    """The steps run, split per table (each table's run starts with the first step)."""
    first = merge_rule.STEPS[0].name
    tables: list[list[str]] = []
    for name in called:
        if name == first:
            tables.append([])
        if tables and name in {step.name for step in merge_rule.STEPS}:
            tables[-1].append(name)
    return tables


def defined(module: Any) -> set[str]:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {n.name.lstrip("_") for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_no_backend_keeps_its_own_copy_of_a_step() -> None:
    """A step written again in one backend (under its old `_name`) would drift from the rule."""
    rule = {step.name for step in merge_rule.STEPS} | {"checks", "owners", "tombstone_missing"}
    for module in (merge, merge_pg):
        # tombstone_missing stays public in each backend, as a one-line call into the rule.
        assert defined(module) & rule <= {"tombstone_missing"}, module.__name__


def test_the_stored_date_time_format_is_spelled_for_postgresql_from_sqlites() -> None:
    assert SQLITE_DATETIME == "%Y-%m-%d %H:%M:%S.%f"
    assert TO_CHAR_DATETIME == "YYYY-MM-DD HH24:MI:SS.US"
