"""The tabs of 数据同步 where a person settles what the merge could not: equal-rev conflicts
(keep the row as it stands, or — in the office that owns it — take the other version) and
rows waiting for their parent (discard one, with a reason). The rules, and the refusals, are
app.services.sync_resolution's; these tabs show them and their Chinese messages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.db.sync import utc_now
from app.services.sync_overview import SyncOverview
from app.services.sync_resolution import ConflictView, PendingView, drop_pending, resolve_conflict
from ui.jobs import Job, start
from ui.pages.sync_transfer import ERROR_STYLE, OK_STYLE, at
from ui.widgets.plain_table import PlainTable

OPEN = QColor("#c62828")


class ConflictsTab(QWidget):
    done = Signal()

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.conflicts: list[ConflictView] = []
        self._all: tuple[ConflictView, ...] = ()
        self.show_resolved = QCheckBox(self.tr("Show &all conflicts, settled ones too"))
        self.table = PlainTable(
            [self.tr("No."), self.tr("Record"), self.tr("Table"), self.tr("Rev"),
             self.tr("Owner"), self.tr("From"), self.tr("Detected"), self.tr("State")]
        )  # fmt: skip
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.keep_button = QPushButton(self.tr("&Keep the current row"))
        self.take_button = QPushButton(self.tr("&Take the other version"))
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([240, 140])
        layout = QVBoxLayout(self)
        layout.addWidget(self.show_resolved)
        layout.addWidget(split, 1)
        layout.addWidget(self.why)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.show_resolved.toggled.connect(lambda _: self._fill())
        self.table.itemSelectionChanged.connect(self._selected)
        self.keep_button.clicked.connect(lambda: self.resolve_selected("current"))
        self.take_button.clicked.connect(lambda: self.resolve_selected("incoming"))
        self._selected()

    def show_view(self, view: SyncOverview) -> None:
        self._all = view.conflicts
        self._fill()

    def _fill(self) -> None:
        shown = [c for c in self._all if self.show_resolved.isChecked() or c.resolved_at is None]
        self.conflicts = shown
        self.table.set_rows(
            [
                [c.id, c.row_name or c.row_uuid, c.table_label, c.rev,
                 self.tr("this office") if c.owned else c.origin, c.sender or c.package_id,
                 at(c.detected_at), self._state(c)]
                for c in shown
            ],
            [c.id for c in shown],
            [OPEN if c.resolved_at is None else None for c in shown],
        )  # fmt: skip
        if self.table.selected_key() is None and shown:
            self.table.selectRow(0)
        self._selected()

    def _state(self, c: ConflictView) -> str:
        if c.resolved_at is None:
            return self.tr("open")
        return f"{c.resolution_label}（{c.resolved_by or ''} {at(c.resolved_at)}）"

    def selected(self) -> ConflictView | None:
        key = self.table.selected_key()
        return next((c for c in self.conflicts if c.id == key), None)

    def _selected(self) -> None:
        c = self.selected()
        open_ = c is not None and c.resolved_at is None
        self.keep_button.setEnabled(open_)
        self.take_button.setEnabled(open_ and c is not None and c.owned)
        if c is None:
            self.details.setPlainText("")
            self.why.setText(self.tr("No conflict selected.") if not self.conflicts else "")
            return
        lines = [
            self.tr("%1 “%2”, rev %3: the row as it stands here, and the other version of the "
                    "same rev that was kept").replace("%1", c.table_label)
            .replace("%2", c.row_name or c.row_uuid).replace("%3", str(c.rev))
        ]  # fmt: skip
        for d in c.differences:
            lines.append(
                self.tr("  %1: current %2 | other version %3")
                .replace("%1", d.label).replace("%2", str(d.current)).replace("%3", str(d.kept))
            )  # fmt: skip
        self.details.setPlainText("\n".join(lines))
        if not open_:
            self.why.setText("")
        elif c.owned:
            self.why.setText(
                self.tr("This office owns the row: taking the other version saves it as a new "
                        "revision, which travels upward with the next package.")
            )  # fmt: skip
        else:
            self.why.setText(
                self.tr("The row belongs to office %1: only that office can change it, so here "
                        "the conflict can only be acknowledged by keeping the current row. If "
                        "the other version is right, ask %1 to correct the row and send it "
                        "again.").replace("%1", c.origin)
            )  # fmt: skip

    def resolve_selected(self, keep: str) -> Job | None:
        c = self.selected()
        if c is None:
            self._error(self.tr("Select a conflict first."))
            return None
        conflict_id = c.id

        def work(session: Session, _job: Job) -> ConflictView:
            return resolve_conflict(session, conflict_id, keep, now=utc_now())  # type: ignore[arg-type]

        job = Job(self.db.sessions, work, write=True, owner=self)
        job.signals.finished.connect(self._resolved)
        job.signals.failed.connect(self._error)
        return start(job)

    def _error(self, message: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(message)

    def _resolved(self, c: ConflictView) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(
            self.tr("Conflict %1 (%2) settled: %3").replace("%1", str(c.id))
            .replace("%2", c.row_name or c.row_uuid).replace("%3", c.resolution_label)
        )  # fmt: skip
        self.done.emit()


class PendingTab(QWidget):
    done = Signal()

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.pending: tuple[PendingView, ...] = ()
        self.note = QLabel(
            self.tr("These rows arrived before their parent record. They are added by "
                    "themselves when the parent arrives; discard one only if it never will.")
        )  # fmt: skip
        self.note.setWordWrap(True)
        self.table = PlainTable(
            [self.tr("No."), self.tr("Record"), self.tr("Table"), self.tr("Waiting for"),
             self.tr("From"), self.tr("Received")],
            stretch=3,
        )  # fmt: skip
        self.drop_button = QPushButton(self.tr("&Discard…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.drop_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        self.table.itemSelectionChanged.connect(
            lambda: self.drop_button.setEnabled(self.table.selected_key() is not None)
        )
        self.drop_button.clicked.connect(self.ask_reason)
        self.drop_button.setEnabled(False)

    def show_view(self, view: SyncOverview) -> None:
        self.pending = view.pending
        self.table.set_rows(
            [[p.id, p.row_name or p.row_uuid, p.table_label, p.reason, p.sender or p.package_id,
              at(p.received_at)] for p in view.pending],
            [p.id for p in view.pending],
        )  # fmt: skip
        self.drop_button.setEnabled(self.table.selected_key() is not None)

    def ask_reason(self) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Discard the waiting row"),
            self.tr("Why is this row discarded? (kept in the audit log)"),
        )  # fmt: skip
        if ok:
            self.drop_selected(reason)

    def drop_selected(self, reason: str) -> Job | None:
        pending_id = self.table.selected_key()
        if pending_id is None:
            self._error(self.tr("Select a waiting row first."))
            return None

        def work(session: Session, _job: Job) -> PendingView:
            return drop_pending(session, pending_id, reason, now=utc_now())

        job = Job(self.db.sessions, work, write=True, owner=self)
        job.signals.finished.connect(self._dropped)
        job.signals.failed.connect(self._error)
        return start(job)

    def _error(self, message: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(message)

    def _dropped(self, p: PendingView) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(
            self.tr("Discarded %1 “%2”.").replace("%1", p.table_label)
            .replace("%2", p.row_name or p.row_uuid)
        )  # fmt: skip
        self.done.emit()
