"""The user's holiday table: entered days win over the package and fill years it lacks."""

from __future__ import annotations

from datetime import date

from app.services.holidays import (
    clear_override,
    list_overrides,
    mark_year,
    set_override,
    work_calendar,
)


def test_an_entered_holiday_moves_a_deadline_in_a_year_the_package_lacks(db) -> None:
    with db.sessions.begin() as s:
        set_override(s, date(2027, 2, 8), is_workday=False, note="春节")
    with db.reader() as s:
        cal = work_calendar(s)
    assert cal.workday_on_or_after(date(2027, 2, 8)) == date(2027, 2, 9)
    assert "2027年" in cal.warnings()[0]  # 02-09 is not entered, the year not complete


def test_one_entered_day_leaves_the_year_warned_until_it_is_marked_complete(db) -> None:
    with db.sessions.begin() as s:
        set_override(s, date(2027, 10, 1), is_workday=False, note="国庆")
    with db.reader() as s:
        cal = work_calendar(s)
    assert cal.next_workday_after(date(2027, 10, 1)) == date(2027, 10, 4)
    assert "2027年" in cal.warnings()[0]
    with db.sessions.begin() as s:
        mark_year(s, 2027, complete=True)
    with db.reader() as s:
        cal = work_calendar(s)
    cal.next_workday_after(date(2027, 10, 1))
    assert cal.warnings() == []


def test_a_year_nobody_entered_is_counted_monday_to_friday_with_a_warning(db) -> None:
    with db.reader() as s:
        cal = work_calendar(s)
    assert cal.is_workday(date(2028, 1, 3)) and "2028年" in cal.warnings()[0]


def test_entries_can_be_listed_changed_and_cleared(db) -> None:
    with db.sessions.begin() as s:
        set_override(s, date(2027, 2, 20), is_workday=False)
        set_override(s, date(2027, 2, 20), is_workday=True, note="调休")
    with db.reader() as s:
        assert list_overrides(s, 2027) == [(date(2027, 2, 20), True, "调休")]
    with db.sessions.begin() as s:
        assert clear_override(s, date(2027, 2, 20)) and not clear_override(s, date(2027, 2, 20))
