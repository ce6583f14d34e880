"""The figures the action plan asks of an office's subtree (tasks 1, 4 and 10).

Every figure is computed from raw rows at the moment it is asked for, with `today` passed in,
so a number on screen is never a stale stored percentage.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus, ManagementType, PartyOrg
from app.models import Committee, CommitteeMember, Estate, PropertyCompany, ServiceContract
from app.rules.committee import DEFAULT_RULES, SEATED, CommitteeRules, party_share_met
from app.services.companies import current_contract
from app.services.offices import current_office, subtree_codes

FORMATION_TARGET_PERCENT = 90  # task 4: 组建率不低于90%
PARTY_TARGET_PERCENT = 50  # task 4: 党员比例不低于50%


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int
    target_percent: int

    @property
    def percent(self) -> float | None:
        return None if self.denominator == 0 else round(100 * self.numerator / self.denominator, 1)

    @property
    def met(self) -> bool:
        """Compared in integers: 100·n ≥ target·d."""
        return (
            self.denominator > 0 and 100 * self.numerator >= self.target_percent * self.denominator
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "percent": self.percent, "met": self.met}


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
    party_overall: Rate
    party_by_committee: list[CommitteeShare]
    expiring: list[TermDue]  # within the warning window, still in term
    expired: list[TermDue]  # past term end, not dissolved
    companies_serving: int
    companies_without_party_org: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "office": {"code": self.office_code, "name": self.office_name},
            "today": self.today.isoformat(),
            "estates": self.estates,
            "by_management_type": self.by_management_type,
            "formation": self.formation.as_dict(),
            "formation_with_pmc": self.formation_with_pmc.as_dict(),
            "party_overall": self.party_overall.as_dict(),
            "party_by_committee": [{**asdict(c), "met": c.met} for c in self.party_by_committee],
            "committees_below_party_target": sum(1 for c in self.party_by_committee if not c.met),
            "expiring": [_term_dict(t) for t in self.expiring],
            "expired": [_term_dict(t) for t in self.expired],
            "companies_serving": self.companies_serving,
            "companies_without_party_org": self.companies_without_party_org,
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


def in_term(today: date) -> Any:
    """A committee that counts as formed: active, filed (备案) and within its term on `today`."""
    return and_(
        Committee.status == CommitteeStatus.ACTIVE,
        Committee.filed_on.is_not(None),
        Committee.term_start <= today,
        Committee.term_end >= today,
    )


PARTY_MEMBERS = func.sum(case((CommitteeMember.party_member.is_(True), 1), else_=0))
SEATED_MEMBERS = func.count(CommitteeMember.uuid)


def join_seated_members(stmt: Select[Any]) -> Select[Any]:
    """Join each committee's seated members (候补 excluded): the base of every party share."""
    return stmt.join(
        CommitteeMember,
        and_(
            CommitteeMember.committee_uuid == Committee.uuid,
            CommitteeMember.deleted.is_(False),
            CommitteeMember.role.in_([str(r) for r in SEATED]),
        ),
    )


def office_stats(
    session: Session, today: date, rules: CommitteeRules = DEFAULT_RULES
) -> OfficeStats:
    office = current_office(session)
    scope = subtree_codes(session)
    estates_in_scope = and_(Estate.community_code.in_(scope), Estate.deleted.is_(False))

    by_type = dict.fromkeys((m.label for m in ManagementType), 0)
    for code, n in session.execute(
        select(Estate.management_type, func.count())
        .where(estates_in_scope)
        .group_by(Estate.management_type)
    ):
        member = ManagementType.from_text(code)
        by_type[member.label if member else code] = n

    def formation(kinds: list[str]) -> Rate:
        formed = exists().where(
            Committee.estate_uuid == Estate.uuid,
            Committee.deleted.is_(False),
            Committee.kind.in_(kinds),
            in_term(today),
        )
        row = session.execute(
            select(func.count(), func.coalesce(func.sum(case((formed, 1), else_=0)), 0)).where(
                estates_in_scope, Estate.committee_required.is_(True)
            )
        ).one()
        return Rate(int(row[1]), int(row[0]), FORMATION_TARGET_PERCENT)

    shares = [
        CommitteeShare(uuid, estate, int(party or 0), int(seated or 0))
        for uuid, estate, party, seated in session.execute(
            join_seated_members(
                select(Committee.uuid, Estate.name, PARTY_MEMBERS, SEATED_MEMBERS).join(
                    Estate, Estate.uuid == Committee.estate_uuid
                )
            )
            .where(estates_in_scope, Committee.deleted.is_(False), in_term(today))
            .group_by(Committee.uuid, Estate.name)
            .order_by(Estate.name, Committee.uuid)
        )
    ]
    party_overall = Rate(
        sum(s.party for s in shares), sum(s.seated for s in shares), PARTY_TARGET_PERCENT
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
        formation=formation([CommitteeKind.OWNERS]),
        formation_with_pmc=formation([CommitteeKind.OWNERS, CommitteeKind.PMC]),
        party_overall=party_overall,
        party_by_committee=shares,
        expiring=[d for d in dues if d.days_left >= 0],
        expired=[d for d in dues if d.days_left < 0],
        companies_serving=len(companies),
        companies_without_party_org=[name for name, party in companies if party == PartyOrg.NONE],
    )
