"""督办事项 (附件3 二(二)1): issue with a working-day deadline (without one: a week, at most a
month; an explicit one as the issuer set it), mark done, report back (feedback due one working
day after done), remind (催办) and interview (约谈) when late. A task addressed to an office
below is answered there (`answer_task`, a row that office owns) and accepted or sent back here
(`review_answer`). Lateness is computed from the day asked about, never stored; a task done
late and feedback given late stay late (`task_tally`, the 汇总 per unit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import ClassVar

from sqlalchemy import Select, and_, false, func, select
from sqlalchemy.orm import Session

from app.codes import ReminderWay, TaskStatus
from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Org, Task, TaskAnswer, TaskAnswerReview, TaskReminder
from app.models import Problem as ProblemRow
from app.rules.deadlines import (
    due_state,
    feedback_due,
    feedback_late,
    not_in_future,
    task_deadline,
)
from app.rules.workdays import WorkCalendar
from app.services import due
from app.services.known_units import canonical_unit
from app.services.listing import Column, Listing, ListQuery, contains
from app.services.offices import office_below
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
    to_office: str | None = None  # an office below this one (division code), not `to_unit`


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
    feedback_late: bool  # done, and reported back after feedback_due (or not yet, past it)
    problem_uuid: str | None
    reminders: tuple[ReminderView, ...] = field(default=())
    interviews: tuple[InterviewView, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())  # years counted Monday to Friday
    number: str = ""  # 2026-0012
    to_office: str | None = None  # addressed to an office below: its answers follow
    answer_state: str = "none"  # AnswerState
    answers: tuple[AnswerView, ...] = field(default=())
    received: bool = False  # issued by an office above: read-only here, answered by rows

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
    """Issue a task to a unit outside the program (`to_unit`) or to an office below this one
    (`to_office`: its row is then this office's to edit, the office's answers its own)."""
    issues: list[Issue] = []
    if not data.title.strip():
        issues.append(Issue("title", "督办事项标题不能为空"))
    office_name = None
    if data.to_office:
        office_name = office_below(session, data.to_office.strip(), issues)
    elif not data.to_unit.strip():
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
        # one unit, one name; an office by its org name
        to_unit=office_name or canonical_unit(session, data.to_unit).name,
        to_office=data.to_office.strip() if office_name else None,
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
    task = _own(session, uuid, "办结")
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
    task = _own(session, uuid, "登记反馈日期")
    if task.done_on is not None and on < task.done_on:
        raise InputError(Issue("feedback_on", "反馈日期不能早于办结日期"))
    if issues := not_in_future("feedback_on", "反馈日期", on, today or date.today()):
        raise InputError(issues)
    move_status(session, task, TaskStatus.REPORTED, when=_at(on), who=who)
    task.feedback_on = on
    session.flush()


def reopen(session: Session, uuid: str, on: date, reason: str, *, who: str | None = None) -> None:
    task = _own(session, uuid, "重新打开")
    move_status(session, task, TaskStatus.OPEN, when=_at(on), who=who, reason=reason)
    task.done_on = task.feedback_on = None
    session.flush()


def remind(
    session: Session, uuid: str, on: date, way: str, note: str = "", *, today: date | None = None
) -> None:
    """催办: a reminder sent to the unit on `on`, not after `today` (default the clock's)."""
    task = _own(session, uuid, "催办")
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
    """约谈: who was interviewed about the late task, and what came of it, recorded as an
    `Interview` linked to the task (app/services/interviews.py), never a `TaskInterview`."""
    from app.services.interviews import interview_for_task

    task = _own(session, uuid, "约谈")
    issues = []
    if not participants.strip():
        issues.append(Issue("participants", "请填写约谈对象"))
    if on < task.issued_on:
        issues.append(Issue("on", "约谈日期不能早于交办日期"))
    issues += not_in_future("on", "约谈日期", on, today or date.today())
    if issues:
        raise InputError(issues)
    interview_for_task(session, task, on=on, participants=participants, outcome=outcome)


def get_task(session: Session, uuid: str, *, today: date, cal: WorkCalendar) -> TaskView:
    from app.services.interviews import task_interviews

    task = _get(session, uuid)
    received = _received(session, task)
    # received from an office this file does not know by name: its code, never a blank
    issuer = _issuer_name(session, task) or (task.origin or "" if received else "")
    state = due_state(task.deadline, task.done_on, today, cal=cal)
    fb_due = feedback_due(task.done_on, cal) if task.done_on else None
    interviews = tuple(InterviewView(i.held_on or i.notified_on, i.attendees, i.record)
                       for i in task_interviews(session, task.uuid))  # fmt: skip
    return TaskView(
        uuid=task.uuid,
        title=task.title,
        from_unit=task.from_unit or issuer,
        to_unit=task.to_unit,
        issued_on=task.issued_on,
        deadline=task.deadline,
        done_on=task.done_on,
        feedback_on=task.feedback_on,
        feedback_due=fb_due,
        status=task.status,
        due=state,
        feedback_late=feedback_late(task.done_on, task.feedback_on, today, cal),
        problem_uuid=task.problem_uuid,
        reminders=tuple(ReminderView(r.on, r.way, r.note) for r in task.reminders),
        interviews=interviews,
        warnings=tuple(cal.warnings()),
        number=task.number or "",
        to_office=task.to_office,
        answer_state=_answer_state(session, task) if task.to_office else AnswerState.NONE,
        answers=tuple(_answer_views(session, task)) if task.to_office else (),
        received=received,
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


def _issuer_name(session: Session, task: Task) -> str:
    """The issuing office's name, for a task whose 交办单位 was left empty."""
    return session.scalar(select(Org.name).where(Org.code == task.origin)) or ""


def _get(session: Session, uuid: str) -> Task:
    task = session.get(Task, uuid)
    if task is None or task.deleted:
        raise NotFound("督办事项", uuid)
    return task


def _received(session: Session, task: Task) -> bool:
    """Issued by an office above and received by package: read-only here (the owner alone
    edits a row); this office answers it with its own rows (`answer_task`)."""
    from app.services.offices import office_code

    return task.origin is not None and task.origin != office_code(session)


def _own(session: Session, uuid: str, action: str) -> Task:
    """The task, if this office issued it; a task received from above is refused in one
    Chinese line that says whose it is and how to answer it."""
    task = _get(session, uuid)
    if _received(session, task):
        from app.services.offices import office_label  # the superior is a peer, not an org row

        issuer = _issuer_name(session, task) or office_label(session, str(task.origin))
        raise InputError(
            Issue(  # no field: the line names the task itself
                "",
                f"督办事项 {task.number or task.title} 由{issuer}交办，只能由该单位修改；"
                f"本单位只读，不能{action}，请以“反馈”答复",
            )
        )
    return task


def _base(session: Session) -> Select[tuple[str]]:
    return select(Task.uuid)  # tasks belong to the office that issued or received them


def _overdue_on(day: date):  # type: ignore[no-untyped-def]
    return due.overdue(Task.deadline, Task.status, OPEN_STATES, day)


DIRECTIONS = ("incoming", "issued")


def _direction(which: str):  # type: ignore[no-untyped-def]
    """"incoming": addressed to this office; "issued": issued by it to an office below (the
    office's code read in SQL, so the list's query needs no session to build)."""
    from app.models import DbMeta
    from app.services.offices import OFFICE_KEY

    me = select(DbMeta.value).where(DbMeta.key == OFFICE_KEY).scalar_subquery()
    if which == "incoming":
        return Task.to_office == me
    if which == "issued":
        return and_(Task.origin == me, Task.to_office.is_not(None))
    return false()


# 交办单位: as typed, else the office that issued the task (its org name): a task the office
# issued itself shows the office's own name instead of an empty cell.
ISSUED_BY = func.coalesce(
    func.nullif(Task.from_unit, ""),
    select(Org.name).where(Org.code == Task.origin).correlate(Task).scalar_subquery(),
    "",
)


TASKS = Listing(
    base=_base,
    uuid=Task.uuid,
    columns=[
        Column("deadline", Task.deadline, display=lambda d: d.isoformat(), nullable=False),
        Column("status", Task.status, display=TaskStatus.label_of, nullable=False),
        Column("title", Task.title, nullable=False),
        Column("to_unit", Task.to_unit, nullable=False),
        Column("from_unit", ISSUED_BY, nullable=False),
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
        "direction": _direction,
    },
)


# --- answers of tasks addressed to an office (附件3 二(二)1: 办结后反馈，交必办、办必果、果必报)


class AnswerState:
    """The state of a task's answer, computed from the answer and review rows."""

    NONE = "none"  # nothing answered yet
    ANSWERED = "answered"  # answered, the issuer has not judged it
    ACCEPTED = "accepted"
    RETURNED = "returned"  # sent back with a reason: the office answers again

    LABELS: ClassVar[dict[str, str]] = {
        NONE: "未反馈",
        ANSWERED: "已反馈待审",
        ACCEPTED: "已采纳",
        RETURNED: "已退回",
    }


@dataclass(frozen=True)
class AnswerView:
    uuid: str
    office: str  # the answering office (the row's owner)
    answered_on: date
    result: str
    attachments: tuple[str, ...]
    on_time: bool  # answered by the task's deadline
    review: str | None  # accept | return | None
    review_reason: str
    reviewed_on: date | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid,
            "office": self.office,
            "answered_on": self.answered_on.isoformat(),
            "result": self.result,
            "attachments": list(self.attachments),
            "on_time": self.on_time,
            "review": self.review,
            "review_reason": self.review_reason,
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
        }


@dataclass(frozen=True)
class OfficeTaskLine:
    """A line of `wuye task list --incoming/--issued`: the task and its answer's state."""

    task: TaskView
    to_office: str | None
    issuer: str  # the issuing office's code (the task row's owner)
    answer_state: str  # AnswerState
    answers: tuple[AnswerView, ...]

    def as_dict(self) -> dict[str, object]:
        last = self.answers[-1] if self.answers else None
        return {
            "id": self.task.uuid,
            "number": self.task.number,
            "title": self.task.title,
            "issuer": self.issuer,
            "to_office": self.to_office,
            "to_unit": self.task.to_unit,
            "issued": self.task.issued_on.isoformat(),
            "deadline": self.task.deadline.isoformat(),
            "status": self.task.status,
            "status_label": TaskStatus.label_of(self.task.status),
            "due": self.task.due,
            "answer_state": self.answer_state,
            "answer_state_label": AnswerState.LABELS[self.answer_state],
            "answer_on_time": last.on_time if last else None,
            "answers": [a.as_dict() for a in self.answers],
        }


def answer_task(
    session: Session,
    uuid: str,
    on: date,
    result: str,
    *,
    attachments: Sequence[str] = (),
    who: str | None = None,
    today: date | None = None,
) -> str:
    """The office's answer (办理情况/反馈) to a task addressed to it: a row this office owns that
    references the task, which stays the issuer's and read-only here."""
    from app.db.sync import acting_name
    from app.services.offices import current_office

    task = _get(session, uuid)
    me = current_office(session).code
    if task.to_office != me:
        raise InputError(
            Issue("", f"督办事项 {task.number or task.uuid} 不是交给本单位的，不能反馈")
        )
    issues: list[Issue] = []
    if not result.strip():
        issues.append(Issue("answer_result", "请填写办理结果（书面反馈）"))
    if on < task.issued_on:
        issues.append(Issue("on", f"反馈日期不能早于交办日期（{task.issued_on.isoformat()}）"))
    issues += not_in_future("on", "反馈日期", on, today or date.today())
    if _answer_state(session, task) == AnswerState.ACCEPTED:
        issues.append(Issue("task", "交办单位已采纳本事项的反馈，不能再反馈"))
    elif _answer_state(session, task) == AnswerState.ANSWERED:
        issues.append(Issue("task", "上一次反馈尚待交办单位审核；退回后才能再次反馈"))
    if issues:
        raise InputError(issues)
    answer = TaskAnswer(
        task_uuid=task.uuid,
        answered_on=on,
        result=result.strip(),
        attachments="\n".join(a.strip() for a in attachments if a.strip()),
        answerer=acting_name(session, who),
    )
    session.add(answer)
    session.flush()
    return answer.uuid


def review_answer(
    session: Session,
    uuid: str,
    *,
    accept: bool,
    on: date,
    reason: str = "",
    who: str | None = None,
    today: date | None = None,
) -> str:
    """The issuer accepts (采纳) the task's last answer, which marks the task done and reported
    on the answer's day, or sends it back (退回) with a reason."""
    from app.db.sync import acting_name
    from app.services.offices import current_office

    task = _get(session, uuid)
    if task.origin != current_office(session).code:
        raise InputError(Issue("", f"督办事项 {task.number or task.uuid} 不是本单位交办的"))
    answer = _last_answer(session, task)
    issues: list[Issue] = []
    if answer is None or _answer_state(session, task) != AnswerState.ANSWERED:
        issues.append(Issue("task", "本事项没有待审核的反馈"))
    if not accept and not reason.strip():
        issues.append(Issue("review_reason", "退回反馈须填写退回原因"))
    issues += not_in_future("on", "审核日期", on, today or date.today())
    if answer is not None and on < answer.answered_on:
        issues.append(Issue("on", "审核日期不能早于反馈日期"))
    if issues:
        raise InputError(issues)
    assert answer is not None
    review = TaskAnswerReview(
        answer_uuid=answer.uuid,
        action="accept" if accept else "return",
        reason=reason.strip(),
        on=on,
        reviewer=acting_name(session, who),
    )
    session.add(review)
    if accept:
        move_status(session, task, TaskStatus.DONE, when=_at(answer.answered_on), who=who)
        move_status(session, task, TaskStatus.REPORTED, when=_at(answer.answered_on), who=who)
        task.done_on = task.feedback_on = answer.answered_on
    session.flush()
    return review.uuid


def office_tasks(
    session: Session, direction: str | None, today: date, cal: WorkCalendar, *, limit: int = 200
) -> list[OfficeTaskLine]:
    """Tasks addressed to this office (`incoming`), issued by it (`issued`), or both (None),
    soonest deadline first, each with its answer's state."""
    from app.services.offices import current_office

    me = current_office(session).code
    stmt = select(Task).where(Task.deleted.is_(False))
    if direction == "incoming":
        stmt = stmt.where(Task.to_office == me)
    elif direction == "issued":
        stmt = stmt.where(Task.origin == me)
    stmt = stmt.order_by(Task.deadline, Task.uuid).limit(limit)
    lines = []
    for task in session.scalars(stmt):
        view = get_task(session, task.uuid, today=today, cal=cal)
        lines.append(
            OfficeTaskLine(
                task=view,
                to_office=task.to_office,
                issuer=task.origin,
                answer_state=view.answer_state,
                answers=view.answers,
            )
        )
    return lines


def _answers(session: Session, task: Task) -> list[TaskAnswer]:
    stmt = (
        select(TaskAnswer)
        .where(TaskAnswer.task_uuid == task.uuid, TaskAnswer.deleted.is_(False))
        .order_by(TaskAnswer.answered_on, TaskAnswer.seq)
    )
    return list(session.scalars(stmt))


def _last_answer(session: Session, task: Task) -> TaskAnswer | None:
    answers = _answers(session, task)
    return answers[-1] if answers else None


def _review_of(session: Session, answer: TaskAnswer) -> TaskAnswerReview | None:
    stmt = (
        select(TaskAnswerReview)
        .where(TaskAnswerReview.answer_uuid == answer.uuid, TaskAnswerReview.deleted.is_(False))
        .order_by(TaskAnswerReview.on.desc(), TaskAnswerReview.seq.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def _answer_state(session: Session, task: Task) -> str:
    answer = _last_answer(session, task)
    if answer is None:
        return AnswerState.NONE
    review = _review_of(session, answer)
    if review is None:
        return AnswerState.ANSWERED
    return AnswerState.ACCEPTED if review.action == "accept" else AnswerState.RETURNED


def _answer_views(session: Session, task: Task) -> list[AnswerView]:
    views = []
    for answer in _answers(session, task):
        review = _review_of(session, answer)
        views.append(
            AnswerView(
                uuid=answer.uuid,
                office=answer.origin,
                answered_on=answer.answered_on,
                result=answer.result,
                attachments=tuple(a for a in answer.attachments.splitlines() if a),
                on_time=answer.answered_on <= task.deadline,
                review=review.action if review else None,
                review_reason=review.reason if review else "",
                reviewed_on=review.on if review else None,
            )
        )
    return views


# --- 汇总 per unit (附件3: 逾期 → 通报、约谈): a task finished late stays late


@dataclass(frozen=True)
class UnitTally:
    unit: str  # 承办单位: the unit's or the office's name
    office: str | None  # the office's code when the unit is an office in the tree
    issued: int
    on_time: int  # done by the deadline
    late: int  # done after the deadline
    open: int  # not done, deadline not passed
    overdue: int  # not done, deadline passed
    feedback_late: int  # reported back after the working day after done (or not yet, past it)

    def as_dict(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "office": self.office,
            "issued": self.issued,
            "done_on_time": self.on_time,
            "done_late": self.late,
            "open": self.open,
            "overdue": self.overdue,
            "feedback_late": self.feedback_late,
        }


def task_tally(session: Session, today: date, cal: WorkCalendar) -> list[UnitTally]:
    """Per 承办单位, most issued first (ties by name): issued, done on time, done late, open,
    overdue, feedback late, all as of `today`. A task done late counts in `late` for ever."""
    rows = session.execute(
        select(Task.to_unit, Task.to_office, Task.deadline, Task.done_on, Task.feedback_on).where(
            Task.deleted.is_(False)
        )
    )
    counts: dict[tuple[str, str | None], list[int]] = {}
    for unit, office, deadline, done_on, feedback_on in rows:
        c = counts.setdefault((unit, office), [0] * 6)
        c[0] += 1
        state = due_state(deadline, done_on, today, cal=cal)
        c[{"done": 1, "done_late": 2, "overdue": 4}.get(state, 3)] += 1
        c[5] += feedback_late(done_on, feedback_on, today, cal)
    tallies = [UnitTally(unit, office, *c) for (unit, office), c in counts.items()]
    return sorted(tallies, key=lambda t: (-t.issued, t.unit))
