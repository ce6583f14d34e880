from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.workdays import WorkCalendar

# Inside the years chinese_calendar covers, with room for 40 working days before 2027.
covered_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 31))
counts = st.integers(min_value=1, max_value=40)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 1, 26), True),  # Sunday, 调休 before the Spring Festival
        (date(2025, 1, 28), False),  # 除夕
        (date(2025, 2, 4), False),  # last day of the Spring Festival holiday
        (date(2025, 2, 5), True),
        (date(2025, 2, 8), True),  # Saturday, 调休
        (date(2025, 10, 3), False),  # National Day
        (date(2025, 9, 28), True),  # Sunday, 调休
    ],
)
def test_2025_holidays_and_swapped_weekends(day: date, working: bool) -> None:
    assert WorkCalendar().is_workday(day) is working


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 14), True),  # Saturday, 调休
        (date(2026, 2, 15), False),  # Sunday, first day of the Spring Festival holiday
        (date(2026, 2, 23), False),  # Monday, last day of it
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),  # Saturday, 调休
        (date(2026, 9, 20), True),  # Sunday, 调休 for National Day
        (date(2026, 9, 25), False),  # 中秋节
        (date(2026, 10, 7), False),  # last day of the National Day holiday
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, 调休
    ],
)
def test_2026_holidays_and_swapped_weekends(day: date, working: bool) -> None:
    assert WorkCalendar().is_workday(day) is working


def test_next_workday_after_a_holiday_is_the_first_not_the_second() -> None:
    assert WorkCalendar().next_workday_after(date(2025, 10, 3)) == date(2025, 10, 9)


def test_next_workday_after_spring_festival_2025_skips_to_its_end() -> None:
    assert WorkCalendar().next_workday_after(date(2025, 1, 27)) == date(2025, 2, 5)


def test_next_workday_after_a_saturday_can_be_a_swapped_sunday() -> None:
    assert WorkCalendar().next_workday_after(date(2025, 1, 25)) == date(2025, 1, 26)


def test_next_workday_after_national_day_2026() -> None:
    assert WorkCalendar().next_workday_after(date(2026, 9, 30)) == date(2026, 10, 8)


def test_workday_on_or_after_keeps_a_working_day() -> None:
    assert WorkCalendar().workday_on_or_after(date(2026, 2, 14)) == date(2026, 2, 14)


def test_workday_on_or_after_rolls_a_holiday_forward() -> None:
    assert WorkCalendar().workday_on_or_after(date(2026, 2, 15)) == date(2026, 2, 24)


def test_add_workdays_across_spring_festival_2026() -> None:
    # 2-13 Fri → 2-14 Sat (调休) → 2-24, 2-25 after the nine-day holiday
    assert WorkCalendar().add_workdays(date(2026, 2, 13), 3) == date(2026, 2, 25)


def test_add_workdays_needs_at_least_one() -> None:
    with pytest.raises(ValueError):
        WorkCalendar().add_workdays(date(2025, 3, 3), 0)


def test_workdays_between_counts_end_not_start() -> None:
    # (9-30, 10-9]: National Day 2025 leaves only 10-09
    assert WorkCalendar().workdays_between(date(2025, 9, 30), date(2025, 10, 9)) == 1


def test_workdays_between_is_zero_when_end_is_not_after_start() -> None:
    cal = WorkCalendar()
    assert cal.workdays_between(date(2025, 3, 3), date(2025, 3, 3)) == 0
    assert cal.workdays_between(date(2025, 3, 3), date(2025, 2, 3)) == 0


def test_covered_years_give_no_warning() -> None:
    cal = WorkCalendar()
    cal.add_workdays(date(2026, 12, 1), 5)
    assert cal.uncovered_years == set()
    assert cal.warnings() == []


def test_uncovered_year_counts_monday_to_friday() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(date(2027, 1, 1))  # Friday; New Year's Day, but not yet entered
    assert not cal.is_workday(date(2027, 1, 2))  # Saturday


def test_uncovered_year_is_warned_in_chinese() -> None:
    cal = WorkCalendar()
    cal.is_workday(date(2027, 3, 1))
    assert cal.uncovered_years == {2027}
    assert cal.warnings() == ["2027年的节假日安排尚未录入，按周一至周五计算"]


def test_deadline_rolling_into_an_uncovered_year_is_warned() -> None:
    cal = WorkCalendar()
    assert cal.next_workday_after(date(2026, 12, 31)) == date(2027, 1, 1)
    assert cal.uncovered_years == {2027}


def test_override_makes_an_uncovered_day_a_holiday() -> None:
    cal = WorkCalendar({date(2027, 10, 1): False})
    assert not cal.is_workday(date(2027, 10, 1))  # Friday
    assert cal.next_workday_after(date(2027, 9, 30)) == date(2027, 10, 4)


def test_one_entered_day_does_not_cover_the_rest_of_national_day() -> None:
    cal = WorkCalendar({date(2027, 10, 1): False})
    assert cal.is_workday(date(2027, 10, 4))  # Monday, counted Monday to Friday …
    assert cal.warnings() == [  # … and said so: the year is not complete
        "2027年的节假日安排只录入了部分日期、未标记为完整，其余日期按周一至周五计算"
    ]


def test_an_entered_day_itself_is_not_warned() -> None:
    cal = WorkCalendar({date(2027, 10, 1): False})
    assert not cal.is_workday(date(2027, 10, 1))
    assert cal.warnings() == []


def test_a_year_marked_complete_is_not_warned() -> None:
    cal = WorkCalendar({date(2027, 10, 1): False}, complete_years={2027})
    assert cal.is_workday(date(2027, 3, 1))
    assert cal.warnings() == []


def test_a_complete_year_does_not_silence_the_next() -> None:
    cal = WorkCalendar(complete_years={2027})
    cal.is_workday(date(2028, 2, 1))
    assert cal.uncovered_years == {2028}


def test_override_beats_the_package() -> None:
    cal = WorkCalendar({date(2025, 10, 3): True, date(2025, 9, 29): False})
    assert cal.is_workday(date(2025, 10, 3))
    assert not cal.is_workday(date(2025, 9, 29))


def test_overrides_are_copied_not_shared() -> None:
    table = {date(2027, 10, 1): False}
    cal = WorkCalendar(table)
    table[date(2027, 10, 1)] = True
    assert not cal.is_workday(date(2027, 10, 1))


@given(covered_days)
def test_next_workday_after_is_a_later_workday(day: date) -> None:
    cal = WorkCalendar()
    after = cal.next_workday_after(day)
    assert after > day
    assert cal.is_workday(after)


@given(covered_days)
def test_next_workday_after_skips_no_workday(day: date) -> None:
    cal = WorkCalendar()
    assert cal.workdays_between(day, cal.next_workday_after(day)) == 1


@given(covered_days, counts)
def test_add_workdays_increases_with_n(day: date, n: int) -> None:
    cal = WorkCalendar()
    assert cal.add_workdays(day, n) < cal.add_workdays(day, n + 1)


@given(covered_days, counts)
def test_workdays_between_undoes_add_workdays(day: date, n: int) -> None:
    cal = WorkCalendar()
    assert cal.workdays_between(day, cal.add_workdays(day, n)) == n
    assert cal.uncovered_years == set()
