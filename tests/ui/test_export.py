"""导出 from a ledger page: the list as shown (search included) goes to a titled workbook that
imports back unchanged."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui.dialogs.import_dialog import ImportDialog
from ui.pages.estates import EstatesPage

LEFT = Qt.MouseButton.LeftButton
FIRST_DATA_ROW = 4  # title, export time, headers


def estates_page(qtbot, db) -> EstatesPage:  # type: ignore[no-untyped-def]
    page = EstatesPage(db)
    qtbot.addWidget(page)
    page.show()
    return page


def exported(qtbot, page: EstatesPage, out: Path) -> tuple[int, list[tuple]]:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.exported) as done:
        page.export_to(out)
    assert done.args[0] == out
    rows = list(load_workbook(out).active.iter_rows(min_row=FIRST_DATA_ROW, values_only=True))
    return done.args[1], rows


def listed_names(page: EstatesPage) -> list[str]:
    return [page.model.index(row, 0).data() for row in range(page.model.rowCount())]


def test_every_estate_is_exported_and_counted_in_the_signal(demo_db, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    count, rows = exported(qtbot, estates_page(qtbot, demo_db), tmp_path / "x.xlsx")
    assert count == len(rows) == 60
    assert load_workbook(tmp_path / "x.xlsx").active["A3"].value == "小区"  # the header row


def test_the_search_typed_into_the_page_limits_the_export(demo_db, qtbot, ime, tmp_path):  # type: ignore[no-untyped-def]
    page = estates_page(qtbot, demo_db)
    ime(page.search, "文昌")
    page.apply_query()
    count, rows = exported(qtbot, page, tmp_path / "x.xlsx")
    assert 0 < count < 60
    assert [row[0] for row in rows] == listed_names(page)
    assert "检索：文昌" in load_workbook(tmp_path / "x.xlsx").active["A2"].value


def test_an_exported_ledger_imports_back_unchanged(demo_db, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "小区台账.xlsx"
    exported(qtbot, estates_page(qtbot, demo_db), out)
    dialog = ImportDialog(demo_db, "estate")
    qtbot.addWidget(dialog)
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.check_button, LEFT)
    qtbot.waitUntil(lambda: dialog.report is not None)
    outcome = dialog.report.outcome
    assert dialog.report.errors() == []
    assert (outcome.rows, outcome.unchanged, outcome.created, outcome.updated) == (60, 60, 0, 0)


def test_an_administrator_may_export_phones_in_clear_audited(demo_db, qtbot, tmp_path, answer_box):  # type: ignore[no-untyped-def]
    import sqlite3
    from contextlib import closing

    from ui.pages.companies import CompaniesPage

    page = CompaniesPage(demo_db)
    qtbot.addWidget(page)
    masked, clear = tmp_path / "masked.xlsx", tmp_path / "clear.xlsx"
    answer_box(QMessageBox.StandardButton.No)
    assert page.ask_unmasked() is False  # a PC without accounts: its user is the administrator
    with qtbot.waitSignal(page.exported):
        page.export_to(masked)
    with qtbot.waitSignal(page.exported):
        page.export_to(clear, unmasked=True)
    phones = {name: [r[4] for r in load_workbook(name).active.iter_rows(
        min_row=FIRST_DATA_ROW, values_only=True) if r[4]] for name in (masked, clear)}  # fmt: skip
    assert phones[masked] and all("*" in p for p in phones[masked])
    assert not any("*" in p for p in phones[clear])
    with closing(sqlite3.connect(demo_db.path)) as con:
        assert con.execute("SELECT row_uuid FROM audit_log WHERE action = 'export'").fetchall() == [
            ("clear.xlsx",)
        ]
