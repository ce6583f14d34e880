"""问题整改: the problem, responsibility and rectification lists in one, with filters by
status, estate and responsible unit, overdue only, and lateness in colour."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from app.codes import ProblemStatus
from app.db import Database
from app.services.estates import estate_matches
from app.services.meetings import meeting_of_resolution
from app.services.problems import OPEN_STATES, PROBLEMS, responsible_units
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import ProblemForm
from ui.pages.case_page import CasePage


class ProblemsPage(CasePage):
    watches = frozenset({"problem", "status_change", "resolution", "complaint", "task"})
    title = "问题整改清单"
    open_states = OPEN_STATES

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:
        headers = [
            self.tr("Deadline"),
            self.tr("Status"),
            self.tr("Problem"),
            self.tr("Responsible unit"),
            self.tr("Estate"),
            self.tr("Community"),
            self.tr("Source"),
            self.tr("Category"),
            self.tr("Found on"),
            self.tr("No."),
        ]
        super().__init__(db, PROBLEMS, headers, today, parent)
        with db.reader() as session:
            estates = estate_matches(session, limit=2000)
            units = responsible_units(session, limit=500)
        self.add_filter("status", self.tr("Any status"), ProblemStatus.choices())
        self.add_filter("estate", self.tr("All estates"), estates.choices, estates.more)
        self.add_filter(
            "responsible_unit", self.tr("All responsible units"), [(u, u) for u in units]
        )
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(2, 300)
        self.table.setColumnWidth(3, 200)

    def search_hint(self) -> str:
        return self.tr("Search problem, unit or measures (Ctrl+F)")

    def make_form(self, uuid: str | None) -> ProblemForm:
        form = ProblemForm(self.db, uuid, self, today=self.today)
        form.open_source.connect(lambda kind, source: self.open_source(kind, source))
        return form

    def open_source(self, kind: str, uuid: str) -> FormDialog:
        """The meeting, complaint or task a problem came from, in its own form."""
        from ui.forms.complaint_form import ComplaintForm
        from ui.forms.meeting_form import MeetingForm
        from ui.forms.task_form import TaskForm

        form: FormDialog
        if kind == "resolution":
            with self.db.reader() as session:
                meeting = meeting_of_resolution(session, uuid)
            form = MeetingForm(self.db, meeting, self, today=self.today)
        elif kind == "complaint":
            form = ComplaintForm(self.db, uuid, self, today=self.today)
        else:
            form = TaskForm(self.db, uuid, self, today=self.today)
        form.open()
        self.source_form: QWidget = form
        return form
