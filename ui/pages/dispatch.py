"""调度 (附件3 一): the 每周调度 and 每日调度 campaigns this office issued, and at a community
the ones received from above with when their reports are due; above a community a form to
start one (`start_campaign`, the service `wuye campaign start` uses, its refusals shown at
the fields) and the completeness of this week's 周报 or today's 日报 in the period reports
panel of 总览 (ui/widgets/completeness.py) offered with those kinds; at a community the same
panel shows its own 周报/日报 and submits them, asking what was done, found and next. Reads
and the write run as Ops off the GUI thread; the list follows `tables_changed`."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.codes import SubmissionKind
from app.db import Database
from app.errors import Problem
from app.rules.submissions import CAMPAIGN_KINDS
from ui.ops import Op, changes, touches
from ui.widgets.completeness import CompletenessPanel
from ui.widgets.field_error import ERROR_STYLE, ProblemsDisplay, error_label, with_error
from ui.widgets.fields import CodeCombo, OptionalDateEdit
from ui.widgets.plain_table import PlainTable


class DispatchPage(QWidget):
    watches = frozenset({"report_campaign", "org"})
    loaded = Signal()  # the list shown
    started = Signal()  # a campaign was started from the form

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.level = ""
        self.table = PlainTable(
            [self.tr("Kind"), self.tr("Title"), self.tr("Issued by"), self.tr("From"),
             self.tr("To"), self.tr("Report due")],
            stretch=1, chars={1: 12, 2: 8},
        )  # fmt: skip
        self.heading = QLabel()
        self.heading.setWordWrap(True)

        self.kind = CodeCombo([(c, SubmissionKind.label_of(c)) for c in CAMPAIGN_KINDS])
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. 冬季供暖每日调度"))
        self.starts_on = OptionalDateEdit()
        self.starts_on.set_value(self.today)
        self.ends_on = OptionalDateEdit()
        self.weekday = QComboBox()
        self.weekday.addItem(self.tr("As the data says"), None)
        for number, name in enumerate(self._weekday_names(), start=1):
            self.weekday.addItem(name, number)
        self.start_button = QPushButton(self.tr("Start the campaign"))
        self.form_message = error_label()
        self.errors: dict[str, QLabel] = {}
        fields = QFormLayout()
        for key, label, widget in (
            ("kind", self.tr("Kind"), self.kind),
            ("title", self.tr("Title"), self.title_edit),
            ("starts_on", self.tr("Starts on"), self.starts_on),
            ("ends_on", self.tr("Ends on"), self.ends_on),
            ("due_weekday", self.tr("Weekly report due on"), self.weekday),
        ):
            box, self.errors[key] = with_error(widget)
            fields.addRow(label, box)
        fields.addRow(self.start_button)
        fields.addRow(self.form_message)
        self.problems = ProblemsDisplay(self.form_message, self.errors)
        self.form = QGroupBox(self.tr("Start a campaign (调度)"))
        self.form.setLayout(fields)
        self.form.setMaximumWidth(420)

        self.completeness = CompletenessPanel(db, today=self.today, kinds=CAMPAIGN_KINDS)
        title = QLabel(self.tr("Dispatch (调度)"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.table, 1)
        top.addLayout(left, 1)
        top.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top, 2)
        layout.addWidget(self.completeness, 3)
        self.form.hide()
        self.completeness.hide()

        self.kind.currentIndexChanged.connect(lambda _: self._kind_chosen())
        self.start_button.clicked.connect(lambda: self.start())
        changes().tables_changed.connect(self._changed)
        self._kind_chosen()
        self.reload()

    def _weekday_names(self) -> list[str]:
        return [self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"),
                self.tr("Thursday"), self.tr("Friday"), self.tr("Saturday"),
                self.tr("Sunday")]  # fmt: skip

    def _kind_chosen(self) -> None:
        """A 日报 is due the same day: the weekday is a 周报's only."""
        weekly = self.kind.value() == SubmissionKind.WEEKLY
        self.weekday.setEnabled(weekly)
        if not weekly:
            self.weekday.setCurrentIndex(0)

    # --- reads ----------------------------------------------------------------------------
    def reload(self) -> None:
        def work(session: Any, _job: Any) -> dict[str, Any]:
            from app.codes import OrgLevel
            from app.services.campaigns import campaigns
            from app.services.offices import current_office, office_label

            office = current_office(session)
            rows = [c.as_dict() for c in campaigns(session)]
            names = {r["office"]: office_label(session, r["office"]) for r in rows}
            return {"code": office.code, "level": office.level, "rows": rows, "names": names,
                    "community": office.level == OrgLevel.COMMUNITY}  # fmt: skip

        Op(self, self.db.reader, work).success(self._show).run()

    def _show(self, shown: dict[str, Any]) -> None:
        first = self.level == ""
        self.level = shown["level"]
        community = shown["community"]
        rows = shown["rows"]
        if community:
            self.heading.setText(
                self.tr("Campaigns received from above: the reports this community owes.")
            )
        else:
            self.heading.setText(self.tr("Campaigns this office issued to the offices below."))
        own = self.tr("this office")
        self.table.set_rows(
            [(r["kind_label"], r["title"],
              own if r["office"] == shown["code"] else shown["names"][r["office"]],
              r["starts_on"], r["ends_on"] or "—", self._due_text(r)) for r in rows],
            keys=[r["id"] for r in rows],
        )  # fmt: skip
        self.form.setVisible(not community)
        self.completeness.show()
        if first:  # above: who reported; at a community: its own reports and 上报
            self.completeness.refresh()
        self.loaded.emit()

    def _due_text(self, row: dict[str, Any]) -> str:
        if row["kind"] == SubmissionKind.DAILY:
            return self.tr("the same day")
        if row["due_weekday"]:
            return self._weekday_names()[row["due_weekday"] - 1]
        return self.tr("as the data says")

    def _changed(self, tables: frozenset[str]) -> None:
        if touches(tables, self.watches):
            self.reload()

    def busy(self) -> bool:
        return self.completeness.busy()

    # --- the form -------------------------------------------------------------------------
    def start(self) -> Op:
        kind = self.kind.value()
        starts_on, ends_on = self.starts_on.value(), self.ends_on.value()
        title, weekday = self.title_edit.text(), self.weekday.currentData()
        self.problems.clear()

        def work(session: Any, _job: Any) -> dict[str, Any]:
            from app.errors import InputError
            from app.services.campaigns import start_campaign

            if starts_on is None:
                raise InputError(Problem("starts_on", "请填写调度的开始日期"))
            return start_campaign(session, kind, starts_on, ends_on, title=title,
                                  due_weekday=weekday).as_dict()  # fmt: skip

        op = Op(self, self.db.sessions, work, write=True, tables=("report_campaign",))
        op.success(self._started)
        op.problems(self._refused)
        op.run()
        return op

    def _started(self, _view: dict[str, Any]) -> None:
        self.title_edit.clear()
        self.ends_on.set_value(None)
        self.form_message.setStyleSheet("")
        self.problems.say(self.tr("Started: it goes down to the offices below with the next "
                                  "package down (下发)."))  # fmt: skip
        self.completeness.refresh()  # the running day or week may now be due
        self.started.emit()

    def _refused(self, problems: tuple[Problem, ...]) -> None:
        self.form_message.setStyleSheet(ERROR_STYLE)
        self.problems.show(problems)
