"""公示栏: a worker picks an estate, edits its board's texts, previews the panel, prints it to a
PDF through a QPrinter or saves it, and prints an estate's boards in one batch."""

from __future__ import annotations

import sqlite3

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.models import Estate, ServiceContract
from tests.conftest import TODAY
from ui.pages.disclosure import DisclosurePage


@pytest.fixture
def page(qtbot, demo_db):  # type: ignore[no-untyped-def]
    boards = DisclosurePage(demo_db, today=TODAY)
    qtbot.addWidget(boards)
    boards.resize(1200, 760)
    with qtbot.waitExposed(boards):
        boards.show()
    return boards


def served_estate(db) -> Estate:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return s.scalars(
            select(Estate)
            .where(Estate.uuid.in_(select(ServiceContract.estate_uuid)), Estate.building_count > 2)
            .order_by(Estate.name)
        ).first()


def wait(qtbot, page: DisclosurePage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.busy(), timeout=30_000)


def prints(db) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(db.path) as con:
        return con.execute(
            "SELECT version, masked, size FROM board_print ORDER BY rowid"
        ).fetchall()


def test_choosing_an_estate_lists_its_boards_never_printed(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    estate = served_estate(demo_db)
    page.show_estate(estate.uuid)
    names = [page.boards.item(r, 0).text() for r in range(page.boards.rowCount())]
    assert names[0] == "小区公示栏" and names[1:3] == ["1号楼", "2号楼"]
    assert page.boards.item(0, 3).text() == "从未打印"
    assert page.texts["service_content"].isVisibleTo(page)
    page.boards.selectRow(1)  # a building board has no estate items
    assert not page.texts["service_content"].isVisibleTo(page)
    assert prints(demo_db) == []


def test_preview_records_nothing_and_print_records_the_version(
    qtbot, page, demo_db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    estate = served_estate(demo_db)
    page.show_estate(estate.uuid)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    wait(qtbot, page)
    assert page.preview.page_count() == 1 and page.preview_content.version == 1
    assert prints(demo_db) == []

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    page.print_to(printer)
    wait(qtbot, page)
    assert f"{estate.name}物业服务信息公示栏" in PdfReader(tmp_path / "printed.pdf").pages[
        0
    ].extract_text().replace("\n", "")
    assert prints(demo_db) == [(1, 1, "A4")]
    assert page.history.rowCount() == 1 and page.history.item(0, 0).text() == "v1"
    assert page.boards.item(0, 1).text() == "v1" and page.boards.item(0, 3).text() == "有效"

    page.size.setCurrentText("A3")
    page.save_to(tmp_path / "saved.pdf")
    wait(qtbot, page)
    assert prints(demo_db)[-1] == (2, 1, "A3") and (tmp_path / "saved.pdf").exists()


def test_texts_are_saved_and_a_bad_phone_is_shown_at_its_field(qtbot, ime, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    estate = served_estate(demo_db)
    page.show_estate(estate.uuid)
    ime(page.texts["parking"], "地面车位120个，地下车库300个，月租150元。")
    page.complaint_phone.setText("12")
    page.save_texts()
    wait(qtbot, page)
    assert page.errors["complaint_phone"].isVisible()
    page.complaint_phone.setText("0561-3034569")
    page.save_texts()
    wait(qtbot, page)
    assert not page.errors["complaint_phone"].isVisible()
    page.show_estate(estate.uuid)  # read back from the database
    assert page.texts["parking"].toPlainText() == "地面车位120个，地下车库300个，月租150元。"
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    wait(qtbot, page)
    text = PdfReader(page.preview.path).pages[0].extract_text()
    assert "0561-3034569" in text and "地下车库300个" in text


def test_an_unmasked_print_asks_first_and_is_audited(qtbot, page, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.show_estate(served_estate(demo_db).uuid)
    page.unmasked.setChecked(True)

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, lambda: answer(button))

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    assert page.save_to(tmp_path / "no.pdf") is None
    assert not (tmp_path / "no.pdf").exists()
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    page.save_to(tmp_path / "yes.pdf")
    wait(qtbot, page)
    assert prints(demo_db) == [(1, 0, "A4")]
    with sqlite3.connect(demo_db.path) as con:
        assert con.execute("SELECT count(*) FROM audit_log WHERE action='unmasked'").fetchone() == (
            1,
        )


def test_a_batch_of_the_estate_is_one_pdf_with_every_board(qtbot, page, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    estate = served_estate(demo_db)
    page.show_estate(estate.uuid)
    boards = page.boards.rowCount()
    page.save_batch("estate", tmp_path / "batch.pdf")
    wait(qtbot, page)
    assert len(PdfReader(tmp_path / "batch.pdf").pages) >= boards
    assert len(prints(demo_db)) == boards
    assert all(page.boards.item(r, 3).text() == "有效" for r in range(boards))


def test_a_cancelled_batch_writes_and_records_nothing(qtbot, page, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.show_estate(served_estate(demo_db).uuid)
    job = page.save_batch("community", tmp_path / "batch.pdf")
    job.cancel()
    wait(qtbot, page)
    assert not (tmp_path / "batch.pdf").exists() and prints(demo_db) == []
    assert "未记录任何打印" in page.status.text()


def test_the_page_is_saved_as_a_screenshot(qtbot, window, screenshot, demo_db) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("disclosure")
    assert window.nav.currentItem().text() == "公示栏"
    page.show_estate(served_estate(demo_db).uuid)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    wait(qtbot, page)
    viewport = page.preview.view.viewport()

    def painted() -> bool:
        picture = viewport.grab().toImage()
        return any(picture.pixelColor(x, y).lightness() < 100
                   for y in range(0, picture.height() // 3, 2)
                   for x in range(0, picture.width(), 2))  # fmt: skip

    qtbot.waitUntil(painted, timeout=10_000)
    assert screenshot(window, "page-disclosure").stat().st_size > 10_000


def test_every_demo_estate_is_listed_and_a_cut_list_says_so(page) -> None:  # type: ignore[no-untyped-def]
    from ui.widgets.fields import CodeCombo

    assert page.estates.count() == 60
    combo = CodeCombo([])
    combo.set_choices([("a", "桓谭社区 · 相山花园")], more=10)
    assert combo.itemText(1) == "还有 10 条，请输入关键字" and combo.itemData(1) is None
    assert not combo.model().item(1).isEnabled()
