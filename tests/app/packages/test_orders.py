"""Packages commute: any order of the same packages gives the same database."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import open_database
from app.models import Building, Committee, Estate, SyncPending
from app.packages.importer import import_package
from tests.app.packages.conftest import COMMUNITY_1, NOW, STREET_1, City, copier, table_rows


def make_ten_deltas_and_a_snapshot(city: City) -> list[Path]:
    """Each delta acknowledged before the next, so each holds only its own changes; later
    deltas hold children of rows made in earlier ones, so early orders leave rows pending."""
    community = city.db(COMMUNITY_1)
    packages = []
    uuids: list[str] = []
    for step in range(10):
        with community.sessions.begin() as s:
            estates = list(s.scalars(select(Estate).order_by(Estate.uuid)))
            if step in (0, 4):
                new = Estate(community_code=COMMUNITY_1, name=f"新建小区{step}",
                             management_type="professional", households=100 + step)  # fmt: skip
                s.add(new)
                s.flush()
                uuids.append(new.uuid)
            elif step in (1, 5, 7):
                s.add(Building(estate_uuid=uuids[-1], name=f"{step}号楼", households=step))
            elif step in (2, 6):
                s.get(Estate, uuids[0]).households += 10
            elif step == 3:
                s.add(Committee(estate_uuid=uuids[0], term_number=1))
            elif step == 8:
                victim = s.scalars(select(Building).where(Building.estate_uuid == uuids[0])).first()
                s.delete(victim)
            else:
                estates[0].address = "淮北市相山区人民路1号"
        packages.append(city.export(COMMUNITY_1))
        report = city.receive(STREET_1, packages[-1])
        city.acknowledge(STREET_1, COMMUNITY_1, packages[-1], report)
    packages.append(city.export(COMMUNITY_1, snapshot=True))
    return packages


def test_twenty_orders_of_ten_deltas_and_a_snapshot_give_one_database(
    merging_city: City, request: pytest.FixtureRequest
) -> None:
    city = merging_city
    city.close(STREET_1)
    copy = copier(city, request)
    start = copy(city.target(STREET_1))
    packages = make_ten_deltas_and_a_snapshot(city)
    expected = city.rows(STREET_1)
    city.close()
    assert expected["building"] and expected["committee"]
    rng = random.Random(6)
    for attempt in range(20):
        order = packages[:]
        rng.shuffle(order)
        db = open_database(copy(start))
        try:
            for package in order:
                import_package(db, package, now=NOW)
            with db.reader() as s:
                assert s.scalars(select(SyncPending)).first() is None
            assert table_rows(db) == expected, f"order {attempt}"
        finally:
            db.close()
