"""Working days (DOMAIN.md §7): statutory holidays and 调休 from `chinesecalendar`, which covers
2004–2026 only; an override table fills later years (or corrects the package), and any year left
uncovered is counted Monday to Friday with a warning the UI shows."""

from __future__ import annotations

from collections.abc import Mapping
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
    """Which days are working days. Overrides (date -> is working day) win over the package;
    a year with neither package data nor any override is counted Monday to Friday and recorded
    in `uncovered_years`, so `warnings()` can tell the user the result may be off."""

    def __init__(
        self,
        overrides: Mapping[date, bool] = _NO_OVERRIDES,
        *,
        source: HolidaySource = chinese_calendar,
    ) -> None:
        self.overrides: dict[date, bool] = dict(overrides)
        self.source = source
        self.uncovered_years: set[int] = set()
        # Once any day of a year is overridden, the year's arrangement counts as entered: the
        # table lists only the exceptions (holidays on weekdays, 调休 weekends).
        self._entered_years = {day.year for day in self.overrides}

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return bool(self.source.is_workday(day))
        except NotImplementedError:
            if day.year not in self._entered_years:
                self.uncovered_years.add(day.year)
            return day.weekday() < 5

    def warnings(self) -> list[str]:
        """One Chinese sentence per year counted Monday to Friday so far, oldest first."""
        return [
            f"{year}年的节假日安排尚未录入，按周一至周五计算"
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
