"""信用档案 in the window (issue 17): from the 物业企业 page a worker opens a company's credit
sheet read from dated evidence, prints it as a real PDF, records a 通报 and sees it listed;
a 查看 account opens and prints but cannot add."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.services.accounts import add_account, sign_in_database
from app.services.credit import credit_lines, credit_sheet
from ui.dialogs.credit_dialog import CreditDialog
from ui.pages.companies import CompaniesPage

TODAY = date(2026, 11, 25)  # the demo street's day (tests/conftest.py)
NOW = datetime(2026, 11, 25, 9, 0)


def company_with_items(db) -> tuple[str, str, int]:  # type: ignore[no-untyped-def]
    """The demo company with the most credit items: its uuid, name and item count."""
    with db.reader() as s:
        sheets = [credit_sheet(s, line.company_uuid, TODAY) for line in credit_lines(s, TODAY)]
    best = max(sheets, key=lambda sheet: len(sheet.entries))
    return best.company_uuid, best.name, len(best.entries)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def test_the_credit_sheet_opens_prints_and_takes_a_new_item(  # type: ignore[no-untyped-def]
    qtbot, idle, ime, demo_db, tmp_path: Path
) -> None:
    uuid, name, count = company_with_items(demo_db)
    assert count > 0
    page = CompaniesPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert not page.credit_button.isEnabled()  # nothing selected yet
    assert page.select_uuid(uuid)
    assert page.credit_button.isEnabled()
    dialog = page.open_credit()  # as of the real today: the count may differ from TODAY's
    assert isinstance(dialog, CreditDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=15_000)
    assert name in dialog.heading.text()
    assert dialog.standing.text()
    dialog.grab().save("/tmp/creditui-dialog.png")
    dialog.close()

    dialog = CreditDialog(demo_db, uuid, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count, timeout=15_000)
    dialog.grab().save("/tmp/creditui-dialog-1366.png")
    out = tmp_path / "信用档案.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.print_sheet(out)
    text = pdf_text(out)
    assert name in text and "信用档案" in text
    assert str(dialog.data["score"]) in text

    form = dialog.add_item()
    form.kind.set_value("circular")
    form.on.set_value(date(2026, 11, 20))
    ime(form.evidence, "淮物管〔2026〕5号")
    form.grab().save("/tmp/creditui-item-form.png")
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        form.save()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count + 1, timeout=15_000)
    shown = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert "淮物管〔2026〕5号" in shown
    idle(dialog)


def test_an_item_without_evidence_is_refused_at_the_field(qtbot, idle, demo_db) -> None:  # type: ignore[no-untyped-def]
    uuid, _name, count = company_with_items(demo_db)
    dialog = CreditDialog(demo_db, uuid, today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count, timeout=15_000)
    form = dialog.add_item()
    form.kind.set_value("circular")
    with qtbot.waitSignal(form.refused, timeout=15_000):
        form.save()
    assert form.errors["basis"].text()
    idle(dialog)
    assert dialog.table.rowCount() == count


def test_a_viewer_opens_and_prints_but_cannot_add(qtbot, idle, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with demo_db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "admin-pass-1", now=NOW)
    sign_in_database(demo_db, "管理员", "admin-pass-1", now=NOW)
    with demo_db.sessions.begin() as s:
        add_account(s, "小王", "viewer", "viewer-pass-1", now=NOW)
    sign_in_database(demo_db, "小王", "viewer-pass-1", now=NOW)
    assert demo_db.context.role == "viewer"
    uuid, name, count = company_with_items(demo_db)
    dialog = CreditDialog(demo_db, uuid, today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count, timeout=15_000)
    assert not dialog.add_button.isEnabled()
    assert not dialog.expel_button.isEnabled()
    out = tmp_path / "viewer.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.print_sheet(out)
    assert name in pdf_text(out)
    idle(dialog)


def test_removal_from_the_market_rests_on_bad_items_and_shows_the_blacklist(  # type: ignore[no-untyped-def]
    qtbot, idle, ime, demo_db, tmp_path: Path
) -> None:
    uuid, _name, count = company_with_items(demo_db)
    dialog = CreditDialog(demo_db, uuid, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count, timeout=15_000)
    assert dialog.expel_button.isEnabled()
    form = dialog.expel()
    assert form.refs.count() > 0  # the counted 扣分 items to pick from
    ime(form.body, "淮北市住房和城乡建设局")
    ime(form.doc_no, "淮住建〔2026〕9号")
    ime(form.grounds, "拒不整改，侵害业主权益")
    with qtbot.waitSignal(form.refused, timeout=15_000):
        form.save()  # no ground ticked
    assert form.errors["refs"].text()
    form.refs.item(0).setCheckState(Qt.CheckState.Checked)
    form.grab().save("/tmp/creditui-expel-form.png")
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        form.save()
    idle(dialog)
    assert dialog.data["band"] == "黑名单"
    assert "淮住建〔2026〕9号" in dialog.decision.text()
    assert not dialog.decision.isHidden()
    assert not dialog.expel_button.isEnabled()  # one decision per company
    dialog.grab().save("/tmp/creditui-expelled.png")
    out = tmp_path / "expelled.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.print_sheet(out)
    assert "淮住建〔2026〕9号" in pdf_text(out)


def test_the_sheet_is_computed_and_printed_as_of_the_chosen_day(  # type: ignore[no-untyped-def]
    qtbot, idle, db, tmp_path: Path
) -> None:
    """A 通报 counted through 2026-06-30 is counted on that day and shown lapsed (greyed,
    no longer in the score) on 2026-07-01; before its own date it is not on the sheet."""
    from app.services.companies import CompanyIn, create_company
    from app.services.credit import CreditItemIn, add_credit_item

    with db.sessions.begin() as s:
        uuid = create_company(s, CompanyIn(credit_code="91340603MA2W000184", name="恒信物业"))
        add_credit_item(s, CreditItemIn(uuid, date(2026, 1, 10), "circular",
                                        "淮物管〔2026〕1号", -5, date(2026, 6, 30)))  # fmt: skip
    dialog = CreditDialog(db, uuid, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.data.get("date") == TODAY.isoformat(), timeout=15_000)
    assert dialog.as_of.date().toString("yyyy-MM-dd") == TODAY.isoformat()  # default: today

    def shown_on(day: date) -> tuple[int, list[str]]:
        dialog.set_day(day)
        qtbot.waitUntil(lambda: dialog.data.get("date") == day.isoformat(), timeout=15_000)
        return dialog.data["score"], [
            dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())
        ]

    score, until = shown_on(date(2026, 6, 30))
    assert until == ["2026-06-30"] and score == dialog.data["good"] + 80 - 5
    assert "2026-06-30" in dialog.standing.text()
    dialog.grab().save("/tmp/s17-credit-counted.png")
    score_after, until_after = shown_on(date(2026, 7, 1))
    assert until_after == ["2026-06-30" + dialog.tr(" (lapsed)")] and score_after == score + 5
    dialog.grab().save("/tmp/s17-credit-lapsed.png")
    assert shown_on(date(2026, 1, 9))[1] == []  # not yet recorded on that day
    shown_on(date(2026, 6, 30))
    out = tmp_path / "as-of.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.print_sheet(out)
    text = pdf_text(out)
    assert "2026年6月30日" in text and "淮物管〔2026〕1号" in text
    idle(dialog)
