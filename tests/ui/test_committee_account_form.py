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
