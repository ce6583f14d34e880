"""督办事项 (附件3 二(二)1): issue with a working-day deadline (default one week, at most one
month), mark done, report back (feedback due one working day after done), remind (催办) and
interview (约谈) when late. Lateness is computed from the day asked about, never stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.codes import ReminderWay, TaskStatus
from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Problem as ProblemRow
from app.models import Task, TaskInterview, TaskReminder
from app.rules.deadlines import due_state, feedback_due, not_in_future, task_deadline
from app.rules.workdays import WorkCalendar
from app.services import due
from app.services.known_units import canonical_unit
from app.services.listing import Column, Listing, ListQuery, contains
from app.services.record_ids import TASKS as NUMBERED_TASKS
from app.services.record_ids import next_number
from app.services.status_moves import move_status

OPEN_STATES = (TaskStatus.OPEN.value,)


@dataclass
class TaskIn:
    title: str = ""
    to_unit: str = ""
    from_unit: str = ""
    issued_on: date | None = None
    deadline: date | None = None  # None: issue + 7 days, moved off a holiday
    problem_uuid: str | None = None


@dataclass(frozen=True)
class ReminderView:
    on: date
    way: str
    note: str


@dataclass(frozen=True)
class InterviewView:
    on: date
    participants: str
    outcome: str


@dataclass(frozen=True)
class TaskView:
    uuid: str
    title: str
    from_unit: str
    to_unit: str
    issued_on: date
    deadline: date
    done_on: date | None
    feedback_on: date | None
    feedback_due: date | None  # the working day after done_on
    status: str
    due: str  # app.rules.deadlines.DUE_STATES, as of the day asked
    feedback_late: bool  # done, not reported back, and past feedback_due on the day asked
    problem_uuid: str | None
    reminders: tuple[ReminderView, ...] = field(default=())
    interviews: tuple[InterviewView, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())  # years counted Monday to Friday
    number: str = ""  # 2026-0012

    def as_dict(self) -> dict[str, object]:
        def day(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.uuid,
            "number": self.number,
            "title": self.title,
            "from_unit": self.from_unit,
            "to_unit": self.to_unit,
            "issued": day(self.issued_on),
            "deadline": day(self.deadline),
            "done_on": day(self.done_on),
            "feedback_on": day(self.feedback_on),
            "feedback_due": day(self.feedback_due),
            "status": self.status,
            "status_label": TaskStatus.label_of(self.status),
            "due": self.due,
            "feedback_late": self.feedback_late,
            "problem": self.problem_uuid,
            "reminders": [
                {"on": r.on.isoformat(), "way": r.way, "note": r.note} for r in self.reminders
            ],
            "interviews": [
                {"on": i.on.isoformat(), "participants": i.participants, "outcome": i.outcome}
                for i in self.interviews
            ],
            "warnings": list(self.warnings),
        }


def add_task(session: Session, data: TaskIn, cal: WorkCalendar) -> str:
    issues: list[Issue] = []
    if not data.title.strip():
        issues.append(Issue("title", "督办事项标题不能为空"))
    if not data.to_unit.strip():
        issues.append(Issue("to_unit", "请填写承办单位"))
    if data.issued_on is None:
        issues.append(Issue("issued_on", "请填写交办日期"))
    if data.problem_uuid and session.get(ProblemRow, data.problem_uuid) is None:
        issues.append(Issue("problem_uuid", f"找不到所督办的问题：{data.problem_uuid}"))
    deadline = None
    if data.issued_on is not None:
        try:
            deadline = task_deadline(data.issued_on, data.deadline, cal)
        except InputError as exc:
            issues += exc.problems
    if issues:
        raise InputError(issues)
    assert data.issued_on is not None and deadline is not None
    task = Task(
        number=next_number(session, NUMBERED_TASKS, data.issued_on.year),
        title=data.title.strip(),
        to_unit=canonical_unit(session, data.to_unit).name,  # one unit, one name
        from_unit=data.from_unit.strip(),
        issued_on=data.issued_on,
        deadline=deadline,
        status=TaskStatus.OPEN.value,
        problem_uuid=data.problem_uuid or None,
    )
    session.add(task)
    session.flush()
    return task.uuid


def mark_done(
    session: Session, uuid: str, on: date, *, who: str | None = None, today: date | None = None
) -> None:
    """办结 on `on` (not after `today`, default the clock's); feedback is then due the next
    working day."""
    task = _get(session, uuid)
    if on < task.issued_on:
        raise InputError(
            Issue("done_on", f"办结日期不能早于交办日期（{task.issued_on.isoformat()}）")
        )
    if issues := not_in_future("done_on", "办结日期", on, today or date.today()):
        raise InputError(issues)
    move_status(session, task, TaskStatus.DONE, when=_at(on), who=who)
    task.done_on = on
    session.flush()


def report_back(
    session: Session, uuid: str, on: date, *, who: str | None = None, today: date | None = None
) -> None:
    """The result was reported to the issuing office (反馈) on `on`, not after `today`."""
    task = _get(session, uuid)
    if task.done_on is not None and on < task.done_on:
        raise InputError(Issue("feedback_on", "反馈日期不能早于办结日期"))
    if issues := not_in_future("feedback_on", "反馈日期", on, today or date.today()):
        raise InputError(issues)
    move_status(session, task, TaskStatus.REPORTED, when=_at(on), who=who)
    task.feedback_on = on
    session.flush()


def reopen(session: Session, uuid: str, on: date, reason: str, *, who: str | None = None) -> None:
    task = _get(session, uuid)
    move_status(session, task, TaskStatus.OPEN, when=_at(on), who=who, reason=reason)
    task.done_on = task.feedback_on = None
    session.flush()


def remind(
    session: Session, uuid: str, on: date, way: str, note: str = "", *, today: date | None = None
) -> None:
    """催办: a reminder sent to the unit on `on`, not after `today` (default the clock's)."""
    task = _get(session, uuid)
    issues = []
    if ReminderWay.from_text(way) is None:
        issues.append(Issue("way", "催办方式应为电话、书面、上门或短信"))
    if on < task.issued_on:
        issues.append(Issue("on", "催办日期不能早于交办日期"))
    issues += not_in_future("on", "催办日期", on, today or date.today())
    if issues:
        raise InputError(issues)
    task.reminders.append(
        TaskReminder(on=on, way=str(ReminderWay.from_text(way)), note=note.strip())
    )
    session.flush()


def interview(
    session: Session,
    uuid: str,
    on: date,
    participants: str,
    outcome: str,
    *,
    today: date | None = None,
) -> None:
    """约谈: who was interviewed about the late task, and what came of it."""
    task = _get(session, uuid)
    issues = []
    if not participants.strip():
        issues.append(Issue("participants", "请填写约谈对象"))
    if on < task.issued_on:
        issues.append(Issue("on", "约谈日期不能早于交办日期"))
    issues += not_in_future("on", "约谈日期", on, today or date.today())
    if issues:
        raise InputError(issues)
    task.interviews.append(
        TaskInterview(on=on, participants=participants.strip(), outcome=outcome.strip())
    )
    session.flush()


def get_task(session: Session, uuid: str, *, today: date, cal: WorkCalendar) -> TaskView:
    task = _get(session, uuid)
    state = due_state(task.deadline, task.done_on, today, cal=cal)
    fb_due = feedback_due(task.done_on, cal) if task.done_on else None
    return TaskView(
        uuid=task.uuid,
        title=task.title,
        from_unit=task.from_unit,
        to_unit=task.to_unit,
        issued_on=task.issued_on,
        deadline=task.deadline,
        done_on=task.done_on,
        feedback_on=task.feedback_on,
        feedback_due=fb_due,
        status=task.status,
        due=state,
        feedback_late=bool(fb_due and task.feedback_on is None and today > fb_due),
        problem_uuid=task.problem_uuid,
        reminders=tuple(ReminderView(r.on, r.way, r.note) for r in task.reminders),
        interviews=tuple(InterviewView(i.on, i.participants, i.outcome) for i in task.interviews),
        warnings=tuple(cal.warnings()),
        number=task.number or "",
    )


def task_rows(
    session: Session, query: ListQuery, today: date, cal: WorkCalendar, *, limit: int = 200
) -> list[TaskView]:
    """The first `limit` tasks of TASKS for `query` (soonest deadline first), each with its
    lateness on `today`: `wuye task list` prints them."""
    return [
        get_task(session, row.uuid, today=today, cal=cal)
        for row in TASKS.page(session, query, limit=limit)
    ]


def tasks_for_problem(session: Session, problem_uuid: str) -> list[tuple[str, str, str]]:
    """(uuid, status, title) of the tasks supervising a problem (Task.problem_uuid), oldest
    first: the problem's form lists them, the task's form links to the problem."""
    rows = session.execute(
        select(Task.uuid, Task.status, Task.title)
        .where(Task.problem_uuid == problem_uuid)
        .order_by(Task.issued_on, Task.uuid)
    )
    return [(u, s, t) for u, s, t in rows]


def task_units(session: Session, limit: int = 200) -> list[str]:
    """Units tasks were given to, for the list's filter box and the form's completer."""
    stmt = select(Task.to_unit).group_by(Task.to_unit).order_by(Task.to_unit).limit(limit)
    return list(session.scalars(stmt))


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0, 0))


