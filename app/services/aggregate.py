"""Figures per subordinate office, side by side: what a street sees of its communities, a
district of its streets, the city of its districts (issue 6, aggregate view).

Every figure is recomputed from the raw rows the packages relayed upward (they keep their
original `origin`), grouped in SQL by the subordinate each row's community belongs to: rates
are numerators over denominators summed from rows, never averages of percentages reported
below. The 合计 row sums the counts, so it equals `office_stats` for the office itself.

    rows = subordinate_figures(session, today)
    total = total_of(rows, office)            # the office's own figures
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import CTE, and_, case, func, select
from sqlalchemy.orm import Session

from app.codes import CommitteeStatus, ManagementType, OrgLevel, ProblemStatus
from app.models import Committee, Complaint, Estate, Org
from app.models import Problem as ProblemRow
from app.rules.committee import DEFAULT_RULES, CommitteeRules
from app.services.committee_figures import (
    FORMATION_TARGET_PERCENT,
    PARTY_ORG_TARGET_PERCENT,
    PARTY_TARGET_PERCENT,
    CommitteeFigures,
    Rate,
    committee_figures,
    negative_measures,
)
from app.services.complaint_figures import ComplaintTimes, complaint_times
from app.services.complaint_times import moment_of
from app.services.offices import current_office
from app.services.problems import OPEN_STATES
from app.services.red_figures import RedFigures, red_figures

TYPE_LABELS = tuple(m.label for m in ManagementType)
TOTAL = "合计"
NO_TARGET = 0  # a rate shown for information (closure) has no target in the plan


@dataclass(frozen=True)
class UnitFigures:
    """One subordinate office's figures (or the 合计 row, code "")."""

    code: str
    name: str
    level: str
    estates: int = 0
    by_type: tuple[int, ...] = (0,) * len(TYPE_LABELS)  # counts in TYPE_LABELS order
    formation: Rate = field(default_factory=lambda: Rate(0, 0, FORMATION_TARGET_PERCENT))
    formation_with_pmc: Rate = field(default_factory=lambda: Rate(0, 0, FORMATION_TARGET_PERCENT))
    party: Rate = field(default_factory=lambda: Rate(0, 0, PARTY_TARGET_PERCENT))  # owners' only
    party_pmc: Rate = field(default_factory=lambda: Rate(0, 0, PARTY_TARGET_PERCENT))
    duties: int = 0  # 履职清单 items of the last year
    negatives: int = 0  # 负面清单 items of the last year
    negatives_unhandled: int = 0
    recall_proposals: int = 0
    reminders: int = 0  # 负面清单 items handled by 提醒, 约谈, 责令整改
    talks: int = 0
    rectify_orders: int = 0
    expiring: int = 0  # terms ending within the warning window, still in term
    expired: int = 0  # past their end, not dissolved
    problems: int = 0
    problems_closed: int = 0  # 已销号
    problems_overdue: int = 0  # open and past the deadline
    complaints_open: int = 0
    red: RedFigures = field(default_factory=RedFigures)  # 交叉任职, 示范项目, tender share
    # estates whose serving company has a party organisation / estates with a company (task 10)
    party_org: Rate = field(default_factory=lambda: Rate(0, 0, PARTY_ORG_TARGET_PERCENT))
    # response and closing figures of the complaints (task 3, app/services/complaint_figures.py)
    complaint_times: ComplaintTimes = field(default_factory=ComplaintTimes)

    @property
    def closure(self) -> Rate:
        return Rate(self.problems_closed, self.problems, NO_TARGET)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "estates": self.estates,
            "by_management_type": dict(zip(TYPE_LABELS, self.by_type, strict=True)),
            "formation": self.formation.as_dict(),
            "formation_with_pmc": self.formation_with_pmc.as_dict(),
            "party": self.party.as_dict(),
            "party_pmc": self.party_pmc.as_dict(),
            "duty_records": self.duties,
            "negative_records": self.negatives,
            "negative_records_unhandled": self.negatives_unhandled,
            "recall_proposals": self.recall_proposals,
            "negative_measures": negative_measures(self),
            "expiring": self.expiring,
            "expired": self.expired,
            "problems": self.problems,
            "problems_closed": self.problems_closed,
            "closure_percent": self.closure.percent,
            "problems_overdue": self.problems_overdue,
            "complaints_open": self.complaints_open,
            **self.red.as_dict(),
            "party_org_coverage": self.party_org.as_dict(),
            "complaint_times": self.complaint_times.as_dict(),
        }


