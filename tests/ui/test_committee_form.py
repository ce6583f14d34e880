"""The committee form: roster as a sub-table, live party share, composition refused whole."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.codes import MemberRole
from app.rules.committee import SEATED
from app.rules.resident_id import with_check_char
from app.rules.vetting import CHECKS, CheckIn
from app.services.committees import CommitteeIn, MemberIn, get_committee, save_committee
from app.services.estates import EstateIn, create_estate
from tests.conftest import COMMUNITY_A, TODAY
from ui.forms.committee_form import NAME, PARTY, VETTING, CommitteeForm

LEFT = Qt.MouseButton.LeftButton


def open_first_committee(window, qtbot):  # type: ignore[no-untyped-def]
    page = window.open_page("committees")
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, LEFT)
    return page.current_form


def stored(db, uuid: str):  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return get_committee(s, uuid)


def shares(members) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    seated = [m for m in members if m.role in SEATED]
    return sum(m.party_member for m in seated), len(seated)


ROSTER = [
    ("周建国", MemberRole.CHAIR, True),
    ("吴海燕", MemberRole.VICE_CHAIR, True),
    ("郑明", MemberRole.MEMBER, True),
    ("王丽", MemberRole.MEMBER, False),
    ("陈刚", MemberRole.MEMBER, False),
]


VETTED = [CheckIn(item.code, True, "社区党委", date(2024, 2, 20)) for item in CHECKS]


def fill_term(form) -> None:  # type: ignore[no-untyped-def]
    form.elected_on.set_value(date(2024, 3, 1))
    form.term_start.set_value(date(2024, 3, 10))
    form.term_end.set_value(date(2029, 3, 9))
    form.filed_on.set_value(date(2024, 3, 20))


def test_an_existing_committee_shows_its_members(window, demo_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_first_committee(window, qtbot)
    expected = stored(demo_db, form.uuid).members
    names = [form.members.item(row, NAME).text() for row in range(form.members.rowCount())]
    assert names == [m.name for m in expected]
    assert form.roster() == expected


def test_party_share_follows_a_toggled_checkbox(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_first_committee(window, qtbot)
    row = next(i for i, m in enumerate(form.roster()) if m.role in SEATED and not m.party_member)
    party, seated = shares(form.roster())
    before = form.party_label.text()
    form.members.setCurrentCell(row, PARTY)
    qtbot.keyClick(form.members, Qt.Key.Key_Space)  # ticks the box, as a mouse click would
    assert form.party_label.text() != before
    assert f"党员 {party + 1} 人 / 委员 {seated} 人" in form.party_label.text()


def test_party_share_follows_an_added_member(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_first_committee(window, qtbot)
    party, seated = shares(form.roster())
    before = form.party_label.text()
    form.add_member(MemberIn("杨光", MemberRole.MEMBER, party_member=True))
    assert form.party_label.text() != before
    assert f"党员 {party + 1} 人 / 委员 {seated + 1} 人" in form.party_label.text()


def test_an_even_roster_is_refused_under_the_table_and_nothing_changes(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle
) -> None:
    form = open_first_committee(window, qtbot)
    before = stored(demo_db, form.uuid)
    seated = shares(before.members)[1]
    form.add_member(MemberIn("杨光", MemberRole.MEMBER))
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert f"单数，现有{seated + 1}人" in form.errors["members"].text()
    assert form.errors["members"].isVisible()
    assert stored(demo_db, form.uuid) == before


def test_a_valid_new_committee_is_saved_and_listed(window, qtbot, ime, screenshot) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("committees")
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    ime(form.estate_search, "和平新村")  # an estate of the demo street without a committee
    fill_term(form)
    for name, role, party in ROSTER:
        form.add_member(MemberIn(name, role, party_member=party, checks=VETTED))
    label = form.party_label  # relaid out on the next turn of the event loop
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())
    screenshot(form, "form-committee")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    row = page.model.row_of(form.uuid)
    assert [page.model.index(row, col).data() for col in (0, 6)] == ["和平新村", "5"]
    qtbot.waitUntil(lambda: page.count_label.text() == "共 48 条记录")  # counted off the UI thread


def test_saving_an_opened_committee_keeps_members_id_numbers(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = [with_check_char(f"34060319800101{i:03d}") for i in range(len(ROSTER))]
    with db.sessions.begin() as s:
        estate = create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=320), today=TODAY)
        members = [MemberIn(n, r, p, id_number=i) for (n, r, p), i in zip(ROSTER, ids, strict=True)]
        term = dict(term_start=date(2024, 3, 10), term_end=date(2029, 3, 9))
        uuid = save_committee(s, None, CommitteeIn(estate, members=members, **term), today=TODAY,
                              require_vetting=False)
    form = CommitteeForm(db, uuid)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    assert [m.id_number for m in stored(db, uuid).members] == ids


def test_a_late_filing_is_warned_while_typing_and_still_saves(db, qtbot, screenshot) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=320), today=TODAY)
    form = CommitteeForm(db)
    qtbot.addWidget(form)
    form.elected_on.set_value(date(2025, 1, 1))
    form.term_start.set_value(date(2025, 1, 1))
    form.term_end.set_value(date(2029, 12, 31))
    assert "仍未备案" in form.date_warnings.text()  # today is long past 2025-01-31
    form.filed_on.set_value(date(2025, 6, 10))
    form.first_meeting_on.set_value(date(2025, 1, 8))
    assert "2025-01-31" in form.date_warnings.text() and "2025-01-04" in form.date_warnings.text()
    assert form.date_warnings.isVisibleTo(form)
    for name, role, party in ROSTER:
        form.add_member(MemberIn(name, role, party_member=party, checks=VETTED))
    form.resize(1366, 768)
    screenshot(form, "form-committee-late-filing")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    assert stored(db, form.uuid).first_meeting_on == date(2025, 1, 8)


def test_a_member_is_seated_only_after_the_checks_recorded_in_the_dialog(  # type: ignore[no-untyped-def]
    db, qtbot, idle, screenshot
) -> None:
    """Issue 17 item 1: 推荐关、审核关 recorded per check with who and when, before seating."""
    with db.sessions.begin() as s:
        create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=320), today=TODAY)
    form = CommitteeForm(db)
    qtbot.addWidget(form)
    fill_term(form)
    for name, role, party in ROSTER[:4]:
        form.add_member(MemberIn(name, role, party_member=party, checks=VETTED))
    row = form.add_member(MemberIn("陈刚", MemberRole.MEMBER))
    assert form.members.item(row, VETTING).text() == "0/6 通过"
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "陈刚" in form.errors["members"].text()
    assert "资格审查未全部通过" in form.errors["members"].text()
    assert form.uuid is None

    dialog = form.vetting_dialog(row)
    qtbot.addWidget(dialog)
    dialog.quick_by.setText("社区党委")
    dialog.quick_on.set_value(date(2024, 2, 20))
    qtbot.mouseClick(dialog.fill_button, LEFT)
    for i in range(len(CHECKS) - 1):
        dialog.set_passed(i, True)
    dialog.resize(1366, 768)
    screenshot(dialog, "dialog-vetting")
    form.set_member_checks(row, dialog.checks())
    assert form.members.item(row, VETTING).text() == "5/6 通过"
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "具备必要的工作时间" in form.errors["members"].text()

    dialog.set_passed(len(CHECKS) - 1, True)
    form.set_member_checks(row, dialog.checks())
    form.resize(1366, 768)
    screenshot(form, "form-committee-vetting")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    chen = stored(db, form.uuid).members[row]
    assert {(c.checked_by, c.checked_on, c.passed) for c in chen.checks} == {
        ("社区党委", date(2024, 2, 20), True)
    }
