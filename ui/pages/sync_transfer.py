"""The tabs of 数据同步 that move files: export a package, import several with a dry run before
确认导入, and receipts both ways. Every file operation is a Job with progress and cancel; the
work itself is app.packages / app.services.package_files, the same as `wuye package`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.db.sync import utc_now
from app.field_labels import TABLE_LABELS
from app.packages.export import ExportResult, export_package
from app.packages.report import COUNTS
from app.services.package_files import FileReport, ReceiptOutcome, import_files, import_receipts
from app.services.sync_overview import SyncOverview
from app.services.sync_receipts import write_receipt_again
from ui.job_progress import run_with_progress
from ui.jobs import ALL_TABLES, Job, start
from ui.ops import Op
from ui.widgets.plain_table import PlainTable

ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #1b5e20;"


def at(value: datetime | None) -> str:
    """A stored UTC time in the computer's own time zone, to the minute."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class ExportTab(QWidget):
    done = Signal()

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.last: ExportResult | None = None
        self._office = ""
        self.delta = QRadioButton(self.tr("&Delta: the rows not yet acknowledged"))
        self.snapshot = QRadioButton(self.tr("S&napshot: everything this office holds"))
        self.delta.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.delta)
        kinds.addButton(self.snapshot)
        kind_box = QGroupBox(self.tr("Package"))
        kind_layout = QVBoxLayout(kind_box)
        kind_layout.addWidget(self.delta)
        kind_layout.addWidget(self.snapshot)

        self.receivers = QListWidget()
        self.receivers.setMaximumHeight(110)
        receiver_box = QGroupBox(self.tr("Receivers (they can open the package)"))
        QVBoxLayout(receiver_box).addWidget(self.receivers)

        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Where to save the .wypkg file"))
        self.browse = QPushButton(self.tr("Bro&wse…"))
        path_label = QLabel(self.tr("Fi&le:"))
        path_label.setBuddy(self.path)
        path_row = QHBoxLayout()
        path_row.addWidget(path_label)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)

        self.export_button = QPushButton(self.tr("E&xport package"))
        self.export_button.setDefault(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(kind_box)
        layout.addWidget(receiver_box)
        layout.addLayout(path_row)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.browse.clicked.connect(self.choose_path)
        self.export_button.clicked.connect(self.export)

    def show_view(self, view: SyncOverview) -> None:
        checked = set(self.chosen_receivers()) or {r.code for r in view.receivers if r.upper}
        self.receivers.clear()
        for r in view.receivers:
            item = QListWidgetItem(f"{r.name}（{r.code}）")
            item.setData(Qt.ItemDataRole.UserRole, r.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if r.code in checked else Qt.CheckState.Unchecked
            )
            self.receivers.addItem(item)
        if not view.receivers:
            none = QListWidgetItem(
                self.tr("No upper office known yet: import its onboarding file first "
                        "(tab Onboarding).")
            )  # fmt: skip
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.receivers.addItem(none)
        self._office = view.office.name
        if not self.path.text():
            name = f"{view.office.name}-{date.today():%Y%m%d}.wypkg"
            self.path.setText(str(Path.home() / name))

    def chosen_receivers(self) -> list[str]:
        return [
            self.receivers.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.receivers.count())
            if self.receivers.item(i).data(Qt.ItemDataRole.UserRole)
            and self.receivers.item(i).checkState() == Qt.CheckState.Checked
        ]

    def choose_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export package"), self.path.text(), self.tr("Packages (*.wypkg)")
        )
        if path:
            self.path.setText(path if path.lower().endswith(".wypkg") else path + ".wypkg")

    def _show_error(self, message: str) -> None:
        self.result.setStyleSheet(ERROR_STYLE)
        self.result.setText(message)

    def export(self) -> Job | None:
        """Checked here only for what the form itself lacks; the rest is export_package's."""
        text = self.path.text().strip()
        to = tuple(self.chosen_receivers())
        if not text:
            self._show_error(self.tr("Choose where to save the package."))
            return None
        if not to:
            self._show_error(
                self.tr("Tick at least one receiver. None known? Import the upper office's "
                        "onboarding file first (tab Onboarding).")
            )  # fmt: skip
            return None
        out = Path(text)
        if not out.parent.is_dir():
            self._show_error(
                self.tr("The folder %1 does not exist.").replace("%1", str(out.parent))
            )
            return None
        snapshot = self.snapshot.isChecked()
        db_path = self.db.path

        def work(session: Session, job: Job) -> ExportResult:
            return export_package(
                session,
                db_path,
                out,
                snapshot=snapshot,
                to=to,
                now=utc_now(),
                progress=job,
                allow_empty=False,
            )

        job = Job(self.db.sessions, work, write=True, owner=self)
        cancelled = self.tr("Cancelled: no package was written.")
        label = self.tr("Exporting the package")
        run_with_progress(self, job, label, self._exported, lambda: self._show_error(cancelled))
        return job

    def _exported(self, result: ExportResult) -> None:
        self.last = result
        kind = self.tr("snapshot") if result.kind == "snapshot" else self.tr("delta")
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(
            self.tr("Exported a %1 of %2 rows to %3 for %4. Carry it to the receiver; import "
                    "the receipt it sends back in the Receipts tab.")
            .replace("%1", kind).replace("%2", str(result.total)).replace("%3", str(result.path))
            .replace("%4", "、".join(result.receivers))
        )  # fmt: skip
        self.done.emit()


