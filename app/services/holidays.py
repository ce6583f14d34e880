"""The user's holiday/调休 table and the working-day calendar built from it.

The table lives in the database (not a JSON file beside it) so a deadline computed on a file
is computed with that file's calendar: a backup, a copy to another PC, and the CLI with `--db`
all see the same entries. The superior's table travels down with its packages and is taken
over below (app/models/holiday.py says why)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import HolidayOverride, HolidayYear
from app.rules.workdays import WorkCalendar


def work_calendar(session: Session) -> WorkCalendar:
    """`chinesecalendar` with the user's entries on top; build one per user action."""
    rows = session.execute(select(HolidayOverride.day, HolidayOverride.is_workday))
    return WorkCalendar(
        {day: bool(working) for day, working in rows}, complete_years=complete_years(session)
    )


def complete_years(session: Session) -> set[int]:
    """The years the user declared fully entered (every holiday and 调休 of the year)."""
    return set(session.scalars(select(HolidayYear.year).where(HolidayYear.complete)))


def mark_year(session: Session, year: int, *, complete: bool) -> None:
    """Declare `year`'s entries complete (its other days are then plain Monday to Friday
    without a warning), or take that back."""
    row = session.get(HolidayYear, year)
    if row is None:
        session.add(HolidayYear(year=year, complete=complete))
    else:
        row.complete = complete
    session.flush()


def set_override(session: Session, day: date, *, is_workday: bool, note: str = "") -> None:
    """Enter one day: a holiday on a weekday (is_workday=False) or a 调休 weekend (True)."""
    row = session.get(HolidayOverride, day)
    if row is None:
        session.add(HolidayOverride(day=day, is_workday=is_workday, note=note.strip()))
    else:
        row.is_workday, row.note = is_workday, note.strip()
    session.flush()


def clear_override(session: Session, day: date) -> bool:
    """Remove one entry; False if there was none. (Not syncable: a real delete is right.)"""
    row = session.get(HolidayOverride, day)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def list_overrides(session: Session, year: int | None = None) -> list[tuple[date, bool, str]]:
    stmt = select(HolidayOverride.day, HolidayOverride.is_workday, HolidayOverride.note)
    if year is not None:
        stmt = stmt.where(HolidayOverride.day.between(date(year, 1, 1), date(year, 12, 31)))
    return [(d, bool(w), n) for d, w, n in session.execute(stmt.order_by(HolidayOverride.day))]
