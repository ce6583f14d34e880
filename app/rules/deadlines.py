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
# "done_late": done after the deadline. A task finished late stays late in every figure: the
# count of done tasks, the per-unit 汇总 and the list alike (附件3: 逾期 → 通报、约谈).
DUE_STATES = ("done", "done_late", "overdue", "due_soon", "open")


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
    """The deadline of a 督办 task. Without a requested date ("无明确时限要求的"): issue + 7 days,
    moved to the next working day when it is a holiday (if `roll_holiday`), and never beyond
    `latest_deadline`. A requested date is the issuer's to set, kept as given even beyond a
    month (the one-month cap binds only tasks without one); it may not precede the issue date."""
    if requested is None:
        due = issued + DEFAULT_TERM
        if roll_holiday:
            due = cal.workday_on_or_after(due)
        return min(due, latest_deadline(issued, cal))
    if requested < issued:
        raise InputError(
            Problem("deadline", f"督办时限不能早于交办日期（{_chinese_date(issued)}）")
        )
    return requested


def feedback_due(done: date, cal: WorkCalendar) -> date:
    """“办结后1个工作日内反馈”: the first working day after the task was done."""
    return cal.next_workday_after(done)


def feedback_late(done: date | None, reported: date | None, today: date, cal: WorkCalendar) -> bool:
    """Feedback is late once its due day passed without it, and stays late when it came after
    that day: late feedback is counted, not forgiven by arriving."""
    if done is None:
        return False
    return (reported or today) > feedback_due(done, cal)


def due_state(
    deadline: date, done: date | None, today: date, *, soon_days: int = 2, cal: WorkCalendar
) -> str:
    """One of DUE_STATES. "done_late": done after the deadline. "due_soon": not done and at
    most `soon_days` working days left, counting the deadline but not today (a deadline of
    today is due soon, not overdue)."""
    if done is not None:
        return "done_late" if done > deadline else "done"
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
