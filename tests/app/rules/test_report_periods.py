"""调度 report periods (附件3 一): a week written 2026-W49, a day 2026-12-03, and when each is
due around 国庆 and 春节."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InputError
from app.rules.submissions import Day, Period, Week, deadline, parse_report_period
from app.rules.workdays import WorkCalendar

CAL = WorkCalendar()


def test_each_kind_reads_its_own_period() -> None:
    assert parse_report_period("2026-W49", "weekly") == Week(2026, 49)
    assert parse_report_period("2026-12-03", "daily") == Day(date(2026, 12, 3))
    assert parse_report_period("2026-11", "monthly") == Period(2026, 11)
    assert str(Week(2026, 1)) == "2026-W01" and Week.of(date(2026, 12, 3)) == Week(2026, 49)


@pytest.mark.parametrize(
    ("text", "kind", "says"),
    [
        ("2026-49", "weekly", "周报的报送期应写成“年-W周”"),
        ("2026-W54", "weekly", "2026-W49"),
        ("2025-W53", "weekly", "2026-W49"),  # 2025 has 52 ISO weeks
        ("2026-02-30", "daily", "日报的报送期应写成“年-月-日”"),
        ("2026-12", "daily", "2026-12-03"),
    ],
)
def test_a_wrong_period_names_the_form(text: str, kind: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        parse_report_period(text, kind)


def test_a_weekly_report_is_due_on_friday_of_its_week() -> None:
    assert deadline(Week(2026, 49), CAL) == date(2026, 12, 4)


def test_a_friday_in_national_day_moves_to_the_first_working_day_after() -> None:
    # 2026-W40: Monday 09-28; Friday 10-02 is in 国庆 (10-01…10-07)
    assert deadline(Week(2026, 40), CAL) == date(2026, 10, 8)


def test_the_upper_office_sets_the_weekday() -> None:
    assert deadline(Week(2026, 49), CAL, due_weekday=1) == date(2026, 11, 30)


def test_a_weekday_in_spring_festival_2026_moves_past_it() -> None:
    # 2026-W08: Monday 02-16 is inside the 02-15…02-23 holiday
    assert deadline(Week(2026, 8), CAL, due_weekday=1) == date(2026, 2, 24)


def test_a_daily_report_is_due_the_same_day_even_on_a_holiday() -> None:
    assert deadline(Day(date(2026, 10, 3)), CAL) == date(2026, 10, 3)


def test_a_month_keeps_the_fifth_working_day_rule() -> None:
    # 国庆 2026: 10-08, 10-09, 10-10 (Saturday, 调休), 10-12, 10-13
    assert deadline(Period(2026, 9), CAL) == date(2026, 10, 13)
