"""Sync columns, tombstones and audit rows are kept by one mechanism, whatever the caller does."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, insert, select, update

from app.db import Database
from app.db.sync import INCLUDE_DELETED
from app.errors import DatabaseError, InputError
from app.models import AuditEntry, Committee, CommitteeMember, Estate, Org
from tests.conftest import COMMUNITY_A


def add_estate(db: Database, name: str = "相山花园") -> str:
    with db.sessions.begin() as s:
        estate = Estate(community_code=COMMUNITY_A, name=name, management_type="professional")
        s.add(estate)
    return estate.uuid


def test_a_new_row_gets_identity_owner_rev_and_seq(db: Database) -> None:
    uuid = add_estate(db)
    with db.reader() as s:
        estate = s.get(Estate, uuid)
        assert (estate.origin, estate.rev, estate.deleted) == ("340603010000", 1, False)
        assert len(estate.uuid) == 36 and estate.uuid[14] == "7"  # time-ordered v7
        assert estate.seq > 0


def test_a_real_change_bumps_rev_and_seq(db: Database) -> None:
    uuid = add_estate(db)
    with db.sessions.begin() as s:
        before = s.get(Estate, uuid).seq
        s.get(Estate, uuid).households = 120
    with db.reader() as s:
        estate = s.get(Estate, uuid)
        assert estate.rev == 2 and estate.seq > before


def test_assigning_the_same_value_is_no_change(db: Database) -> None:
    uuid = add_estate(db)
    with db.sessions.begin() as s:
        s.get(Estate, uuid).name = "相山花园"
    with db.reader() as s:
        assert s.get(Estate, uuid).rev == 1


def test_delete_leaves_a_tombstone_hidden_from_queries(db: Database) -> None:
    uuid = add_estate(db)
    with db.sessions.begin() as s:
        s.delete(s.get(Estate, uuid))
    with db.reader() as s:
        assert s.scalars(select(Estate)).all() == []
        stone = s.scalars(select(Estate).execution_options(**{INCLUDE_DELETED: True})).one()
        assert (stone.uuid, stone.deleted, stone.rev) == (uuid, True, 2)


def test_a_cascaded_delete_tombstones_the_children_too(db: Database) -> None:
    with db.sessions.begin() as s:
        estate = Estate(community_code=COMMUNITY_A, name="甲", management_type="professional")
        committee = Committee(estate=estate, kind="owners")
        committee.members = [CommitteeMember(name="张三", role="chair")]
        s.add(estate)
        s.add(committee)
    with db.sessions.begin() as s:
        s.delete(s.get(Committee, committee.uuid))
    with db.reader() as s:
        every = select(CommitteeMember).execution_options(**{INCLUDE_DELETED: True})
        assert [m.deleted for m in s.scalars(every)] == [True]


def test_a_bulk_delete_statement_is_refused(db: Database) -> None:
    add_estate(db)
    with pytest.raises(DatabaseError, match="只能标记删除"), db.sessions.begin() as s:
        s.execute(delete(Estate))
    with db.reader() as s:
        assert len(s.scalars(select(Estate)).all()) == 1


def test_every_change_is_audited_with_before_and_after(db: Database) -> None:
    uuid = add_estate(db)
    with db.sessions.begin() as s:
        s.get(Estate, uuid).households = 300
    with db.sessions.begin() as s:
        s.delete(s.get(Estate, uuid))
    with db.reader() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.row_uuid == uuid)).all()
    assert [e.action for e in entries] == ["insert", "update", "delete"]
    assert {e.actor for e in entries} == {"tester"}
    assert json.loads(entries[0].changes)["name"] == [None, "相山花园"]
    assert json.loads(entries[1].changes) == {"households": [0, 300]}
    assert json.loads(entries[2].changes) == {"deleted": [False, True]}


def test_sensitive_fields_are_masked_in_the_audit(db: Database) -> None:
    with db.sessions.begin() as s:
        estate = Estate(community_code=COMMUNITY_A, name="乙", management_type="professional")
        committee = Committee(estate=estate, kind="owners")
        member = CommitteeMember(
            committee=committee, name="李四", role="chair", phone="13812341234"
        )
        s.add_all([estate, committee, member])
    with db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.row_uuid == member.uuid)).one()
    assert json.loads(entry.changes)["phone"] == [None, "138****1234"]


def test_rows_owned_by_another_office_cannot_be_edited(db: Database) -> None:
    with db.sessions.begin() as s:
        s.add(Org(code="340603010003", name="古城社区", level="community",
                  parent_code="340603010000", origin="340603010003"))  # fmt: skip
    with pytest.raises(InputError, match="只能由该单位修改"), db.sessions.begin() as s:
        s.scalars(select(Org).where(Org.code == "340603010003")).one().name = "改名"


def test_nothing_is_written_before_the_office_is_set_up(db_path) -> None:
    from app.db import open_database

    database = open_database(db_path)
    with pytest.raises(DatabaseError, match="wuye init"), database.sessions.begin() as s:
        s.add(Org(code="340603010000", name="曲阳街道", level="street"))
    database.close()


def test_a_bulk_insert_gets_the_same_sync_columns_and_audit(db: Database) -> None:
    rows = [{"community_code": COMMUNITY_A, "name": f"批量{i}", "management_type": "none",
             "households": 10} for i in range(3)]  # fmt: skip
    with db.sessions.begin() as s:
        s.execute(insert(Estate), rows)
    with db.reader() as s:
        estates = s.scalars(select(Estate).order_by(Estate.seq)).all()
        audits = s.scalars(select(AuditEntry)).all()
    assert [(e.rev, e.origin, e.deleted) for e in estates] == [(1, "340603010000", False)] * 3
    assert len({e.uuid for e in estates}) == 3 and estates[0].seq < estates[2].seq
    assert [a.row_uuid for a in audits[-3:]] == [e.uuid for e in estates]
    assert json.loads(audits[-1].changes)["name"] == [None, "批量2"]


def test_a_bulk_update_statement_is_refused(db: Database) -> None:
    add_estate(db)
    with pytest.raises(DatabaseError, match="逐条修改"), db.sessions.begin() as s:
        s.execute(update(Estate).values(households=1))


def test_no_path_edits_or_deletes_an_audit_row(db: Database) -> None:
    """Issue 14: the audit trail is append-only, through the ORM and through statements."""
    add_estate(db)
    with db.reader() as s:
        before = [(e.id, e.actor, e.changes) for e in s.scalars(select(AuditEntry))]
    assert before
    with pytest.raises(DatabaseError, match="操作日志只能追加"), db.sessions.begin() as s:
        s.scalars(select(AuditEntry)).first().actor = "别人"  # type: ignore[union-attr]
    with pytest.raises(DatabaseError, match="操作日志只能追加"), db.sessions.begin() as s:
        s.delete(s.scalars(select(AuditEntry)).first())
    with pytest.raises(DatabaseError, match="操作日志只能追加"), db.sessions.begin() as s:
        s.execute(update(AuditEntry).values(actor="别人"))
    with pytest.raises(DatabaseError, match="操作日志只能追加"), db.sessions.begin() as s:
        s.execute(delete(AuditEntry))
    with db.reader() as s:
        assert [(e.id, e.actor, e.changes) for e in s.scalars(select(AuditEntry))] == before
