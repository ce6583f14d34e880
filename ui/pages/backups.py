"""备份与恢复: the backups beside the database with time, size and row counts; back up now;
restore one (administrators; the current file is kept aside, and the program closes so that
every page reopens on the restored data). Both copy whole files, so they run as operations off
the GUI thread (ui/ops.py), the page's buttons off until they end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.db.sync import utc_now
from app.services.backups import BackupInfo, list_backups, restore_backup, take_backup
from ui.job_progress import attach_progress
from ui.jobs import Failure, Job
from ui.ops import Op, show_failure
from ui.widgets.plain_table import PlainTable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class BackupsPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.backups: list[BackupInfo] = []
        self.busy = False  # a backup or restore runs: both buttons stay off
        title = QLabel(self.tr("Backup and restore"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        note = QLabel(
            self.tr("A backup is taken at the first start of each day and before every import; "
                    "kept: 7 daily, 4 weekly, 12 monthly. Keys are sealed beside a backup taken "
                    "with a passphrase (wuye backup --passphrase-file).")
        )  # fmt: skip
        note.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_button.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        self.table = PlainTable(
            [self.tr("Time"), self.tr("Kind"), self.tr("Size (KB)"), self.tr("Records"),
             self.tr("File")],
            right=(2, 3),
        )  # fmt: skip
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        self.backups = list_backups(self.db.path)
        self.table.set_rows(
            [
                (f"{b.taken_at:%Y-%m-%d %H:%M:%S}", b.label_text, f"{b.size // 1024:,}",
                 str(b.total_rows) if b.rows else "—", b.path.name)
                for b in self.backups
            ],
            keys=[b.path for b in self.backups],
        )  # fmt: skip
        self.restore_button.setEnabled(bool(self.backups) and not self.busy)

    def back_up(self) -> Job:
        """Copy, verify and rotate off the GUI thread (ui/ops.py); the page waits, buttons
        off, and says where the copy went or why there is none."""
        db = self.db
        now = utc_now()

        def work(_session: Session, _job: Job) -> BackupInfo:
            return take_backup(db, now=now)

        def done(info: BackupInfo) -> None:
            self.status.setText(self.tr("Backed up: %1").replace("%1", str(info.path)))
            self.refresh()

        return self._run(work, self.tr("Backing up"), self.tr("Backup failed"), done)

    def restore(self) -> Job | None:
        """As before, in the same order (keep the current file aside, close, copy the backup
        in, reopen with a new id, audit: `restore_backup`), but off the GUI thread: the
        database pool runs one job at a time, so no other read or write, and not the window's
        daily backup, runs meanwhile. The program then closes as it did."""
        chosen = next((b for b in self.backups if b.path == self.table.selected_key()), None)
        if chosen is None:
            QMessageBox.information(self, self.tr("Restore"), self.tr("Select a backup first."))
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr("Put the backup of %1 in place of the current data? The current file is "
                    "kept aside; the program closes afterwards.")
            .replace("%1", f"{chosen.taken_at:%Y-%m-%d %H:%M}"),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return None
        db = self.db
        now = utc_now()

        def work(_session: Session, _job: Job) -> Path:
            restored, aside = restore_backup(db, chosen.path, now=now)
            restored.close()  # the program closes: every page reopens on the restored file
            return aside

        def done(aside: Path) -> None:
            QMessageBox.information(
                self,
                self.tr("Restore"),
                self.tr("Restored. The replaced file is kept as %1. Open the program again.")
                .replace("%1", str(aside)),
            )  # fmt: skip
            QApplication.quit()

        return self._run(work, self.tr("Restoring"), self.tr("Restore failed"), done)

    def _run(
        self,
        work: Callable[[Session, Job], Any],
        label: str,
        failed_title: str,
        done: Callable[[Any], None],
    ) -> Job:
        """One backup or restore at a time, with a progress dialog (no Cancel: a half-made
        copy is never left, and the copy cannot stop midway); a failure is one line."""

        def failed(failure: Failure) -> None:
            self.status.setText(failure.message)
            show_failure(self, failed_title, failure.message)

        def idle() -> None:
            self.busy = False
            self.backup_button.setEnabled(True)
            self.restore_button.setEnabled(bool(self.backups))

        self.busy = True
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.status.setText(label + "…")
        op = Op(self, self.db.reader, work, title=failed_title)
        op.success(done).failure(failed).finally_(idle)
        attach_progress(self, op.job, label).setCancelButton(None)
        return op.run()
