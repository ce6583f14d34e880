"""The committee figures of task 4, written once: the formation rate (组建率) and the party-member
share (党员比例), for any grouping of estates (the office itself, its subordinates, its
communities). `wuye stats`, `--by-subordinate`, the 总览 and 下级对比 pages and the summary
workbook all read them from here, so the three can never disagree.

Each is one aggregate query over raw rows (no per-committee loop, no list of committees
built in Python); `bench/committee_figures.py` measures them on 100,000 estates.
The party share counts owners' committees only (task 4: 业主委员会成员中党员比例); a PMC's
members are counted apart.

Party-organisation coverage (task 10, 红色物业): of the estates with a serving company (a
contract in force, `app.services.companies.current_contract`), those whose company has a
party organisation (单独建立 or 联合建立). Counted per estate, so a street's figure is the sum
of its communities' numerators and denominators, and a company serving several communities
counts in each of their figures.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, and_, case, func, select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus, NegativeMeasure, PartyOrg
from app.db.sync import INCLUDE_DELETED
from app.models import (
    Committee,
    CommitteeMember,
    DutyRecord,
    Estate,
    NegativeRecord,
    PropertyCompany,
    ServiceContract,
)
from app.rules.committee import SEATED

FORMATION_TARGET_PERCENT = 90  # task 4: 组建率不低于90%
PARTY_TARGET_PERCENT = 50  # task 4: 党员比例不低于50%
PARTY_ORG_TARGET_PERCENT = 0  # task 10 sets no coverage target: shown, never marked
COVERED = (PartyOrg.OWN.value, PartyOrg.JOINT.value)  # 单独建立, 联合建立


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

    def __add__(self, other: Rate) -> Rate:
        """Counts add up; a rate of a sum is never an average of rates."""
        return Rate(
            self.numerator + other.numerator,
            self.denominator + other.denominator,
            self.target_percent,
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "percent": self.percent, "met": self.met}


def _formation() -> Rate:
    return Rate(0, 0, FORMATION_TARGET_PERCENT)


def _party() -> Rate:
    return Rate(0, 0, PARTY_TARGET_PERCENT)


def _party_org() -> Rate:
    return Rate(0, 0, PARTY_ORG_TARGET_PERCENT)


@dataclass(frozen=True)
class CommitteeFigures:
    formation: Rate = field(default_factory=_formation)  # owners' committees (PMC excluded)
    formation_with_pmc: Rate = field(default_factory=_formation)
    party: Rate = field(default_factory=_party)  # owners' committees in term, seated members
    party_pmc: Rate = field(default_factory=_party)  # PMC members, shown apart
    # 履职清单 / 负面清单 items dated within the last year (today − 365 days < on ≤ today)
    duties: int = 0
    negatives: int = 0
    negatives_unhandled: int = 0  # no measure recorded yet
    recall_proposals: int = 0  # 罢免建议
    below_party_target: int = 0  # owners' committees in term with party members under half
    # Estates whose serving company has a party organisation / estates with a serving company
    party_org: Rate = field(default_factory=_party_org)
    # how the 负面清单 items of the last year were handled, short of 罢免建议 (task 4)
    reminders: int = 0  # 提醒
    talks: int = 0  # 约谈
    rectify_orders: int = 0  # 责令整改

    def __add__(self, other: CommitteeFigures) -> CommitteeFigures:
        return CommitteeFigures(
            self.formation + other.formation,
            self.formation_with_pmc + other.formation_with_pmc,
            self.party + other.party,
            self.party_pmc + other.party_pmc,
            self.duties + other.duties,
            self.negatives + other.negatives,
            self.negatives_unhandled + other.negatives_unhandled,
            self.recall_proposals + other.recall_proposals,
            self.below_party_target + other.below_party_target,
            self.party_org + other.party_org,
            self.reminders + other.reminders,
            self.talks + other.talks,
            self.rectify_orders + other.rectify_orders,
        )


def in_term(today: date) -> Any:
    """A committee that counts as formed: active, filed (备案) and within its term on `today`."""
    return and_(
        Committee.status == CommitteeStatus.ACTIVE,
        Committee.filed_on.is_not(None),
        Committee.term_start <= today,
        Committee.term_end >= today,
    )


PARTY_MEMBERS = func.sum(case((CommitteeMember.party_member.is_(True), 1), else_=0))
# Counted on committee_uuid (never NULL), not uuid: ix_committee_member_roster holds it, so the
# roster is read from that index alone; count(uuid) read all 500,000 member rows (issue 18).
SEATED_MEMBERS = func.count(CommitteeMember.committee_uuid)


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


def _roster() -> Any:
    """(committee_uuid, party, seated) per committee, seated members only."""
    return (
        select(
            CommitteeMember.committee_uuid.label("committee_uuid"),
            PARTY_MEMBERS.label("party"),
            SEATED_MEMBERS.label("seated"),
        )
        .where(
            CommitteeMember.deleted.is_(False),
            CommitteeMember.role.in_([str(r) for r in SEATED]),
        )
        .group_by(CommitteeMember.committee_uuid)
        .subquery("roster")
    )


Via = tuple[FromClause, ColumnElement[bool]]


def _grouped(stmt: Select[Any], unit: ColumnElement[Any] | None, via: Via | None) -> Select[Any]:
    if via is not None:
        stmt = stmt.join(*via)
    return stmt if unit is None else stmt.group_by(unit)


def committee_figures(
    session: Session,
    today: date,
    *,
    estates: ColumnElement[bool],
    unit: ColumnElement[Any] | None = None,
    via: Via | None = None,
) -> dict[Any, CommitteeFigures]:
    """The figures of the estates `estates` selects, per value of `unit` (an expression over
    Estate or over the `via` join; None: one group, keyed None). Groups without estates or
    committees are absent: callers default to `CommitteeFigures()`."""
    key = [unit] if unit is not None else []

    def formed(kinds: list[str]) -> Any:
        # SELECT estate_uuid, not SQLAlchemy's SELECT *: with * SQLite reads every committee
        # row; with a column of ix_committee_term it reads that index alone (issue 18).
        return case(
            (
                select(Committee.estate_uuid)
                .where(
                    Committee.estate_uuid == Estate.uuid,
                    Committee.deleted.is_(False),
                    Committee.kind.in_(kinds),
                    in_term(today),
                )
                .exists(),
                1,
            ),
            else_=0,
        )

    acc: dict[Any, dict[str, Rate]] = {}
    acc_below: dict[Any, int] = {}
    formation = _grouped(
        select(
            *key,
            func.count(),
            func.sum(formed([CommitteeKind.OWNERS])),
            func.sum(formed([CommitteeKind.OWNERS, CommitteeKind.PMC])),
        )
        .select_from(Estate)
        .where(estates, Estate.committee_required.is_(True)),
        unit,
        via,
    )
    for *group, required, done, done_pmc in session.execute(formation):
        k = group[0] if group else None
        if not required:
            continue
        acc.setdefault(k, {})["formation"] = Rate(
            int(done or 0), int(required), FORMATION_TARGET_PERCENT
        )
        acc[k]["formation_with_pmc"] = Rate(
            int(done_pmc or 0), int(required), FORMATION_TARGET_PERCENT
        )

    # Members counted per committee first (read from the covering roster index in committee
    # order), then summed per group: one pass gives the share and the committees below it.
    roster = _roster()
    below = and_(Committee.kind == CommitteeKind.OWNERS, 2 * roster.c.party < roster.c.seated)
    party = (
        select(
            *key,
            Committee.kind,
            func.sum(roster.c.party),
            func.sum(roster.c.seated),
            func.sum(case((below, 1), else_=0)),
        )
        .select_from(roster)
        .join(Committee, Committee.uuid == roster.c.committee_uuid)
        .where(Committee.deleted.is_(False), in_term(today))
    )
    options: dict[str, Any] = {}
    if unit is None and via is None:
        # One group: no estate column is needed, only which estates are out. Their few uuids
        # are set aside once, instead of looking up 100,000 estates at random by uuid (the
        # committee look-up is ix_committee_uuid_term alone, in roster order): half the time.
        # Exact, as every committee's estate_uuid names an estate (a foreign key, NOT NULL).
        # The soft-delete filter is lifted so the set can hold the deleted estates.
        options[INCLUDE_DELETED] = True
        party = party.where(Committee.estate_uuid.not_in(select(Estate.uuid).where(~estates)))
    else:
        party = _grouped(
            party.join(Estate, Estate.uuid == Committee.estate_uuid).where(estates), unit, via
        )
    party = party.group_by(Committee.kind)
    for *group, kind, members, seated, under in session.execute(party, execution_options=options):
        k = group[0] if group else None
        name = "party_pmc" if kind == CommitteeKind.PMC else "party"
        rate = Rate(int(members or 0), int(seated or 0), PARTY_TARGET_PERCENT)
        slot = acc.setdefault(k, {})
        slot[name] = slot[name] + rate if name in slot else rate
        if name == "party":
            acc_below[k] = acc_below.get(k, 0) + int(under or 0)
    # 履职/负面清单 of the last year, counted per committee first (the lists are small; the
    # committees and estates are then looked up only for committees that have items).
    counts: dict[Any, dict[str, int]] = {}
    since = today - timedelta(days=365)
    for model, extra in (
        (DutyRecord, {}),
        (
            NegativeRecord,
            {
                "negatives_unhandled": case((NegativeRecord.measure.is_(None), 1), else_=0),
                "recall_proposals": case(
                    (NegativeRecord.measure == NegativeMeasure.RECALL, 1), else_=0
                ),
                "reminders": case((NegativeRecord.measure == NegativeMeasure.REMINDER, 1), else_=0),
                "talks": case((NegativeRecord.measure == NegativeMeasure.TALK, 1), else_=0),
                "rectify_orders": case(
                    (NegativeRecord.measure == NegativeMeasure.RECTIFY, 1), else_=0
                ),
            },
        ),
    ):
        name = "duties" if model is DutyRecord else "negatives"
        per = (
            select(
                model.committee_uuid.label("committee_uuid"),
                func.count().label("n"),
                *(func.sum(expr).label(label) for label, expr in extra.items()),
            )
            .where(model.deleted.is_(False), model.on > since, model.on <= today)
            .group_by(model.committee_uuid)
            .subquery("per_committee")
        )
        stmt = _grouped(
            select(*key, func.sum(per.c.n), *(func.sum(per.c[label]) for label in extra))
            .select_from(per)
            .join(Committee, Committee.uuid == per.c.committee_uuid)
            .join(Estate, Estate.uuid == Committee.estate_uuid)
            .where(estates, Committee.deleted.is_(False)),
            unit,
            via,
        )
        for row in session.execute(stmt):
            *group, n = row[: len(key) + 1]
            if n is None:  # no items at all: the ungrouped sum is NULL
                continue
            slot = counts.setdefault(group[0] if group else None, {})
            slot[name] = int(n)
            for label, value in zip(extra, row[len(key) + 1 :], strict=True):
                slot[label] = int(value or 0)
    coverage = _party_org_coverage(session, today, estates, unit, via)
    return {
        k: CommitteeFigures(
            **acc.get(k, {}), **counts.get(k, {}), below_party_target=acc_below.get(k, 0),
            party_org=coverage.get(k, _party_org()),
        )
        for k in acc.keys() | counts.keys() | coverage.keys()
    }  # fmt: skip


def _party_org_coverage(
    session: Session,
    today: date,
    estates: ColumnElement[bool],
    unit: ColumnElement[Any] | None,
    via: Via | None,
) -> dict[Any, Rate]:
    """Per group: (estates whose serving company has a party organisation, estates with a
    serving company), one aggregate query over the estates and their contracts in force."""
    from app.services.companies import current_contract  # companies reads figures' callers

    def served(*more: ColumnElement[bool]) -> Any:
        contract = (
            select(ServiceContract.estate_uuid)
            .where(ServiceContract.estate_uuid == Estate.uuid, ServiceContract.deleted.is_(False),
                   *current_contract(today), *more)
        )  # fmt: skip
        if more:
            contract = contract.join(
                PropertyCompany, PropertyCompany.uuid == ServiceContract.company_uuid
            )
        return case((contract.exists(), 1), else_=0)

    key = [unit] if unit is not None else []
    stmt = _grouped(
        select(
            *key,
            func.sum(served(PropertyCompany.party_org.in_(COVERED),
                            PropertyCompany.deleted.is_(False))),
            func.sum(served()),
        )
        .select_from(Estate)
        .where(estates),
        unit,
        via,
    )  # fmt: skip
    out = {}
    for *group, covered, with_company in session.execute(stmt):
        if with_company:
            k = group[0] if group else None
            out[k] = Rate(int(covered or 0), int(with_company), PARTY_ORG_TARGET_PERCENT)
    return out


def negative_measures(figures: Any) -> dict[str, int]:
    """负面清单 items by how they were handled (task 4), mildest first, keyed by the Chinese
    label, as `--json` prints them; `figures` has reminders, talks, rectify_orders and
    recall_proposals (CommitteeFigures, or a subordinate's row)."""
    return {
        NegativeMeasure.REMINDER.label: figures.reminders,
        NegativeMeasure.TALK.label: figures.talks,
        NegativeMeasure.RECTIFY.label: figures.rectify_orders,
        NegativeMeasure.RECALL.label: figures.recall_proposals,
    }
