"""The period reports panel, first on 总览. Above a community: who below has reported for the
chosen period, on time, late or not at all, and their last package, with 接收/审核/退回 for a
direct subordinate's report (a review goes down to the community in this office's next 下发
package, as a row of its own; receipts only acknowledge). At a community: its own reports for
the period, a 上报 button, and the lock once the street has accepted. Everything is read and
written by the services the CLI uses (`wuye completeness`, `wuye submit`, `wuye review`) in
Jobs off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.codes import OrgLevel, ReviewAction, SubmissionKind
from app.db import Database
from app.rules.submissions import (
    CAMPAIGN_KINDS,
    MONTH_KINDS,
    Timeliness,
    allowed_reviews,
    recent_report_periods,
)
from app.services.completeness import CommunityLine, LastPackage, PeriodOverview, period_overview
from app.services.submissions import ReportText, SubmissionView, review, submit
from ui.jobs import Job, start

LATE = QColor("#e65100")
MISSING = QColor("#c62828")
LOCKED = QColor("#1f4e79")
UUID_ROLE = Qt.ItemDataRole.UserRole


class CompletenessPanel(QGroupBox):
    """`changed` fires after a report was submitted or reviewed here. `kinds`: the report
    kinds offered (月报 and 专项排查 on 总览; 周报 and 日报 on the 调度 page), each with its
    own periods (months, weeks, days)."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        today: date | None = None,
        clock: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
        kinds: Sequence[str] = MONTH_KINDS,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.clock = clock  # when a report is submitted or reviewed here
        self.overview: PeriodOverview | None = None
        self._jobs: list[Job] = []
        self._loading = False
        self._note = ""  # said once the refreshed figures are shown
        self.setTitle(self.tr("Period reports"))

        self.period = QComboBox()
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a day
        self.kind = QComboBox()
        for code, label in SubmissionKind.choices():
            if code in kinds:
                self.kind.addItem(label, code)
        self._fill_periods()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("Submit (上报)"))
        self.accept_button = QPushButton(self.tr("Accept"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.return_button = QPushButton(self.tr("Return…"))
        self.export_button = QPushButton(self.tr("Export…"))  # the 报送情况 workbook
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Period")))
        head.addWidget(self.period)
        head.addWidget(self.kind)
        head.addWidget(self.summary, 1)
        for button in (self.submit_button, self.accept_button, self.approve_button,
                       self.return_button, self.export_button):  # fmt: skip
            head.addWidget(button)

        self.units = self._table(
            [
                self.tr("Office below"),
                self.tr("Expected"),
                self.tr("Received"),
                self.tr("On time"),
                self.tr("Late"),
                self.tr("Missing"),
                self.tr("Accepted"),
                self.tr("Last package"),
            ]
        )
        self.table = self._table([])
        self.message = QLabel()
        self.message.setWordWrap(True)
        tables = QHBoxLayout()
        tables.addWidget(self.units, 2)
        tables.addWidget(self.table, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(tables)
        layout.addWidget(self.message)
        self.units.hide()
        for button in (self.submit_button, self.accept_button, self.approve_button,
                       self.return_button, self.export_button):  # fmt: skip
            button.hide()

        self.period.currentIndexChanged.connect(lambda _: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _: self._kind_chosen())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.submit_button.clicked.connect(self.ask_and_submit)
        self.accept_button.clicked.connect(lambda: self.review_selected(ReviewAction.ACCEPT))
        self.approve_button.clicked.connect(lambda: self.review_selected(ReviewAction.APPROVE))
        self.return_button.clicked.connect(self.ask_and_return)
        self.export_button.clicked.connect(self.ask_and_export)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _fill_periods(self) -> None:
        """The chosen kind's periods (a month's list is no use to a 周报), newest first."""
        self.period.blockSignals(True)
        self.period.clear()
        for p in recent_report_periods(self.kind.currentData(), self.today):
            self.period.addItem(str(p), str(p))
        self.period.blockSignals(False)

    def _kind_chosen(self) -> None:
        self._fill_periods()
        self.refresh()

    # reading

    def busy(self) -> bool:
        return self._loading

    def chosen(self) -> tuple[str, str]:
        return self.period.currentData(), self.kind.currentData()

    def refresh(self) -> Job:
        period, kind = self.chosen()
        day = self.today

        def work(session, _job):  # type: ignore[no-untyped-def]
            return period_overview(session, period, kind, today=day)

        self._loading = True
        job = Job(self.db.reader, work, owner=self)
        job.signals.finished.connect(self.show_overview)
        job.signals.failed.connect(self._failed)
        return self._start(job)

    def _start(self, job: Job) -> Job:
        self._jobs = [*[j for j in self._jobs if j is not job][-4:], job]
        return start(job)

    def _failed(self, message: str) -> None:
        self._loading = False
        self.message.setStyleSheet(f"color: {MISSING.name()};")
        self.message.setText(message)

    def show_overview(self, overview: PeriodOverview) -> None:
        self._loading = False
        if overview.period != self.chosen()[0] or overview.kind != self.chosen()[1]:
            return  # an answer for a choice since changed; the newer one is on its way
        kept = self.selected_line()
        self.overview = overview
        self.message.setStyleSheet("")
        self.message.setText(self._note)
        self._note = ""
        if overview.completeness is None:
            self._show_own(overview)
        else:
            self._show_completeness(overview)
            if kept is not None:
                self.select_community(kept.code)
        self._update_buttons()

    def _show_own(self, overview: PeriodOverview) -> None:
        self.submit_button.show()
        self.units.hide()
        headers = [self.tr("Report"), self.tr("Status"), self.tr("Submitted"),
                   self.tr("Timeliness"), self.tr("Round"), self.tr("Last review")]  # fmt: skip
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(overview.own))
        for row, view in enumerate(overview.own):
            review_text = ""
            if view.last_review is not None:
                review_text = f"{_when(view.last_review.at)} {view.last_review.action_label}"
                if view.last_review.reason:
                    review_text += f"：{view.last_review.reason}"
            cells = [view.kind_label, self._status_text(view), _when(view.submitted_at),
                     view.timeliness_label, str(view.round), review_text]  # fmt: skip
            self._fill_row(row, cells, view.timeliness, view.locked, view.uuid)
        deadline = overview.deadline.isoformat()
        if not overview.own:
            self.summary.setText(self.tr("Not submitted yet; due by %1").replace("%1", deadline))
        else:
            self.summary.setText(self.tr("Due by %1").replace("%1", deadline))
        locked = any(v.locked for v in overview.own)
        if locked:
            self.message.setText(
                self.tr(
                    "Locked: the street has accepted this report. To correct it, ask the "
                    "street to return it."
                )
            )

    def _show_completeness(self, overview: PeriodOverview) -> None:
        report = overview.completeness
        assert report is not None
        self.submit_button.hide()
        self.export_button.show()
        side_by_side = report.level != OrgLevel.STREET
        self.units.setVisible(side_by_side)
        for button in (self.accept_button, self.approve_button, self.return_button):
            button.setVisible(report.level == OrgLevel.STREET or any(
                c.reviewable for c in report.communities))  # fmt: skip
        self.units.setRowCount(len(report.units))
        for row, u in enumerate(report.units):
            cells = [u.name, str(u.expected), str(u.received), str(u.on_time), str(u.late),
                     str(u.missing), str(u.locked), self._package_text(u.last_package)]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 5 and u.missing:
                    item.setForeground(MISSING)
                if col == 4 and u.late:
                    item.setForeground(LATE)
                self.units.setItem(row, col, item)
        headers = [
            self.tr("Community"),
            self.tr("Reported"),
            self.tr("Status"),
            self.tr("Timeliness"),
            self.tr("Submitted"),
            self.tr("Last package"),
        ]
        if side_by_side:
            headers.insert(1, self.tr("Office below"))
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(report.communities))
        names = {u.code: u.name for u in report.units}
        for row, line in enumerate(report.communities):
            cells = self._community_cells(line)
            if side_by_side:
                cells.insert(1, names.get(line.unit_code, line.unit_code))
            view = line.submission
            self._fill_row(row, cells, line.timeliness, bool(view and view.locked),
                           view.uuid if view else None)  # fmt: skip
        counts = {t: 0 for t in Timeliness.LABELS}
        for line in report.communities:
            counts[line.timeliness] += 1
        self.summary.setText(
            self.tr("Due by %1 · expected %2 · received %3 · on time %4 · late %5 · missing %6")
            .replace("%1", report.deadline.isoformat()).replace("%2", str(report.expected))
            .replace("%3", str(report.received)).replace("%4", str(counts[Timeliness.ON_TIME]))
            .replace("%5", str(counts[Timeliness.LATE]))
            .replace("%6", str(counts[Timeliness.MISSING]))
        )  # fmt: skip
        if report.warnings:
            self.message.setText("；".join(report.warnings))

    def _community_cells(self, line: CommunityLine) -> list[str]:
        view = line.submission
        return [
            line.name,
            self.tr("Yes") if line.reported else self.tr("No"),
            self._status_text(view) if view else self.tr("Not submitted"),
            Timeliness.LABELS[line.timeliness],
            _when(view.submitted_at if view else None),
            self._package_text(line.last_package),
        ]

    def _status_text(self, view: SubmissionView) -> str:
        if view.locked:
            return self.tr("%1 (locked)").replace("%1", view.status_label)
        return view.status_label

    def _package_text(self, package: LastPackage | None) -> str:
        if package is None:
            return self.tr("none received")
        # Packages are logged in UTC; people read their own clock.
        local = package.received_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
        text = f"{_when(local)} {package.kind_label}"
        return text + self.tr(" (gap)") if package.gap else text

    def _fill_row(
        self, row: int, cells: list[str], timeliness: str, locked: bool, uuid: str | None
    ) -> None:
        colour = {Timeliness.LATE: LATE, Timeliness.MISSING: MISSING}.get(timeliness)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(UUID_ROLE, uuid)
            if colour is not None:
                item.setForeground(colour)
            elif locked:
                item.setForeground(LOCKED)
            self.table.setItem(row, col, item)

    # acting

    def selected_line(self) -> CommunityLine | None:
        report = self.overview.completeness if self.overview else None
        rows = self.table.selectionModel().selectedRows()
        if report is None or not rows:
            return None
        return report.communities[rows[0].row()]

    def select_community(self, code: str) -> None:
        report = self.overview.completeness if self.overview else None
        codes = [c.code for c in report.communities] if report else []
        if code in codes:
            self.table.selectRow(codes.index(code))

    def _update_buttons(self) -> None:
        line = self.selected_line()
        allowed = []
        if line is not None and line.submission is not None and line.reviewable:
            allowed = allowed_reviews(line.submission.status)
        self.accept_button.setEnabled(ReviewAction.ACCEPT in allowed)
        self.approve_button.setEnabled(ReviewAction.APPROVE in allowed)
        self.return_button.setEnabled(ReviewAction.RETURN in allowed)
        own = self.overview.own if self.overview else ()
        self.submit_button.setEnabled(not any(v.locked for v in own))

    def ask_and_submit(self) -> Job | None:
        """A 周报 or 日报 says in words what was done, found and next (附件3 一): asked first;
        a 月报 is its figures."""
        if self.chosen()[1] not in CAMPAIGN_KINDS:
            return self.submit_report()
        from ui.dialogs.report_text import ReportTextDialog

        dialog = ReportTextDialog(self.kind.currentText(), self)
        if dialog.exec() != ReportTextDialog.DialogCode.Accepted:
            return None
        return self.submit_report(ReportText(*dialog.texts()))

    def submit_report(self, text: ReportText | None = None) -> Job:
        period, kind = self.chosen()

        def work(session, _job):  # type: ignore[no-untyped-def]
            now = self.clock().replace(microsecond=0)
            return submit(session, period, kind, now=now, text=text)

        return self._write(work, self.tr("Submitted: it goes up with the next package."))

    def ask_and_return(self) -> Job | None:
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("Return the report"), self.tr("Why is it returned? (required)")
        )
        if not ok:
            return None
        return self.review_selected(ReviewAction.RETURN, reason)

    def review_selected(self, action: str, reason: str = "") -> Job | None:
        line = self.selected_line()
        if line is None or line.submission is None:
            return None
        uuid = line.submission.uuid

        def work(session, _job):  # type: ignore[no-untyped-def]
            return review(session, uuid, action, now=self.clock(), reason=reason)

        done = self.tr("%1: %2. It goes down to the community with the next package down (下发).")
        done = done.replace("%1", line.name).replace("%2", ReviewAction.label_of(action))
        return self._write(work, done)

    def _write(self, work, done: str) -> Job:  # type: ignore[no-untyped-def]
        job = Job(self.db.sessions, work, write=True, owner=self)
        job.signals.finished.connect(lambda _result: self._written(done))
        job.signals.failed.connect(self._failed)
        return self._start(job)

    def _written(self, done: str) -> None:
        self._note = done
        self.refresh()
        self.changed.emit()

    def ask_and_export(self) -> Job | None:
        period = self.chosen()[0]
        name = f"{period} {self.kind.currentText()}报送情况.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), name, self.tr("Excel workbooks (*.xlsx)")
        )
        return self.export_to(Path(path)) if path else None

    def export_to(self, out: Path) -> Job:
        """The 报送情况 workbook of the chosen period and kind (`wuye completeness --xlsx`)."""
        period, kind = self.chosen()
        day = self.today

        def work(session, _job):  # type: ignore[no-untyped-def]
            from app.services.completeness import completeness
            from reports.xlsx.completeness import write_completeness

            return write_completeness(completeness(session, period, kind, today=day), out)

        job = Job(self.db.reader, work, owner=self)
        job.signals.finished.connect(
            lambda path: self._said(self.tr("Saved: %1").replace("%1", str(path)))
        )
        job.signals.failed.connect(self._failed)
        return self._start(job)

    def _said(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"
