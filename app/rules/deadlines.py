"""督办 deadlines (附件3 二(二)1, DOMAIN.md §7): "办结后1个工作日内反馈；无明确时限要求的，原则上
1周内办结，最长不超过1个月". Periods follow 民法典 arts 201–203: the start day is not counted, a
month ends on the same day-of-month (or the month's last day), and a last day on a holiday moves
to the next working day."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from app.errors import InputError, Problem
from app.rules.workdays import WorkCalendar

DEFAULT_TERM = timedelta(days=7)
DUE_STATES = ("done", "overdue", "due_soon", "open")


def add_months(day: date, n: int) -> date:
    """The same day-of-month n months on, or that month's last day: Jan 31 + 1 → Feb 28/29."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + n, 12)
    month = month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_deadline(issued: date, cal: WorkCalendar) -> date:
    """One month after issue, moved off a holiday: the furthest a 督办 deadline may be set."""
    return cal.workday_on_or_after(add_months(issued, 1))


def task_deadline(
    issued: date, requested: date | None, cal: WorkCalendar, *, roll_holiday: bool = True
) -> date:
    """The deadline of a 督办 task. Without a requested date: issue + 7 days, moved to the next
    working day when it is a holiday (if `roll_holiday`). A requested date is a date the issuer
    chose, kept as given; it may not precede the issue date nor pass `latest_deadline`."""
    if requested is None:
        due = issued + DEFAULT_TERM
        return cal.workday_on_or_after(due) if roll_holiday else due
    if requested < issued:
        raise InputError(
            Problem("deadline", f"督办时限不能早于交办日期（{_chinese_date(issued)}）")
        )
    latest = latest_deadline(issued, cal)
    if requested > latest:
        raise InputError(
            Problem("deadline", f"督办时限最长不超过1个月（最晚{_chinese_date(latest)}）")
        )
    return requested


def feedback_due(done: date, cal: WorkCalendar) -> date:
    """“办结后1个工作日内反馈”: the first working day after the task was done."""
    return cal.next_workday_after(done)


def due_state(
    deadline: date, done: date | None, today: date, *, soon_days: int = 2, cal: WorkCalendar
) -> str:
    """One of DUE_STATES. "due_soon": not done and at most `soon_days` working days left,
    counting the deadline but not today (a deadline of today is due soon, not overdue)."""
    if done is not None:
        return "done"
    if today > deadline:
        return "overdue"
    if cal.workdays_between(today, deadline) <= soon_days:
        return "due_soon"
    return "open"


def not_in_future(field: str, what: str, day: date, today: date) -> list[Problem]:
    """A record of something done (办结, 反馈, 催办, 约谈) cannot be dated after today: a
    mistyped year would otherwise make the task look done, or reminded, ahead of time."""
    if day <= today:
        return []
    late = f"{what}不能晚于今天（{_chinese_date(today)}）：{_chinese_date(day)}还没到"
    return [Problem(field, late)]


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
