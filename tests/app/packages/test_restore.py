"""A community restored from a backup: its new edits reach the top, none silently lost, and
the equal-rev clashes with what it had sent before the restore are flagged."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select

from app.models import Estate, SyncConflict
from app.services.sync_resolution import list_conflicts
from tests.app.packages.conftest import (
    CITY,
    COMMUNITY_1,
    DISTRICT,
    STREET_1,
    City,
)

ON_SERVER = (CITY,)  # the city aggregate on PostgreSQL decides the clash as the files do


@pytest.fixture
def city(merging_city: City) -> City:
    """Runs with the city on SQLite and on PostgreSQL."""
    return merging_city


def first_estate(city: City, code: str) -> str:
    with city.db(code).reader() as s:
        return s.scalars(select(Estate.uuid).order_by(Estate.uuid)).first()


def set_households(city: City, code: str, uuid: str, value: int) -> None:
    with city.db(code).sessions.begin() as s:
        s.get(Estate, uuid).households = value


def relay_to_the_top(city: City) -> None:
    for code in (COMMUNITY_1, STREET_1, DISTRICT):
        city.send_up(code)


def test_a_restored_offices_new_edits_reach_the_city_and_clashes_are_flagged(
    city: City,
) -> None:
    city.pass_all_up()
    uuid = first_estate(city, COMMUNITY_1)
    city.close(COMMUNITY_1)
    backup = city.folder / "backup.sqlite"
    shutil.copy(city.path(COMMUNITY_1), backup)

    set_households(city, COMMUNITY_1, uuid, 111)  # rev 2, sent up before the disk fails
    relay_to_the_top(city)

    city.close(COMMUNITY_1)
    shutil.copy(backup, city.path(COMMUNITY_1))
    for suffix in ("-wal", "-shm"):
        city.path(COMMUNITY_1).with_name(city.path(COMMUNITY_1).name + suffix).unlink(
            missing_ok=True
        )
    restored = city.db(COMMUNITY_1)  # its seq is below the office's mark: a new db_id
    set_households(city, COMMUNITY_1, uuid, 222)  # rev 2 again, other content
    with restored.sessions.begin() as s:
        s.add(Estate(community_code=COMMUNITY_1, name="恢复后新建小区", management_type="none"))

    package = city.export(COMMUNITY_1)
    report = city.receive(STREET_1, package)
    assert report.kind == "snapshot"
    assert report.tables["estate"].conflict == 1 and report.tables["estate"].inserted == 1
    city.acknowledge(STREET_1, COMMUNITY_1, package, report)
    city.send_up(STREET_1)
    city.send_up(DISTRICT)

    for code in (STREET_1, DISTRICT, CITY):
        with city.db(code).reader() as s:
            assert s.get(Estate, uuid).households == 222, code
            assert s.scalars(select(Estate).where(Estate.name == "恢复后新建小区")).first()
            conflict = s.scalars(select(SyncConflict).where(SyncConflict.row_uuid == uuid)).one()
            assert json.loads(conflict.loser_json)["households"] == 111, code

    with city.db(CITY).reader() as s:  # the kept version reads alike on either backend
        [view] = [v for v in list_conflicts(s) if v.row_uuid == uuid]
        assert [(d.field, d.current, d.kept) for d in view.differences] == [
            ("households", 222, 111)
        ]
