"""下级对比: the offices directly below, side by side — a table of their figures (recomputed
from raw rows by app.services.aggregate, 合计 last) and a chart of formation rate and party
share against the plan's targets; the workbook is the same rows (reports.xlsx.subordinates).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.services.aggregate import TYPE_LABELS, UnitFigures, subordinate_figures, total_of
from app.services.committee_figures import (
    FORMATION_TARGET_PERCENT,
    PARTY_TARGET_PERCENT,
    Rate,
    negative_measures,
)
from ui.jobs import Job, start

BAD = QColor("#c62828")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
FORMATION_COLOUR = QColor("#1f4e79")
PARTY_COLOUR = QColor("#c00000")


class SubordinatesPage(QWidget):
    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.rows: list[UnitFigures] = []
        self._job: Job | None = None
        self._loading = False
        self.title = QLabel(self.tr("Offices below, side by side"))
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.note = QLabel(
            self.tr("Every figure is recomputed from the records; the total row equals this "
                    "office's own figures.")
        )  # fmt: skip
        self.note.setStyleSheet("color: #555;")
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.export_button)

        self.headers = [
            self.tr("Office"), self.tr("Estates"), *TYPE_LABELS, self.tr("Formation rate"),
            self.tr("Party share"), self.tr("Terms ending"), self.tr("Terms expired"),
            self.tr("Problems"), self.tr("Closure rate"), self.tr("Overdue"),
            self.tr("Open complaints"), self.tr("Cross-post coverage"),
            self.tr("Demonstration projects"), self.tr("Open tender share"),
            self.tr("Party org coverage"), self.tr("Complaints"),
            self.tr("Median response (h)"), self.tr("Responded on time"),
            self.tr("Median closing (days)"), self.tr("Closed on time"),
            self.tr("Negative items: reminded/talked to/ordered/recall proposed"),
        ]  # fmt: skip
        self.table = QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.chart = QChart()
        self.chart.setTitle(self.tr("Formation rate and party share (%)"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_view)
        splitter.setSizes([320, 300])
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.export_button.clicked.connect(self.choose_export_path)

    def refresh(self) -> Job:
        """Recompute off the UI thread (a city's thousands of communities take a moment)."""
        self.status.setText(self.tr("Calculating…"))
        self._loading = True
        today = self.today
        job = Job(self.db.reader, lambda s, _job: subordinate_figures(s, today), owner=self)
        job.signals.finished.connect(self.show_rows)
        job.signals.failed.connect(self._failed)
        self._job = start(job)
        return job

    def busy(self) -> bool:
        return self._loading

    def _failed(self, message: str) -> None:
        self._loading = False
        self.status.setText(message)

    def show_rows(self, rows: list[UnitFigures]) -> None:
        self.rows = rows
        shown = [*rows, total_of(rows)] if rows else []
        self.table.setRowCount(len(shown))
        for r, f in enumerate(shown):
            cells = [
                f.name, str(f.estates), *(str(n) for n in f.by_type),
                _percent(f.formation), _percent(f.party), str(f.expiring), str(f.expired),
                str(f.problems), _percent(f.closure), str(f.problems_overdue),
                str(f.complaints_open), _percent(f.red.cross_post), str(f.red.demonstrations),
                _percent(f.red.tender), _percent(f.party_org),
                str(f.complaint_times.complaints), _number(f.complaint_times.median_response_hours),
                _percent(f.complaint_times.response),
                _number(f.complaint_times.median_closing_days), _percent(f.complaint_times.closing),
                "/".join(str(n) for n in negative_measures(f).values()),
            ]  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if r == len(rows):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
            for c, rate in ((2 + len(TYPE_LABELS), f.formation), (3 + len(TYPE_LABELS), f.party)):
                if rate.denominator and not rate.met:
                    self.table.item(r, c).setForeground(BAD)
        self._chart(rows)
        self._loading = False
        self.status.setText(
            self.tr("%1 offices, figures on %2").replace("%1", str(len(rows)))
            .replace("%2", self.today.isoformat())
        )  # fmt: skip

    def _chart(self, rows: list[UnitFigures]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        formation = QBarSet(self.tr("Formation rate"))
        formation.setColor(FORMATION_COLOUR)
        party = QBarSet(self.tr("Party share"))
        party.setColor(PARTY_COLOUR)
        for f in rows:
            formation.append(f.formation.percent or 0.0)
            party.append(f.party.percent or 0.0)
        bars = QBarSeries()
        bars.append(formation)
        bars.append(party)
        self.chart.addSeries(bars)
        names = QBarCategoryAxis()
        names.append([f.name for f in rows])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d")
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(names)
        bars.attachAxis(values)
        for target, colour, label in (
            (FORMATION_TARGET_PERCENT, FORMATION_COLOUR, self.tr("Formation target")),
            (PARTY_TARGET_PERCENT, PARTY_COLOUR, self.tr("Party target")),
        ):
            line = QLineSeries()
            line.setName(f"{label} {target}%")
            line.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
            line.append(-0.5, target)
            line.append(max(len(rows), 1) - 0.5, target)
            self.chart.addSeries(line)
            hidden = QValueAxis()  # the category axis has no numbers: lines use their own x
            hidden.setRange(-0.5, max(len(rows), 1) - 0.5)
            hidden.setVisible(False)
            self.chart.addAxis(hidden, Qt.AlignmentFlag.AlignBottom)
            line.attachAxis(hidden)
            line.attachAxis(values)

    def choose_export_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), "下级单位对比.xlsx", self.tr("Excel files (*.xlsx)")
        )
        if path:
            self.export_to(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def export_to(self, path: Path) -> Job:
        today = self.today

        def work(session: Session, _job: Job) -> Path:
            from reports.xlsx.subordinates import write_subordinates

            return write_subordinates(session, path, today=today)

        job = Job(self.db.reader, work, owner=self)
        job.signals.finished.connect(
            lambda p: self.status.setText(self.tr("Saved %1").replace("%1", str(p)))
        )
        job.signals.failed.connect(lambda m: QMessageBox.warning(self, self.tr("Cannot save"), m))
        return start(job)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.refresh()
        super().showEvent(event)


def _percent(rate: Rate) -> str:
    return "—" if rate.percent is None else f"{rate.percent:.1f}%"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
