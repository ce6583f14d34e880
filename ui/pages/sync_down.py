"""The 下发 tab of 数据同步: packages downward to one direct subordinate or to all of them, one
file each into a folder, as a Job with progress and cancel. The work is
app.packages.downward, the same as `wuye package export --down`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.db.sync import utc_now
from app.packages.downward import DownAll, export_down_all
from app.services.sync_overview import SyncOverview
from ui.job_progress import run_with_progress
from ui.jobs import Job
from ui.pages.sync_transfer import ERROR_STYLE, OK_STYLE

ALL = ""  # the combo's data for "every direct subordinate"


class DownTab(QWidget):
    done = Signal()

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.last: DownAll | None = None
        self.names: dict[str, str] = {}
        self.intro = QLabel(
            self.tr("Send the tasks, interviews, circulars and campaigns this office issued or "
                    "received from above to the offices below: one package per office. Each "
                    "office imports its package and sends back the receipt (tab Receipts).")
        )  # fmt: skip
        self.intro.setWordWrap(True)
        self.receiver = QComboBox()
        receiver_label = QLabel(self.tr("&To:"))
        receiver_label.setBuddy(self.receiver)
        receiver_row = QHBoxLayout()
        receiver_row.addWidget(receiver_label)
        receiver_row.addWidget(self.receiver, 1)

        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("The folder to write the packages into"))
        self.browse = QPushButton(self.tr("Bro&wse…"))
        folder_label = QLabel(self.tr("Fo&lder:"))
        folder_label.setBuddy(self.folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)

        self.send_button = QPushButton(self.tr("Write pac&kages"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(receiver_row)
        layout.addLayout(folder_row)
        layout.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.browse.clicked.connect(self.choose_folder)
        self.send_button.clicked.connect(self.send)

    def show_view(self, view: SyncOverview) -> None:
        chosen = self.receiver.currentData()
        self.receiver.clear()
        self.names = {r.code: r.name for r in view.below}
        if view.below:
            self.receiver.addItem(self.tr("Every office directly below (%n)", "", len(view.below)),
                                  ALL)  # fmt: skip
            for r in view.below:
                self.receiver.addItem(f"{r.name}（{r.code}）", r.code)
            index = self.receiver.findData(chosen)
            self.receiver.setCurrentIndex(max(index, 0))
        else:
            self.receiver.addItem(
                self.tr("No office below has onboarded yet (tab Onboarding)"), None
            )
        self.receiver.setEnabled(bool(view.below))
        self.send_button.setEnabled(bool(view.below))
        if not self.folder.text():
            self.folder.setText(str(Path.home() / f"下发-{date.today():%Y%m%d}"))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Send down"), self.folder.text())
        if path:
            self.folder.setText(path)

    def _show_error(self, message: str) -> None:
        self.result.setStyleSheet(ERROR_STYLE)
        self.result.setText(message)

    def send(self) -> Job | None:
        code = self.receiver.currentData()
        if code is None:
            self._show_error(self.tr("No office below has onboarded yet (tab Onboarding)"))
            return None
        folder = Path(self.folder.text().strip())
        if not self.folder.text().strip() or not folder.is_dir():
            self._show_error(
                self.tr("The folder %1 does not exist: make it first or choose another.")
                .replace("%1", str(folder))
            )  # fmt: skip
            return None
        db_path = self.db.path

        def work(session: Session, job: Job) -> DownAll:
            return export_down_all(
                session, db_path, folder, now=utc_now(), progress=job, only=code or None
            )

        job = Job(self.db.sessions, work, write=True, owner=self)
        cancelled = self.tr("Cancelled: no package was written.")
        label = self.tr("Writing the packages for the offices below")
        run_with_progress(self, job, label, self._sent, lambda: self._show_error(cancelled))
        return job

    def _sent(self, result: DownAll) -> None:
        self.last = result
        line = self.tr("%1: %2 rows → %3")
        lines = [
            line.replace("%1", self.names.get(r.receivers[0], r.receivers[0]))
            .replace("%2", str(r.total)).replace("%3", r.path.name)
            for r in result.written
        ]  # fmt: skip
        if result.nothing_new:
            idle = "、".join(self.names.get(c, c) for c in result.nothing_new)
            lines.append(self.tr("Nothing new for %1: no package written.").replace("%1", idle))
        if result.written:
            lines.append(self.tr("Carry each package to its office; import the receipts they "
                                 "send back in the Receipts tab."))  # fmt: skip
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText("\n".join(lines))
        self.done.emit()
