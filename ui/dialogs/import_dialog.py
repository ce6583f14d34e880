"""导入台账: choose a workbook, check it (a dry run, rolled back), then import it.

Importing is all or nothing unless the worker explicitly chooses to import the valid rows;
the refused rows can be saved as an error workbook to fix in Excel and import again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.db.sync import utc_now
from app.errors import InputError, WuyeError
from app.failures import describe_os_error
from app.ledger_columns import ledger_kind
from app.services.backups import backup_before
from app.services.offices import communities
from reports.xlsx.error_book import write_error_book
from reports.xlsx.ledger_in import ImportReport, import_ledger
from reports.xlsx.templates import write_template
from ui.jobs import Job
from ui.ops import Op

SHOWN_PROBLEMS = 2000
LEDGER_PATTERNS = "*.xlsx *.xlsm *.xls *.ods *.csv"


class NeedsCommunity:
    """The sheet has no 所属社区 column and nothing says whose it is: the worker must choose."""


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport of a committed import

    def __init__(
        self,
        db: Database,
        kind: str,
        parent: QWidget | None = None,
        kinds: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.kind = ledger_kind(kind)
        self.report: ImportReport | None = None
        self.resize(760, 520)

        # The ledgers this page takes: an estate page also takes its buildings and contracts.
        self.kind_choice = QComboBox()
        for name in dict.fromkeys([kind, *kinds]):
            self.kind_choice.addItem(ledger_kind(name).title, ledger_kind(name).name)
        self.kind_choice.setVisible(self.kind_choice.count() > 1)
        self.kind_choice.currentIndexChanged.connect(self._kind_chosen)
        self._show_kind()

        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Choose a ledger (.xlsx, .xls, .ods or .csv)"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.template_button = QPushButton(self.tr("Save blank template…"))
        chooser = QHBoxLayout()
        chooser.addWidget(self.kind_choice)
        chooser.addWidget(self.path, 1)
        chooser.addWidget(self.browse_button)
        chooser.addWidget(self.template_button)

        # Asked only when a sheet without a 所属社区 column cannot tell its community.
        self.community_label = QLabel(self.tr("Community of the sheet:"))
        self.community = QComboBox()
        self.community_row = QWidget()
        community_layout = QHBoxLayout(self.community_row)
        community_layout.setContentsMargins(0, 0, 0, 0)
        community_layout.addWidget(self.community_label)
        community_layout.addWidget(self.community, 1)
        self.community_row.setVisible(False)

        self.check_button = QPushButton(self.tr("Check"))
        self.summary = QLabel(self.tr("Choose a workbook and check it: nothing is written yet."))
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 4)
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Field"), self.tr("Problem")]
        )
        self.problems.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.import_button = QPushButton(self.tr("Import"))
        self.partial_button = QPushButton(self.tr("Import only the valid rows"))
        self.errors_button = QPushButton(self.tr("Save error workbook…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addStretch(1)
        actions.addWidget(self.errors_button)
        actions.addWidget(self.partial_button)
        actions.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.community_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addLayout(actions)
        layout.addWidget(buttons)

        self.browse_button.clicked.connect(self.browse)
        self.template_button.clicked.connect(self.save_template)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(lambda: self.run_import(partial=False))
        self.partial_button.clicked.connect(self.confirm_partial)
        self.errors_button.clicked.connect(self.save_errors)
        self.path.textChanged.connect(self._forget_report)
        self._update_buttons()

    # --- choosing ------------------------------------------------------------------------
    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a workbook"), "",
            self.tr("Ledgers (%1)").replace("%1", LEDGER_PATTERNS),
        )  # fmt: skip
        if chosen:
            self.path.setText(chosen)

    def save_template(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save blank template"), f"{self.kind.title}模板.xlsx",
            self.tr("Excel workbooks (*.xlsx)"),
        )  # fmt: skip
        if target:
            self._write(lambda: write_template(self.kind, Path(target)))

    def _write(self, write: Callable[[], Path]) -> None:
        """Small files, written at once; a locked or read-only target is said, not lost."""
        try:
            write()
        except WuyeError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), describe_os_error(exc))

    def choose_kind(self, kind: str) -> None:
        """Import another of the page's ledgers (楼栋台账 on the estate page, say)."""
        self.kind_choice.setCurrentIndex(self.kind_choice.findData(ledger_kind(kind).name))

    def _kind_chosen(self) -> None:
        self.kind = ledger_kind(self.kind_choice.currentData())
        self._show_kind()
        self._forget_report()

    def _show_kind(self) -> None:
        self.setWindowTitle(self.tr("Import %1").replace("%1", self.kind.title))

    def _forget_report(self) -> None:
        self.report = None
        self._update_buttons()

    # --- checking and importing ------------------------------------------------------------
    def check(self) -> None:
        self._start(commit=False, partial=False, label=self.tr("Checking the workbook"))

    def confirm_partial(self) -> None:
        assert self.report is not None
        refused = len(self.report.outcome.refused_rows)
        answer = QMessageBox.question(
            self,
            self.tr("Import only the valid rows"),
            self.tr("%1 rows have problems and will be left out. Import the others?").replace(
                "%1", str(refused)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run_import(partial=True)

    def run_import(self, *, partial: bool) -> None:
        self._start(commit=True, partial=partial, label=self.tr("Importing"))

    def _start(self, *, commit: bool, partial: bool, label: str) -> None:
        path, kind, today = Path(self.path.text().strip()), self.kind.name, date.today()
        community = self.community.currentData() if self.community_row.isVisible() else None

        db = self.db

        def work(session: Session, job: Job) -> ImportReport | NeedsCommunity:
            if commit:  # a real import first takes a backup, as `wuye import-xlsx` does
                session.rollback()  # the job's write lock, so the backup can note itself
                backup_before(db, "import", now=utc_now())
            try:
                report = import_ledger(
                    session, path, kind, today=today, progress=job, community=community
                )
            except InputError as exc:
                if community is None and any(p.field == "community" for p in exc.problems):
                    session.rollback()
                    return NeedsCommunity()
                raise
            if not (commit and (report.clean or partial)):
                session.rollback()  # a check, or refused rows: nothing is written
            return report

        self.job = Job(self.db.sessions, work, write=True, owner=self)
        Op.of(self, self.job).with_progress(label).success(
            lambda report: self._done(report, commit, partial)
        ).run()

    def ask_community(self) -> None:
        """Offer this office's communities; the check runs again once one is chosen."""
        with self.db.reader() as session:
            choices = communities(session)
        self.community.clear()
        for code, name in choices:
            self.community.addItem(name, code)
        self.community_row.setVisible(True)
        self.summary.setText(self.tr(
            "The sheet has no 所属社区 column and does not say which community it is from: "
            "choose the community above and check again."
        ))  # fmt: skip
        self.community.setFocus()

    def _done(self, report: ImportReport | NeedsCommunity, committed: bool, partial: bool) -> None:
        if isinstance(report, NeedsCommunity):
            self.ask_community()
            self._update_buttons()
            return
        self.report = report
        self.show_report(report)
        if committed and (report.clean or partial):
            o = report.outcome
            text = (
                self.tr("Imported: %1 new, %2 updated, %3 unchanged.")
                .replace("%1", str(o.created))
                .replace("%2", str(o.updated))
                .replace("%3", str(o.unchanged))
            )
            if o.problems:
                left_out = self.tr(" %1 rows with problems were left out.")
                text += left_out.replace("%1", str(len(o.refused_rows)))
            self.summary.setText(text)
            self.imported.emit(report)
            self.report = None
        self._update_buttons()

    def show_report(self, report: ImportReport) -> None:
        o = report.outcome
        text = self.tr(
            "Sheet “%1”, %2 rows: %3 to add, %4 to update, %5 unchanged, %6 with problems."
        )
        for i, value in enumerate(
            [report.sheet, o.rows, o.created, o.updated, o.unchanged, len(o.refused_rows)],
            start=1,
        ):
            text = text.replace(f"%{i}", str(value))
        first = report.sheets[0]
        if first.community is not None:
            text += " " + self.tr("Community: %1.").replace("%1", first.community.describe())
        if report.format != "xlsx":
            text += " " + self.tr("File: %1.").replace("%1", report.format_label)
        links, warnings = report.companies(), report.warnings()
        if links or warnings:
            text += " " + (
                self.tr("Companies: %1 matched, %2 warnings.")
                .replace("%1", str(len(links)))
                .replace("%2", str(len(warnings)))
            )
        if report.clean:
            text += " " + self.tr("Nothing was written yet: press Import.")
        self.summary.setText(text)
        lines = [
            [e["row"], e["column"], e["field"], e["reason"]] for e in report.errors()
        ] + [
            [w["row"], w["column"], w["field"], self.tr("Warning: %1").replace("%1", w["reason"])]
            for w in warnings
        ] + [
            [c["row"], "", c["estate"], f"{c['company']}：{c['note']}"] for c in links
        ]  # fmt: skip
        self.problems.setRowCount(min(len(lines), SHOWN_PROBLEMS))
        for row, line in enumerate(lines[:SHOWN_PROBLEMS]):
            for col, value in enumerate(line):
                self.problems.setItem(row, col, QTableWidgetItem(str(value)))
        for col in range(3):  # the reason column stretches: sizing it to contents would undo that
            self.problems.resizeColumnToContents(col)

    def save_errors(self) -> None:
        assert self.report is not None
        source = self.report.file
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save error workbook"), str(source.with_name(f"{source.stem}-错误.xlsx")),
            self.tr("Excel workbooks (*.xlsx)"),
        )  # fmt: skip
        if target:
            report = self.report
            self._write(lambda: write_error_book(report, Path(target)))

    def _update_buttons(self) -> None:
        has_file = bool(self.path.text().strip())
        report = self.report
        self.check_button.setEnabled(has_file)
        self.import_button.setEnabled(bool(report and report.clean and report.outcome.rows))
        valid = bool(report and report.outcome.rows > len(report.outcome.refused_rows))
        self.partial_button.setEnabled(bool(report and not report.clean and valid))
        self.errors_button.setEnabled(bool(report and (not report.clean or report.warnings())))