def subordinates(session: Session, root: str | None = None) -> list[Org]:
    """The offices directly below `root` (default: this office), in code order; a community
    has none, and is then its own only row."""
    code = root or current_office(session).code
    rows = session.scalars(
        select(Org).where(Org.parent_code == code, Org.deleted.is_(False)).order_by(Org.code)
    ).all()
    if rows:
        return list(rows)
    own = session.scalar(select(Org).where(Org.code == code))
    return [own] if own is not None else []


def _belongs(units: Sequence[Org]) -> CTE:
    """(code, unit): every org code at or below each unit, and the unit it belongs to."""
    first = [u.code for u in units]
    below = (
        select(Org.code.label("code"), Org.code.label("unit"))
        .where(Org.code.in_(first))
        .cte("belongs", recursive=True)
    )
    return below.union_all(
        select(Org.code, below.c.unit).where(
            Org.parent_code == below.c.code, Org.deleted.is_(False)
        )
    )


def subordinate_figures(
    session: Session, today: date, rules: CommitteeRules = DEFAULT_RULES, root: str | None = None
) -> list[UnitFigures]:
    """Each subordinate's figures on `today`, in code order."""
    units = subordinates(session, root)
    if not units:
        return []
    belongs = _belongs(units)
    estate_unit = (
        select(Estate.uuid.label("estate"), belongs.c.unit.label("unit"))
        .join(belongs, belongs.c.code == Estate.community_code)
        .where(Estate.deleted.is_(False))
        .subquery("estate_unit")
    )
    acc: dict[str, dict[str, Any]] = {u.code: {} for u in units}

    for unit, kind, n in session.execute(
        select(estate_unit.c.unit, Estate.management_type, func.count())
        .join(Estate, Estate.uuid == estate_unit.c.estate)
        .group_by(estate_unit.c.unit, Estate.management_type)
    ):
        member = ManagementType.from_text(kind)
        types = acc[unit].setdefault("types", {})
        label = member.label if member else kind
        types[label] = types.get(label, 0) + n

    committees = committee_figures(
        session,
        today,
        estates=Estate.deleted.is_(False),
        unit=estate_unit.c.unit,
        via=(estate_unit, estate_unit.c.estate == Estate.uuid),
    )

    red = red_figures(
        session,
        today,
        estates=Estate.deleted.is_(False),
        unit=estate_unit.c.unit,
        via=(estate_unit, estate_unit.c.estate == Estate.uuid),
    )

    horizon = today + timedelta(days=rules.expiry_warning_days)
    for unit, expiring, expired in session.execute(
        select(
            estate_unit.c.unit,
            func.sum(case((Committee.term_end >= today, 1), else_=0)),
            func.sum(case((Committee.term_end < today, 1), else_=0)),
        )
        .select_from(Committee)
        .join(estate_unit, estate_unit.c.estate == Committee.estate_uuid)
        .where(
            Committee.deleted.is_(False),
            Committee.status == CommitteeStatus.ACTIVE,
            Committee.term_end.is_not(None),
            Committee.term_end <= horizon,
        )
        .group_by(estate_unit.c.unit)
    ):
        acc[unit]["terms"] = (int(expiring or 0), int(expired or 0))

    for unit, total, closed, overdue in session.execute(
        select(
            belongs.c.unit,
            func.count(),
            func.sum(case((ProblemRow.status == ProblemStatus.CLOSED, 1), else_=0)),
            func.sum(
                case(
                    (and_(ProblemRow.status.in_(OPEN_STATES), ProblemRow.deadline < today), 1),
                    else_=0,
                )
            ),
        )
        .select_from(ProblemRow)
        .join(belongs, belongs.c.code == ProblemRow.community_code)
        .where(ProblemRow.deleted.is_(False))
        .group_by(belongs.c.unit)
    ):
        acc[unit]["problems"] = (int(total), int(closed or 0), int(overdue or 0))

    for unit, n in session.execute(
        select(belongs.c.unit, func.count())
        .select_from(Complaint)
        .join(belongs, belongs.c.code == Complaint.community_code)
        .where(Complaint.deleted.is_(False), Complaint.closed_at.is_(None))
        .group_by(belongs.c.unit)
    ):
        acc[unit]["complaints"] = int(n)

    times = complaint_times(
        session,
        moment_of(today),
        complaints=Complaint.community_code.is_not(None),
        unit=belongs.c.unit,
        via=(belongs, belongs.c.code == Complaint.community_code),
    )

    rows = []
    for u in units:
        a = acc[u.code]
        types = a.get("types", {})
        figures = committees.get(u.code, CommitteeFigures())
        expiring, expired = a.get("terms", (0, 0))
        problems, closed, overdue = a.get("problems", (0, 0, 0))
        rows.append(
            UnitFigures(
                code=u.code,
                name=u.name,
                level=u.level,
                estates=sum(types.values()),
                by_type=tuple(types.get(label, 0) for label in TYPE_LABELS),
                formation=figures.formation,
                formation_with_pmc=figures.formation_with_pmc,
                party=figures.party,
                party_pmc=figures.party_pmc,
                duties=figures.duties,
                negatives=figures.negatives,
                negatives_unhandled=figures.negatives_unhandled,
                recall_proposals=figures.recall_proposals,
                reminders=figures.reminders,
                talks=figures.talks,
                rectify_orders=figures.rectify_orders,
                expiring=expiring,
                expired=expired,
                problems=problems,
                problems_closed=closed,
                problems_overdue=overdue,
                complaints_open=a.get("complaints", 0),
                red=red.get(u.code, RedFigures()),
                party_org=figures.party_org,
                complaint_times=times.get(u.code, ComplaintTimes()),
            )
        )
    return rows


