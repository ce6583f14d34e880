"""备份与恢复: the backups beside the database with time, size and row counts; back up now;
restore one (administrators; the current file is kept aside, and the program closes so that
every page reopens on the restored data)."""

from __future__ import annotations

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
from app.errors import WuyeError
from app.services.backups import BackupInfo, list_backups, restore_backup, take_backup
from ui.widgets.plain_table import PlainTable


class BackupsPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.backups: list[BackupInfo] = []
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
        self.restore_button.setEnabled(bool(self.backups))

    def back_up(self) -> None:
        try:
            info = take_backup(self.db, now=utc_now())
        except WuyeError as exc:
            QMessageBox.warning(self, self.tr("Backup failed"), str(exc))
            return
        self.status.setText(self.tr("Backed up: %1").replace("%1", str(info.path)))
        self.refresh()

    def restore(self) -> None:
        chosen = next((b for b in self.backups if b.path == self.table.selected_key()), None)
        if chosen is None:
            QMessageBox.information(self, self.tr("Restore"), self.tr("Select a backup first."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr("Put the backup of %1 in place of the current data? The current file is "
                    "kept aside; the program closes afterwards.")
            .replace("%1", f"{chosen.taken_at:%Y-%m-%d %H:%M}"),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            restored, aside = restore_backup(self.db, chosen.path, now=utc_now())
        except WuyeError as exc:
            QMessageBox.warning(self, self.tr("Restore failed"), str(exc))
            return
        restored.close()
        QMessageBox.information(
            self,
            self.tr("Restore"),
            self.tr("Restored. The replaced file is kept as %1. Open the program again.")
            .replace("%1", str(aside)),
        )  # fmt: skip
        QApplication.quit()
