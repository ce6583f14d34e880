"""入网 in the window: exchange public keys with the upper office (and, above a community, with
each subordinate), as `wuye onboarding` does on the command line.

Used twice: as the last page of the set-up wizard and as the 入网 tab of 数据同步. Each step is
one call of app.packages.onboarding, run as a write Job off the GUI thread; its Chinese message
(or what went wrong) shows under the step, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
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
from app.packages.onboarding import (
    ONBOARDING,
    OnboardingResult,
    OnboardingState,
    export_onboarding,
    import_onboarding_file,
    onboarding_state,
    write_reply,
)
from ui.jobs import Job, start
from ui.widgets.field_error import ERROR_STYLE

FILES = "(*.json)"
OK_STYLE = "color: #2e7d32;"


class OnboardingPanel(QWidget):
    done = Signal()  # a step changed what this office knows of its peers

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.state: OnboardingState | None = None
        self._job: Job | None = None

        self.upper_box = QGroupBox(self.tr("With the upper office"))
        self.upper_status = QLabel()
        self.upper_status.setWordWrap(True)
        steps = QLabel(
            self.tr("1. Import the onboarding file the upper office wrote for this office.\n"
                    "2. Write the reply with this office's public keys and hand it to the "
                    "upper office (USB stick or e-mail); compare the key ids by phone.")
        )  # fmt: skip
        steps.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import the upper office's onboarding file…"))
        self.reply_button = QPushButton(self.tr("Write the reply file…"))
        self.upper_result = QLabel()
        self.upper_result.setWordWrap(True)
        upper = QVBoxLayout(self.upper_box)
        upper.addWidget(self.upper_status)
        upper.addWidget(steps)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.reply_button)
        row.addStretch(1)
        upper.addLayout(row)
        upper.addWidget(self.upper_result)

        self.lower_box = QGroupBox(self.tr("With an office below"))
        self.sub_code = QLineEdit()
        self.sub_code.setPlaceholderText(self.tr("12 digits, e.g. 340603010001"))
        self.sub_name = QLineEdit()
        self.export_button = QPushButton(self.tr("Write its onboarding file…"))
        self.reply_import_button = QPushButton(self.tr("Import its reply…"))
        self.lower_status = QLabel()
        self.lower_status.setWordWrap(True)
        self.lower_result = QLabel()
        self.lower_result.setWordWrap(True)
        lower = QVBoxLayout(self.lower_box)
        form = QFormLayout()
        form.addRow(self.tr("Division code"), self.sub_code)
        form.addRow(self.tr("Office name"), self.sub_name)
        lower.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.reply_import_button)
        row.addStretch(1)
        lower.addLayout(row)
        lower.addWidget(self.lower_result)
        lower.addWidget(self.lower_status)

        layout = QVBoxLayout(self)
        layout.addWidget(self.upper_box)
        layout.addWidget(self.lower_box)
        layout.addStretch(1)

        self.import_button.clicked.connect(lambda: self._ask_open(self.upper_result))
        self.reply_button.clicked.connect(self._ask_reply)
        self.export_button.clicked.connect(self._ask_export)
        self.reply_import_button.clicked.connect(lambda: self._ask_open(self.lower_result))
        self.refresh()

    # --- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        """A few rows of one small table: read here, where the panel is shown."""
        with self.db.reader() as session:
            self.state = onboarding_state(session)
        state = self.state
        self.upper_box.setVisible(state.has_upper_level)
        self.lower_box.setVisible(state.office_level != "community")
        if state.upper is None:
            self.upper_status.setText(self.tr("No upper office registered yet."))
            self.reply_button.setEnabled(False)
        else:
            self.upper_status.setText(
                self.tr("Upper office: %1 (%2), onboarding file imported %3.")
                .replace("%1", state.upper.name).replace("%2", state.upper.code)
                .replace("%3", f"{state.upper.onboarded_at:%Y-%m-%d}")
            )  # fmt: skip
            self.reply_button.setEnabled(True)
        if state.subordinates:
            lines = [
                f"{s.name}（{s.code}）："
                + (self.tr("reply imported") if s.keys_received else self.tr("waiting for reply"))
                for s in state.subordinates
            ]
            self.lower_status.setText("\n".join(lines))
        else:
            self.lower_status.setText(self.tr("No office below onboarded yet."))

    def busy(self) -> bool:
        return self._job is not None

    # --- steps (callable without file dialogs, for tests) -------------------------------
    def import_file(self, path: Path, result: QLabel | None = None) -> Job:
        """The upper office's onboarding file here, or a subordinate's reply (the file says)."""
        shown = result or self.upper_result

        def work(session: Session, _job: Job) -> OnboardingResult:
            return import_onboarding_file(session, path, now=utc_now())

        def finished(r: OnboardingResult) -> None:
            if r.kind == ONBOARDING:
                text = self.tr("Registered the upper office %1 (%2), key ids %3. "
                               "Now write the reply file.")  # fmt: skip
            else:
                text = self.tr("Registered the office below %1 (%2), key ids %3.")
            self._show(shown, text.replace("%1", r.name).replace("%2", r.code)
                       .replace("%3", "、".join(r.key_ids)))  # fmt: skip

        return self._run(work, finished, shown)

    def write_reply_to(self, path: Path) -> Job:
        db_path = self.db.path

        def work(session: Session, _job: Job) -> OnboardingResult:
            return write_reply(session, db_path, path, now=utc_now())

        def finished(r: OnboardingResult) -> None:
            self._show(
                self.upper_result,
                self.tr("Wrote the reply to %1 (%2): %3. Key ids %4: read them to the upper "
                        "office by phone.")
                .replace("%1", r.name).replace("%2", r.code).replace("%3", str(path))
                .replace("%4", "、".join(r.key_ids)),
            )  # fmt: skip

        return self._run(work, finished, self.upper_result)

    def export_for(self, code: str, name: str, path: Path) -> Job:
        db_path = self.db.path

        def work(session: Session, _job: Job) -> OnboardingResult:
            return export_onboarding(session, db_path, path, code=code, name=name, now=utc_now())

        def finished(r: OnboardingResult) -> None:
            self._show(
                self.lower_result,
                self.tr("Wrote the onboarding file of %1 (%2): %3. Our signing key id: %4.")
                .replace("%1", r.name).replace("%2", r.code).replace("%3", str(path))
                .replace("%4", r.key_ids[0]),
            )  # fmt: skip

        return self._run(work, finished, self.lower_result)

    # --- dialogs ------------------------------------------------------------------------
    def _ask_open(self, result: QLabel) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Onboarding file"), str(Path.home()), self.tr("Onboarding files") + FILES
        )
        if path:
            self.import_file(Path(path), result)

    def _ask_reply(self) -> None:
        office = self.state.office_code if self.state else ""
        suggested = Path.home() / f"入网回复-{office}-{date.today():%Y%m%d}.json"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Reply file"), str(suggested), self.tr("Onboarding files") + FILES
        )
        if path:
            self.write_reply_to(Path(path))

    def _ask_export(self) -> None:
        code, name = self.sub_code.text().strip(), self.sub_name.text().strip()
        suggested = Path.home() / f"入网-{name or code}.json"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Onboarding file"), str(suggested), self.tr("Onboarding files") + FILES
        )
        if path:
            self.export_for(code, name, Path(path))

    # --- running ------------------------------------------------------------------------
    def _run(self, work: Callable[[Session, Job], Any], finished: Callable[[Any], None],
             shown: QLabel) -> Job:  # fmt: skip
        job = Job(self.db.sessions, work, write=True, owner=self)

        def ok(result: Any) -> None:
            self._job = None
            finished(result)
            self.refresh()
            self.done.emit()

        def failed(message: str) -> None:
            self._job = None
            self._show(shown, message, error=True)

        job.signals.finished.connect(ok)
        job.signals.failed.connect(failed)
        self._job = start(job)
        return job

    def _show(self, label: QLabel, text: str, *, error: bool = False) -> None:
        label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        label.setText(text)
