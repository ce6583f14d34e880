"""督办: supervision tasks with working-day deadlines, filters by direction (addressed to
this office, issued to offices below), status, unit and overdue, lateness in colour."""

from __future__ import annotations

from datetime import date

from app.codes import TaskStatus
from app.db import Database
from app.services.tasks import OPEN_STATES, TASKS, task_units
from ui.forms.task_form import TaskForm
from ui.pages.case_page import CasePage


class TasksPage(CasePage):
    watches = frozenset(
        {"task", "task_reminder", "interview", "task_answer", "task_answer_review", "problem"}
    )
    title = "督办台账"
    open_states = OPEN_STATES

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:
        headers = [
            self.tr("Deadline"),
            self.tr("Status"),
            self.tr("Task"),
            self.tr("Given to"),
            self.tr("Given by"),
            self.tr("Issued on"),
            self.tr("Done on"),
            self.tr("No."),
        ]
        super().__init__(db, TASKS, headers, today, parent)
        with db.reader() as session:
            units = task_units(session)
        self.add_filter(
            "direction",
            self.tr("All tasks"),
            [
                ("incoming", self.tr("Addressed to this office")),
                ("issued", self.tr("Issued to offices below")),
            ],
        )
        self.add_filter("status", self.tr("Any status"), TaskStatus.choices())
        self.add_filter("to_unit", self.tr("All units"), [(u, u) for u in units])
        for column, width in ((0, 110), (2, 250), (3, 230), (4, 190)):
            self.table.setColumnWidth(column, width)

    def search_hint(self) -> str:
        return self.tr("Search task or unit (Ctrl+F)")

    def make_form(self, uuid: str | None) -> TaskForm:
        return TaskForm(self.db, uuid, self, today=self.today)
