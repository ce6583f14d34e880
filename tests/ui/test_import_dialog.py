"""导入台账 as a worker uses it: check first (nothing written), then import all or only the
valid rows; every refused row is shown where it is and can be saved to fix in Excel."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import func, select

from app.models import Estate
from app.services.backups import list_backups
from reports.xlsx.error_book import PERSONAL_DATA_NOTE, REASON_HEADER
from ui.dialogs.import_dialog import ImportDialog
from ui.pages.estates import EstatesPage

LEFT = Qt.MouseButton.LeftButton
Ok, Yes = QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Yes
HEADERS = ["所属社区", "小区名称", "管理类型", "户数"]
VALID = [["桓谭社区", "翠湖花园", "专业化物业服务", 420], ["南湖社区", "凤凰城", "社区托管", 320]]
BAD = ["外星社区", "星际小区", "专业化物业服务", "很多"]  # sheet row 4: columns A and D
FIELD, REASON = 2, 3  # problems table columns


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def estate_names(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return sorted(s.scalars(select(Estate.name)))


def estate_count(db) -> int:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Estate))


def open_dialog(qtbot, db, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(db, "estate")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.path.setText(str(path))
    return dialog


def checked(qtbot, db, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, path)
    qtbot.mouseClick(dialog.check_button, LEFT)
    qtbot.waitUntil(lambda: dialog.report is not None)
    return dialog


def problem_rows(dialog: ImportDialog) -> list[list[str]]:
    table = dialog.problems
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_checking_a_clean_workbook_writes_nothing_and_enables_import(db, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    dialog = checked(qtbot, db, workbook(tmp_path / "台账.xlsx", VALID))
    assert estate_count(db) == 0
    assert dialog.report.outcome.created == 2 and dialog.problems.rowCount() == 0
    assert dialog.import_button.isEnabled()
    assert not dialog.partial_button.isEnabled() and not dialog.errors_button.isEnabled()


def test_import_writes_the_rows_and_the_estates_page_lists_them(db, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    page = EstatesPage(db)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_import()
    dialog.path.setText(str(workbook(tmp_path / "台账.xlsx", VALID)))
    qtbot.mouseClick(dialog.check_button, LEFT)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    with qtbot.waitSignal(dialog.imported) as imported:
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert imported.args[0].outcome.created == 2
    assert estate_names(db) == ["凤凰城", "翠湖花园"]
    listed = {page.model.index(row, 0).data() for row in range(page.model.rowCount())}
    assert listed == {"凤凰城", "翠湖花园"}  # the page refreshed on `imported`
    # The import took a backup first (issue 14), the check before it did not.
    assert [b.label for b in list_backups(db.path)] == ["before-import"]


def test_a_bad_row_is_shown_by_row_column_and_field_and_blocks_import(db, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    dialog = checked(qtbot, db, workbook(tmp_path / "台账.xlsx", [*VALID, BAD]))
    problems = sorted(problem_rows(dialog))  # by row, then column letter
    assert [row[: FIELD + 1] for row in problems] == [["4", "A", "所属社区"], ["4", "D", "户数"]]
    assert "外星社区" in problems[0][REASON] and problems[1][REASON]
    assert not dialog.import_button.isEnabled()
    assert dialog.partial_button.isEnabled() and dialog.errors_button.isEnabled()
    assert estate_count(db) == 0


def test_confirming_a_partial_import_writes_only_the_valid_rows(  # type: ignore[no-untyped-def]
    db, qtbot, tmp_path, answer_box
):
    dialog = checked(qtbot, db, workbook(tmp_path / "台账.xlsx", [BAD, *VALID]))
    answer_box(Yes)
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.partial_button, LEFT)
    assert estate_names(db) == ["凤凰城", "翠湖花园"]


def test_the_error_workbook_holds_only_the_bad_row_and_its_reasons(  # type: ignore[no-untyped-def]
    db, qtbot, tmp_path, monkeypatch
):
    dialog = checked(qtbot, db, workbook(tmp_path / "台账.xlsx", [*VALID, BAD]))
    target = tmp_path / "台账-错误.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    qtbot.mouseClick(dialog.errors_button, LEFT)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == PERSONAL_DATA_NOTE and rows[1] == (*HEADERS, REASON_HEADER)
    assert len(rows) == 3 and rows[2][:4] == tuple(BAD)
    assert "所属社区" in rows[2][4] and "户数" in rows[2][4]


def test_a_corrupted_file_is_named_in_a_warning_and_nothing_is_written(  # type: ignore[no-untyped-def]
    db, qtbot, tmp_path, answer_box
):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(os.urandom(4096))
    seen: list[str] = []

    def read_then_answer(tries_left: int = 500) -> None:  # the box runs its own event loop
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            answer_box(Ok)
        elif tries_left:
            QTimer.singleShot(10, lambda: read_then_answer(tries_left - 1))

    dialog = open_dialog(qtbot, db, broken)
    QTimer.singleShot(0, read_then_answer)
    qtbot.mouseClick(dialog.check_button, LEFT)
    qtbot.waitUntil(lambda: bool(seen) and QApplication.activeModalWidget() is None)
    assert "坏文件.xlsx" in seen[0]
    assert dialog.report is None and not dialog.import_button.isEnabled()
    assert estate_count(db) == 0


def test_the_reason_column_fills_the_problems_table(db, qtbot, tmp_path, screenshot):  # type: ignore[no-untyped-def]
    dialog = checked(qtbot, db, workbook(tmp_path / "台账.xlsx", [*VALID, BAD]))
    header = dialog.problems.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionPosition(3) + header.sectionSize(3) == header.width())
    assert screenshot(dialog, "dialog-import-problems").stat().st_size > 0


def test_sheet_without_community_asks_for_it_and_shows_company_matches(  # type: ignore[no-untyped-def]
    db, qtbot, tmp_path, screenshot
):
    from app.services.companies import CompanyIn, create_company

    with db.sessions.begin() as s:
        create_company(
            s, CompanyIn(credit_code="91340603MA2W000184", name="淮北市恒信物业服务有限公司")
        )
    path = tmp_path / "台账.csv"
    path.write_bytes(
        "小区名称,管理类型,户数,物业服务企业\n翠湖花园,专业化物业服务,420,淮北市恒信物业服务有限公司\n"
        "凤凰城,社区托管,320,没有这家公司\n".encode("gbk")
    )
    dialog = open_dialog(qtbot, db, path)
    dialog.resize(1366, 768)
    qtbot.mouseClick(dialog.check_button, LEFT)
    qtbot.waitUntil(dialog.community_row.isVisible)
    assert dialog.report is None and dialog.community.count() == 2
    screenshot(dialog, "import-asks-community")
    dialog.community.setCurrentIndex(dialog.community.findText("南湖社区"))
    qtbot.mouseClick(dialog.check_button, LEFT)
    qtbot.waitUntil(lambda: dialog.report is not None)
    screenshot(dialog, "import-company-matches")
    text = dialog.summary.text()
    assert "南湖社区（按指定）" in text and "GBK/GB18030" in text and estate_count(db) == 0
    rows = problem_rows(dialog)
    assert [r[0] for r in rows] == ["3", "2"] and "没有名为“没有这家公司”" in rows[0][REASON]
    assert "新建服务合同" in rows[1][REASON]
    assert dialog.import_button.isEnabled() and dialog.errors_button.isEnabled()
