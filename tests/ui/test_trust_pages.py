"""操作日志, 备份与恢复 and the sign-in dialog (issue 14), over the demo street."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import select

from app.db import open_database
from app.models import Estate
from app.rules.roles import NOBODY
from app.services.accounts import add_account
from tests.app.packages.conftest import table_rows
from ui.dialogs.login_dialog import LoginDialog
from ui.jobs import database_pool
from ui.pages.audit_log import AuditLogPage
from ui.pages.backups import BackupsPage

NOW = datetime(2026, 11, 25, 9, 0)


def wide(page) -> None:  # type: ignore[no-untyped-def]
    page.resize(1366, 768)
    page.show()


def test_the_audit_log_shows_each_change_and_filters_by_table(qtbot, demo_db, screenshot) -> None:  # type: ignore[no-untyped-def]
    page = AuditLogPage(demo_db)
    qtbot.addWidget(page)
    page.since.setDate(QDate(2020, 1, 1))
    page.until.setDate(QDate(2030, 1, 1))
    page.refresh()
    assert page.table.rowCount() == 1000  # newest 1,000 of the demo's rows
    page.table_box.setCurrentIndex(page.table_box.findData("complaint"))
    page.refresh()
    texts = {page.table.item(r, 5).text() for r in range(page.table.rowCount())}
    assert page.table.rowCount() == 40 and any("****" in t for t in texts)  # phones masked
    wide(page)
    screenshot(page, "page-audit-log")


def test_the_audit_log_exports_what_it_shows(qtbot, demo_db, tmp_path, monkeypatch, idle) -> None:  # type: ignore[no-untyped-def]
    page = AuditLogPage(demo_db)
    qtbot.addWidget(page)
    page.since.setDate(QDate(2020, 1, 1))
    page.until.setDate(QDate(2030, 1, 1))
    page.refresh()
    target = tmp_path / "操作日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    page.export()
    idle(page)  # written on the operation layer, with its audit row
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "时间" and len(rows) == 1 + page.table.rowCount()
    page.refresh()  # newest first: the export itself
    assert page.table.texts()[0][4] == "操作日志.xlsx"


def test_an_unwritable_audit_log_export_says_so(qtbot, demo_db, tmp_path, idle) -> None:  # type: ignore[no-untyped-def]
    page = AuditLogPage(demo_db)
    qtbot.addWidget(page)
    (tmp_path / "a-file").write_text("")
    page.export_to(tmp_path / "a-file" / "操作日志.xlsx")  # a folder that is a file
    idle(page)
    assert page.findChild(QMessageBox, "wuye_failure") is not None


def test_back_up_now_lists_the_backup(qtbot, demo_db, screenshot, idle) -> None:  # type: ignore[no-untyped-def]
    page = BackupsPage(demo_db)
    qtbot.addWidget(page)
    before = page.table.rowCount()
    page.back_up()
    idle(page)
    assert page.table.rowCount() == before + 1
    assert page.table.item(0, 1).text() == "手动" and int(page.table.item(0, 3).text()) > 0
    wide(page)
    screenshot(page, "page-backups")


def test_a_backup_taken_on_the_page_is_restored_by_the_page_exactly(  # type: ignore[no-untyped-def]
    qtbot, demo_db, monkeypatch, idle
) -> None:
    """Done-when 2 through the 备份与恢复 page's own buttons (the restore and its snapshot
    upward as a service: tests/app/test_trust_done_when.py)."""
    path = demo_db.path
    page = BackupsPage(demo_db)
    qtbot.addWidget(page)
    page.back_up()
    idle(page)
    held = table_rows(demo_db)
    with demo_db.sessions.begin() as s:
        s.scalars(select(Estate).limit(1)).one().name = "备份后改名小区"
    assert table_rows(demo_db) != held
    page.refresh()
    assert page.table.select_key(page.backups[0].path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append("失败" + text))
    monkeypatch.setattr(QApplication, "quit", lambda: said.append("quit"))
    page.restore()
    idle(page)
    assert said[-1] == "quit" and "失败" not in said[0], said
    demo_db.close()
    again = open_database(path, actor="tester")
    try:
        assert table_rows(again) == held
    finally:
        again.close()


def test_a_backup_runs_as_a_job_with_the_buttons_off(qtbot, demo_db, idle, screenshot) -> None:  # type: ignore[no-untyped-def]
    """The page returns at once (the copy runs off the GUI thread), both buttons off until the
    job ends; then the file is there and listed."""
    page = BackupsPage(demo_db)
    qtbot.addWidget(page)
    wide(page)
    before = set(b.path for b in page.backups)
    job = page.back_up()
    assert job is not None and page.busy
    assert not page.backup_button.isEnabled() and not page.restore_button.isEnabled()
    screenshot(page, "page-backups-running")
    idle(page)
    made = [b.path for b in page.backups if b.path not in before]
    assert len(made) == 1 and made[0].is_file()
    assert page.backup_button.isEnabled() and page.restore_button.isEnabled()
    assert str(made[0]) in page.status.text()


def test_a_backup_into_an_unwritable_folder_says_one_chinese_line(qtbot, demo_db, idle) -> None:  # type: ignore[no-untyped-def]
    from app.db.backups import backup_dir

    folder = backup_dir(demo_db.path)
    aside = folder.with_name(folder.name + "-kept")
    if folder.exists():
        folder.rename(aside)
    folder.write_text("")  # the backups folder is a file: nothing can be written in it
    try:
        page = BackupsPage(demo_db)
        qtbot.addWidget(page)
        page.back_up()
        idle(page)
        box = page.findChild(QMessageBox, "wuye_failure")
        assert box is not None and box.text() == page.status.text()
        line = box.text()
        assert "\n" not in line and "Traceback" not in line and "程序" not in line, line
        assert any("\u4e00" <= ch <= "\u9fff" for ch in line), line
        assert page.backup_button.isEnabled()
    finally:
        folder.unlink()
        if aside.exists():
            aside.rename(folder)


def test_about_says_a_database_without_accounts_is_single_user(window) -> None:  # type: ignore[no-untyped-def]
    assert window.db.context.role is None  # the demo street has no accounts
    line = window._accounts_line()
    assert line == "未设置账户：单机使用，任何打开本程序的人都可以修改数据。", line


def test_the_sign_in_dialog_signs_in_or_says_why_not(qtbot, demo_db, ime, screenshot) -> None:  # type: ignore[no-untyped-def]
    with demo_db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "admin-pass-1", now=NOW)
    demo_db.context.role = NOBODY
    dialog = LoginDialog(demo_db)
    qtbot.addWidget(dialog)
    ime(dialog.name, "管理员")
    dialog.password.setText("wrong-pass-1")
    dialog.try_sign_in()
    assert "用户名或密码不正确" in dialog.error.text()
    dialog.show()
    screenshot(dialog, "dialog-login")
    dialog.password.setText("admin-pass-1")
    dialog.try_sign_in()
    assert demo_db.context.role == "admin" and demo_db.context.actor == "管理员"


def test_an_idle_window_signs_out_to_read_only(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from app.services.accounts import sign_in_database
    from ui.idle_lock import IdleLock

    with demo_db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "admin-pass-1", now=NOW)
    sign_in_database(demo_db, "管理员", "admin-pass-1", now=NOW)
    host = QWidget()
    qtbot.addWidget(host)
    lock = IdleLock(host, demo_db, limit_s=60)
    lock.last_input -= 61  # a minute without input
    QTimer.singleShot(200, lambda: QApplication.activeModalWidget().reject())  # "read only"
    lock.check()
    assert demo_db.context.role == NOBODY and not demo_db.context.signed_in


def test_a_backup_the_migration_could_not_seal_is_said_once_in_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, demo_db, screenshot
) -> None:
    from app.db import open_database
    from tests.app.db.pre_sealing import back_to_clear, unsealable_backup
    from ui.main_window import MainWindow

    path = demo_db.path
    back_to_clear(demo_db)
    odd = unsealable_backup(path)
    db = open_database(path, actor="tester")
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()))
        shown = window.statusBar().currentMessage()
        assert shown.startswith("旧备份：") and odd.name in shown and "明文" in shown
        assert db.backup_notes == ()  # said once: a later open of the same window shows nothing
        screenshot(window, "window-backup-notes")
    finally:
        database_pool().waitForDone()
        db.close()


def test_the_daily_backup_at_start_runs_as_a_job(window, idle) -> None:  # type: ignore[no-untyped-def]
    """The window is shown before the copy is made (the fixture waited for the first paint);
    the day's backup is there once the window's operations end, and a second start the same
    day takes none."""
    from app.services.backups import DAILY, list_backups

    idle(window)
    daily = [b for b in list_backups(window.db.path) if b.label == DAILY]
    assert len(daily) == 1 and daily[0].path.is_file()
    window._daily_backup()
    idle(window)
    assert [b for b in list_backups(window.db.path) if b.label == DAILY] == daily
