"""Period reports: the period's form, the deadline, timeliness and the status moves, pure.

Deadline: neither the seed plan (淮物管办〔2022〕1号, whose 附件3 only says 每日/每周/每半月
调度) nor DOMAIN.md names a day for a community's 月报, so the rule here is ours: a report for
a month is due by the **5th working day of the next month** (WorkCalendar: statutory holidays
and 调休 count), for 月报 and 专项排查 alike. 调度 reports (附件3 一): a 周报 (period 2026-W49,
an ISO week) is due on the weekday the upper office set, moved to the next working day when
that is a holiday; a 日报 (period 2026-12-03) the same day. The days are data,
resources/codes/report_due.json (`report_due_rules`), the one place to change them.

Timeliness is computed, never stored: 按时 / 逾期上报 from the time the standing version was
submitted (the office's local time), 逾期未报 once the deadline passed without one, else 未报.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar

from app.codes import ReviewAction, SubmissionKind, SubmissionStatus, report_due_rules
from app.errors import InputError, Problem
from app.rules.workdays import WorkCalendar


def due_workday() -> int:
    """The working day of the next month a monthly report is due on (report_due.json, or the
    superior's table in effect: app/code_tables.py)."""
    return int(report_due_rules()[SubmissionKind.MONTHLY]["workday_of_next_month"])  # type: ignore[call-overload]
_DAY = timedelta(days=1)
PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Kinds reported per month; 周报 and 日报 have their own periods.
MONTH_KINDS = frozenset({SubmissionKind.MONTHLY.value, SubmissionKind.INSPECTION.value})
# 调度 reports (附件3 一), due while an upper office's campaign runs; weekly first, as offered.
CAMPAIGN_KINDS = (SubmissionKind.WEEKLY.value, SubmissionKind.DAILY.value)

S, A = SubmissionStatus, ReviewAction
# A report the upper office holds (已接收, 已审核) is locked: the community can neither edit
# nor submit it again until it is returned (退回).
LOCKED = frozenset({S.ACCEPTED, S.APPROVED})
# What the community may do: 上报 from these.
SUBMITTABLE = frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED})
# What the upper office may do, and from which status.
REVIEW_MOVES: dict[str, tuple[frozenset[str], str]] = {
    A.ACCEPT: (frozenset({S.SUBMITTED}), S.ACCEPTED),
    A.APPROVE: (frozenset({S.ACCEPTED}), S.APPROVED),
    A.RETURN: (frozenset({S.SUBMITTED, S.ACCEPTED, S.APPROVED}), S.RETURNED),
}


class Timeliness:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_YET = "not_yet"

    LABELS: ClassVar[dict[str, str]] = {
        ON_TIME: "按时",
        LATE: "逾期上报",
        MISSING: "逾期未报",
        NOT_YET: "未报",
    }


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Period:
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)


def parse_period(text: str) -> Period:
    match = PERIOD.match((text or "").strip())
    if match is None:
        raise InputError(Problem("period", f"报送期应写成“年-月”，如 2026-11，而不是“{text}”"))
    return Period(int(match[1]), int(match[2]))


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week, written 2026-W49 (Monday to Sunday)."""

    year: int
    week: int

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @classmethod
    def of(cls, day: date) -> Week:
        year, week, _ = day.isocalendar()
        return cls(year, week)


@dataclass(frozen=True, order=True)
class Day:
    """One day's period, written 2026-12-03."""

    day: date

    def __str__(self) -> str:
        return self.day.isoformat()


ReportPeriod = Period | Week | Day


def parse_report_period(text: str, kind: str) -> ReportPeriod:
    """The period of a report of `kind` (a SubmissionKind code): 2026-11 for 月报 and 专项排查,
    2026-W49 for 周报, 2026-12-03 for 日报; InputError in Chinese otherwise."""
    text = (text or "").strip()
    if kind == SubmissionKind.WEEKLY:
        match = WEEK.match(text)
        try:
            if match is None:
                raise ValueError(text)
            week = Week(int(match[1]), int(match[2]))
            week.monday  # noqa: B018 (raises for a week the year does not have)
        except ValueError:
            raise InputError(
                Problem("period", f"周报的报送期应写成“年-W周”，如 2026-W49，而不是“{text}”")
            ) from None
        return week
    if kind == SubmissionKind.DAILY:
        match = DAY.match(text)
        try:
            if match is None:
                raise ValueError(text)
            return Day(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            raise InputError(
                Problem("period", f"日报的报送期应写成“年-月-日”，如 2026-12-03，而不是“{text}”")
            ) from None
    return parse_period(text)


def deadline(period: ReportPeriod, cal: WorkCalendar, *, due_weekday: int | None = None) -> date:
    """When a report for `period` is due (report_due.json): for a month the
    `due_workday()`-th working day of the next month; for a week its `due_weekday` (the upper
    office's 每周调度, else the data's), moved off a holiday; for a day the day itself."""
    if isinstance(period, Day):
        return period.day
    if isinstance(period, Week):
        rule = report_due_rules()[SubmissionKind.WEEKLY]
        weekday = due_weekday or int(rule["weekday"])  # type: ignore[call-overload]
        return cal.workday_on_or_after(period.monday + timedelta(days=weekday - 1))
    following = period.next()
    return cal.add_workdays(date(following.year, following.month, 1) - _DAY, due_workday())


def timeliness(submitted_at: datetime | None, due: date, today: date) -> str:
    if submitted_at is None:
        return Timeliness.MISSING if today > due else Timeliness.NOT_YET
    return Timeliness.ON_TIME if submitted_at.date() <= due else Timeliness.LATE


def check_review(action: str, status: str, reason: str) -> str:
    """The status after `action`, or InputError naming both; 退回 needs a reason."""
    move = REVIEW_MOVES.get(action)
    if move is None:
        raise InputError(Problem("action", f"未知的审核操作：{action}"))
    sources, target = move
    label = A.label_of(action)
    if status not in sources:
        allowed = "、".join(S.label_of(s) for s in sorted(sources))
        raise InputError(
            Problem(
                "status",
                f"报表状态为“{S.label_of(status)}”，不能{label}（{allowed}的报表才能{label}）",
            )
        )
    if action == A.RETURN and not reason.strip():
        raise InputError(Problem("reason", "退回报表须填写退回原因"))
    return target


def check_submittable(status: str) -> None:
    if status in LOCKED:
        raise InputError(
            Problem(
                "status",
                f"上级已锁定本报表（{S.label_of(status)}）：不能修改或重新上报，"
                "如需更正请联系上级退回",
            )
        )


def allowed_reviews(status: str) -> list[str]:
    """The review actions open on a report in `status`, for a panel's buttons."""
    return [action for action, (sources, _) in REVIEW_MOVES.items() if status in sources]


def recent_periods(today: date, count: int = 12) -> list[Period]:
    """The months a report may be due for, newest first: last month, then back."""
    periods = [Period.of(today).previous()]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods


def recent_report_periods(kind: str, today: date, count: int = 12) -> list[ReportPeriod]:
    """The periods of `kind` a report may be due for, newest first: the months of
    `recent_periods` for 月报 and 专项排查; this week, then back, for 周报; today, then back,
    for 日报 (a 调度 asks about the running week or day)."""
    if kind == SubmissionKind.WEEKLY:
        return [Week.of(today - timedelta(weeks=n)) for n in range(count)]
    if kind == SubmissionKind.DAILY:
        return [Day(today - timedelta(days=n)) for n in range(count)]
    return list(recent_periods(today, count))
