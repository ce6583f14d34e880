"""操作日志: who changed what, when — each field before and after — over the audit rows,
filtered by user, table, record and days, and exported to Excel (the export is itself an
audit row: it may hold names). Read only: nothing here edits or deletes a row."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.db.sync import utc_now
from app.field_labels import TABLE_LABELS
from app.services.audit_log import (
    AuditQuery,
    AuditRow,
    action_label,
    audit_rows,
    describe_changes,
    record,
)
from ui.jobs import Job
from ui.ops import Op
from ui.widgets.plain_table import PlainTable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class AuditLogPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.rows: list[AuditRow] = []
        title = QLabel(self.tr("Audit log"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("User"))
        self.table_box = QComboBox()
        self.table_box.addItem(self.tr("All tables"), "")
        for key, label in sorted(TABLE_LABELS.items(), key=lambda kv: kv[1]):
            self.table_box.addItem(label, key)
        self.table_box.addItem(self.tr("Accounts"), "user_account")
        self.table_box.addItem(self.tr("Database"), "database")
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("Record id"))
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        search = QPushButton(self.tr("Search"))
        search.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.export)
        filters = QHBoxLayout()
        for widget in (self.actor, self.table_box, self.record):
            filters.addWidget(widget)
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addWidget(search)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        self.table = PlainTable(
            [self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Table"),
             self.tr("Record"), self.tr("Changes (before → after)")],
            stretch=5,
        )  # fmt: skip
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.refresh()

    def query(self) -> AuditQuery:
        return AuditQuery(
            actor=self.actor.text().strip(),
            table=self.table_box.currentData() or "",
            row=self.record.text().strip(),
            since=_day(self.since.date()),
            until=_day(self.until.date()),
        )

    def refresh(self) -> None:
        with self.db.reader() as s:
            self.rows = audit_rows(s, self.query())
        self.table.set_rows(
            [
                (f"{r.at:%Y-%m-%d %H:%M:%S}", r.actor, action_label(r.action),
                 TABLE_LABELS.get(r.table_name, r.table_name), r.row_uuid,
                 describe_changes(r.changes))
                for r in self.rows
            ]
        )  # fmt: skip
        self.count.setText(self.tr("%1 rows (newest first)").replace("%1", str(len(self.rows))))

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit log"), "操作日志.xlsx", self.tr("Excel (*.xlsx)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, out: Path) -> Job:
        """The workbook and its audit row (it may hold names) on the operation layer: the
        write off the GUI thread, a failure said in one line."""
        rows = list(self.rows)

        def work(session: Session, _job: Job) -> int:
            from reports.xlsx.audit_book import write_audit_book

            write_audit_book(rows, out)
            record(session, "export", table="audit_log", row=out.name, now=utc_now(),
                   changes={"file": [None, str(out)], "rows": [None, len(rows)]})  # fmt: skip
            return len(rows)

        op = Op(self, self.db.sessions, work, write=True, title=self.tr("Export failed"))
        return op.run()


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
