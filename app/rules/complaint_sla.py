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


def _percent(on_time: int, decided: int) -> float | None:
    return round(100 * on_time / decided, 1) if decided else None


def median_of(values: tuple[float, ...]) -> float | None:
    return round(statistics.median(values), 1) if values else None


@dataclass(frozen=True)
class ServiceTally:
    """The counts and raw durations behind `ServiceFigures`: what can be added up across
    groups (app/services/complaint_figures.py sums them per office; medians are recomputed
    from the merged durations, never from medians)."""

    complaints: int
    response_on_time: int
    response_decided: int
    closing_on_time: int
    closing_decided: int
    response_hours: tuple[float, ...]  # sorted, of those responded (or closed)
    closing_days: tuple[float, ...]  # sorted, of those closed
    overdue: int


def service_tally(
    rows: Iterable[tuple[datetime, datetime | None, datetime | None]],
    now: datetime,
    sla: ComplaintSla,
) -> ServiceTally:
    """Over (received, first response, closed) triples: durations of what is done, on-time
    counts of what is decided, and the count late now or late when done."""
    hours: list[float] = []
    days: list[float] = []
    r_ok = r_all = c_ok = c_all = count = overdue = 0
    for received, first, closed in rows:
        count += 1
        responded = first or closed
        if responded is not None:
            hours.append((responded - received).total_seconds() / 3600)
        if closed is not None:
            days.append((closed - received).total_seconds() / 86400)
        late = lateness(received, first, closed, now, sla)
        if late.response_on_time is not None:
            r_ok += late.response_on_time
            r_all += 1
        if late.closing_on_time is not None:
            c_ok += late.closing_on_time
            c_all += 1
        overdue += late.overdue
    return ServiceTally(
        count, r_ok, r_all, c_ok, c_all, tuple(sorted(hours)), tuple(sorted(days)), overdue
    )


def service_figures(
    rows: Iterable[tuple[datetime, datetime | None, datetime | None]],
    now: datetime,
    sla: ComplaintSla,
) -> ServiceFigures:
    """Over (received, first response, closed) triples: medians of what is done, shares on
    time of what is decided, and the count late now or late when done."""
    t = service_tally(rows, now, sla)
    return ServiceFigures(
        complaints=t.complaints,
        median_response_hours=median_of(t.response_hours),
        response_on_time_percent=_percent(t.response_on_time, t.response_decided),
        median_closing_days=median_of(t.closing_days),
        closing_on_time_percent=_percent(t.closing_on_time, t.closing_decided),
        overdue=t.overdue,
    )
