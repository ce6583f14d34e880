"""The complaint timing figures of task 3 for any grouping of complaints (the office itself, its
subordinates, its communities), written once: `wuye stats`, `--by-subordinate`, the 下级对比
page and the summary workbook all read them from here.

The shares on time are numerator/denominator pairs (`Rate`), so a street's share is the sum of
its communities' counts, never an average of their percentages. A median cannot be summed: each
group keeps the raw durations of its complaints (sorted), adding two groups merges them, and the
median is recomputed from the raw rows of the whole subtree. Each group is tallied by
`app.rules.complaint_sla.service_tally`, the same tally behind the per-company and per-estate
figures of the complaints page, with lateness judged at the moment asked about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from heapq import merge
from typing import Any

from sqlalchemy import ColumnElement, FromClause, select
from sqlalchemy.orm import Session

from app.models import Complaint
from app.rules.complaint_sla import ComplaintSla, complaint_sla, median_of, service_tally
from app.services.committee_figures import Rate

NO_TARGET = 0  # the plan sets no target for complaint handling: shown, never marked


def _rate() -> Rate:
    return Rate(0, 0, NO_TARGET)


@dataclass(frozen=True)
class ComplaintTimes:
    """Complaints of a group: shares on time of those decided (done, or late already), the
    raw durations of those done (hours to the first response, days to closing), and how many
    are late now or were late when done."""

    complaints: int = 0
    response: Rate = field(default_factory=_rate)
    closing: Rate = field(default_factory=_rate)
    response_hours: tuple[float, ...] = ()  # sorted
    closing_days: tuple[float, ...] = ()  # sorted
    overdue: int = 0

    @property
    def median_response_hours(self) -> float | None:
        return median_of(self.response_hours)

    @property
    def median_closing_days(self) -> float | None:
        return median_of(self.closing_days)

    def __add__(self, other: ComplaintTimes) -> ComplaintTimes:
        """Counts add up; the durations are merged, so the median is the subtree's own."""
        return ComplaintTimes(
            self.complaints + other.complaints,
            self.response + other.response,
            self.closing + other.closing,
            tuple(merge(self.response_hours, other.response_hours)),
            tuple(merge(self.closing_days, other.closing_days)),
            self.overdue + other.overdue,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "complaints": self.complaints,
            "median_response_hours": self.median_response_hours,
            "response_on_time": self.response.as_dict(),
            "median_closing_days": self.median_closing_days,
            "closing_on_time": self.closing.as_dict(),
            "overdue": self.overdue,
        }


def times_of(
    rows: Iterable[tuple[datetime, datetime | None, datetime | None]],
    now: datetime,
    sla: ComplaintSla,
) -> ComplaintTimes:
    """The figures of (received, first response, closed) triples at `now`, tallied by the
    rule the complaints page uses (`service_tally`)."""
    t = service_tally(rows, now, sla)
    return ComplaintTimes(
        t.complaints,
        Rate(t.response_on_time, t.response_decided, NO_TARGET),
        Rate(t.closing_on_time, t.closing_decided, NO_TARGET),
        t.response_hours,
        t.closing_days,
        t.overdue,
    )


def complaint_times(
    session: Session,
    now: datetime,
    *,
    complaints: ColumnElement[bool],
    unit: ColumnElement[Any] | None = None,
    via: tuple[FromClause, ColumnElement[bool]] | None = None,
) -> dict[Any, ComplaintTimes]:
    """The figures of the complaints `complaints` selects (deleted ones never count), per value
    of `unit` (an expression over Complaint or the `via` join; None: one group, keyed None),
    from the raw rows at `now`. Groups without complaints are absent: callers default to
    `ComplaintTimes()`."""
    key = [unit] if unit is not None else []
    stmt = select(
        *key, Complaint.received_at, Complaint.first_response_at, Complaint.closed_at
    ).where(Complaint.deleted.is_(False), complaints)
    if via is not None:
        stmt = stmt.join(*via)
    groups: dict[Any, list[tuple[datetime, datetime | None, datetime | None]]] = {}
    for row in session.execute(stmt):
        groups.setdefault(row[0] if key else None, []).append(tuple(row[-3:]))  # type: ignore[arg-type]
    sla = complaint_sla()
    return {k: times_of(rows, now, sla) for k, rows in groups.items()}


def office_complaint_times(session: Session, now: datetime) -> ComplaintTimes:
    """The office's own figures: every complaint of its subtree, one group (`wuye stats`, and
    the 总览 in a job of its own, since they read every complaint)."""
    from app.services.offices import in_subtree

    scope = in_subtree(session, Complaint.community_code)
    return complaint_times(session, now, complaints=scope).get(None, ComplaintTimes())
