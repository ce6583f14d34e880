"""A 查看 account in the window (issue 14, done when 1): it signs in at start, can save no
form (Save disabled and, if forced, refused in Chinese with nothing changed), sees phones
masked in lists and forms, and prints a disclosure board masked."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from app.services.accounts import add_account, sign_in_database, sign_out
from ui.dialogs.login_dialog import LoginDialog
from ui.jobs import database_pool
from ui.main_window import MainWindow

NOW = datetime(2026, 11, 25, 9, 0)
LEDGER_PAGES = ("estates", "buildings", "companies", "committees", "complaints")


def viewer_signed_in_window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    """Accounts on the demo street; the window opens signed out and 小王 (查看) signs in
    through the start-up dialog, as at the desk."""
    with db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "admin-pass-1", now=NOW)
    sign_in_database(db, "管理员", "admin-pass-1", now=NOW)
    with db.sessions.begin() as s:
        add_account(s, "小王", "viewer", "viewer-pass-1", now=NOW)
    sign_out(db)

    def sign_in(tries: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog):
            dialog.name.setText("小王")
            dialog.password.setText("viewer-pass-1")
            dialog.try_sign_in()
        elif tries:
            QTimer.singleShot(10, lambda: sign_in(tries - 1))

    QTimer.singleShot(0, sign_in)
    window = MainWindow(db)
    qtbot.addWidget(window)
    return window


def audit_and_data(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Rows changed since the file was made (seq) and the audit rows of data changes."""
    with closing(sqlite3.connect(db.path)) as con:
        seq = con.execute("SELECT max(value) FROM seq_counter").fetchone()[0] or 0
        audit = con.execute(
            "SELECT count(*) FROM audit_log WHERE action IN ('insert', 'update', 'delete')"
        ).fetchone()[0]
    return seq, audit


def test_a_viewer_saves_no_form_and_sees_only_masked_phones(qtbot, demo_db, screenshot) -> None:  # type: ignore[no-untyped-def]
    window = viewer_signed_in_window(qtbot, demo_db)
    assert demo_db.context.role == "viewer" and demo_db.context.actor == "小王"
    before = audit_and_data(demo_db)
    for key in LEDGER_PAGES:
        page = window.open_page(key)
        qtbot.waitUntil(lambda page=page: page.model.rowCount() > 0, timeout=15_000)
        form = page.make_form(page.model.uuid_at(0))
        qtbot.addWidget(form)
        form.show()
        assert not form.save_button.isEnabled(), key
        assert "只能查看" in form.save_button.toolTip()
        assert not form.reveal_button.isVisible()
        with qtbot.waitSignal(form.refused):  # forced anyway: the service refuses
            form.store()
        assert "只能查看，不能修改数据" in form.general_error.text(), key
        if key == "companies":
            form.resize(1366, 768)
            screenshot(form, "form-company-viewer")
            shown = [page.model.index(r, 4).data() for r in range(page.model.rowCount())]
            assert any(shown) and all("***" in p for p in shown if p)  # mobiles and landlines
            assert form.contact_phone.text() == shown[0]  # masked once, like the list
        form.close()
    database_pool().waitForDone()
    assert audit_and_data(demo_db) == before


def test_a_viewer_prints_a_board_masked(qtbot, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_disclosure_page import served_estate

    window = viewer_signed_in_window(qtbot, demo_db)
    page = window.open_page("disclosure")
    assert not page.unmasked.isEnabled()  # masked prints only
    estate = served_estate(demo_db)
    page.show_estate(estate.uuid)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "board.pdf"))
    page.print_to(printer)
    qtbot.waitUntil(lambda: not page.busy(), timeout=30_000)
    text = PdfReader(tmp_path / "board.pdf").pages[0].extract_text().replace("\n", "")
    assert f"{estate.name}物业服务信息公示栏" in text
    with closing(sqlite3.connect(demo_db.path)) as con:
        assert con.execute("SELECT masked FROM board_print").fetchall() == [(1,)]
