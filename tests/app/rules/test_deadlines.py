from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InputError
from app.rules.deadlines import (
    add_months,
    due_state,
    feedback_due,
    latest_deadline,
    task_deadline,
)
from app.rules.workdays import WorkCalendar

CAL = WorkCalendar()
ISSUED = date(2025, 9, 26)  # Friday before National Day 2025 (DOMAIN.md §7 example)


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 9, 26), 1, date(2025, 10, 26)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),  # across the year
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
    ],
)
def test_add_months_keeps_day_of_month_or_month_end(day: date, n: int, expected: date) -> None:
    assert add_months(day, n) == expected


@given(st.dates(), st.integers(min_value=-24, max_value=24))
def test_add_months_lands_n_months_on_never_past_the_day(day: date, n: int) -> None:
    try:
        result = add_months(day, n)
    except ValueError:  # beyond year 1–9999
        return
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    assert result.day <= day.day


def test_no_date_is_a_week_rolled_past_national_day() -> None:
    assert task_deadline(ISSUED, None, CAL) == date(2025, 10, 9)  # 10-03 is a holiday


def test_no_date_without_rolling_is_exactly_a_week() -> None:
    assert task_deadline(ISSUED, None, CAL, roll_holiday=False) == date(2025, 10, 3)


def test_no_date_on_a_working_day_is_not_moved() -> None:
    assert task_deadline(date(2025, 3, 3), None, CAL) == date(2025, 3, 10)


def test_no_date_rolled_past_spring_festival_2026() -> None:
    # 2-9 + 7 = 2-16, inside the 2-15…2-23 holiday
    assert task_deadline(date(2026, 2, 9), None, CAL) == date(2026, 2, 24)


def test_latest_is_one_month_rolled_off_a_sunday() -> None:
    assert latest_deadline(ISSUED, CAL) == date(2025, 10, 27)  # 10-26 is a Sunday


def test_requested_date_up_to_the_latest_is_kept() -> None:
    assert task_deadline(ISSUED, date(2025, 10, 27), CAL) == date(2025, 10, 27)


def test_requested_date_past_one_month_is_the_issuers_to_set() -> None:
    # the one-month cap binds only a task without a deadline (附件3 二(二)1)
    assert task_deadline(ISSUED, date(2025, 12, 31), CAL) == date(2025, 12, 31)


def test_requested_date_on_a_holiday_is_kept_as_given() -> None:
    assert task_deadline(date(2026, 2, 2), date(2026, 2, 17), CAL) == date(2026, 2, 17)


def test_requested_date_before_issue_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        task_deadline(ISSUED, date(2025, 9, 25), CAL)
    assert caught.value.for_field("deadline") == ["督办时限不能早于交办日期（2025年9月26日）"]


def test_requested_date_on_the_issue_day_is_allowed() -> None:
    assert task_deadline(ISSUED, ISSUED, CAL) == ISSUED


def test_latest_in_an_uncovered_year_uses_monday_to_friday_and_warns() -> None:
    cal = WorkCalendar()
    assert latest_deadline(date(2026, 12, 2), cal) == date(2027, 1, 4)  # 1-2 Sat → 1-4 Mon
    assert cal.warnings() == ["2027年的节假日安排尚未录入，按周一至周五计算"]


def test_feedback_after_done_before_national_day_waits_for_the_holiday_to_end() -> None:
    assert feedback_due(date(2025, 9, 30), CAL) == date(2025, 10, 9)


def test_feedback_after_done_on_a_saturday_is_the_swapped_sunday() -> None:
    assert feedback_due(date(2025, 9, 27), CAL) == date(2025, 9, 28)


def test_feedback_after_done_before_spring_festival_2025() -> None:
    assert feedback_due(date(2025, 1, 27), CAL) == date(2025, 2, 5)


def test_feedback_after_done_before_national_day_2026() -> None:
    assert feedback_due(date(2026, 9, 30), CAL) == date(2026, 10, 8)


def test_task_done_after_its_deadline_is_done_late() -> None:
    state = due_state(date(2025, 10, 9), date(2025, 10, 20), date(2025, 10, 21), cal=CAL)
    assert state == "done_late"


def test_task_done_on_its_deadline_is_done() -> None:
    assert due_state(date(2026, 2, 24), date(2026, 2, 24), date(2026, 3, 2), cal=CAL) == "done"


def test_feedback_after_its_due_day_stays_late_once_given() -> None:
    from app.rules.deadlines import feedback_late

    # done 2025-09-30: feedback due 10-09 after 国庆; given on 10-10 → late, for ever
    assert feedback_late(date(2025, 9, 30), date(2025, 10, 10), date(2025, 12, 1), CAL)
    assert not feedback_late(date(2025, 9, 30), date(2025, 10, 9), date(2025, 12, 1), CAL)
    assert not feedback_late(date(2025, 9, 30), None, date(2025, 10, 8), CAL)  # still in time
    assert feedback_late(date(2026, 2, 13), None, date(2026, 2, 25), CAL)  # 春节: due 02-14 (调休)


def test_open_task_past_its_deadline_is_overdue() -> None:
    assert due_state(date(2025, 10, 9), None, date(2025, 10, 10), cal=CAL) == "overdue"


def test_deadline_today_is_due_soon_not_overdue() -> None:
    assert due_state(date(2025, 10, 9), None, date(2025, 10, 9), cal=CAL) == "due_soon"


def test_holiday_days_do_not_count_towards_due_soon() -> None:
    # nine calendar days, but only 10-09 is a working day in (9-30, 10-9]
    assert due_state(date(2025, 10, 9), None, date(2025, 9, 30), cal=CAL) == "due_soon"


def test_more_working_days_left_than_soon_days_is_open() -> None:
    # (9-26, 10-9] holds 9-28 (调休), 9-29, 9-30 and 10-09
    assert due_state(date(2025, 10, 9), None, ISSUED, cal=CAL) == "open"


def test_soon_days_widens_the_due_soon_window() -> None:
    assert due_state(date(2025, 10, 9), None, ISSUED, soon_days=4, cal=CAL) == "due_soon"


def test_a_day_after_today_is_refused_naming_both_days() -> None:
    from app.rules.deadlines import not_in_future

    assert not_in_future("on", "催办日期", date(2026, 11, 25), date(2026, 11, 25)) == []
    [problem] = not_in_future("on", "催办日期", date(2026, 11, 26), date(2026, 11, 25))
    assert problem.field == "on" and "2026年11月25日" in problem.message
