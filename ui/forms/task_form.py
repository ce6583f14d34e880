"""The 督办 task form. A new task: what, to whom, issued when, and the deadline the service
computes in working days (without a date one week, at most one month), shown while typing. A
stored task: its deadline and feedback due, 办结 / 反馈 / 重新打开, the 催办 and 约谈 lists,
and for a task addressed to an office below, that office's answers to accept or send back.

Every action is one transaction through app.services.tasks; refusals show at their field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.codes import ProblemStatus, ReminderWay, TaskStatus
from app.db import Database
from app.errors import InputError, Problem
from app.rules.deadlines import task_deadline
from app.rules.transitions import allowed_targets
from app.services.holidays import work_calendar
from app.services.known_units import known_units
from app.services.problems import draft_from_task, problems_of
from app.services.tasks import (
    AnswerState,
    TaskIn,
    TaskView,
    add_task,
    answer_task,
    get_task,
    interview,
    mark_done,
    remind,
    reopen,
    report_back,
    review_answer,
)
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import ProblemForm
from ui.jobs import Failure
from ui.ops import Op
from ui.widgets.field_error import with_error
from ui.widgets.fields import CodeCombo, OptionalDateEdit

LATE_STYLE = "color: #c62828; font-weight: bold;"
SOON_STYLE = "color: #b26a00; font-weight: bold;"


def _day(d: date | None) -> str:
    return d.isoformat() if d else "—"


class TaskForm(FormDialog):
    record_table = "task"

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(db, uuid, parent)
        self.today = today or date.today()
        self.setWindowTitle(
            self.tr("Supervision task") if uuid else self.tr("New supervision task")
        )
        self.setMinimumWidth(680)
        with db.reader() as session:
            self.cal = work_calendar(session)
            units = known_units(session)
            self.view = get_task(session, uuid, today=self.today, cal=self.cal) if uuid else None
        if self.view and self.view.number:  # the number people quote (2026-0012)
            self.setWindowTitle(f"{self.windowTitle()} {self.view.number}")
        if self.view is None:
            self._build_entry(units)
        else:
            self._build_record()
            self.show_view(self.view)

    # --- a new task ---------------------------------------------------------------------
    def _build_entry(self, units: list[str]) -> None:
        self.title = self.add_field("title", self.tr("Task"), QLineEdit())
        # Known units to choose from, free text allowed: one unit is not split by spellings.
        self.to_unit = self.add_field("to_unit", self.tr("Given to"), QComboBox())
        self.to_unit.setEditable(True)
        self.to_unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.to_unit.addItems(units)
        self.to_unit.setCurrentIndex(-1)
        self.to_unit.lineEdit().setPlaceholderText(self.tr("Choose a known unit or type a new one"))
        completer = QCompleter(units, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.to_unit.setCompleter(completer)
        self.from_unit = self.add_field("from_unit", self.tr("Given by"), QLineEdit())
        self.issued_on = self.add_field("issued_on", self.tr("Issued on"), OptionalDateEdit())
        self.deadline = self.add_field(
            "deadline", self.tr("Deadline (blank: one week)"), OptionalDateEdit()
        )
        self.deadline_note = QLabel()
        self.deadline_note.setWordWrap(True)
        self.extra.addWidget(self.deadline_note)
        self.issued_on.set_value(self.today)
        self.issued_on.dateChanged.connect(self.show_deadline)
        self.deadline.dateChanged.connect(self.show_deadline)
        self.show_deadline()
        self.title.setFocus()

    def show_deadline(self) -> str:
        """The deadline as the service will compute it (working days, holidays moved over)."""
        issued = self.issued_on.value()
        if issued is None:
            text = ""
        else:
            try:
                due = task_deadline(issued, self.deadline.value(), self.cal)
            except InputError as exc:
                text = "；".join(p.message for p in exc.problems)
                self.deadline_note.setStyleSheet(LATE_STYLE)
            else:
                text = self.tr("Deadline: %1 (counted in working days)").replace(
                    "%1", due.isoformat()
                )
                self.deadline_note.setStyleSheet("")
            warnings = self.cal.warnings()
            if warnings:
                text += "\n" + "；".join(warnings)
        self.deadline_note.setText(text)
        return text

    def value(self) -> TaskIn:
        return TaskIn(
            title=self.title.text(),
            to_unit=self.to_unit.currentText(),
            from_unit=self.from_unit.text(),
            issued_on=self.issued_on.value(),
            deadline=self.deadline.value(),
        )

    def collect(self) -> Callable[[Session], str]:
        value = self.value()
        return lambda session: add_task(session, value, work_calendar(session))

    def write(self, session: Session) -> str:
        return self.collect()(session)

    # --- a stored task ------------------------------------------------------------------
    def _build_record(self) -> None:
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)  # rejects
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel()
        self.extra.addWidget(self.summary)
        self.extra.addWidget(self.state)
        self.links_note = QLabel()
        self.links_note.setWordWrap(True)
        self.open_problem_button = QPushButton(self.tr("Open the supervised problem"))
        self.to_problem_button = QPushButton(self.tr("Turn into a problem"))
        links = QHBoxLayout()
        links.addWidget(self.links_note, 1)
        links.addWidget(self.open_problem_button)
        links.addWidget(self.to_problem_button)
        self.extra.addLayout(links)
        self.problem_form: ProblemForm | None = None
        self.open_problem_button.clicked.connect(self.open_problem)
        self.to_problem_button.clicked.connect(self.turn_into_problem)

        act = QGroupBox(self.tr("Progress"))
        grid = QGridLayout(act)
        self.on_day = OptionalDateEdit()
        self.on_day.set_value(self.today)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why it is reopened"))
        self.done_button = QPushButton(self.tr("Done"))
        self.report_button = QPushButton(self.tr("Reported back"))
        self.reopen_button = QPushButton(self.tr("Reopen"))
        grid.addWidget(QLabel(self.tr("On")), 0, 0)
        grid.addWidget(self._field("done_on", self.on_day), 0, 1)
        grid.addWidget(self.done_button, 0, 2)
        grid.addWidget(self.report_button, 0, 3)
        grid.addWidget(QLabel(self.tr("Reason")), 1, 0)
        grid.addWidget(self._field("reason", self.reason), 1, 1, 1, 2)
        grid.addWidget(self.reopen_button, 1, 3)
        self.errors["feedback_on"] = self.errors["done_on"]
        self.errors["status"] = self.general_error
        self.extra.addWidget(act)

        self.reminder_day = OptionalDateEdit()
        self.reminder_day.set_value(self.today)
        self.reminder_way = CodeCombo(ReminderWay.choices())
        self.reminder_note = QLineEdit()
        self.remind_button = QPushButton(self.tr("Add reminder"))
        self.reminders = self._list([self.tr("Date"), self.tr("Way"), self.tr("Note")])
        row = QHBoxLayout()
        for widget in (self.reminder_day, self.reminder_way):
            row.addWidget(widget)
        row.addWidget(self._field("way", self.reminder_note), 1)
        row.addWidget(self.remind_button)
        self._group(self.tr("Reminders (催办)"), self.reminders, row)

        self.interview_day = OptionalDateEdit()
        self.interview_day.set_value(self.today)
        self.participants = QLineEdit()
        self.participants.setPlaceholderText(self.tr("Who was interviewed"))
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("Outcome"))
        self.interview_button = QPushButton(self.tr("Add interview"))
        self.interviews = self._list([self.tr("Date"), self.tr("Participants"), self.tr("Outcome")])
        row = QHBoxLayout()
        row.addWidget(self.interview_day)
        row.addWidget(self._field("participants", self.participants), 1)
        row.addWidget(self.outcome, 1)
        row.addWidget(self.interview_button)
        self._group(self.tr("Interviews (约谈)"), self.interviews, row)
        self.errors["on"] = self.general_error
        self.errors["task"] = self.general_error
        # A task received from above stays its issuer's: said once, its actions off.
        self.received_note = QLabel()
        self.received_note.setObjectName("wuye_read_only")
        self.received_note.setWordWrap(True)
        self.received_note.setStyleSheet("color: #555;")
        self.received_note.setVisible(False)
        self.extra.insertWidget(0, self.received_note)
        if self.view is not None and self.view.to_office:
            self._build_answers()

        self.done_button.clicked.connect(lambda: self.move(mark_done))
        self.report_button.clicked.connect(lambda: self.move(report_back))
        self.reopen_button.clicked.connect(self.reopen)
        self.remind_button.clicked.connect(self.add_reminder)
        self.interview_button.clicked.connect(self.add_interview)

    def _build_answers(self) -> None:
        """A task addressed to an office below: its answers (rows that office owns), each on
        time or late, and the issuer's 采纳 / 退回 of the last one."""
        self.answers = self._list(
            [self.tr("Answered on"), self.tr("On time"), self.tr("Result"), self.tr("Review")]
        )
        self.return_reason = QLineEdit()
        self.return_reason.setPlaceholderText(self.tr("Why the answer is sent back"))
        self.accept_button = QPushButton(self.tr("Accept answer"))
        self.return_button = QPushButton(self.tr("Send back"))
        # The office addressed answers here: a row it owns, dated by the day entered above.
        self.answer_result = QLineEdit()
        self.answer_result.setPlaceholderText(self.tr("What was done (办理结果), in writing"))
        self.answer_button = QPushButton(self.tr("Send answer"))
        row = QHBoxLayout()
        row.addWidget(self._field("review_reason", self.return_reason), 1)
        row.addWidget(self.accept_button)
        row.addWidget(self.return_button)
        row.addWidget(self._field("answer_result", self.answer_result), 1)
        row.addWidget(self.answer_button)
        self._group(self.tr("Answers of the office (反馈)"), self.answers, row)
        for table in (self.reminders, self.interviews, self.answers):
            table.setFixedHeight(72)  # a third list: the form still fits a 1366×768 screen
        self.errors["task"] = self.general_error
        self.accept_button.clicked.connect(lambda: self.review(accept=True))
        self.return_button.clicked.connect(lambda: self.review(accept=False))
        self.answer_button.clicked.connect(self.answer)

    def answer(self) -> Op:
        """This office's answer to a task addressed to it (`answer_task`): on the day entered
        above; refused while the last one waits for the issuer's review."""
        uuid, on, today, result = self._uuid(), self._on(), self.today, self.answer_result.text()
        return self.act(
            lambda s: answer_task(s, uuid, on, result, today=today), self.answer_result.clear
        )

    def review(self, *, accept: bool) -> Op:
        uuid, on, today, reason = self._uuid(), self._on(), self.today, self.return_reason.text()
        return self.act(
            lambda s: review_answer(s, uuid, accept=accept, on=on, reason=reason, today=today),
            self.return_reason.clear,
        )

    def open_problem(self) -> ProblemForm | None:
        """The problem this task supervises (Task.problem_uuid)."""
        if self.view is None or self.view.problem_uuid is None:
            return None
        return self._show_problem(ProblemForm(self.db, self.view.problem_uuid, self,
                                              today=self.today))  # fmt: skip

    def turn_into_problem(self) -> ProblemForm:
        """A problem opened from this task; the worker picks its community and estate."""
        with self.db.reader() as session:
            draft = draft_from_task(session, self._uuid(), community_code="", today=self.today)
        return self._show_problem(ProblemForm(self.db, None, self, draft=draft, today=self.today))

    def _show_problem(self, form: ProblemForm) -> ProblemForm:
        form.saved.connect(lambda _uuid: self.show_links())
        form.open()
        self.problem_form = form
        return form

    def show_links(self) -> None:
        """The problem the task supervises and the problems opened from it (both ways)."""
        assert self.view is not None
        with self.db.reader() as session:
            opened = problems_of(session, self._uuid())
        parts = []
        if self.view.problem_uuid:
            parts.append(self.tr("Supervises a recorded problem."))
        if opened:
            parts.append(
                self.tr("Problems opened from it: %1").replace(
                    "%1",
                    "；".join(f"{d[:20]}（{ProblemStatus.label_of(s)}）" for _u, s, d in opened),
                )
            )
        self.links_note.setText(" ".join(parts))
        self.open_problem_button.setVisible(bool(self.view.problem_uuid))

    def _field(self, key: str, widget: QWidget) -> QWidget:
        box, error = with_error(widget)
        self.fields[key] = widget
        self.errors[key] = error
        return box

    def _list(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setFixedHeight(110)
        return table

    def _group(self, title: str, table: QTableWidget, row: QHBoxLayout) -> None:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        column.addWidget(table)
        column.addLayout(row)
        self.extra.addWidget(box)

    def _uuid(self) -> str:
        assert self.uuid is not None
        return self.uuid

    def _on(self) -> date:
        return self.on_day.value() or self.today

    def move(self, step: Callable[..., object]) -> Op:
        """办结 or 反馈 on the day entered (today if none; never after today)."""
        uuid, on, today = self._uuid(), self._on(), self.today
        return self.act(lambda s: step(s, uuid, on, today=today))

    def reopen(self) -> Op:
        uuid, on, reason = self._uuid(), self._on(), self.reason.text()
        return self.act(lambda s: reopen(s, uuid, on, reason))

    def add_reminder(self) -> Op:
        uuid, day = self._uuid(), self.reminder_day.value() or self.today
        way, note = self.reminder_way.value(), self.reminder_note.text()
        today = self.today
        return self.act(
            lambda s: remind(s, uuid, day, way, note, today=today), self.reminder_note.clear
        )

    def add_interview(self) -> Op:
        uuid, day = self._uuid(), self.interview_day.value() or self.today
        who, outcome = self.participants.text(), self.outcome.text()

        def cleared() -> None:
            self.participants.clear()
            self.outcome.clear()

        today = self.today
        return self.act(lambda s: interview(s, uuid, day, who, outcome, today=today), cleared)

    def act(self, work: Callable[[Session], object], then: Callable[[], None] | None = None) -> Op:
        """One action in one transaction, off the GUI thread (the widgets were read before);
        refused, its message shows and nothing changes; done, the task is shown again."""
        self.clear_problems()
        uuid, today, cal = self._uuid(), self.today, self.cal

        def run(session: Session, _job: object) -> TaskView:
            work(session)
            session.flush()
            return get_task(session, uuid, today=today, cal=cal)

        def done(view: TaskView) -> None:
            self.show_view(view)
            self.saved.emit(uuid)
            if then is not None:
                then()

        def refused(problems: tuple[Problem, ...]) -> None:
            self.show_problems(problems)
            self.refused.emit()

        def failed(failure: Failure) -> None:
            self.problems_display.say(failure.message)
            self.refused.emit()

        op = Op(self, self.db.sessions, run, write=True)
        op.success(done).problems(refused).failure(failed).run()
        return op

    def show_view(self, view: TaskView) -> None:
        self.view = view
        lines = [
            self.tr("Task: %1").replace("%1", f"{view.number} {view.title}".strip()),
            self.tr("Given to %1 by %2 on %3")
            .replace("%1", view.to_unit)
            .replace("%2", view.from_unit or "—")
            .replace("%3", _day(view.issued_on)),
            self.tr("Deadline: %1 (counted in working days)").replace("%1", _day(view.deadline)),
            self.tr("Done on %1; feedback due %2; reported back %3")
            .replace("%1", _day(view.done_on))
            .replace("%2", _day(view.feedback_due))
            .replace("%3", _day(view.feedback_on)),
        ]
        self.summary.setText("\n".join(lines))
        due = {
            "overdue": self.tr("overdue"),
            "due_soon": self.tr("due soon"),
            "done_late": self.tr("done late"),
        }.get(view.due, "")
        state = self.tr("Status: %1").replace("%1", TaskStatus.label_of(view.status))
        if due:
            state += f" · {due}"
        if view.feedback_late:
            state += " · " + self.tr("feedback late")
        self.state.setText(state)
        late = view.due == "overdue" or view.feedback_late
        self.state.setStyleSheet(
            LATE_STYLE if late else SOON_STYLE if view.due == "due_soon" else ""
        )
        allowed = allowed_targets("task", view.status)
        own = not view.received
        self.done_button.setEnabled(own and TaskStatus.DONE in allowed)
        self.report_button.setEnabled(own and TaskStatus.REPORTED in allowed)
        self.reopen_button.setEnabled(own and TaskStatus.OPEN in allowed)
        self.remind_button.setEnabled(own)
        self.interview_button.setEnabled(own)
        if view.received:
            reason = self.tr(
                "Issued by %1 and received from above: read-only in this office. Only the "
                "issuing office can change it; this office answers it with its feedback."
            ).replace("%1", view.from_unit or "—")
            self.received_note.setText(reason)
            for button in (self.done_button, self.report_button, self.reopen_button,
                           self.remind_button, self.interview_button):  # fmt: skip
                button.setToolTip(reason)
        self.received_note.setVisible(view.received)
        self._fill(self.reminders, [(_day(r.on), ReminderWay.label_of(r.way), r.note)
                                    for r in view.reminders])  # fmt: skip
        self.show_links()
        self._fill(self.interviews, [(_day(i.on), i.participants, i.outcome)
                                     for i in view.interviews])  # fmt: skip
        if view.to_office and hasattr(self, "answers"):
            verdicts = {"accept": self.tr("accepted"), "return": self.tr("sent back")}
            self._fill(self.answers, [
                (_day(a.answered_on), self.tr("on time") if a.on_time else self.tr("late"),
                 a.result, " ".join(filter(None, (verdicts.get(a.review or "", ""),
                                                  a.review_reason))))
                for a in view.answers
            ])  # fmt: skip
            waiting = view.answer_state == AnswerState.ANSWERED
            self.accept_button.setEnabled(own and waiting)
            self.return_button.setEnabled(own and waiting)
            for widget in (self.return_reason, self.accept_button, self.return_button):
                widget.setVisible(own)  # 采纳 / 退回 are the issuer's, never the receiver's
            owed = view.answer_state in (AnswerState.NONE, AnswerState.RETURNED)
            self.answer_button.setEnabled(not own and owed)
            for widget in (self.answer_result, self.answer_button):
                widget.setVisible(not own)  # the answer is the addressed office's

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, str, str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))
