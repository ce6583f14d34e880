"""The problem form (问题清单): its fields, and for a stored problem the status moves the rules
allow now (app.rules.transitions via problems.allowed_moves), its source, its history.

Each move is one transaction through problems.transition, which records who and when; a
refused move (no evidence for 销号, no reason to reopen, a move another worker made first)
shows the service's message at the evidence, reason or status line, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.codes import ProblemCategory, ProblemSource, ProblemStatus, TaskStatus
from app.db import Database
from app.errors import Problem
from app.services.holidays import work_calendar
from app.services.offices import communities
from app.services.problems import (
    ProblemIn,
    ProblemView,
    allowed_moves,
    create_problem,
    get_problem,
    responsible_units,
    transition,
    update_problem,
)
from app.services.tasks import tasks_for_problem
from ui.forms.form_dialog import FormDialog
from ui.jobs import Failure
from ui.ops import Op
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.field_error import ERROR_STYLE, error_label, with_error
from ui.widgets.fields import CodeCombo, OptionalDateEdit

OVERDUE_STYLE = "color: #c62828; font-weight: bold;"
DUE_SOON_STYLE = "color: #b26a00; font-weight: bold;"


def text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(lines * box.fontMetrics().lineSpacing() + 14)
    return box


class ProblemForm(FormDialog):
    record_table = "problem"

    moved = Signal(str)  # the new status code, after a move was recorded
    open_source = Signal(str, str)  # ("resolution" | "complaint" | "task", uuid)

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        draft: ProblemIn | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(db, uuid, parent)
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Problem") if uuid else self.tr("New problem"))
        self.setMinimumWidth(720)
        self.view: ProblemView | None = None
        with db.reader() as session:
            community_choices = communities(session)
            units = responsible_units(session, limit=500)
            if uuid:
                self.view = get_problem(session, uuid, today=self.today, cal=work_calendar(session))
        if self.view and self.view.number:  # the number people quote (2026-0012)
            self.setWindowTitle(f"{self.windowTitle()} {self.view.number}")
        loaded = self.view.data if self.view else (draft or ProblemIn(found_on=self.today))
        self.links = (loaded.resolution_uuid, loaded.complaint_uuid, loaded.task_uuid)

        self.source = self.add_field(
            "source", self.tr("Source"), CodeCombo(ProblemSource.choices())
        )
        self.category = self.add_field(
            "category", self.tr("Category"), CodeCombo(ProblemCategory.choices())
        )
        self.community = self.add_field(
            "community_code", self.tr("Community"), CodeCombo(community_choices)
        )
        self.estate = EstatePicker(db.reader)
        self.add_field("estate_uuid", self.tr("Estate"), self.estate)
        self.description = self.add_field("description", self.tr("Problem"), text_box(3))
        self.found_on = self.add_field("found_on", self.tr("Found on"), OptionalDateEdit())
        self.responsible_unit = self.add_field(
            "responsible_unit", self.tr("Responsible unit"), QLineEdit()
        )
        completer = QCompleter(units, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.responsible_unit.setCompleter(completer)
        self.responsible_person = self.add_field(
            "responsible_person", self.tr("Responsible person"), QLineEdit()
        )
        self.deadline = self.add_field("deadline", self.tr("Deadline"), OptionalDateEdit())
        self.measures = self.add_field("measures", self.tr("Measures"), text_box(2))
        self.public = self.add_field(
            "public", self.tr("Published"), QCheckBox(self.tr("On the public problem list"))
        )
        self.source_note = QLabel()
        self.source_note.setWordWrap(True)
        self.open_source_button = QPushButton(self.tr("Open the source record"))
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_note, 1)
        source_row.addWidget(self.open_source_button)
        self.extra.addLayout(source_row)
        self.open_source_button.clicked.connect(self._open_source)
        self.load(loaded)
        if any(self.links):
            self.source.setEnabled(False)  # fixed by the record it came from
        if self.view is not None:
            self._build_status_box()
            self.show_view(self.view)
        else:
            self._show_source(draft_note=bool(any(self.links)))
        self.description.setFocus()

    # --- fields -------------------------------------------------------------------------
    def load(self, data: ProblemIn) -> None:
        self.source.set_value(data.source)
        self.category.set_value(data.category)
        self.community.set_value(data.community_code or None)
        if not data.community_code and self.community.count():
            self.community.setCurrentIndex(0)
        self.estate.set_value(data.estate_uuid)
        self.description.setPlainText(data.description)
        self.found_on.set_value(data.found_on)
        self.responsible_unit.setText(data.responsible_unit)
        self.responsible_person.setText(data.responsible_person)
        self.deadline.set_value(data.deadline)
        self.measures.setPlainText(data.measures)
        self.public.setChecked(data.public)

    def value(self) -> ProblemIn:
        return ProblemIn(
            source=self.source.value(),
            category=self.category.value(),
            community_code=self.community.value(),
            estate_uuid=self.estate.value(),
            description=self.description.toPlainText(),
            found_on=self.found_on.value(),
            responsible_unit=self.responsible_unit.text(),
            responsible_person=self.responsible_person.text(),
            deadline=self.deadline.value(),
            measures=self.measures.toPlainText(),
            public=self.public.isChecked(),
            resolution_uuid=self.links[0],
            complaint_uuid=self.links[1],
            task_uuid=self.links[2],
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value = self.uuid, self.value()

        def write(session: Session) -> str:
            if uuid is None:
                return create_problem(session, value)
            update_problem(session, uuid, value)
            return uuid

        return write

    def write(self, session: Session) -> str:
        return self.collect()(session)

    # --- status -------------------------------------------------------------------------
    def _build_status_box(self) -> None:
        box = QGroupBox(self.tr("Status"))
        column = QVBoxLayout(box)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        column.addWidget(self.status_label)
        self.status_error = error_label()
        column.addWidget(self.status_error)
        self.evidence = text_box(2)
        self.evidence.setPlaceholderText(
            self.tr("What proves it is fixed: photos, acceptance record… (needed to close)")
        )
        evidence_box, evidence_error = with_error(self.evidence)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why it goes back (needed to rework or reopen)"))
        reason_box, reason_error = with_error(self.reason)
        form = QVBoxLayout()
        form.addWidget(QLabel(self.tr("Closure evidence")))
        form.addWidget(evidence_box)
        form.addWidget(QLabel(self.tr("Reason")))
        form.addWidget(reason_box)
        column.addLayout(form)
        self.fields |= {"evidence": self.evidence, "reason": self.reason}
        self.errors |= {"evidence": evidence_error, "reason": reason_error,
                        "status": self.status_error}  # fmt: skip
        self.move_row = QHBoxLayout()
        column.addLayout(self.move_row)
        self.move_buttons: dict[str, QPushButton] = {}
        self.tasks_note = QLabel()
        self.tasks_note.setWordWrap(True)
        column.addWidget(self.tasks_note)
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("From"), self.tr("To"), self.tr("Who"), self.tr("Reason")]
        )
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setFixedHeight(130)
        column.addWidget(QLabel(self.tr("History")))
        column.addWidget(self.history)
        self.extra.addWidget(box)

    def move_label(self, current: str, target: str) -> str:
        """The button's words for a move, as a worker names it."""
        P = ProblemStatus
        if target == P.IN_PROGRESS:
            if current == P.PENDING:
                return self.tr("Start rectification")
            if current == P.CLOSED:
                return self.tr("Reopen")
            return self.tr("Send back for rework")
        if target == P.RECTIFIED:
            return self.tr("Rectification done")
        if target == P.CLOSED:
            return self.tr("Close (verified)")
        return ProblemStatus.label_of(target)

    def show_view(self, view: ProblemView) -> None:
        self.view = view
        due = {
            "overdue": self.tr("overdue"),
            "due_soon": self.tr("due soon"),
            "done_late": self.tr("done late"),
        }.get(view.due, "")
        text = self.tr("Status: %1").replace("%1", view.status_label)
        if due:
            text += f" · {due}"
        if view.closed_on:
            text += " · " + self.tr("closed on %1").replace("%1", view.closed_on.isoformat())
        self.status_label.setText(text)
        style = {"overdue": OVERDUE_STYLE, "due_soon": DUE_SOON_STYLE}.get(view.due, "")
        self.status_label.setStyleSheet("font-size: 15px; font-weight: bold;" + style)
        if view.evidence and not self.evidence.toPlainText():
            self.evidence.setPlainText(view.evidence)
        for button in self.move_buttons.values():
            self.move_row.removeWidget(button)
            button.hide()  # deleted on the next turn of the event loop, unseen meanwhile
            button.deleteLater()
        self.move_buttons = {}
        for code, _label in allowed_moves(view.status):
            button = QPushButton(self.move_label(view.status, code))
            button.clicked.connect(lambda _=False, to=code: self.move_to(to))
            self.move_row.addWidget(button)
            self.move_buttons[code] = button
        self.history.setRowCount(len(view.history))
        for row, step in enumerate(view.history):
            cells = [step.at.strftime("%Y-%m-%d %H:%M"), ProblemStatus.label_of(step.from_status),
                     ProblemStatus.label_of(step.to_status), step.actor, step.reason]  # fmt: skip
            for col, value in enumerate(cells):
                self.history.setItem(row, col, QTableWidgetItem(value))
        with self.db.reader() as session:
            tasks = tasks_for_problem(session, view.uuid)
        self.tasks_note.setText(
            self.tr("Supervised by: %1").replace(
                "%1", "；".join(f"{t}（{TaskStatus.label_of(s)}）" for _u, s, t in tasks)
            )
            if tasks
            else ""
        )
        self.tasks_note.setVisible(bool(tasks))
        self._show_source()

    def move_to(self, target: str) -> Op:
        """Record the move now, by this office's user, off the GUI thread; refused, the reason
        is shown with the moves allowed now (another worker may have moved it first)."""
        assert self.uuid is not None
        self.clear_problems()
        uuid, when = self.uuid, datetime.now()
        evidence, reason = self.evidence.toPlainText(), self.reason.text()

        def work(session: Session, _job: object) -> None:
            transition(session, uuid, target, when=when, evidence=evidence, reason=reason)

        def done(_result: None) -> None:
            self.reason.clear()
            self.reload()
            self.moved.emit(target)
            self.saved.emit(uuid)

        def refused(problems: tuple[Problem, ...]) -> None:
            self.reload()
            self.show_problems(problems)
            self.refused.emit()

        def failed(failure: Failure) -> None:
            self.show_problems([Problem("status", failure.message)])
            self.refused.emit()

        op = Op(self, self.db.sessions, work, write=True)
        op.success(done).problems(refused).failure(failed).run()
        return op

    def reload(self) -> None:
        assert self.uuid is not None
        with self.db.reader() as session:
            view = get_problem(session, self.uuid, today=self.today, cal=work_calendar(session))
        self.show_view(view)

    # --- source -------------------------------------------------------------------------
    def _show_source(self, draft_note: bool = False) -> None:
        label = self.view.source_label if self.view else ""
        if draft_note:
            label = self.tr("Opened from the record it came from; the link is kept both ways.")
        self.source_note.setText(self.tr("Source: %1").replace("%1", label) if label else "")
        self.source_note.setVisible(bool(label))
        self.open_source_button.setVisible(bool(self.view and any(self.links)))

    def _open_source(self) -> None:
        kinds = ("resolution", "complaint", "task")
        for kind, uuid in zip(kinds, self.links, strict=True):
            if uuid:
                self.open_source.emit(kind, uuid)
                return


__all__ = ["ERROR_STYLE", "ProblemForm", "text_box"]
