"""The holidays and 调休 days the task deadlines rely on, checked day by day against
chinese_calendar's own data and our WorkCalendar (DOMAIN.md §7)."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from app.rules.workdays import WorkCalendar

RANGES = {
    "春节2025": ((date(2025, 1, 28), date(2025, 2, 4)), [date(2025, 1, 26), date(2025, 2, 8)]),
    "春节2026": ((date(2026, 2, 15), date(2026, 2, 23)), [date(2026, 2, 14), date(2026, 2, 28)]),
    "国庆2025": ((date(2025, 10, 1), date(2025, 10, 8)), [date(2025, 9, 28), date(2025, 10, 11)]),
}


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.mark.parametrize("name", RANGES)
def test_every_day_of_the_holiday_is_off_in_the_package_and_in_our_calendar(name: str) -> None:
    (first, last), _ = RANGES[name]
    for day in days(first, last):
        assert chinese_calendar.is_holiday(day) and not WorkCalendar().is_workday(day), day
    assert WorkCalendar().is_workday(first - timedelta(days=1)) or first.weekday() == 0
    assert chinese_calendar.is_workday(last + timedelta(days=1))


@pytest.mark.parametrize("name", RANGES)
def test_the_swapped_weekend_days_are_working_days(name: str) -> None:
    _, swapped = RANGES[name]
    for day in swapped:
        assert day.weekday() >= 5
        assert chinese_calendar.is_workday(day) and WorkCalendar().is_workday(day), day
