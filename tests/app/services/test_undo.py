"""Undo of a delete: the rows one delete tombstoned come back as a new revision (audited,
travelling upward); a row changed since the delete is left alone."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.db.sync import INCLUDE_DELETED
from app.errors import InputError
from app.models import AuditEntry, Committee, CommitteeMember, Estate
from app.services.estates import delete_estate
from app.services.undo import deleted_between, restore, seq_mark


def test_an_estate_comes_back_with_its_committee_and_members(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.sessions.begin() as s:
        estate = s.scalars(
            select(Estate).where(Estate.uuid.in_(select(Committee.estate_uuid)))
        ).first()
        uuid, rev = estate.uuid, estate.rev
        members = s.scalar(select(func.count()).select_from(CommitteeMember))
        before = seq_mark(s)
        delete_estate(s, uuid)
        deletion = deleted_between(s, before, seq_mark(s))
    with demo_db.reader() as s:
        assert s.get(Estate, uuid) is None
    with demo_db.sessions.begin() as s:
        assert restore(s, deletion) == len(deletion) > 2
    with demo_db.reader() as s:
        back = s.get(Estate, uuid)
        assert not back.deleted and back.rev == rev + 2  # deleted, then restored: two revisions
        assert s.scalar(select(func.count()).select_from(CommitteeMember)) == members
        audit = s.scalars(select(AuditEntry).where(AuditEntry.row_uuid == uuid)).all()
        assert [a.action for a in audit][-2:] == ["delete", "update"]


def test_an_undo_after_a_later_change_is_refused_whole(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.sessions.begin() as s:
        with_committee = Estate.uuid.in_(select(Committee.estate_uuid))
        uuid = s.scalars(select(Estate.uuid).where(with_committee)).first()
        before = seq_mark(s)
        delete_estate(s, uuid)
        deletion = deleted_between(s, before, seq_mark(s))
    with demo_db.sessions.begin() as s:  # changed since: its seq moves on
        s.get(Estate, uuid, execution_options={INCLUDE_DELETED: True}).address = "另一个地址"
    with pytest.raises(InputError, match="无法撤销"), demo_db.sessions.begin() as s:
        restore(s, deletion)
    with demo_db.reader() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Committee).where(Committee.estate_uuid == uuid)
            )
            == 0
        )  # nothing came back
