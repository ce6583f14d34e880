"""A ledger page: search box and filters feeding SQL, a lazy table, and new/edit/delete.

Subclasses name their listing, headers, form and delete service; nothing here knows a rule.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.db.peek import peek
from app.services.listing import Listing, ListQuery
from app.services.undo import Deletion, deleted_between, restore, seq_mark
from ui.forms.form_dialog import FormDialog
from ui.job_progress import run_with_progress
from ui.jobs import Job, start
from ui.models.lazy_list_model import LazyListModel
from ui.ops import Op, changes, touches
from ui.widgets.fields import CodeCombo

if TYPE_CHECKING:
    from ui.dialogs.import_dialog import ImportDialog

SEARCH_DELAY_MS = 250

# Strings here use an explicit context: PySide's self.tr() would look them up under the
# subclass's name (EstatesPage…), where lupdate never put them.


class LedgerPage(QWidget):
    changed = Signal()
    exported = Signal(object, int)  # path, rows
    import_kind: str | None = None  # ledger kind the 导入 button reads (app/ledger_columns.py)
    import_kinds: tuple[str, ...] = ()  # further kinds the import dialog offers
    watches: frozenset[str] = frozenset()  # tables whose changes this list shows
    title = ""  # the list's name in exported workbooks

    def __init__(self, db: Database, listing: Listing, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.listing = listing
        self.headers = headers
        self.filters: dict[str, CodeCombo] = {}

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.search_hint())
        self.new_button = QPushButton(QCoreApplication.translate("LedgerPage", "New"))
        self.edit_button = QPushButton(QCoreApplication.translate("LedgerPage", "Edit"))
        self.delete_button = QPushButton(QCoreApplication.translate("LedgerPage", "Delete"))
        self.import_button = QPushButton(QCoreApplication.translate("LedgerPage", "Import…"))
        self.export_button = QPushButton(QCoreApplication.translate("LedgerPage", "Export…"))
        self.count_label = QLabel()

        self.bar = QHBoxLayout()
        self.bar.addWidget(self.search, 2)
        self.bar.addStretch(1)
        self.bar.addWidget(self.new_button)
        self.bar.addWidget(self.edit_button)
        self.bar.addWidget(self.delete_button)
        self.bar.addSpacing(12)
        self.bar.addWidget(self.import_button)
        self.bar.addWidget(self.export_button)
        self.import_button.setVisible(self.import_kind is not None)

        self.model = self.make_model(listing, headers)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # The indicator first: enabling sorting sorts by it at once (Qt's default is
        # descending), and sorting again the other way read the first page twice.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        # After a delete: what was deleted, and a way to bring it back (Ctrl+Z too).
        self.undo_label = QLabel()
        self.undo_button = QPushButton(QCoreApplication.translate("LedgerPage", "Undo"))
        self.undo_bar = QWidget()
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(0, 0, 0, 0)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self._undo: Deletion | None = None  # what the last delete tombstoned

        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_query)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_query)
        self.new_button.clicked.connect(self.create)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_delete)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.choose_export)
        self.table.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.create)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, activated=self.delete_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_selected)
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.undo_delete)
        self._update_buttons()
        self._update_count()
        self._stale = False  # a change arrived while hidden: refresh when shown
        changes().tables_changed.connect(self._tables_changed)

    def _tables_changed(self, tables: frozenset[str]) -> None:
        """Another page, a form or an import wrote tables this list shows (ui/ops.py)."""
        if not touches(tables, self.watches):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # --- what subclasses provide --------------------------------------------------------
    def search_hint(self) -> str:
        return QCoreApplication.translate("LedgerPage", "Search")

    def make_form(self, uuid: str | None) -> FormDialog:
        raise NotImplementedError

    def make_model(self, listing: Listing, headers: list[str]) -> LazyListModel:
        return LazyListModel(self.db.reader, listing, headers, self)

    def extra_filters(self) -> tuple[tuple[str, Any], ...]:
        """Filters from widgets other than the combo boxes (a check box, a date)."""
        return ()

    def delete_record(self, session: Session, uuid: str) -> None:
        raise NotImplementedError

    def record_name(self, row: int) -> str:
        return str(self.model.index(row, 0).data())

    # --- filters ------------------------------------------------------------------------
    def add_filter(self, key: str, label: str, choices: list[tuple[str, str]]) -> CodeCombo:
        combo = CodeCombo([("", label), *choices])
        combo.setCurrentIndex(0)
        combo.currentIndexChanged.connect(self.apply_query)
        self.filters[key] = combo
        self.bar.insertWidget(1 + len(self.filters) - 1, combo)
        return combo

    def apply_query(self) -> None:
        self._debounce.stop()
        current = self.model.query
        filters = tuple((key, combo.value()) for key, combo in self.filters.items())
        filters += self.extra_filters()
        self.model.set_query(
            ListQuery(self.search.text().strip(), filters, current.sort_key, current.descending)
        )
        self._update_count()

    def refresh(self, select_uuid: str | None = None) -> None:
        self.model.reload()
        self._update_count()
        if select_uuid:
            self.select_uuid(select_uuid)

    def select_uuid(self, uuid: str) -> bool:
        row = self.model.row_of(uuid)
        while row is None and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
            row = self.model.row_of(uuid)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # --- actions ------------------------------------------------------------------------
    def create(self) -> None:
        self._run_form(self.make_form(None))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.edit_row(row)

    def edit_row(self, row: int) -> None:
        self._run_form(self.make_form(self.model.uuid_at(row)))

    def _run_form(self, form: FormDialog) -> None:
        form.saved.connect(lambda uuid: (self.refresh(uuid), self.changed.emit()))
        form.open()
        self.current_form = form

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        name = self.record_name(row)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("LedgerPage", "Delete"),
            QCoreApplication.translate(
                "LedgerPage",
                "Delete “%1”? It stays in the history and is reported upward as deleted.",
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.delete_row(row)

    def delete_row(self, row: int) -> Job:
        """Delete (tombstone) the row's record; the undo bar offers to bring it back."""
        name, uuid, delete = self.record_name(row), self.model.uuid_at(row), self.delete_record

        def work(session: Session, _job: Job) -> Deletion:
            before = seq_mark(session)
            delete(session, uuid)
            return deleted_between(session, before, seq_mark(session))

        def done(deletion: Deletion) -> None:
            self._undo = deletion
            self.undo_label.setText(
                QCoreApplication.translate("LedgerPage", "Deleted “%1”.").replace("%1", name)
            )
            self.undo_bar.setVisible(True)
            self.changed.emit()  # the list itself refreshed on the announced change

        title = QCoreApplication.translate("LedgerPage", "Cannot delete")
        return Op(self, self.db.sessions, work, write=True, title=title).success(done).run()

    def undo_delete(self) -> Job | None:
        """Bring back what the last delete removed; rows changed since are left as they are."""
        if self._undo is None:
            return None
        deletion, self._undo = self._undo, None
        self.undo_bar.setVisible(False)
        title = QCoreApplication.translate("LedgerPage", "Cannot undo")
        op = Op(self, self.db.sessions, lambda s, _job: restore(s, deletion), write=True,
                title=title)  # fmt: skip
        return op.success(lambda _restored: self.changed.emit()).run()

    # --- Excel ----------------------------------------------------------------------------
    def open_import(self) -> ImportDialog:
        from ui.dialogs.import_dialog import ImportDialog

        assert self.import_kind is not None
        dialog = ImportDialog(self.db, self.import_kind, self, kinds=self.import_kinds)
        dialog.imported.connect(lambda _report: self.changed.emit())  # the hub refreshes
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def choose_export(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("LedgerPage", "Export to Excel"),
            f"{self.title}.xlsx",
            QCoreApplication.translate("LedgerPage", "Excel workbooks (*.xlsx)"),
        )
        if target:
            self.export_to(Path(target), unmasked=self.ask_unmasked())

    def ask_unmasked(self) -> bool:
        """Personal columns are masked in every export; an administrator may choose them in
        clear (the service refuses anyone else and audits the choice)."""
        from app.rules.roles import may_administer

        ctx = self.db.context
        if not any(c.personal for c in self.listing.columns) or not may_administer(ctx.role):
            return False
        if ctx.role is not None and not ctx.signed_in:
            return False
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("LedgerPage", "Export to Excel"),
            QCoreApplication.translate(
                "LedgerPage",
                "This list holds personal data (phone numbers). Export them in clear? "
                "The choice is recorded in the audit log; No keeps them masked.",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_to(self, out: Path, *, unmasked: bool = False) -> Job:
        """Writes the list as shown: the current search, filters and sort; `unmasked`: an
        administrator's audited export with personal columns in clear."""
        from reports.xlsx.ledger_out import export_listing

        query, listing, headers, title = self.model.query, self.listing, self.headers, self.title
        office = peek(self.db.path).office_name or ""

        def work(session: Session, job: Job) -> int:
            if unmasked:
                from app.db.sync import utc_now
                from app.services.export_consent import allow_unmasked_export

                allow_unmasked_export(session, what=title, target=out.name, now=utc_now())
            return export_listing(session, listing, query, headers, out, title=title,
                                  office=office, now=datetime.now(), progress=job,
                                  unmasked=unmasked)  # fmt: skip

        job = (
            Job(self.db.sessions, work, write=True, owner=self)
            if unmasked
            else Job(self.db.reader, work, owner=self)
        )
        label = QCoreApplication.translate("LedgerPage", "Exporting")
        run_with_progress(self, job, label, lambda rows: self.exported.emit(out, rows))
        return job

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _update_count(self) -> None:
        """Counting means a full scan (tens of ms at 100,000 rows): done off the UI thread."""
        query, listing = self.model.query, self.listing
        job = Job(self.db.reader, lambda session, _job: listing.count(session, query), owner=self)
        job.signals.finished.connect(lambda total, q=query: self._show_count(q, total))
        self._count_job = start(job)

    def _show_count(self, query: ListQuery, total: int) -> None:
        if query == self.model.query:  # a newer search may have started meanwhile
            self.count_label.setText(
                QCoreApplication.translate("LedgerPage", "%n record(s)", "", total)
            )