def _get(session: Session, uuid: str) -> Task:
    task = session.get(Task, uuid)
    if task is None or task.deleted:
        raise NotFound("督办事项", uuid)
    return task


def _base(session: Session) -> Select[tuple[str]]:
    return select(Task.uuid)  # tasks belong to the office that issued or received them


def _overdue_on(day: date):  # type: ignore[no-untyped-def]
    return due.overdue(Task.deadline, Task.status, OPEN_STATES, day)


TASKS = Listing(
    base=_base,
    uuid=Task.uuid,
    columns=[
        Column("deadline", Task.deadline, display=lambda d: d.isoformat(), nullable=False),
        Column("status", Task.status, display=TaskStatus.label_of, nullable=False),
        Column("title", Task.title, nullable=False),
        Column("to_unit", Task.to_unit, nullable=False),
        Column("from_unit", Task.from_unit, nullable=False),
        Column("issued_on", Task.issued_on, display=lambda d: d.isoformat(), nullable=False),
        Column("done_on", Task.done_on, display=lambda d: d.isoformat() if d else ""),
        Column("number", Task.number),
    ],
    search=contains(Task.title, Task.to_unit, Task.from_unit, Task.number),
    default_sort="deadline",
    filters={
        "status": Task.status,
        "to_unit": Task.to_unit,
        "overdue_on": _overdue_on,
    },
)
