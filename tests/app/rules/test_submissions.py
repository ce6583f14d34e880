"""The report deadline (5th working day of the next month), timeliness around it, periods,
and which review moves are allowed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.errors import InputError
from app.rules.submissions import (
    Period,
    Timeliness,
    check_review,
    check_submittable,
    deadline,
    parse_period,
    timeliness,
)
from app.rules.workdays import WorkCalendar

CAL = WorkCalendar()


def test_november_is_due_on_the_fifth_working_day_of_december() -> None:
    assert deadline(Period(2026, 11), CAL) == date(2026, 12, 7)  # Tue 1 … Mon 7


def test_the_national_day_holiday_moves_the_deadline() -> None:
    # October 2026: 1–7 holiday (8th also off for Mid-Autumn), 10th a 调休 Saturday
    due = deadline(Period(2026, 9), CAL)
    assert due > date(2026, 10, 7) and CAL.is_workday(due)
    assert CAL.workdays_between(date(2026, 9, 30), due) == 5


def test_december_is_due_in_january_of_the_next_year() -> None:
    assert deadline(Period(2025, 12), CAL) == date(2026, 1, 8)  # 1 Jan is 元旦


def test_submitted_on_the_deadline_day_is_on_time_and_the_day_after_is_late() -> None:
    due = date(2026, 12, 7)
    assert timeliness(datetime(2026, 12, 7, 23, 59), due, date(2026, 12, 9)) == Timeliness.ON_TIME
    assert timeliness(datetime(2026, 12, 8, 0, 1), due, date(2026, 12, 9)) == Timeliness.LATE


def test_nothing_submitted_is_not_yet_due_until_the_deadline_has_passed() -> None:
    due = date(2026, 12, 7)
    assert timeliness(None, due, due) == Timeliness.NOT_YET
    assert timeliness(None, due, date(2026, 12, 8)) == Timeliness.MISSING


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "26-11", "2026/11", ""])
def test_a_malformed_period_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(InputError, match="报送期"):
        parse_period(text)


def test_periods_step_across_the_year() -> None:
    assert str(Period(2026, 12).next()) == "2027-01"
    assert str(Period(2026, 1).previous()) == "2025-12"


def test_accept_then_approve_and_return_from_any_held_state() -> None:
    assert check_review("accept", "submitted", "") == "accepted"
    assert check_review("approve", "accepted", "") == "approved"
    assert check_review("return", "approved", "数据有误") == "returned"


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "submitted"), ("accept", "accepted"), ("accept", "draft"), ("return", "draft"),
     ("accept", "returned")],
)  # fmt: skip
def test_illegal_review_moves_are_refused(action: str, status: str) -> None:
    with pytest.raises(InputError, match="不能"):
        check_review(action, status, "原因")


def test_return_needs_a_reason() -> None:
    with pytest.raises(InputError, match="退回原因"):
        check_review("return", "submitted", "  ")


def test_a_held_report_cannot_be_submitted_again() -> None:
    with pytest.raises(InputError, match="已锁定") as refused:
        check_submittable("accepted")
    assert "已被" not in str(refused.value) and "上级已锁定本报表（已接收）" in str(refused.value)
    check_submittable("returned")
