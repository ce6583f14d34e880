"""The merge rule's other outcomes: rows another office owns, duplicate natural keys, rows
waiting for their parent, stale revs."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Building, Estate, Org, PropertyCompany, SyncPending
from app.packages.importer import import_package
from app.packages.refusal import Refused
from app.progress import Cancelled
from app.services.offices import add_org
from tests.app.packages.conftest import (
    COMMUNITY_1,
    COMMUNITY_2,
    COMMUNITY_3,
    NOW,
    STREET_1,
    City,
    reseal,
)


@pytest.fixture
def city(merging_city: City) -> City:
    """Every test here runs with the receiving offices on SQLite and on PostgreSQL."""
    return merging_city


def test_rows_of_an_office_outside_the_senders_subtree_are_rejected(city: City) -> None:
    package = city.export(COMMUNITY_1)

    def claim_elsewhere(con: sqlite3.Connection) -> None:
        first = con.execute("SELECT min(uuid) FROM estate").fetchone()[0]
        con.execute("UPDATE estate SET origin = ? WHERE uuid = ?", (COMMUNITY_3, first))

    report = city.receive(STREET_1, reseal(city, package, city.folder / "x.wypkg", claim_elsewhere))
    estates = report.tables["estate"]
    assert estates.rejected == 1 and estates.inserted >= 1
    [error] = [e for e in report.errors if e.table == "estate"]
    assert (error.code, error.field, error.count) == ("not_owner", "origin", 1)
    assert "不属于发送单位" in report.summary()


def test_a_natural_key_held_under_another_uuid_is_a_duplicate_candidate(city: City) -> None:
    with city.db(STREET_1).sessions.begin() as s:  # the street had filed the community itself
        add_org(s, code=COMMUNITY_1, name="东山桓谭社区", level="community", parent_code=STREET_1)
    report = city.receive(STREET_1, city.export(COMMUNITY_1))
    assert report.tables["org"].rejected == 1
    assert [(e.code, e.table, e.field) for e in report.errors] == [("duplicate", "org", "code")]
    assert report.tables["estate"].inserted > 0  # the estates find the street's own org row


def test_a_row_whose_parent_has_not_arrived_waits_and_is_promoted_later(city: City) -> None:
    with city.db(COMMUNITY_1).sessions.begin() as s:
        estate = Estate(community_code=COMMUNITY_1, name="新小区", management_type="none")
        s.add(estate)
        s.flush()
        s.add(Building(estate_uuid=estate.uuid, name="1号楼", households=12))
    whole = city.export(COMMUNITY_1)

    def without_estates(con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM estate")

    orphans = reseal(city, whole, city.folder / "orphans.wypkg", without_estates)
    first = city.receive(STREET_1, orphans)
    assert first.tables["building"].pending > 0 and first.tables["building"].inserted == 0
    assert any(e.code == "orphan" and e.field == "estate_uuid" for e in first.errors)

    second = city.receive(STREET_1, whole)
    assert second.tables["building"].inserted == first.tables["building"].pending
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(func.count()).select_from(SyncPending)) == 0
        mine = Building.estate_uuid == estate.uuid  # demo estates have their own 1号楼
        assert s.scalar(select(func.count()).where(Building.name == "1号楼", mine)) == 1


def test_an_older_rev_is_stale_and_changes_nothing(city: City) -> None:
    old = city.export(COMMUNITY_1)
    with city.db(COMMUNITY_1).sessions.begin() as s:
        estate = s.scalars(select(Estate).order_by(Estate.uuid)).first()
        estate.households += 1
    city.receive(STREET_1, city.export(COMMUNITY_1))
    report = city.receive(STREET_1, old)
    assert report.tables["estate"].stale == 1
    with city.db(STREET_1).reader() as s:
        assert s.get(Estate, estate.uuid).households == estate.households


def test_a_snapshot_tombstones_rows_of_its_scope_it_no_longer_holds(city: City) -> None:
    city.send_up(COMMUNITY_1)
    city.close(COMMUNITY_1)
    backup = city.folder / "backup.sqlite"
    shutil.copy(city.path(COMMUNITY_1), backup)
    with city.db(COMMUNITY_1).sessions.begin() as s:
        s.add(Estate(community_code=COMMUNITY_1, name="备份后新建", management_type="none"))
    city.send_up(COMMUNITY_1)
    city.close(COMMUNITY_1)
    shutil.copy(backup, city.path(COMMUNITY_1))  # noticed when opened: a new db_id

    report = city.receive(STREET_1, city.export(COMMUNITY_1))
    assert report.kind == "snapshot" and report.tables["estate"].deleted == 1
    assert any("全量包未包含" in w for w in report.warnings)
    with city.db(STREET_1).reader() as s:
        assert s.scalars(select(Estate).where(Estate.name == "备份后新建")).first() is None


def test_a_missing_previous_package_is_reported_and_does_not_block(city: City) -> None:
    city.export(COMMUNITY_1)  # lost on the way
    report = city.receive(STREET_1, city.export(COMMUNITY_1))
    assert report.totals.inserted > 0
    assert any("缺少同一发送单位的上一个数据包" in w for w in report.warnings)


def test_a_company_the_receiver_holds_under_another_uuid_is_named_not_merged(city: City) -> None:
    with city.db(COMMUNITY_1).reader() as s:
        theirs = s.scalars(select(PropertyCompany).order_by(PropertyCompany.uuid)).first()
    with city.db(STREET_1).sessions.begin() as s:
        s.add(PropertyCompany(credit_code=theirs.credit_code, name=theirs.name))
    report = city.receive(STREET_1, city.export(COMMUNITY_1))
    assert any("疑似重复" in w and theirs.credit_code in w for w in report.warnings)
    with city.db(STREET_1).reader() as s:
        same = select(func.count()).where(PropertyCompany.credit_code == theirs.credit_code)
        assert s.scalar(same) == 2


class CancelAfter:
    """The user presses Cancel once `tables` tables are done."""

    def __init__(self, tables: int) -> None:
        self.tables = tables
        self.seen = 0

    def report(self, done: int, total: int) -> None:
        self.seen = done

    def cancelled(self) -> bool:
        return self.seen >= self.tables


def test_a_cancelled_import_rolls_the_whole_package_back(city: City) -> None:
    package = city.export(COMMUNITY_1)
    before = city.dump(STREET_1)
    with pytest.raises(Cancelled):
        import_package(city.db(STREET_1), package, now=NOW, progress=CancelAfter(3))
    assert city.dump(STREET_1) == before
    assert city.receive(STREET_1, package).totals.inserted > 0


def test_the_same_rev_and_content_from_two_files_keeps_the_higher_db_id(city: City) -> None:
    first = city.export(COMMUNITY_1)
    again = city.export(COMMUNITY_1)  # the same rows, no receipt in between
    high = "ffffffff-ffff-7fff-bfff-ffffffffffff"

    def restamped(con: sqlite3.Connection) -> None:
        con.execute("UPDATE estate SET db_id = ?", (high,))

    other = reseal(city, first, city.folder / "other.wypkg", restamped)
    estates = city.receive(STREET_1, first).tables["estate"].inserted
    assert city.receive(STREET_1, other).tables["estate"].unchanged == estates
    assert city.receive(STREET_1, again).tables["estate"].unchanged == estates
    with city.db(STREET_1).reader() as s:
        assert set(s.scalars(select(Estate.db_id))) == {high}


def test_text_with_tabs_line_breaks_and_backslashes_arrives_as_it_was_written(city: City) -> None:
    address = "相山区\t人民路\n1号\\2栋 \\N"
    with city.db(COMMUNITY_1).sessions.begin() as s:
        estate = s.scalars(select(Estate).order_by(Estate.uuid)).first()
        estate.address = address
    city.receive(STREET_1, city.export(COMMUNITY_1))
    with city.db(STREET_1).reader() as s:
        assert s.get(Estate, estate.uuid).address == address


def test_a_name_longer_than_its_column_is_rejected_where_the_database_cannot_hold_it(
    city: City,
) -> None:
    package = city.export(COMMUNITY_1)

    def long_name(con: sqlite3.Connection) -> None:
        first = con.execute("SELECT min(uuid) FROM estate").fetchone()[0]
        con.execute("UPDATE estate SET name = ? WHERE uuid = ?", ("长" * 300, first))

    report = city.receive(STREET_1, reseal(city, package, city.folder / "x.wypkg", long_name))
    estates = report.tables["estate"]
    if STREET_1 in city.servers:  # PostgreSQL: varchar(n) holds n characters
        assert estates.rejected == 1 and estates.inserted > 0
        estate_errors = [(e.code, e.field) for e in report.errors if e.table == "estate"]
        assert estate_errors == [("too_long", "name")]  # its buildings wait for it
    else:  # SQLite stores any length
        assert estates.rejected == 0 and not report.errors


def test_a_text_in_an_integer_column_refuses_the_package_on_postgresql(city: City) -> None:
    package = city.export(COMMUNITY_1)

    def text_households(con: sqlite3.Connection) -> None:
        first = con.execute("SELECT min(uuid) FROM estate").fetchone()[0]
        con.execute("UPDATE estate SET households = '很多' WHERE uuid = ?", (first,))

    forged = reseal(city, package, city.folder / "x.wypkg", text_households)
    before = city.dump(STREET_1)
    if STREET_1 not in city.servers:  # SQLite keeps what it is given (untyped columns)
        assert city.receive(STREET_1, forged).tables["estate"].inserted > 0
        return
    with pytest.raises(Refused) as caught:
        city.receive(STREET_1, forged)
    assert caught.value.code == "payload_schema" and "整数列" in caught.value.message
    assert city.dump(STREET_1) == before


def community_rows(city: City, code: str, origin: str, table: str) -> set[tuple]:  # type: ignore[type-arg]
    return {r for r in city.rows(code)[table] if r[1] == origin}


def test_waiting_rows_outlive_another_senders_package_and_meet_their_parents_later(
    city: City,
) -> None:
    """The order that once lost them: community 1's orphans, community 2's package (whose
    sender does not own them), then community 1's parents."""
    whole = city.export(COMMUNITY_1)

    def without_estates(con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM estate")

    def without_buildings(con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM building")

    orphans = reseal(city, whole, city.folder / "orphans.wypkg", without_estates)
    parents = reseal(city, whole, city.folder / "parents.wypkg", without_buildings)
    first = city.receive(STREET_1, orphans)
    waiting = first.totals.pending
    assert first.tables["building"].pending > 0

    other = city.receive(STREET_1, city.export(COMMUNITY_2))
    assert other.tables["building"].rejected == 0 and other.tables["building"].inserted > 0
    assert not [e for e in other.errors if e.table == "building"]
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(func.count()).select_from(SyncPending)) == waiting

    trial = city.receive(STREET_1, parents, dry_run=True)  # counts them without writing
    last = city.receive(STREET_1, parents)
    assert trial.tables == last.tables
    assert last.tables["building"].inserted == first.tables["building"].pending
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(func.count()).select_from(SyncPending)) == 0
    mine = community_rows(city, STREET_1, COMMUNITY_1, "building")
    assert mine == community_rows(city, COMMUNITY_1, COMMUNITY_1, "building")


