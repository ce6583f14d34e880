"""打印纪要: a stored meeting's minutes on the 联席会议纪要 template, previewed, printed, saved.

The fields come from meetings.minutes_fields; filling and layout are the notices' own
(ui.pages.notices.build_request), built off the UI thread into a temporary folder.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.services.meetings import minutes_fields
from reports.pdf.templates import load_template
from ui.job_progress import run_with_progress
from ui.jobs import Job
from ui.pages.notices import BuiltNotice, NoticeRequest, build_request
from ui.widgets.field_error import ProblemsDisplay, error_label
from ui.widgets.pdf_output import ask_pdf_path, ask_printer, print_file, save_file
from ui.widgets.pdf_preview import PdfPreview

TEMPLATE = "联席会议纪要"


class MinutesDialog(QDialog):
    def __init__(self, db: Database, meeting_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_uuid = meeting_uuid
        self.result: BuiltNotice | None = None
        self._folder = tempfile.TemporaryDirectory(
            prefix="wuyedesk-minutes-", ignore_cleanup_errors=True
        )
        self.setWindowTitle(self.tr("Meeting minutes"))
        self.resize(720, 860)
        self.preview = PdfPreview()
        self.error = error_label()
        self.status = QLabel()
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.choose_save_path)
        self.close_button.clicked.connect(self.reject)
        self._set_ready(False)
        self.job = self.build()

    def build(self) -> Job:
        uuid, out = self.meeting_uuid, Path(self._folder.name) / "minutes.pdf"
        template = load_template(TEMPLATE)

        def work(session: Session, _job: Job) -> BuiltNotice:
            values = minutes_fields(session, uuid)
            request = NoticeRequest(TEMPLATE, tuple(values.items()), "", "", date.today())
            return build_request(template, request, out)

        job = Job(self.db.reader, work, owner=self)
        self.preview.clear(self.tr("Building the minutes…"))
        run_with_progress(self, job, self.tr("Building the minutes"), self._built)
        return job

    def _built(self, result: BuiltNotice) -> None:
        if result.problems:
            ProblemsDisplay(self.error).show(result.problems)
            self.preview.clear(self.tr("The minutes cannot be printed yet."))
            return
        assert result.path is not None
        if self.preview.load(result.path):
            self.result = result
            self._set_ready(True)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def choose_printer(self) -> None:
        printer = ask_printer(self, pages=self.preview.page_count())
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the previewed minutes on `printer`; the pages printed."""
        if self.result is None or self.result.path is None:
            raise RuntimeError("the minutes are not built yet")
        printer.setDocName(self.result.title)
        pages = print_file(self, self.result.path, printer)
        if not pages:
            return 0
        self.status.setText(self.tr("Sent %1 page(s) to the printer.").replace("%1", str(pages)))
        return pages

    def choose_save_path(self) -> None:
        path = ask_pdf_path(self, "联席会议纪要.pdf")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        if self.result is None or self.result.path is None:
            raise RuntimeError("the minutes are not built yet")
        if not save_file(self, self.result.path, path):
            return False
        self.status.setText(self.tr("Saved %1").replace("%1", str(path)))
        return True