class ImportTab(QWidget):
    """Pick files, 试导入 (nothing written), read the report, then 确认导入."""

    done = Signal()

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.results: list[FileReport] = []
        self._checked: list[Path] | None = None  # the files the last dry run covered
        self.files = QListWidget()
        self.files.setMaximumHeight(110)
        self.add_button = QPushButton(self.tr("&Add packages…"))
        self.remove_button = QPushButton(self.tr("Remove from the &list"))
        self.dry_run_button = QPushButton(self.tr("&Dry run (writes nothing)"))
        self.confirm_button = QPushButton(self.tr("Confir&m import"))
        self.excel_button = QPushButton(self.tr("Report to E&xcel…"))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.dry_run_button, self.confirm_button,
                  self.excel_button):  # fmt: skip
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.state = QLabel(self.tr("Add the .wypkg files to import, then run a dry run."))
        self.state.setWordWrap(True)
        self.table = PlainTable(
            [self.tr("File"), self.tr("Table"), self.tr("Inserted"), self.tr("Updated"),
             self.tr("Unchanged"), self.tr("Stale"), self.tr("Deleted"), self.tr("Rejected"),
             self.tr("Pending"), self.tr("Conflicts")],
            stretch=0,
        )  # fmt: skip
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([260, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(split, 1)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.dry_run_button.clicked.connect(self.dry_run)
        self.confirm_button.clicked.connect(self.confirm)
        self.excel_button.clicked.connect(self.choose_excel_path)
        self._enable()

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.files.count())]  # fmt: skip

    def _enable(self) -> None:
        have = self.files.count() > 0
        self.remove_button.setEnabled(have)
        self.dry_run_button.setEnabled(have)
        ready = self._checked == self.paths() and any(r.accepted for r in self.results)
        self.confirm_button.setEnabled(have and ready)
        self.excel_button.setEnabled(bool(self.results))

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add packages"), "", self.tr("Packages (*.wypkg)")
        )
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                item = QListWidgetItem(path.name)
                item.setToolTip(str(path))
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.files.addItem(item)
        self._enable()

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._enable()

    def dry_run(self) -> Job:
        return self._run(dry_run=True)

    def confirm(self) -> Job | None:
        if not self.confirm_button.isEnabled():  # the dry run is the preview; never skipped
            return None
        return self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> Job:
        files = self.paths()
        db = self.db

        def work(_session: Session, job: Job) -> list[FileReport]:
            return import_files(db, files, dry_run=dry_run, now=utc_now(), progress=job)

        label = self.tr("Dry run of the packages") if dry_run else self.tr("Importing the packages")
        # The merge writes through its own connection: a real import may change any table.
        job = Job(self.db.reader, work, tables=() if dry_run else ALL_TABLES, owner=self)
        run_with_progress(self, job, label, lambda r: self._show(r, files, dry_run))
        return job

    def _show(self, results: list[FileReport], files: list[Path], dry_run: bool) -> None:
        self.results = results
        self._checked = files if dry_run else None
        rows, keys = [], []
        texts = []
        for n, result in enumerate(results):
            if result.report is None:
                refused = self.tr("Refused: %1").replace("%1", result.refused or "")
                rows.append([result.file.name, refused])
                keys.append(n)
                texts.append(f"{result.file.name}\n  {refused}")
                continue
            if result.report.already_imported:
                rows.append([result.file.name, self.tr("Imported before: nothing changes")])
                keys.append(n)
            for name, counts in ({} if result.report.already_imported
                                 else result.report.tables).items():  # fmt: skip
                if any(getattr(counts, c) for c in COUNTS):
                    rows.append([result.file.name, TABLE_LABELS.get(name, name),
                                 *(getattr(counts, c) for c in COUNTS)])  # fmt: skip
                    keys.append(n)
            texts.append(f"{result.file.name}\n{result.report.summary()}")
            if result.receipt:
                texts.append("  " + self.tr("Receipt: %1 (give it back to the sender)")
                             .replace("%1", str(result.receipt)))  # fmt: skip
        self.table.set_rows(rows, keys)
        self.details.setPlainText("\n\n".join(texts))
        accepted = sum(1 for r in results if r.accepted)
        refused = len(results) - accepted
        if dry_run:
            self.state.setText(
                self.tr("Dry run: %1 packages can be imported, %2 refused. Nothing was written; "
                        "check the counts, then confirm the import.")
                .replace("%1", str(accepted)).replace("%2", str(refused))
            )  # fmt: skip
        else:
            self.state.setText(
                self.tr("Imported %1 packages, %2 refused. Each receipt was written beside its "
                        "package.").replace("%1", str(accepted)).replace("%2", str(refused))
            )  # fmt: skip
        self.state.setStyleSheet(ERROR_STYLE if refused else "")
        self._enable()
        if not dry_run and accepted:
            self.done.emit()

    def choose_excel_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Report to Excel"), "数据包导入报告.xlsx", self.tr("Excel files (*.xlsx)")
        )
        if path:
            self.save_report(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def save_report(self, out: Path) -> Job:
        results = list(self.results)

        def work(_session: Session, _job: Job) -> Path:
            from reports.xlsx.package_report import write_package_reports

            return write_package_reports(results, out)

        job = Job(self.db.reader, work, owner=self)
        job.signals.finished.connect(
            lambda p: self.state.setText(self.tr("Saved %1").replace("%1", str(p)))
        )
        job.signals.failed.connect(self.state.setText)
        return start(job)


class ReceiptsTab(QWidget):
    """Receipts both ways: import those that came back for our packages; write one again for
    a package we imported (the first may have been lost)."""

    done = Signal()

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.outcomes: list[ReceiptOutcome] = []
        self.import_button = QPushButton(self.tr("Import receip&ts…"))
        self.import_state = QLabel(
            self.tr("A receipt marks the package it answers 已接收, so its rows stop being "
                    "sent again.")
        )  # fmt: skip
        self.import_state.setWordWrap(True)
        top = QGroupBox(self.tr("Receipts for packages this office sent"))
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        top_layout.addWidget(self.import_state)

        self.received = PlainTable(
            [self.tr("Received"), self.tr("Sender"), self.tr("Kind"), self.tr("Package")]
        )
        self.write_button = QPushButton(self.tr("&Write the receipt again…"))
        self.write_state = QLabel()
        self.write_state.setWordWrap(True)
        bottom = QGroupBox(self.tr("Receipts for packages this office received"))
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.received)
        bottom_layout.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignLeft)
        bottom_layout.addWidget(self.write_state)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(bottom, 1)
        self.import_button.clicked.connect(self.choose_receipts)
        self.write_button.clicked.connect(self.choose_receipt_path)

    def show_view(self, view: SyncOverview) -> None:
        received = view.status.received
        self.received.set_rows(
            [[at(p.received_at), f"{p.sender_name}（{p.sender_code}）", p.kind_label, p.package_id]
             for p in received],
            [p.package_id for p in received],
        )  # fmt: skip
        self.write_button.setEnabled(bool(received))

    def choose_receipts(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import receipts"), "", self.tr("Receipts (*.receipt.json *.json)")
        )
        if paths:
            self.import_receipt_files([Path(p) for p in paths])

    def import_receipt_files(self, paths: list[Path]) -> Job:
        db = self.db
        job = Job(
            db.reader,
            lambda _s, _job: import_receipts(db, paths, now=utc_now()),
            tables=ALL_TABLES,
            owner=self,
        )
        Op.of(self, job).success(self._imported).failure(
            lambda failure: self._import_failed(failure.message)
        ).run()
        return job

    def _import_failed(self, message: str) -> None:
        self.import_state.setStyleSheet(ERROR_STYLE)
        self.import_state.setText(message)

    def _imported(self, outcomes: list[ReceiptOutcome]) -> None:
        self.outcomes = outcomes
        lines = []
        for o in outcomes:
            if o.result is None:
                refused = self.tr("Refused: %1").replace("%1", o.refused or "")
                lines.append(f"{o.file.name}：{refused}")
            else:
                lines.append(
                    self.tr("%1: package %2 acknowledged by %3")
                    .replace("%1", o.file.name).replace("%2", o.result.package_id)
                    .replace("%3", o.result.receiver_code)
                    + (self.tr(" (already before)") if o.result.already else "")
                )  # fmt: skip
        self.import_state.setStyleSheet(
            ERROR_STYLE if any(o.result is None for o in outcomes) else OK_STYLE
        )
        self.import_state.setText("\n".join(lines))
        if any(o.result is not None for o in outcomes):
            self.done.emit()

    def choose_receipt_path(self) -> None:
        package_id = self.received.selected_key()
        if package_id is None:
            self.write_state.setText(self.tr("Select a received package first."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Write the receipt"), f"{package_id}.receipt.json",
            self.tr("Receipts (*.receipt.json)"),
        )  # fmt: skip
        if path:
            self.write_receipt(package_id, Path(path))

    def write_receipt(self, package_id: str, out: Path) -> Job:
        db = self.db

        def work(session: Session, _job: Job) -> Path:
            return write_receipt_again(session, db.path, package_id, out, now=utc_now())

        job = Job(db.reader, work, owner=self)
        job.signals.finished.connect(
            lambda p: self.write_state.setText(
                self.tr("Receipt written: %1 (give it back to the sender)").replace("%1", str(p))
            )
        )
        job.signals.failed.connect(self.write_state.setText)
        return start(job)
