"""数据同步 in the window: a community exports, its street dry-runs (nothing written) and
imports, the receipt goes back, and the same up to the city; a conflict and a waiting row
settled; a tampered file refused with its message and nothing changed."""

from __future__ import annotations

import zipfile
from itertools import pairwise
from pathlib import Path

from sqlalchemy import select

from app.models import Estate
from tests.app.packages.conftest import (
    CITY,
    COMMUNITY_1,
    COMMUNITY_2,
    DISTRICT,
    STREET_1,
    City,
    dump,
)
from tests.app.services.sync_fixtures import clash_at_the_street, orphans_at_the_street
from ui.main_window import MainWindow
from ui.pages.sync import SyncPage

WAIT = 30_000


def page_of(qtbot, city: City, code: str) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(city.db(code))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None and not page.busy(), timeout=WAIT)
    return page


def reload(qtbot, page: SyncPage) -> None:  # type: ignore[no-untyped-def]
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT)


def export(qtbot, page: SyncPage, out: Path) -> None:  # type: ignore[no-untyped-def]
    page.export_tab.path.setText(str(out))
    assert page.export_tab.export() is not None
    qtbot.waitUntil(lambda: page.export_tab.last is not None, timeout=WAIT)
    assert out.exists()


def run_import(qtbot, page: SyncPage, files: list[Path], *, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    tab = page.import_tab
    tab.results = []
    if dry_run:
        tab.add_files(files)
        tab.dry_run()
    else:
        assert tab.confirm_button.isEnabled()
        tab.confirm()
    qtbot.waitUntil(lambda: bool(tab.results), timeout=WAIT)


def test_the_four_level_round_trip_through_the_window(qtbot, city: City) -> None:  # type: ignore[no-untyped-def]
    chain = [COMMUNITY_1, STREET_1, DISTRICT, CITY]
    pages = {code: page_of(qtbot, city, code) for code in chain}
    for lower, upper in pairwise(chain):
        package = city.folder / f"{lower}.wypkg"
        export(qtbot, pages[lower], package)
        receiving = pages[upper]
        before = dump(city.path(upper))
        run_import(qtbot, receiving, [package], dry_run=True)
        assert dump(city.path(upper)) == before  # the dry run wrote nothing
        shown = receiving.import_tab.table.texts()
        estates = next(row for row in shown if row[1] == "小区")
        assert int(estates[2]) > 0  # 新增
        assert "试导入" in receiving.import_tab.details.toPlainText()
        run_import(qtbot, receiving, [package], dry_run=False)
        [result] = receiving.import_tab.results
        assert result.report is not None and result.receipt is not None
        assert result.report.totals.inserted == int(estates[2]) + sum(
            int(r[2]) for r in shown if r[1] != "小区"
        )
        reload(qtbot, receiving)
        assert receiving.received_tab.table.rowCount() >= 1
        sender = pages[lower]
        sender.receipts_tab.import_receipt_files([result.receipt])
        qtbot.waitUntil(lambda s=sender: bool(s.receipts_tab.outcomes), timeout=WAIT)
        qtbot.waitUntil(lambda s=sender: not s.busy(), timeout=WAIT)
        reload(qtbot, sender)
        assert sender.sent_tab.table.texts()[0][5].startswith("已接收")
    with city.db(COMMUNITY_1).reader() as s:
        mine = set(s.scalars(select(Estate.uuid).where(Estate.origin == COMMUNITY_1)))
    with city.db(CITY).reader() as s:
        assert mine and mine <= set(s.scalars(select(Estate.uuid)))
    subordinates = pages[CITY].subordinates_tab.table.texts()
    assert [row[1] for row in subordinates] == [DISTRICT] and subordinates[0][2] == "1"


def test_confirm_needs_a_dry_run_of_the_same_files(qtbot, city: City) -> None:  # type: ignore[no-untyped-def]
    package = city.export(COMMUNITY_1)
    page = page_of(qtbot, city, STREET_1)
    page.import_tab.add_files([package])
    assert not page.import_tab.confirm_button.isEnabled()
    assert page.import_tab.confirm() is None


def tampered(package: Path, out: Path) -> Path:
    with zipfile.ZipFile(package) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    data = bytearray(parts["payload.bin"])
    data[len(data) // 2] ^= 0xFF
    parts["payload.bin"] = bytes(data)
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out


def test_a_tampered_file_is_refused_with_its_message_and_nothing_changes(qtbot, city: City) -> None:  # type: ignore[no-untyped-def]
    good = city.export(COMMUNITY_1)
    bad = tampered(good, city.folder / "改过的.wypkg")
    page = page_of(qtbot, city, STREET_1)
    before = dump(city.path(STREET_1))
    run_import(qtbot, page, [bad], dry_run=True)
    [row] = page.import_tab.table.texts()
    assert row[0] == "改过的.wypkg" and "数据包的数据部分与清单不符" in row[1]
    assert not page.import_tab.confirm_button.isEnabled()
    run_import(qtbot, page, [good], dry_run=True)  # a good file beside it goes in alone
    run_import(qtbot, page, [], dry_run=False)
    assert [r.accepted for r in page.import_tab.results] == [False, True]
    assert dump(city.path(STREET_1)) != before
    assert "拒收" in page.import_tab.details.toPlainText()


def test_a_conflict_on_a_row_owned_below_can_only_be_kept(qtbot, city: City) -> None:  # type: ignore[no-untyped-def]
    clash_at_the_street(city)
    page = page_of(qtbot, city, STREET_1)
    tab = page.conflicts_tab
    assert tab.table.rowCount() == 1 and tab.selected() is not None
    assert tab.keep_button.isEnabled() and not tab.take_button.isEnabled()
    assert COMMUNITY_1 in tab.why.text() and "只有该单位能修改" in tab.why.text()
    assert "999" in tab.details.toPlainText()
    before = dump(city.path(STREET_1))
    tab.resolve_selected("incoming")
    qtbot.waitUntil(lambda: bool(tab.message.text()), timeout=WAIT)
    assert "只有该单位能修改它" in tab.message.text()
    assert dump(city.path(STREET_1)) == before
    tab.resolve_selected("current")
    qtbot.waitUntil(lambda: "保留当前" in tab.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0, timeout=WAIT)
    tab.show_resolved.setChecked(True)
    assert "保留当前" in tab.table.texts()[0][7]


def test_a_waiting_row_is_discarded_only_with_a_reason(qtbot, city: City) -> None:  # type: ignore[no-untyped-def]
    orphans_at_the_street(city)
    page = page_of(qtbot, city, STREET_1)
    tab = page.pending_tab
    count = tab.table.rowCount()
    assert count > 0 and "等待上级小区" in tab.table.texts()[0][3]
    tab.table.selectRow(0)
    tab.drop_selected("")
    qtbot.waitUntil(lambda: "原因" in tab.message.text(), timeout=WAIT)
    assert tab.table.rowCount() == count
    tab.drop_selected("小区已撤销")
    qtbot.waitUntil(lambda: tab.table.rowCount() == count - 1, timeout=WAIT)


def test_every_tab_is_saved_as_a_screenshot(qtbot, city: City, screenshot) -> None:  # type: ignore[no-untyped-def]
    clash_at_the_street(city)
    orphans_at_the_street(city, COMMUNITY_2)
    city.export(STREET_1)
    main = MainWindow(city.db(STREET_1))
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    page = main.open_page("sync")
    assert main.nav.currentItem().text() == "数据同步"
    qtbot.waitUntil(lambda: page.view is not None and not page.busy(), timeout=WAIT)
    page.import_tab.add_files([city.folder / f"{COMMUNITY_1}-001.wypkg"])
    page.import_tab.dry_run()
    qtbot.waitUntil(lambda: bool(page.import_tab.results), timeout=WAIT)
    names = ["export", "import", "receipts", "sent", "received", "conflicts", "pending", "below"]
    for index, name in enumerate(names):
        page.tabs.setCurrentIndex(index)
        assert screenshot(main, f"page-sync-{name}").stat().st_size > 10_000


def test_an_office_without_an_upper_office_is_told_what_to_do(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    page = SyncPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None, timeout=WAIT)
    assert "入网文件" in page.export_tab.receivers.item(0).text()
    assert page.export_tab.export() is None
    assert "请至少勾选一个接收单位" in page.export_tab.result.text()


def test_the_report_goes_to_excel_and_a_lost_receipt_is_written_again(qtbot, city: City) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    package = city.export(COMMUNITY_1)
    page = page_of(qtbot, city, STREET_1)
    run_import(qtbot, page, [package], dry_run=True)
    run_import(qtbot, page, [], dry_run=False)
    book = city.folder / "报告.xlsx"
    page.import_tab.save_report(book)
    qtbot.waitUntil(
        lambda: book.exists() and "已保存" in page.import_tab.state.text(), timeout=WAIT
    )
    assert load_workbook(book)["导入报告"].max_row > 2
    reload(qtbot, page)
    tab = page.receipts_tab
    [package_id] = [row[3] for row in tab.received.texts()]
    again = city.folder / "补发.receipt.json"
    tab.write_receipt(package_id, again)
    qtbot.waitUntil(lambda: "回执已写出" in tab.write_state.text(), timeout=WAIT)
    community = page_of(qtbot, city, COMMUNITY_1)
    community.receipts_tab.import_receipt_files([again])
    qtbot.waitUntil(lambda: bool(community.receipts_tab.outcomes), timeout=WAIT)
    assert "已被" in community.receipts_tab.import_state.text()
