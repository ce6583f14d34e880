"""The estate ledger as a worker uses it: new, find, edit, delete; bad input stays at its field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.models import Estate
from ui.forms.estate_form import EstateForm

LEFT = Qt.MouseButton.LeftButton
NAME, HOUSEHOLDS = 0, 4  # list columns


def new_estate(qtbot, ime, page, name: str, households: int) -> str:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    ime(form.name, name)
    ime(form.address, "淮北市相山区测试路1号")
    set_number(qtbot, form.households, households)
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    return form.uuid


def set_number(qtbot, box, value: int) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(value))


def search(qtbot, ime, page, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    ime(page.search, text)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    return [page.model.index(row, NAME).data() for row in range(page.model.rowCount())]


def estate_rows(db) -> int:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Estate))


def test_a_new_estate_is_found_through_the_search_box(window, qtbot, ime) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("estates")
    new_estate(qtbot, ime, page, "测试花园", 320)
    assert search(qtbot, ime, page, "测试花园") == ["测试花园"]
    assert page.model.index(0, HOUSEHOLDS).data() == "320"
    qtbot.waitUntil(lambda: page.count_label.text() == "共 1 条记录")  # counted off the UI thread


def test_an_edited_estate_shows_its_new_households_in_the_list(window, qtbot, ime) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("estates")
    uuid = new_estate(qtbot, ime, page, "测试花园", 320)
    search(qtbot, ime, page, "测试花园")
    assert page.select_uuid(uuid)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    set_number(qtbot, form.households, 480)
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    assert page.model.index(page.model.row_of(uuid), HOUSEHOLDS).data() == "480"


def test_a_deleted_estate_leaves_the_list_and_stays_as_a_tombstone(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle, ime, answer_box
) -> None:
    page = window.open_page("estates")
    uuid = new_estate(qtbot, ime, page, "测试花园", 320)
    assert page.select_uuid(uuid)
    answer_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_button, LEFT)
    idle(page)
    assert search(qtbot, ime, page, "测试花园") == []
    with demo_db.reader() as s:
        stored = s.get(Estate, uuid, execution_options={"include_deleted": True})
        assert stored is not None and stored.deleted


def test_undo_brings_a_deleted_estate_back_with_its_committee(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle, answer_box
) -> None:
    from sqlalchemy import func, select

    from app.models import Committee

    page = window.open_page("estates")
    with demo_db.reader() as s:
        committees = s.scalar(select(func.count()).select_from(Committee))
    page.table.selectRow(0)
    answer_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_button, LEFT)
    idle(page)
    assert page.undo_bar.isVisible() and "已删除" in page.undo_label.text()
    assert page.model.total() == 59
    qtbot.mouseClick(page.undo_button, LEFT)
    idle(page)
    assert not page.undo_bar.isVisible() and page.model.total() == 60
    with demo_db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Committee)) == committees


def test_answering_no_keeps_the_estate(window, demo_db, qtbot, answer_box) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("estates")
    page.table.selectRow(0)
    answer_box(QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.delete_button, LEFT)
    assert page.model.total() == estate_rows(demo_db) == 60


def test_zero_households_is_shown_at_the_field_and_nothing_saved(  # type: ignore[no-untyped-def]
    db, qtbot, idle, ime, screenshot
) -> None:
    form = EstateForm(db)
    qtbot.addWidget(form)
    form.show()
    ime(form.name, "测试花园")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert form.errors["households"].text() == "户数应大于0"
    assert form.errors["households"].isVisible()
    assert estate_rows(db) == 0
    screenshot(form, "form-estate-errors")
