"""问题整改: the problem, responsibility and rectification lists in one, with filters by
status, estate and responsible unit, overdue only, and lateness in colour."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from sqlalchemy.orm import Session

from app.codes import ProblemStatus
from app.db import Database
from app.services.estates import estate_matches
from app.services.meetings import meeting_of_resolution
from app.services.problems import OPEN_STATES, PROBLEMS, responsible_units
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import ProblemForm
from ui.jobs import Job
from ui.ops import Op
from ui.pages.case_page import CasePage
from ui.widgets.pdf_output import ask_pdf_path


class ProblemsPage(CasePage):
    public_list_printed = Signal(str)  # the list's title and version
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
        # 问题清单公示 (task 2): the estate of the filter, else the community of the chosen row.
        self.print_list_button = QPushButton(self.tr("Print public list…"))
        self.print_list_button.setToolTip(
            self.tr("Print the problems marked public of the estate chosen in the filter, "
                    "or of the community of the selected problem, as the list's next version")
        )  # fmt: skip
        self.print_list_button.clicked.connect(self.choose_public_list)
        self.bar.addWidget(self.print_list_button)
        self.public_list_printed.connect(self.count_label.setText)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(2, 300)
        self.table.setColumnWidth(3, 200)

    def public_list_scope(self) -> tuple[str | None, str | None] | None:
        """(estate uuid, community code) of the list to print, or None when nothing says."""
        estate = self.filters["estate"].value()
        if estate:
            return estate, None
        row = self.selected_row()
        if row is None:
            return None
        from app.services.problem_lists import community_of_problem

        with self.db.reader() as session:
            return None, community_of_problem(session, self.model.uuid_at(row))

    def choose_public_list(self) -> None:
        scope = self.public_list_scope()
        if scope is None:
            QMessageBox.information(
                self, self.tr("Print public list"),
                self.tr("Choose an estate in the filter, or select a problem of the community "
                        "whose list to print."),
            )  # fmt: skip
            return
        target = ask_pdf_path(self, "问题清单公示.pdf")
        if target is not None:
            self.print_public_list(target, *scope)

    def print_public_list(
        self, out: Path, estate_uuid: str | None, community_code: str | None
    ) -> Job:
        """Plan, draw and record in one write off the GUI thread: no record without the PDF."""
        today = self.today

        def work(session: Session, _job: Job) -> str:
            from app.services.problem_lists import plan_problem_list, record_problem_list
            from reports.pdf.fonts import configured_fonts
            from reports.pdf.problem_list import draw_problem_list

            content = plan_problem_list(session, estate_uuid=estate_uuid,
                                        community=community_code, today=today)  # fmt: skip
            draw_problem_list(content, out, fonts=configured_fonts())
            record_problem_list(session, content)
            return f"{content.title}（第{content.version}版）"

        op = Op(self, self.db.sessions, work, write=True, tables=("problem_list_print",),
                title=self.tr("Print public list"))  # fmt: skip
        return op.success(self.public_list_printed.emit).run()

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
