"""The user's holiday table: entered days win over the package and fill years it lacks."""

from __future__ import annotations

from datetime import date

from app.services.holidays import clear_override, list_overrides, set_override, work_calendar


def test_an_entered_holiday_moves_a_deadline_in_a_year_the_package_lacks(db) -> None:
    with db.sessions.begin() as s:
        set_override(s, date(2027, 2, 8), is_workday=False, note="春节")
    with db.reader() as s:
        cal = work_calendar(s)
    assert cal.workday_on_or_after(date(2027, 2, 8)) == date(2027, 2, 9)
    assert cal.warnings() == []  # the year counts as entered


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
