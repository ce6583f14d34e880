"""The window's operation layer (ui/ops.py): a save that fails says why and keeps the form
open; a bug is logged and said; a write on one page refreshes another that shows its table."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import event, func, select

from app.db import Database
from app.logfile import setup_logging
from app.models import Estate
from reports.xlsx.ledger_in import ImportReport
from ui.app import report_uncaught
from ui.dialogs.import_dialog import ImportDialog
from ui.forms.company_form import CompanyForm
from ui.ops import Op

LEFT = Qt.MouseButton.LeftButton
GOOD_CODE = "91340603MA2W000184"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    setup_logging(folder)
    yield folder
    setup_logging(tmp_path / "after")  # let go of the file before tmp_path goes


def on_every_connection(db: Database, pragma: str) -> None:
    """A pragma on each new connection of the database's pool (the open ones are dropped)."""
    event.listen(db.engine, "connect", lambda conn, _record: conn.execute(pragma))
    db.engine.dispose()


def company_form(qtbot, ime, db: Database) -> CompanyForm:  # type: ignore[no-untyped-def]
    form = CompanyForm(db)
    qtbot.addWidget(form)
    form.show()
    ime(form.name, "相山物业服务有限公司")
    ime(form.credit_code, GOOD_CODE)
    return form


def companies(db_path: Path) -> int:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute("SELECT count(*) FROM property_company").fetchone()[0]


def failure_box(widget: QWidget) -> QMessageBox | None:
    return widget.findChild(QMessageBox, "wuye_failure")


def test_a_save_on_a_read_only_database_says_so_and_keeps_the_form_open(  # type: ignore[no-untyped-def]
    db, db_path, qtbot, ime, screenshot
) -> None:
    # query_only is SQLite's read-only mode; chmod would not stop root, who runs CI here
    on_every_connection(db, "PRAGMA query_only=ON")
    form = company_form(qtbot, ime, db)
    with qtbot.waitSignal(form.refused):
        qtbot.mouseClick(form.save_button, LEFT)
    assert "只读" in form.general_error.text() and str(db_path) in form.general_error.text()
    assert "没有保存" in form.general_error.text()
    assert form.isVisible() and form.save_button.isEnabled()
    assert companies(db_path) == 0
    screenshot(form, "form-save-read-only")


def test_a_save_while_another_program_holds_the_database_says_so(  # type: ignore[no-untyped-def]
    db, db_path, qtbot, ime
) -> None:
    on_every_connection(db, "PRAGMA busy_timeout=200")
    form = company_form(qtbot, ime, db)
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
        with qtbot.waitSignal(form.refused, timeout=10_000):
            qtbot.mouseClick(form.save_button, LEFT)
        other.execute("ROLLBACK")
    assert "正被另一个程序使用" in form.general_error.text()
    assert form.isVisible()
    with qtbot.waitSignal(form.saved):  # the lock gone, the same form saves
        qtbot.mouseClick(form.save_button, LEFT)
    assert companies(db_path) == 1


