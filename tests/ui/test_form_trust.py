"""Forms on a shared PC (issue 14): each form's 修改记录, personal fields masked until an
explicit, audited reveal by a 录入员 or 管理员, never for a 查看 account."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import AuditEntry, CompanyStaff, Complaint
from app.services.accounts import add_account, sign_in_database

NOW = datetime(2026, 11, 25, 9, 0)
LEFT = Qt.MouseButton.LeftButton


def accounts(db, role: str) -> None:  # type: ignore[no-untyped-def]
    """An administrator, a 录入员 and a 查看 account; `role`'s one signed in."""
    with db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "admin-pass-1", now=NOW)
    sign_in_database(db, "管理员", "admin-pass-1", now=NOW)
    with db.sessions.begin() as s:
        add_account(s, "录入员", "clerk", "clerk-pass-1", now=NOW)
        add_account(s, "查看员", "viewer", "viewer-pass-1", now=NOW)
    name = {"admin": "管理员", "clerk": "录入员", "viewer": "查看员"}[role]
    sign_in_database(db, name, f"{role}-pass-1", now=NOW)


def staff_with_phone(db) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        staff = s.scalars(select(CompanyStaff).where(CompanyStaff.phone != "")).first()
        return staff.uuid, staff.phone


def roster_phones(db, committee: str) -> list[str]:  # type: ignore[no-untyped-def]
    from app.models import CommitteeMember

    member = CommitteeMember
    with db.reader() as s:
        live = member.committee_uuid == committee, member.deleted.is_(False)
        return sorted(s.scalars(select(member.phone).where(*live)))


def test_the_history_button_shows_the_records_own_changes(qtbot, demo_db, screenshot) -> None:  # type: ignore[no-untyped-def]
    from ui.forms.complaint_form import ComplaintForm

    with demo_db.reader() as s:
        uuid = s.scalars(select(Complaint.uuid)).first()
    form = ComplaintForm(demo_db, uuid)
    qtbot.addWidget(form)
    assert form.history_button.isEnabled()
    dialog = form.show_history()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0)
    texts = [dialog.table.item(0, c).text() for c in range(4)]
    assert texts[2] == "新增" and "****" in texts[3]  # the complainant's phone, masked
    dialog.resize(1366, 768)
    screenshot(dialog, "dialog-record-history")


def test_a_new_record_has_no_history_yet(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from ui.forms.staff_form import StaffForm

    form = StaffForm(demo_db)
    qtbot.addWidget(form)
    assert not form.history_button.isEnabled() and form.show_history() is None


def test_a_clerk_sees_phones_masked_until_an_audited_reveal(
    qtbot, demo_db, idle, screenshot
) -> None:  # type: ignore[no-untyped-def]
    from ui.forms.staff_form import StaffForm

    accounts(demo_db, "clerk")
    uuid, phone = staff_with_phone(demo_db)
    form = StaffForm(demo_db, uuid)
    qtbot.addWidget(form)
    form.show()
    assert "****" in form.phone.displayText() and form.phone.isReadOnly()
    assert form.reveal_button.isVisible()
    form.resize(1366, 768)
    screenshot(form, "form-staff-masked")
    qtbot.mouseClick(form.reveal_button, LEFT)
    idle(form)
    assert form.phone.displayText() == phone and not form.phone.isReadOnly()
    assert not form.reveal_button.isVisible()
    with demo_db.reader() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "unmask")).one()
        assert (audit.actor, audit.table_name, audit.row_uuid) == ("录入员", "company_staff", uuid)
        assert "电话" in audit.changes


def test_an_unrevealed_personal_field_saves_back_unchanged(qtbot, demo_db, idle) -> None:  # type: ignore[no-untyped-def]
    from ui.forms.staff_form import StaffForm

    accounts(demo_db, "clerk")
    uuid, phone = staff_with_phone(demo_db)
    form = StaffForm(demo_db, uuid)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.saved):
        form.store()
    with demo_db.reader() as s:
        stored = s.scalar(select(CompanyStaff.phone).where(CompanyStaff.uuid == uuid))
    assert stored == phone


def test_a_viewer_has_no_reveal_and_sees_only_masks(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.models import Committee
    from ui.forms.committee_form import PHONE, CommitteeForm
    from ui.forms.staff_form import StaffForm

    accounts(demo_db, "viewer")
    uuid, phone = staff_with_phone(demo_db)
    form = StaffForm(demo_db, uuid)
    qtbot.addWidget(form)
    form.show()
    assert "****" in form.phone.text() and phone not in form.phone.displayText()
    assert not form.reveal_button.isVisible()
    with demo_db.reader() as s:
        committee = s.scalars(select(Committee.uuid)).first()
    roster = CommitteeForm(demo_db, committee)
    qtbot.addWidget(roster)
    phones = [roster.members.item(r, PHONE).text() for r in range(roster.members.rowCount())]
    assert phones and all("****" in p for p in phones if p)


def test_a_clerk_reveals_a_committee_roster_and_saves_it_whole(qtbot, demo_db, idle) -> None:  # type: ignore[no-untyped-def]
    from app.models import Committee
    from ui.forms.committee_form import PHONE, CommitteeForm

    accounts(demo_db, "clerk")
    with demo_db.reader() as s:
        committee = s.scalars(select(Committee.uuid)).first()
    before = roster_phones(demo_db, committee)
    form = CommitteeForm(demo_db, committee)
    qtbot.addWidget(form)
    assert form.masked_fields() == ["phone"]
    with qtbot.waitSignal(form.saved):
        form.store()
    after = roster_phones(demo_db, committee)
    assert after == before
    form.reveal_personal()
    idle(form)
    assert form.members.item(0, PHONE).text() in before
