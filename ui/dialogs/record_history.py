"""修改记录: one record's own audit rows (who, when, each field before and after), opened
from any form. The rows are read on the operation layer and are as stored: personal values
already masked (app/db/sync.py), so the dialog shows nothing a list would not."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.db import Database
from app.services.audit_log import AuditQuery, AuditRow, action_label, audit_rows, describe_changes
from ui.ops import Op
from ui.widgets.plain_table import PlainTable


class RecordHistoryDialog(QDialog):
    def __init__(self, db: Database, uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.uuid = uuid
        self.setWindowTitle(self.tr("Change history"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.count = QLabel(self.tr("Reading…"))
        layout.addWidget(self.count)
        self.table = PlainTable(
            [self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Fields")], self
        )
        self.table.setWordWrap(True)  # a change of many fields reads whole, row by row
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def load(self) -> Op:
        """Read the rows off the GUI thread; the table fills when they arrive."""
        uuid = self.uuid
        op = Op(self, self.db.sessions, lambda s, _job: audit_rows(s, AuditQuery(row=uuid)))
        op.success(self.show_rows).run()
        return op

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.table.set_rows(
            [
                (f"{r.at:%Y-%m-%d %H:%M:%S}", r.actor, action_label(r.action),
                 describe_changes(r.changes))
                for r in rows
            ]
        )  # fmt: skip
        self.table.resizeRowsToContents()
        self.count.setText(
            self.tr("%1 changes of this record (newest first)").replace("%1", str(len(rows)))
            if rows
            else self.tr("No change of this record is recorded.")
        )
