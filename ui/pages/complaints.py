"""投诉: complaints with intake, response and closure times; filters by handling state,
estate and company. Each row's 超时 (response or closing past `complaint_sla_days`) is read
on the page's day through app/services/complaint_times.py, late rows in red, and "overdue
only" keeps the open ones past a limit; a side panel gives the response and closing figures
(median, share on time) per company and per estate."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.services.companies import company_choices
from app.services.complaint_times import (
    ComplaintFigures,
    GroupFigures,
    complaint_figures,
    lateness_of_times,
    moment_of,
)
from app.services.complaints import COMPLAINTS
from app.services.estates import estate_matches
from app.services.listing import Listing, ListRow
from ui.forms.complaint_form import ComplaintForm
from ui.jobs import Job
from ui.models.due_list_model import DueListModel
from ui.models.lazy_list_model import Index
from ui.ops import Op
from ui.pages.case_page import CasePage
from ui.widgets.fields import CodeCombo

OPEN, CLOSED = "open", "closed"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LATE_COLUMN = [c.key for c in COMPLAINTS.columns].index("lateness")


class LateListModel(DueListModel):
    """Complaints red when late on the page's day (response or closing past its limit), the
    超时 cell read on that day too, both through complaint_times.lateness."""

    def _lateness(self, listed: ListRow):  # type: ignore[no-untyped-def]
        return lateness_of_times(str(listed.values[LATE_COLUMN]), moment_of(self.today))

    def _state(self, listed: ListRow) -> str:
        late = self._lateness(listed)
        return "overdue" if late is not None and late.overdue else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and index.isValid()
                and index.column() == LATE_COLUMN and 0 <= index.row() < self.rowCount()):
            late = self._lateness(self._rows[index.row()])
            return late.label if late else ""
        return super().data(index, role)  # fmt: skip


class FiguresPanel(QWidget):
    """Response and closing figures per company and per estate (most overdue first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.by_company = self._table()
        self.by_estate = self._table()
        self.tabs.addTab(self.by_company, self.tr("By company"))
        self.tabs.addTab(self.by_estate, self.tr("By estate"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 6)
        table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Count"), self.tr("Reply (h)"), self.tr("On time"),
            self.tr("Close (d)"), self.tr("On time"),
        ])  # fmt: skip
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def show_figures(self, figures: ComplaintFigures) -> None:
        t = figures.total
        self.summary.setText(
            self.tr("Limits: reply within %1 days, close within %2. Median reply %3 h, "
                    "%4 on time; median closing %5 days, %6 on time; %7 late.")
            .replace("%1", str(figures.response_days)).replace("%2", str(figures.closing_days))
            .replace("%3", _number(t.median_response_hours))
            .replace("%4", _percent(t.response_on_time_percent))
            .replace("%5", _number(t.median_closing_days))
            .replace("%6", _percent(t.closing_on_time_percent)).replace("%7", str(t.overdue))
        )  # fmt: skip
        for table, groups in ((self.by_company, figures.by_company),
                              (self.by_estate, figures.by_estate)):  # fmt: skip
            self._fill(table, groups)

    @staticmethod
    def _fill(table: QTableWidget, groups: tuple[GroupFigures, ...]) -> None:
        table.setRowCount(len(groups))
        for r, g in enumerate(groups):
            f = g.figures
            cells = [g.name, str(f.complaints), _number(f.median_response_hours),
                     _percent(f.response_on_time_percent), _number(f.median_closing_days),
                     _percent(f.closing_on_time_percent)]  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c:
                    item.setTextAlignment(RIGHT)
                table.setItem(r, c, item)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


class ComplaintsPage(CasePage):
    watches = frozenset({"complaint", "problem"})
    title = "投诉台账"
    overdue_filter = "late_at"  # open complaints past a limit at the page's moment

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:
        headers = [
            self.tr("Received"),
            self.tr("Channel"),
            self.tr("Category"),
            self.tr("Complaint"),
            self.tr("Estate"),
            self.tr("First response"),
            self.tr("Closed"),
            self.tr("Satisfaction"),
            self.tr("Late"),
        ]
        super().__init__(db, COMPLAINTS, headers, today, parent)
        self.figures = FiguresPanel()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        at = layout.indexOf(self.table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.figures)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([780, 500])
        # 超时 beside the receipt time, where it is seen without scrolling (view order only).
        self.table.horizontalHeader().moveSection(LATE_COLUMN, 1)
        layout.insertWidget(at, self.splitter, 1)
        self.figures_job: Job | None = None
        with db.reader() as session:
            estates = estate_matches(session, limit=2000)
            companies = company_choices(session)
        self.state = CodeCombo(
            [
                ("", self.tr("Open and closed")),
                (OPEN, self.tr("Open only")),
                (CLOSED, self.tr("Closed only")),
            ]
        )
        self.state.currentIndexChanged.connect(self.apply_query)
        self.filter_bar.insertWidget(0, self.state)
        self.add_filter("estate", self.tr("All estates"), estates.choices, estates.more)
        self.add_filter("company", self.tr("All companies"), companies)
        for column, width in ((0, 130), (3, 200), (5, 130), (6, 130), (LATE_COLUMN, 170)):
            self.table.setColumnWidth(column, width)
        self.load_figures()

    def make_model(self, listing: Listing, headers: list[str]) -> DueListModel:
        return LateListModel(
            self.db.reader, listing, headers, self.open_deadline, self._first_day, self
        )

    def extra_filters(self) -> tuple[tuple[str, Any], ...]:
        state = self.state.value() if hasattr(self, "state") else ""
        late = moment_of(self.today) if self.overdue_only.isChecked() else None
        return (("open", None if not state else state == OPEN), ("late_at", late))

    def refresh(self, select_uuid: str | None = None) -> None:
        super().refresh(select_uuid)
        self.load_figures()

    def set_today(self, day: date) -> None:
        super().set_today(day)
        self.load_figures()

    def load_figures(self) -> Job:
        """The side panel's figures, read off the GUI thread at the page's moment."""
        now = moment_of(self.today)

        def work(session: Session, _job: object) -> ComplaintFigures:
            return complaint_figures(session, now)

        op = Op(self, self.db.reader, work)
        self.figures_job = op.success(self.figures.show_figures).run()
        return self.figures_job

    def add_filter(
        self, key: str, label: str, choices: list[tuple[str, str]], more: int = 0
    ) -> CodeCombo:
        combo = super().add_filter(key, label, choices, more)
        self.filter_bar.removeWidget(combo)  # after the state box
        self.filter_bar.insertWidget(len(self.filters), combo)
        return combo

    def search_hint(self) -> str:
        return self.tr("Search complaint or outcome (Ctrl+F)")

    def make_form(self, uuid: str | None) -> ComplaintForm:
        return ComplaintForm(self.db, uuid, self, today=self.today)