def total_of(rows: Sequence[UnitFigures]) -> UnitFigures:
    """The 合计 row: counts summed, rates recomputed from the summed counts."""

    def summed(attr: str, target: int) -> Rate:
        rates = [getattr(r, attr) for r in rows]
        return Rate(sum(x.numerator for x in rates), sum(x.denominator for x in rates), target)

    return UnitFigures(
        code="",
        name=TOTAL,
        level="",
        estates=sum(r.estates for r in rows),
        by_type=tuple(sum(r.by_type[i] for r in rows) for i in range(len(TYPE_LABELS))),
        formation=summed("formation", FORMATION_TARGET_PERCENT),
        formation_with_pmc=summed("formation_with_pmc", FORMATION_TARGET_PERCENT),
        party=summed("party", PARTY_TARGET_PERCENT),
        party_pmc=summed("party_pmc", PARTY_TARGET_PERCENT),
        duties=sum(r.duties for r in rows),
        negatives=sum(r.negatives for r in rows),
        negatives_unhandled=sum(r.negatives_unhandled for r in rows),
        recall_proposals=sum(r.recall_proposals for r in rows),
        reminders=sum(r.reminders for r in rows),
        talks=sum(r.talks for r in rows),
        rectify_orders=sum(r.rectify_orders for r in rows),
        expiring=sum(r.expiring for r in rows),
        expired=sum(r.expired for r in rows),
        problems=sum(r.problems for r in rows),
        problems_closed=sum(r.problems_closed for r in rows),
        problems_overdue=sum(r.problems_overdue for r in rows),
        complaints_open=sum(r.complaints_open for r in rows),
        red=sum((r.red for r in rows), start=RedFigures()),
        party_org=summed("party_org", PARTY_ORG_TARGET_PERCENT),
        complaint_times=sum((r.complaint_times for r in rows), start=ComplaintTimes()),
    )


def level_label(level: str) -> str:
    member = OrgLevel.from_text(level)
    return member.label if member else level
