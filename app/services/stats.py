"""The figures the action plan asks of an office's subtree (tasks 1, 4 and 10).

Every figure is computed from raw rows at the moment it is asked for, with `today` passed in,
so a number on screen is never a stale stored percentage.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus, ManagementType, PartyOrg
from app.models import Committee, Estate, PropertyCompany, ServiceContract
from app.rules.committee import DEFAULT_RULES, CommitteeRules, party_share_met
from app.services.committee_figures import (
    PARTY_MEMBERS,
    SEATED_MEMBERS,
    CommitteeFigures,
    Rate,
    committee_figures,
    in_term,
    join_seated_members,
    negative_measures,
)
from app.services.committees import MissedDate, missed_dates
from app.services.companies import current_contract
from app.services.complaint_figures import ComplaintTimes, office_complaint_times
from app.services.complaint_times import moment_of
from app.services.offices import current_office, in_subtree
from app.services.red_figures import RedFigures, red_figures


@dataclass(frozen=True)
class CommitteeShare:
    committee_uuid: str
    estate: str
    party: int
    seated: int

    @property
    def met(self) -> bool:
        return party_share_met(self.party, self.seated)


@dataclass(frozen=True)
class TermDue:
    committee_uuid: str
    estate: str
    kind: str
    term_end: date
    days_left: int  # negative once expired

    @property
    def days_label(self) -> str:
        """What a worker reads: 剩余 30 天, 今天届满, 已逾期 92 天 (never a bare −92)."""
        return term_days_label(self.days_left)


@dataclass(frozen=True)
class OfficeStats:
    office_code: str
    office_name: str
    today: date
    estates: int
    by_management_type: dict[str, int]
    formation: Rate  # PMCs excluded (DOMAIN.md §2: pmc_counts_for_rate=False)
    formation_with_pmc: Rate
    party_overall: Rate  # owners' committees only (task 4)
    party_pmc: Rate  # PMC members, shown apart
    committees_below_party_target: int  # owners' committees in term under 50 %
    missed_dates: list[MissedDate]  # filing / first meeting later than DOMAIN.md §2 allows
    records: CommitteeFigures  # 履职/负面清单 counts of the last year (and the rates above)
    expiring: list[TermDue]  # within the warning window, still in term
    expired: list[TermDue]  # past term end, not dissolved
    companies_serving: int
    companies_without_party_org: list[str]
    red: RedFigures = field(default_factory=RedFigures)  # 交叉任职, 示范项目, tender share
    # Estates whose serving company has a party organisation / estates with one (task 10,
    # app/services/committee_figures.py: the figure streets and districts sum)
    party_org_estates: Rate = field(default_factory=lambda: Rate(0, 0, 0))
    # response and closing figures of the subtree's complaints (task 3): the same function as
    # each subordinate's row (app/services/complaint_figures.py); None when not asked for
    complaint_times: ComplaintTimes | None = None

    @property
    def party_org_coverage(self) -> Rate:
        """Companies serving here with a party organisation, own or joint (task 10, 红色物业);
        the plan sets no target, so none is marked."""
        covered = self.companies_serving - len(self.companies_without_party_org)
        return Rate(covered, self.companies_serving, 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "office": {"code": self.office_code, "name": self.office_name},
            "today": self.today.isoformat(),
            "estates": self.estates,
            "by_management_type": self.by_management_type,
            "formation": self.formation.as_dict(),
            "formation_with_pmc": self.formation_with_pmc.as_dict(),
            "party_overall": self.party_overall.as_dict(),
            "party_pmc": self.party_pmc.as_dict(),
            "committees_below_party_target": self.committees_below_party_target,
            "duty_records": self.records.duties,
            "negative_records": self.records.negatives,
            "negative_records_unhandled": self.records.negatives_unhandled,
            "recall_proposals": self.records.recall_proposals,
            "negative_measures": negative_measures(self.records),
            "missed_dates": [
                {**asdict(m), "elected_on": m.elected_on.isoformat()} for m in self.missed_dates
            ],
            "expiring": [_term_dict(t) for t in self.expiring],
            "expired": [_term_dict(t) for t in self.expired],
            "companies_serving": self.companies_serving,
            "companies_without_party_org": self.companies_without_party_org,
            "party_org_coverage": self.party_org_coverage.as_dict(),
            **self.red.as_dict(),
            "party_org_estate_coverage": self.party_org_estates.as_dict(),
            "complaint_times": self.complaint_times and self.complaint_times.as_dict(),
        }


def _term_dict(t: TermDue) -> dict[str, Any]:
    return {**asdict(t), "term_end": t.term_end.isoformat(), "days_label": t.days_label}


def term_days_label(days_left: int) -> str:
    """The days to a term's end in words; past the end the overdue days count up, unsigned."""
    if days_left < 0:
        return f"已逾期 {-days_left} 天"
    if days_left == 0:
        return "今天届满"
    return f"剩余 {days_left} 天"