def test_an_unexpected_error_in_an_op_is_logged_and_said(db, qtbot, log_dir, screenshot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(_session: Any, _job: Any) -> None:
        raise ZeroDivisionError("boom in the worker")

    Op(parent, db.reader, work).run()
    qtbot.waitUntil(lambda: failure_box(parent) is not None)
    box = failure_box(parent)
    assert "程序出错（ZeroDivisionError）" in box.text() and str(log_dir) in box.text()
    assert "Traceback" not in box.text()
    screenshot(box, "message-unexpected-error")
    logged = (log_dir / "wuyedesk.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom in the worker" in logged and "Traceback" in logged


def test_an_uncaught_exception_is_logged_and_shown(qtbot, log_dir) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    try:
        raise KeyError("lost key")
    except KeyError as exc:
        box = report_uncaught(parent, KeyError, exc, exc.__traceback__)
    assert "程序出错（KeyError）" in box.text()
    assert "KeyError: 'lost key'" in (log_dir / "wuyedesk.log").read_text(encoding="utf-8")


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def imported(qtbot, db: Database, kind: str, path: Path) -> ImportReport:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(db, kind)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    qtbot.mouseClick(dialog.check_button, LEFT)
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert dialog.report.clean, dialog.report.errors()
    with qtbot.waitSignal(dialog.imported) as done:
        qtbot.mouseClick(dialog.import_button, LEFT)
    return done.args[0]


def test_estates_imported_in_a_dialog_appear_in_the_open_estate_list(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, tmp_path
) -> None:
    page = window.open_page("estates")
    before = page.model.rowCount()
    rows = [
        ["所属社区", "小区名称", "管理类型", "户数"],
        ["桓谭社区", "新导入花园", "社区托管", 12],
    ]
    imported(qtbot, demo_db, "estate", workbook(tmp_path / "小区.xlsx", rows))
    page.search.setText("新导入花园")
    page.apply_query()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.search.clear()
    page.apply_query()
    qtbot.waitUntil(lambda: page.model.rowCount() >= min(before + 1, page.model.PAGE))


def test_every_ledger_kind_the_cli_takes_imports_in_the_window(db, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    where = ["桓谭社区", "翠湖家园"]
    sheets = {
        "estate": [["所属社区", "小区名称", "管理类型", "户数"], [*where, "专业化物业服务", 300]],
        "company": [["企业名称", "统一社会信用代码"], ["翠湖物业", GOOD_CODE]],
        "building": [["所属社区", "小区名称", "楼栋名称"], [*where, "7号楼"]],
        "contract": [
            ["所属社区", "小区名称", "物业企业", "合同开始日期", "选聘方式"],
            [*where, "翠湖物业", "2024-02-01", "公开招标"],
        ],
        "staff": [["物业企业", "姓名", "岗位"], ["翠湖物业", "李青", "项目负责人"]],
        "member": [["所属社区", "小区名称", "届次", "任期开始", "任期结束", "成员姓名", "职务"]]
        + [
            [*where, 1, "2024-03-05", "2029-03-04", f"委员{i}", "主任" if i == 0 else "委员"]
            for i in range(5)
        ],
    }
    created = {}
    for kind, rows in sheets.items():
        report = imported(qtbot, db, kind, workbook(tmp_path / f"{kind}.xlsx", rows))
        created[kind] = report.outcome.created
    assert created == {"estate": 1, "company": 1, "building": 1, "contract": 1, "staff": 1,
                       "member": 1}  # fmt: skip
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Estate)) == 1


def test_the_estate_page_offers_its_buildings_and_contracts_for_import(window, screenshot) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_page("estates").open_import()
    kinds = [dialog.kind_choice.itemData(i) for i in range(dialog.kind_choice.count())]
    assert kinds == ["estate", "building", "contract"]
    dialog.choose_kind("building")
    assert dialog.windowTitle() == "导入楼栋台账"
    screenshot(dialog, "dialog-import-building")
    dialog.close()


def test_the_boards_to_reprint_are_read_off_the_gui_thread(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("disclosure")
    with qtbot.waitSignal(page.refresh_stale().signals.finished):
        pass
    assert page.stale.count() > 0
    assert page.tabs.tabText(1) == f"待更新（{page.stale.count()}）"


def test_the_help_menu_opens_the_log_folder(window) -> None:  # type: ignore[no-untyped-def]
    help_menu = window.menuBar().actions()[-1].menu()
    assert "打开日志文件夹" in [a.text() for a in help_menu.actions()]


def test_a_page_hidden_during_a_write_shows_it_when_opened_again(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle
) -> None:
    from app.models import Committee

    with demo_db.reader() as s:
        committee = s.scalars(select(Committee).limit(1)).one()
        estate, committee_uuid = committee.estate_uuid, committee.uuid
    committees = window.open_page("committees")
    assert committees.select_uuid(committee_uuid)  # listed, loaded
    estates = window.open_page("estates")  # the committee list is hidden now
    assert estates.select_uuid(estate)
    estates.delete_row(estates.selected_row())
    idle(estates)
    assert window.open_page("committees") is committees
    assert committees.model.row_of(committee_uuid) is None  # the estate's committee went too
