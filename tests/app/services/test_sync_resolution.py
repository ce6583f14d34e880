"""Conflicts and pending rows settled by a person: kept, taken (owner only, through the normal
write path), acknowledged, discarded with a reason; every decision in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import InputError, NotFound
from app.models import AuditEntry, Estate, SyncPending
from app.services.sync_resolution import (
    drop_pending,
    list_conflicts,
    list_pending,
    resolve_conflict,
)
from tests.app.packages.conftest import (
    COMMUNITY_1,
    NOW,
    STREET_1,
    City,
    dump,
)
from tests.app.services.sync_fixtures import (
    clash_at_the_street,
    orphans_at_the_street,
    owners_conflict,
)


def test_a_conflict_shows_both_versions_and_who_owns_the_row(city: City) -> None:
    uuid = clash_at_the_street(city)
    with city.db(STREET_1).reader() as s:
        [conflict] = list_conflicts(s)
    assert conflict.row_uuid == uuid and not conflict.owned and conflict.origin == COMMUNITY_1
    households = {d.field: (d.current, d.kept) for d in conflict.differences}["households"]
    assert households[1] == 999 and households[0] != 999
    assert city.offices[COMMUNITY_1].name in conflict.sender


def test_taking_the_other_version_of_a_row_owned_below_is_refused_and_changes_nothing(
    city: City,
) -> None:
    clash_at_the_street(city)
    db = city.db(STREET_1)
    with db.reader() as s:
        [conflict] = list_conflicts(s)
    before = dump(db.path)
    with pytest.raises(InputError, match="只有该单位能修改它"), db.sessions.begin() as s:
        resolve_conflict(s, conflict.id, "incoming", now=NOW)
    assert dump(db.path) == before


def test_keeping_the_current_row_is_audited_and_settles_the_conflict_once(city: City) -> None:
    clash_at_the_street(city)
    db = city.db(STREET_1)
    with db.reader() as s:
        [conflict] = list_conflicts(s)
    with db.sessions.begin() as s:
        done = resolve_conflict(s, conflict.id, "current", now=NOW)
    assert done.resolution == "current" and done.resolved_by == "tester"
    with db.reader() as s:
        assert list_conflicts(s) == []
        assert [c.resolution_label for c in list_conflicts(s, include_resolved=True)] == [
            "保留当前"
        ]
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "resolve")).one()
        assert entry.actor == "tester" and entry.at == NOW
    with pytest.raises(InputError, match="已于"), db.sessions.begin() as s:
        resolve_conflict(s, conflict.id, "current", now=NOW)


def test_an_unknown_conflict_is_named(city: City) -> None:
    with pytest.raises(NotFound, match="冲突"), city.db(STREET_1).sessions.begin() as s:
        resolve_conflict(s, 404, "current", now=NOW)


def test_the_owner_takes_the_other_version_as_a_new_rev_that_travels_up(city: City) -> None:
    city.send_up(COMMUNITY_1)
    conflict_id, uuid = owners_conflict(city, 4321)
    db = city.db(COMMUNITY_1)
    with db.sessions.begin() as s:
        done = resolve_conflict(s, conflict_id, "incoming", now=NOW)
    assert done.owned and done.resolution == "incoming" and done.current_rev == 2
    with db.reader() as s:
        assert s.get(Estate, uuid).households == 4321
        edits = s.scalars(select(AuditEntry.action).where(AuditEntry.row_uuid == uuid))
        assert {"update", "resolve"} <= set(edits)
    report = city.send_up(COMMUNITY_1)
    assert report.tables["estate"].updated == 1
    with city.db(STREET_1).reader() as s:
        assert s.get(Estate, uuid).households == 4321


def test_an_old_version_never_overwrites_a_later_edit(city: City) -> None:
    conflict_id, uuid = owners_conflict(city, 4321)
    db = city.db(COMMUNITY_1)
    with db.sessions.begin() as s:
        s.get(Estate, uuid).households += 1
    with pytest.raises(InputError, match="又被修改过"), db.sessions.begin() as s:
        resolve_conflict(s, conflict_id, "incoming", now=NOW)


def test_a_pending_row_names_the_parent_it_waits_for(city: City) -> None:
    orphans_at_the_street(city)
    with city.db(STREET_1).reader() as s:
        pending = list_pending(s)
    assert pending and {p.table for p in pending} >= {"building"}
    building = next(p for p in pending if p.table == "building")
    assert building.parent_table == "estate" and building.parent_key
    assert "小区" in building.reason and building.parent_key in building.reason


def test_a_pending_row_is_dropped_only_with_a_reason_and_the_drop_is_audited(city: City) -> None:
    orphans_at_the_street(city)
    db = city.db(STREET_1)
    with db.reader() as s:
        first = list_pending(s)[0]
    before = dump(db.path)
    with pytest.raises(InputError, match="原因"), db.sessions.begin() as s:
        drop_pending(s, first.id, "  ", now=NOW)
    assert dump(db.path) == before
    with db.sessions.begin() as s:
        drop_pending(s, first.id, "小区已撤销", now=NOW)
    with db.reader() as s:
        assert s.get(SyncPending, first.id) is None
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "discard")).one()
        assert entry.row_uuid == first.row_uuid and "小区已撤销" in entry.changes