def office_stats(
    session: Session,
    today: date,
    rules: CommitteeRules = DEFAULT_RULES,
    *,
    complaint_timing: bool = False,
) -> OfficeStats:
    """The office's own figures. The complaint timing figures read every complaint of the
    subtree into Python (SQLite has no median, and lateness is judged by the rule in Python):
    about 1 s per 40,000 complaints on a busy 2-core PC, so only `wuye stats` asks for them;
    the 总览 reads them in a job of its own, and the reports that call this do not."""
    office = current_office(session)
    # An office's own database holds only its subtree: then the scope is no condition at all
    # and the estate figures read a covering index instead of checking 100,000 codes.
    estates_in_scope = and_(in_subtree(session, Estate.community_code), Estate.deleted.is_(False))

    by_type = dict.fromkeys((m.label for m in ManagementType), 0)
    for code, n in session.execute(
        select(Estate.management_type, func.count())
        .where(estates_in_scope)
        .group_by(Estate.management_type)
    ):
        member = ManagementType.from_text(code)
        by_type[member.label if member else code] = n

    figures = committee_figures(session, today, estates=estates_in_scope).get(
        None, CommitteeFigures()
    )

    horizon = today + timedelta(days=rules.expiry_warning_days)
    due_rows = session.execute(
        select(Committee.uuid, Estate.name, Committee.kind, Committee.term_end)
        .join(Estate, Estate.uuid == Committee.estate_uuid)
        .where(
            estates_in_scope,
            Committee.deleted.is_(False),
            Committee.status == CommitteeStatus.ACTIVE,
            Committee.term_end.is_not(None),
            Committee.term_end <= horizon,
        )
        .order_by(Committee.term_end, Estate.name)
    ).all()
    dues = [
        TermDue(uuid, name, CommitteeKind(kind).label, end, (end - today).days)
        for uuid, name, kind, end in due_rows
    ]

    serving = (
        select(ServiceContract.company_uuid)
        .join(Estate, Estate.uuid == ServiceContract.estate_uuid)
        .where(estates_in_scope, ServiceContract.deleted.is_(False), *current_contract(today))
        .distinct()
    )
    companies = session.execute(
        select(PropertyCompany.name, PropertyCompany.party_org)
        .where(PropertyCompany.uuid.in_(serving), PropertyCompany.deleted.is_(False))
        .order_by(PropertyCompany.name)
    ).all()

    return OfficeStats(
        office_code=office.code,
        office_name=office.name,
        today=today,
        estates=sum(by_type.values()),
        by_management_type=by_type,
        formation=figures.formation,
        formation_with_pmc=figures.formation_with_pmc,
        party_overall=figures.party,
        party_pmc=figures.party_pmc,
        committees_below_party_target=figures.below_party_target,
        missed_dates=missed_dates(session, today, rules),
        records=figures,
        expiring=[d for d in dues if d.days_left >= 0],
        expired=[d for d in dues if d.days_left < 0],
        companies_serving=len(companies),
        companies_without_party_org=[name for name, party in companies if party == PartyOrg.NONE],
        red=red_figures(session, today, estates=estates_in_scope).get(None, RedFigures()),
        party_org_estates=figures.party_org,
        complaint_times=office_complaint_times(session, moment_of(today))
        if complaint_timing
        else None,
    )


def party_by_committee(session: Session, today: date) -> list[CommitteeShare]:
    """Each owners' committee in term with its party share: `wuye stats --json` lists them;
    the overview needs only the count below target, so it never builds this list."""
    scope = and_(in_subtree(session, Estate.community_code), Estate.deleted.is_(False))
    return [
        CommitteeShare(uuid, estate, int(party or 0), int(seated or 0))
        for uuid, estate, party, seated in session.execute(
            join_seated_members(
                select(Committee.uuid, Estate.name, PARTY_MEMBERS, SEATED_MEMBERS).join(
                    Estate, Estate.uuid == Committee.estate_uuid
                )
            )
            .where(
                scope,
                Committee.deleted.is_(False),
                Committee.kind == CommitteeKind.OWNERS,
                in_term(today),
            )
            .group_by(Committee.uuid, Estate.name)
            .order_by(Estate.name, Committee.uuid)
        )
    ]
