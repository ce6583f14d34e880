"""Working days (DOMAIN.md §7): statutory holidays and 调休 from `chinesecalendar`, which covers
2004–2026 only; an override table fills later years (or corrects the package), and any day of a
year the calendar does not know is counted Monday to Friday with a warning the UI shows, until
the user marks that year's entries complete (one entered day says nothing about the others)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Protocol

import chinese_calendar

_ONE_DAY = timedelta(days=1)
_NO_OVERRIDES: Mapping[date, bool] = MappingProxyType({})


class HolidaySource(Protocol):
    """What we use of `chinese_calendar`: raises NotImplementedError for a year it lacks."""

    def is_workday(self, day: date, /) -> bool: ...


class WorkCalendar:
    """Which days are working days. Overrides (date -> is working day) win over the package.
    A day neither the package nor an override knows is counted Monday to Friday; unless its
    year is in `complete_years` (the user said the table lists all of that year's exceptions)
    the year is recorded in `uncovered_years`, so `warnings()` can tell the user the result may
    be off. An override for one day never marks its year complete: 2027-10-01 entered alone
    would otherwise count the rest of 国庆 as working days without a word."""

    def __init__(
        self,
        overrides: Mapping[date, bool] = _NO_OVERRIDES,
        *,
        complete_years: Iterable[int] = (),
        source: HolidaySource = chinese_calendar,
    ) -> None:
        self.overrides: dict[date, bool] = dict(overrides)
        self.complete_years = frozenset(complete_years)
        self.source = source
        self.uncovered_years: set[int] = set()

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return bool(self.source.is_workday(day))
        except NotImplementedError:
            if day.year not in self.complete_years:
                self.uncovered_years.add(day.year)
            return day.weekday() < 5

    def warnings(self) -> list[str]:
        """One Chinese sentence per year counted Monday to Friday so far, oldest first."""
        entered = {day.year for day in self.overrides}
        return [
            f"{year}年的节假日安排只录入了部分日期、未标记为完整，其余日期按周一至周五计算"
            if year in entered
            else f"{year}年的节假日安排尚未录入，按周一至周五计算"
            for year in sorted(self.uncovered_years)
        ]

    def next_workday_after(self, day: date) -> date:
        """The first working day strictly after `day`, whether or not `day` itself is one.
        (`chinese_calendar.find_workday(1, day)` gives the second when `day` is a holiday.)"""
        candidate = day + _ONE_DAY
        while not self.is_workday(candidate):
            candidate += _ONE_DAY
        return candidate

    def workday_on_or_after(self, day: date) -> date:
        """`day` if it is a working day, else the next one: a deadline on a holiday moves on."""
        return day if self.is_workday(day) else self.next_workday_after(day)

    def add_workdays(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n ≥ 1); `day` itself is not counted."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        for _ in range(n):
            day = self.next_workday_after(day)
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """How many working days fall in (start, end]; 0 when end is not after start."""
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            count += self.is_workday(day)
            day += _ONE_DAY
        return count
