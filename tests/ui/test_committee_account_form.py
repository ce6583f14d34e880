"""The accounts form (issue 17 item 1): a period's lines typed in 元 on the chosen committee,
refused on the bad row, stored in fen; the same accounts the 公示 prints."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.rules.committee_accounts import FUND_USE, INCOME, LineIn
from app.services.committee_accounts import get_account
from ui.forms.committee_account_form import AMOUNT

LEFT = Qt.MouseButton.LeftButton


def test_accounts_are_entered_for_the_selected_committee(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle, ime, screenshot
) -> None:
    page = window.open_page("committees")
    assert not page.accounts_button.isEnabled()
    page.table.selectRow(0)
    committee = page.model.uuid_at(0)
    qtbot.mouseClick(page.accounts_button, LEFT)
    form = page.current_form
    assert form.committee.value() == committee
    qtbot.keyClicks(form.period, "2026-q3")
    ime(form.notes, "经业主大会授权")
    form.add_line(LineIn(INCOME, "地面停车位收益", 1_234_500))
    row = form.add_line(LineIn(FUND_USE, "3号楼电梯更换", 0))
    form.lines.item(row, AMOUNT).setText("十八万五")  # no number: refused on its own row
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "第2行：金额应大于0" in form.errors["lines"].text()
    assert form.uuid is None

    form.lines.item(row, AMOUNT).setText("185,000.5")
    assert "维修资金使用 185,000.50" in form.totals.text()
    form.resize(1366, 768)
    screenshot(form, "form-committee-accounts")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    with demo_db.reader() as s:
        stored = get_account(s, form.uuid)
    assert (stored.committee_uuid, stored.period, stored.notes) == (
        committee, "2026-Q3", "经业主大会授权"
    )
    assert [line.amount_fen for line in stored.lines] == [1_234_500, 18_500_050]


def _accounts_of(committee: str, demo_db) -> str:  # type: ignore[no-untyped-def]
    from app.services.committee_accounts import AccountIn, save_account

    lines = [LineIn(INCOME, "地面停车位收益", 1_234_500, "经办人电话13812345678")]
    with demo_db.sessions.begin() as s:
        return save_account(s, None, AccountIn(committee, "2026-Q3", "", lines))


def test_the_accounts_notice_is_printed_from_the_committee_page(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, tmp_path, screenshot
) -> None:
    from pypdf import PdfReader

    page = window.open_page("committees")
    assert not page.print_accounts_button.isEnabled()
    account = _accounts_of(page.model.uuid_at(0), demo_db)
    page.table.selectRow(0)
    assert page.print_accounts_button.isEnabled()
    assert [label for _, label in page.accounts_of_selected()] == ["2026年第三季度（未印）"]
    for version in (1, 2):
        with qtbot.waitSignal(page.accounts_printed, timeout=30_000) as printed:
            page.print_accounts(account, tmp_path / f"公示{version}.pdf")
        assert f"账目公示（第{version}版）" in printed.args[0]
    text = PdfReader(tmp_path / "公示2.pdf").pages[0].extract_text().replace("\n", "")
    assert "地面停车位收益" in text and "138****5678" in text and "13812345678" not in text
    assert [label for _, label in page.accounts_of_selected()] == ["2026年第三季度（已印第2版）"]
    window.resize(1366, 768)
    screenshot(window, "page-committees-accounts-printed")


def test_a_viewer_prints_the_accounts_notice_masked(qtbot, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.models import Committee
    from tests.ui.test_viewer_flow import viewer_signed_in_window

    with demo_db.reader() as s:
        committee = s.scalars(select(Committee.uuid).limit(1)).one()
    account = _accounts_of(committee, demo_db)  # entered before by a 录入员
    window = viewer_signed_in_window(qtbot, demo_db)
    page = window.open_page("committees")
    qtbot.waitUntil(lambda: page.select_uuid(committee))
    with qtbot.waitSignal(page.accounts_printed, timeout=30_000) as printed:
        page.print_accounts(account, tmp_path / "公示.pdf")
    assert "第1版" in printed.args[0]
    assert (tmp_path / "公示.pdf").read_bytes().startswith(b"%PDF")
