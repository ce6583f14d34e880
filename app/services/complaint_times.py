"""Complaints measured (task 3): each complaint's lateness against `complaint_sla_days`, the
overdue list, and response and closing figures (median, share on time) per company and per
estate, all computed from the moment asked about (app/rules/complaint_sla.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from app.codes import ComplaintChannel, ProblemCategory
from app.models import Complaint, Estate, PropertyCompany
from app.rules.complaint_sla import (
    ComplaintSla,
    Lateness,
    ServiceFigures,
    complaint_sla,
    lateness,
    service_figures,
)
from app.services.offices import in_subtree


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="minutes") if value else None


@dataclass(frozen=True)
class ComplaintLine:
    """One complaint with its lateness at the moment asked: plain values for CLI and pages."""

    uuid: str
    received_at: datetime
    channel: str  # its Chinese label
    category: str  # its Chinese label
    content: str
    estate: str
    company: str
    first_response_at: datetime | None
    closed_at: datetime | None
    response_due: datetime
    closing_due: datetime
    response_on_time: bool | None
    closing_on_time: bool | None
    response_late_days: int
    closing_late_days: int
    lateness: str  # 响应超时2天，办结超时1天, or ""

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("received_at", "first_response_at", "closed_at", "response_due",
                    "closing_due"):  # fmt: skip
            data[key] = _stamp(data[key])
        return {"id": data.pop("uuid"), **data}


def moment_of(day: date) -> datetime:
    """The moment a page reading lateness "on a day" means: now for today, else the day's
    end (what was late by then)."""
    return datetime.now() if day == date.today() else datetime.combine(day, time(23, 59))


def open_late(now: datetime, sla: ComplaintSla | None = None):  # type: ignore[no-untyped-def]
    """Open complaints past a limit now (the SQL side of `Lateness.overdue` for open rows)."""
    sla = sla or complaint_sla()
    return and_(
        Complaint.closed_at.is_(None),
        or_(
            Complaint.received_at < now - timedelta(days=sla.closing_days),
            and_(
                Complaint.first_response_at.is_(None),
                Complaint.received_at < now - timedelta(days=sla.response_days),
            ),
        ),
    )


def complaint_lines(
    session: Session,
    now: datetime,
    *,
    estate: str | None = None,
    company: str | None = None,
    open_only: bool = False,
    overdue: bool = False,
    search: str = "",
    limit: int = 200,
) -> list[ComplaintLine]:
    """The office's complaints, newest first. `overdue`: open ones past a limit now."""
    sla = complaint_sla()
    stmt = (
        select(Complaint, Estate.name, PropertyCompany.name)
        .outerjoin(Estate, Estate.uuid == Complaint.estate_uuid)
        .outerjoin(PropertyCompany, PropertyCompany.uuid == Complaint.company_uuid)
        .where(Complaint.deleted.is_(False), in_subtree(session, Complaint.community_code))
        .order_by(Complaint.received_at.desc(), Complaint.uuid)
        .limit(limit)
    )
    if estate:
        stmt = stmt.where(Complaint.estate_uuid == estate)
    if company:
        stmt = stmt.where(Complaint.company_uuid == company)
    if open_only:
        stmt = stmt.where(Complaint.closed_at.is_(None))
    if overdue:
        stmt = stmt.where(open_late(now, sla))
    if search.strip():
        stmt = stmt.where(Complaint.content.contains(search.strip()))
    lines = []
    for c, estate_name, company_name in session.execute(stmt):
        late = lateness(c.received_at, c.first_response_at, c.closed_at, now, sla)
        lines.append(
            ComplaintLine(
                c.uuid, c.received_at, ComplaintChannel.label_of(c.channel),
                ProblemCategory.label_of(c.category), c.content, estate_name or "",
                company_name or "", c.first_response_at, c.closed_at, late.response_due,
                late.closing_due, late.response_on_time, late.closing_on_time,
                late.response_late_days, late.closing_late_days, late.label,
            )
        )  # fmt: skip
    return lines


def _text(column: Any) -> Any:
    return func.coalesce(cast(column, String), "")


# A complaint's three moments in one list cell ("received|first response|closed"), so a page
# or an export reads its lateness through `lateness` like every other caller.
TIMES_TEXT = (
    _text(Complaint.received_at) + "|" + _text(Complaint.first_response_at) + "|"
    + _text(Complaint.closed_at)
)  # fmt: skip


def _moment(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def lateness_of_times(text: str, now: datetime) -> Lateness | None:
    """The lateness of a `TIMES_TEXT` cell at `now` (None for an unreadable cell)."""
    parts = (text or "").split("|")
    received = _moment(parts[0]) if len(parts) == 3 else None
    if received is None:
        return None
    return lateness(received, _moment(parts[1]), _moment(parts[2]), now, complaint_sla())


def lateness_text(text: str, now: datetime | None = None) -> str:
    """响应超时2天，办结超时1天, or "" when on time (or not yet due)."""
    late = lateness_of_times(text, now or datetime.now())
    return late.label if late else ""


@dataclass(frozen=True)
class GroupFigures:
    key: str  # the company's or estate's uuid; "" for complaints naming none
    name: str
    figures: ServiceFigures

    def as_dict(self) -> dict[str, object]:
        return {"id": self.key, "name": self.name, **asdict(self.figures)}


@dataclass(frozen=True)
class ComplaintFigures:
    response_days: int
    closing_days: int
    total: ServiceFigures
    by_company: tuple[GroupFigures, ...]
    by_estate: tuple[GroupFigures, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "complaint_sla_days": {"response": self.response_days, "closing": self.closing_days},
            "total": asdict(self.total),
            "by_company": [g.as_dict() for g in self.by_company],
            "by_estate": [g.as_dict() for g in self.by_estate],
        }


def complaint_figures(session: Session, now: datetime) -> ComplaintFigures:
    """Response and closing figures of the office's complaints, whole and per company and
    estate (most overdue first), from the raw rows."""
    sla = complaint_sla()
    rows = session.execute(
        select(Complaint.received_at, Complaint.first_response_at, Complaint.closed_at,
               Complaint.company_uuid, Complaint.estate_uuid)
        .where(Complaint.deleted.is_(False), in_subtree(session, Complaint.community_code))
    ).all()  # fmt: skip
    companies = dict(session.execute(select(PropertyCompany.uuid, PropertyCompany.name)).all())
    estates = dict(session.execute(select(Estate.uuid, Estate.name)).all())

    def grouped(index: int, names: dict[str, str], unnamed: str) -> tuple[GroupFigures, ...]:
        groups: dict[str, list[tuple[datetime, datetime | None, datetime | None]]] = {}
        for row in rows:
            groups.setdefault(row[index] or "", []).append((row[0], row[1], row[2]))
        out = [GroupFigures(key, names.get(key, unnamed) if key else unnamed,
                            service_figures(items, now, sla))
               for key, items in groups.items()]  # fmt: skip
        return tuple(sorted(out, key=lambda g: (-g.figures.overdue, g.name)))

    return ComplaintFigures(
        sla.response_days,
        sla.closing_days,
        service_figures(((r[0], r[1], r[2]) for r in rows), now, sla),
        grouped(3, companies, "（未指明企业）"),
        grouped(4, estates, "（未指明小区）"),
    )
