"""Completeness per period (DESIGN.md: the street's and district's first screen): for every
community in the office's subtree, whether its report for the period stands, on time or
late, and for every office directly below, the counts and the last package it sent.

Expected communities are those this office knows: the subordinates it onboarded and every
community whose `org` row has reached it in a package. A district does not know a new
community until its street relays the first package from it, so it cannot miss one it never
heard of; the street, which onboarded it, does. Timeliness is computed on each call, never
stored (app/rules/submissions.py gives the deadline).

    report = completeness(session, "2026-11", SubmissionKind.MONTHLY, today=date.today())
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.codes import OrgLevel, SubmissionKind
from app.errors import InputError, Problem
from app.models import Org, PackageReceived, PeerOffice, Submission
from app.rules.division_code import parent_code
from app.rules.submissions import Day, Timeliness, timeliness
from app.services.holidays import work_calendar
from app.services.offices import current_office, subtree_codes
from app.services.submissions import (
    SubmissionView,
    due_date,
    list_submissions,
    report_period,
    views_of,
)


@dataclass(frozen=True)
class LastPackage:
    package_id: str
    received_at: datetime
    kind: str  # delta | snapshot
    gap: bool  # the sender's previous package never arrived

    @property
    def kind_label(self) -> str:
        return "全量包" if self.kind == "snapshot" else "增量包"

    def as_dict(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "received_at": self.received_at.isoformat(timespec="seconds"),
            "kind": self.kind,
            "gap": self.gap,
        }


@dataclass(frozen=True)
class CommunityLine:
    code: str
    name: str
    unit_code: str  # the office directly below this one that it belongs to (itself at a street)
    submission: SubmissionView | None
    timeliness: str
    reviewable: bool  # a direct subordinate's standing or locked report: this office reviews it
    last_package: LastPackage | None  # of `unit_code`: packages reach this office through it

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else ""

    @property
    def reported(self) -> bool:
        return self.submission is not None and self.submission.received

    def as_dict(self) -> dict[str, Any]:
        s = self.submission
        return {
            "code": self.code,
            "name": self.name,
            "unit_code": self.unit_code,
            "reported": self.reported,
            "timeliness": self.timeliness,
            "timeliness_label": Timeliness.LABELS[self.timeliness],
            "submission_uuid": s.uuid if s else None,
            "status": s.status if s else None,
            "status_label": s.status_label if s else None,
            "locked": s.locked if s else False,
            "submitted_at": s.submitted_at.isoformat(timespec="seconds")
            if s and s.submitted_at
            else None,
            "reviewable": self.reviewable,
            "last_package": self.last_package.as_dict() if self.last_package else None,
        }


@dataclass(frozen=True)
class UnitLine:
    """An office directly below, side by side with its siblings."""

    code: str
    name: str
    level: str
    expected: int
    received: int
    on_time: int
    late: int
    missing: int  # past the deadline with nothing standing
    locked: int  # 已接收 or 已审核
    last_package: LastPackage | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
            "locked": self.locked,
            "last_package": self.last_package.as_dict() if self.last_package else None,
        }


@dataclass(frozen=True)
class Completeness:
    office_code: str
    office_name: str
    level: str
    period: str
    kind: str
    deadline: date
    today: date
    units: tuple[UnitLine, ...]
    communities: tuple[CommunityLine, ...]
    warnings: tuple[str, ...] = ()

    @property
    def expected(self) -> int:
        return len(self.communities)

    @property
    def received(self) -> int:
        return sum(c.reported for c in self.communities)

    def as_dict(self) -> dict[str, Any]:
        counts = {t: 0 for t in Timeliness.LABELS}
        for c in self.communities:
            counts[c.timeliness] += 1
        return {
            "office": {"code": self.office_code, "name": self.office_name, "level": self.level},
            "period": self.period,
            "kind": self.kind,
            "kind_label": SubmissionKind.label_of(self.kind),
            "deadline": self.deadline.isoformat(),
            "today": self.today.isoformat(),
            "expected": self.expected,
            "received": self.received,
            "timeliness": counts,
            "units": [u.as_dict() for u in self.units],
            "communities": [c.as_dict() for c in self.communities],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class _Known:
    name: str
    level: str
    parent: str | None


def _known_offices(session: Session) -> dict[str, _Known]:
    """Every office below this one that it knows of: the subordinates it onboarded and the
    org rows of its subtree (their own parent codes, so nothing is parsed per row)."""
    office = current_office(session).code
    known: dict[str, _Known] = {}
    for peer in session.scalars(select(PeerOffice).where(PeerOffice.relation == "subordinate")):
        known[peer.code] = _Known(peer.name, peer.level, office)
    for code, name, level, parent in session.execute(
        select(Org.code, Org.name, Org.level, Org.parent_code).where(
            Org.code.in_(subtree_codes(session)), Org.code != office
        )
    ):
        known[code] = _Known(name, level, parent or _parent(code))
    return known


def _parent(code: str) -> str | None:
    try:
        return parent_code(code)
    except ValueError:  # not a division code: it belongs nowhere we can tell
        return None


def _unit_of(code: str, units: set[str], known: dict[str, _Known]) -> str | None:
    current: str | None = code
    for _ in range(4):  # community, street, district, city
        if current is None or current in units:
            return current
        entry = known.get(current)
        current = entry.parent if entry is not None else _parent(current)
    return None


def last_packages(session: Session, senders: list[str]) -> dict[str, LastPackage]:
    """The newest package received from each sender (package_received), by arrival."""
    newest = (
        select(func.max(PackageReceived.id))
        .where(PackageReceived.sender_code.in_(senders))
        .group_by(PackageReceived.sender_code)
    )
    rows = session.scalars(select(PackageReceived).where(PackageReceived.id.in_(newest)))
    return {
        r.sender_code: LastPackage(r.package_id, r.received_at, r.kind, bool(r.gap)) for r in rows
    }


def completeness(session: Session, period: str, kind: str, *, today: date) -> Completeness:
    office = current_office(session)
    if office.level == OrgLevel.COMMUNITY:
        raise InputError(Problem("", "社区没有下级单位：请用“wuye submissions”查看本社区的报表"))
    p, code = report_period(period, kind)
    cal = work_calendar(session)
    due = due_date(session, p, code, required=False, cal=cal, issuer=office.code)
    extra: list[str] = []
    if isinstance(p, Day):
        from app.services.campaigns import campaign_for

        if campaign_for(session, code, p.day, p.day) is None:
            extra.append(f"{p} 不在任何每日调度期间：下级不需要报这一天的日报")
    known = _known_offices(session)
    direct = sorted(c for c, k in known.items() if k.parent == office.code)
    direct_set = set(direct)
    community_codes = sorted(c for c, k in known.items() if k.level == OrgLevel.COMMUNITY)

    rows = session.scalars(
        select(Submission)
        .where(
            Submission.period == str(p),
            Submission.kind == code,
            Submission.origin.in_(community_codes),
        )
        .order_by(Submission.origin, Submission.submitted_at, Submission.updated_at)
    ).all()
    by_origin: dict[str, SubmissionView] = {}
    for view in views_of(session, rows, today):
        by_origin[view.origin] = view  # the latest of any duplicates wins
    packages = last_packages(session, direct)

    lines = []
    for c in community_codes:
        unit = _unit_of(c, direct_set, known) or c
        view = by_origin.get(c)
        standing = view is not None and view.received
        lines.append(
            CommunityLine(
                code=c,
                name=known[c].name,
                unit_code=unit,
                submission=view,
                timeliness=view.timeliness if view else timeliness(None, due, today),
                reviewable=view is not None and c in direct_set and (standing or view.locked),
                last_package=packages.get(unit),
            )
        )
    units = []
    for u in direct:
        mine = [line for line in lines if line.unit_code == u]
        units.append(
            UnitLine(
                code=u,
                name=known[u].name,
                level=known[u].level,
                expected=len(mine),
                received=sum(line.reported for line in mine),
                on_time=sum(line.timeliness == Timeliness.ON_TIME for line in mine),
                late=sum(line.timeliness == Timeliness.LATE for line in mine),
                missing=sum(line.timeliness == Timeliness.MISSING for line in mine),
                locked=sum(bool(line.submission and line.submission.locked) for line in mine),
                last_package=packages.get(u),
            )
        )
    return Completeness(
        office_code=office.code,
        office_name=office.name,
        level=office.level,
        period=str(p),
        kind=code,
        deadline=due,
        today=today,
        units=tuple(units),
        communities=tuple(lines),
        warnings=tuple(extra + cal.warnings()),
    )


@dataclass(frozen=True)
class PeriodOverview:
    """What the 总览 panel shows for a period: completeness above a community, the
    community's own reports at a community."""

    office_code: str
    level: str
    period: str
    kind: str
    deadline: date
    completeness: Completeness | None
    own: tuple[SubmissionView, ...] = ()


def period_overview(session: Session, period: str, kind: str, *, today: date) -> PeriodOverview:
    office = current_office(session)
    p, code = report_period(period, kind)
    if office.level != OrgLevel.COMMUNITY:
        report = completeness(session, str(p), code, today=today)
        return PeriodOverview(office.code, office.level, str(p), code, report.deadline, report)
    own = [
        v
        for v in list_submissions(session, today=today, period=str(p), kind=code)
        if v.origin == office.code
    ]
    due = own[0].deadline if own else due_date(session, p, code, required=False)
    return PeriodOverview(office.code, office.level, str(p), code, due, None, tuple(own))
