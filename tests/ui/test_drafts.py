"""Crash safety of the window (issue 14): a form with unsaved changes is kept as a draft in
the user's folder and offered back at the next start after a kill; saving or Cancel drops
it; a damaged database file is found at start and the latest good backup offered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.drafts import draft_path, drafts_of
from app.models import CompanyStaff
from app.packages.importer import SCRATCH_PREFIX
from app.packages.scratch import scratch_root
from tests.ui.form_left_open import TYPED
from ui.forms.staff_form import StaffForm
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def a_staff_member(db) -> str:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return s.scalars(select(CompanyStaff.uuid).where(CompanyStaff.certificate == "")).first()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_window_offers_its_unsaved_form_back(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    uuid = a_staff_member(demo_db)
    window_process = subprocess.Popen(
        [sys.executable, str(ROOT / "tests/ui/form_left_open.py"), str(demo_db.path), uuid],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert window_process.stdout is not None
    assert window_process.stdout.readline().strip() == "draft"
    window_process.send_signal(signal.SIGKILL)
    window_process.wait()
    assert [d.uuid for d in drafts_of(demo_db.path)] == [uuid]

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: getattr(window, "drafts_box", None) is not None)
    box = window.drafts_box
    assert "未保存" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    form = window.findChild(StaffForm)
    assert form is not None and form.certificate.text() == TYPED
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.saved):
        form.store()
    assert drafts_of(demo_db.path) == []  # saved: the draft is gone
    with demo_db.reader() as s:
        assert s.scalar(select(CompanyStaff.certificate).where(CompanyStaff.uuid == uuid)) == TYPED


def test_an_edit_is_kept_and_cancel_drops_it(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    uuid = a_staff_member(demo_db)
    form = StaffForm(demo_db, uuid)
    qtbot.addWidget(form)
    form.show()
    path = draft_path(demo_db.path, form.draft_form(), uuid)
    form.certificate.setText("物业管理师")
    qtbot.waitUntil(path.exists)  # debounced: written a moment after the edit
    assert path.stat().st_mode & 0o077 == 0  # the user's own
    form.certificate.setText("")  # back to what was loaded: nothing to keep
    qtbot.waitUntil(lambda: not path.exists())
    form.certificate.setText("物业管理师")
    qtbot.waitUntil(path.exists)
    form.reject()
    assert not path.exists()


def test_no_draft_offer_without_drafts(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    qtbot.wait(50)
    assert getattr(window, "drafts_box", None) is None


def damage(path: Path) -> None:
    """Scribble over pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        for offset in range(size // 3, size // 3 + 40 * 4096, 4096):
            f.seek(offset + 16)
            f.write(b"\xde\xad\xbe\xef" * 64)


def test_a_damaged_file_is_found_at_start_and_the_latest_good_backup_offered(  # type: ignore[no-untyped-def]
    qtbot, demo_db, answer_box
) -> None:
    from app.db.backups import quick_problems
    from app.db.sync import utc_now
    from app.models import Estate
    from app.services.backups import take_backup

    backup = take_backup(demo_db, now=utc_now())
    with demo_db.reader() as s:
        estates = s.scalar(select(func.count()).select_from(Estate))
    path = demo_db.path
    demo_db.close()
    damage(path)
    assert quick_problems(path)

    answer_box(QMessageBox.StandardButton.Yes)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.db is not None, timeout=20_000)
    assert window.recovered and quick_problems(path) == []
    with window.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Estate)) == estates
    assert list(backup.path.parent.glob("*.damaged"))  # kept aside, not deleted
    window.db.close()


def test_a_killed_imports_scratch_copy_is_removed_when_the_window_starts(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: decrypted package copies go at the next start of the window, not a day later."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    left = scratch_root() / f"{SCRATCH_PREFIX}{ended.stdout.strip()}-killed"
    left.mkdir()
    (left / "payload.sqlite").write_bytes(b"x" * 100)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    assert not left.exists()
