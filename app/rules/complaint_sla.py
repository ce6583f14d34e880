"""Complaint time limits (`complaint_sla_days`, DOMAIN.md §7) and each complaint's lateness.

The plan (task 3) names no limit, so the limits are data: resources/codes/complaint_sla.json,
in calendar days from receipt. Lateness is computed from the day asked about, never stored.
Pure apart from reading that file once.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app import code_tables


@dataclass(frozen=True)
class ComplaintSla:
    response_days: int
    closing_days: int


@code_tables.loader
def complaint_sla() -> ComplaintSla:
    """The limits in effect: the shipped file or the superior's table (app/code_tables.py)."""
    data = code_tables.content("complaint_sla")
    return ComplaintSla(int(data["response_days"]), int(data["closing_days"]))


@dataclass(frozen=True)
class Lateness:
    """One complaint against the limits on a given moment. `*_late_days`: whole days past the
    limit (0: on time or not due yet); `*_on_time`: None while undecided (open, not yet due)."""

    response_due: datetime
    closing_due: datetime
    response_on_time: bool | None
    closing_on_time: bool | None
    response_late_days: int
    closing_late_days: int

    @property
    def overdue(self) -> bool:
        """Late now or late when done: what the overdue list shows."""
        return self.response_on_time is False or self.closing_on_time is False

    @property
    def label(self) -> str:
        parts = []
        if self.response_on_time is False:
            parts.append(f"响应超时{self.response_late_days}天")
        if self.closing_on_time is False:
            parts.append(f"办结超时{self.closing_late_days}天")
        return "，".join(parts)


def _late(done: datetime | None, due: datetime, now: datetime) -> tuple[bool | None, int]:
    """Whole days (rounded up) past `due` of the moment it was done, or of now if not yet."""
    end = done if done is not None else now
    if end <= due:
        return (True if done is not None else None), 0
    return False, math.ceil((end - due).total_seconds() / 86400)


def lateness(
    received: datetime,
    first_response: datetime | None,
    closed: datetime | None,
    now: datetime,
    sla: ComplaintSla,
) -> Lateness:
    """A closed complaint that never recorded a response counts its closure as the response."""
    response_due = received + timedelta(days=sla.response_days)
    closing_due = received + timedelta(days=sla.closing_days)
    responded = first_response or closed
    r_ok, r_days = _late(responded, response_due, now)
    c_ok, c_days = _late(closed, closing_due, now)
    return Lateness(response_due, closing_due, r_ok, c_ok, r_days, c_days)


@dataclass(frozen=True)
class ServiceFigures:
    """Response and closing figures of a group of complaints (a company's, an estate's)."""

    complaints: int
    median_response_hours: float | None
    response_on_time_percent: float | None  # of those decided (done, or late already)
    median_closing_days: float | None
    closing_on_time_percent: float | None
    overdue: int


def _percent(flags: list[bool]) -> float | None:
    return round(100 * sum(flags) / len(flags), 1) if flags else None


def service_figures(
    rows: Iterable[tuple[datetime, datetime | None, datetime | None]],
    now: datetime,
    sla: ComplaintSla,
) -> ServiceFigures:
    """Over (received, first response, closed) triples: medians of what is done, shares on
    time of what is decided, and the count late now or late when done."""
    hours: list[float] = []
    days: list[float] = []
    r_flags: list[bool] = []
    c_flags: list[bool] = []
    count = overdue = 0
    for received, first, closed in rows:
        count += 1
        responded = first or closed
        if responded is not None:
            hours.append((responded - received).total_seconds() / 3600)
        if closed is not None:
            days.append((closed - received).total_seconds() / 86400)
        late = lateness(received, first, closed, now, sla)
        if late.response_on_time is not None:
            r_flags.append(late.response_on_time)
        if late.closing_on_time is not None:
            c_flags.append(late.closing_on_time)
        overdue += late.overdue
    return ServiceFigures(
        complaints=count,
        median_response_hours=round(statistics.median(hours), 1) if hours else None,
        response_on_time_percent=_percent(r_flags),
        median_closing_days=round(statistics.median(days), 1) if days else None,
        closing_on_time_percent=_percent(c_flags),
        overdue=overdue,
    )