def test_an_office_cannot_send_an_org_row_in_another_offices_name(city: City) -> None:
    """Community 1 claims community 2's division code under a name of its own: refused as
    speaking for another office; community 2's own org row then arrives as it is."""
    package = city.export(COMMUNITY_1)

    def claim_community_2(con: sqlite3.Connection) -> None:
        columns = [r[1] for r in con.execute("PRAGMA table_info(org)")]
        picked = ", ".join(
            {"uuid": ":u", "code": ":c", "name": "'冒名社区'"}.get(c, f'"{c}"') for c in columns
        )
        con.execute(
            f"INSERT INTO org SELECT {picked} FROM org WHERE code = :mine",
            {"u": "0f0f0f0f-0000-4000-8000-000000000002", "c": COMMUNITY_2, "mine": COMMUNITY_1},
        )

    forged = reseal(city, package, city.folder / "forged.wypkg", claim_community_2)
    report = city.receive(STREET_1, forged)
    assert report.tables["org"].rejected == 1
    [error] = [e for e in report.errors if e.table == "org"]
    assert (error.code, error.field, error.count) == ("other_office", "code", 1)
    assert "另一个单位的名义" in report.summary()
    names = {r[0]: r for r in city.rows(STREET_1)["org"]}
    assert "0f0f0f0f-0000-4000-8000-000000000002" not in names

    theirs = city.receive(STREET_1, city.export(COMMUNITY_2))
    assert theirs.tables["org"].rejected == 0 and not theirs.errors
    with city.db(COMMUNITY_2).reader() as s:
        real = s.scalar(select(Org.name).where(Org.code == COMMUNITY_2))
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(Org.name).where(Org.code == COMMUNITY_2)) == real != "冒名社区"


def test_merged_rows_are_audited_with_their_package_as_source(city: City) -> None:
    report = city.receive(STREET_1, city.export(COMMUNITY_1))
    with city.db(STREET_1).reader() as s:
        audited = s.execute(
            select(AuditEntry.action, func.count())
            .where(AuditEntry.actor == f"package:{report.package_id}")
            .group_by(AuditEntry.action)
        ).all()
        one = s.scalars(
            select(AuditEntry.changes).where(AuditEntry.actor == f"package:{report.package_id}")
        ).first()
    assert dict(audited) == {"insert": report.totals.inserted}
    assert json.loads(one or "{}")["sender"] == [None, COMMUNITY_1]
