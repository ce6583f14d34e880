"""Owners' committees and PMCs with their rosters; a roster is saved whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus, MemberRole
from app.db.date_span import days_between
from app.db.sync import as_seen
from app.errors import InputError, NotFound, Problem
from app.models import CandidateCheck, Committee, CommitteeMember, Estate, Org
from app.rules.committee import (
    DEFAULT_RULES,
    SEATED,
    CommitteeRules,
    composition_problems,
    deadline_warnings,
    party_share_met,
    term_problems,
)
from app.rules.phone import validate_phone
from app.rules.resident_id import validate_resident_id
from app.rules.vetting import CheckIn, check_label, check_problems, unmet_checks
from app.services.estates import COMMUNITY_NAME
from app.services.listing import Column, Listing, contains
from app.services.offices import in_subtree, subtree_codes


@dataclass
class MemberIn:
    name: str
    role: str = MemberRole.MEMBER.value
    party_member: bool = False
    phone: str = ""
    id_number: str = ""
    uuid: str | None = None  # set when editing an existing member, so its history stays
    # 资格审查 (推荐关、审核关): one per check recorded; seating needs every one passed.
    checks: list[CheckIn] = field(default_factory=list)


@dataclass
class CommitteeIn:
    estate_uuid: str = ""
    kind: str = CommitteeKind.OWNERS.value
    term_number: int = 1
    elected_on: date | None = None
    term_start: date | None = None
    term_end: date | None = None
    filed_on: date | None = None
    status: str = CommitteeStatus.ACTIVE.value
    first_meeting_on: date | None = None
    members: list[MemberIn] = field(default_factory=list)


@dataclass(frozen=True)
class PartyShare:
    party: int
    seated: int

    @property
    def met(self) -> bool:
        return party_share_met(self.party, self.seated)

    @property
    def percent_text(self) -> str:
        return f"{100 * self.party / self.seated:.1f}%" if self.seated else "—"


def party_share(members: Sequence[MemberIn]) -> PartyShare:
    """Live figure for the form as rows change: seated members only (候补 excluded)."""
    seated = [m for m in members if m.role in SEATED]
    return PartyShare(sum(1 for m in seated if m.party_member), len(seated))


def committee_problems(
    session: Session, data: CommitteeIn, *, today: date, rules: CommitteeRules = DEFAULT_RULES
) -> tuple[list[Problem], list[MemberIn]]:
    problems: list[Problem] = []
    if session.get(Estate, data.estate_uuid) is None or not session.scalar(
        select(Estate.uuid).where(
            Estate.uuid == data.estate_uuid, Estate.community_code.in_(subtree_codes(session))
        )
    ):
        problems.append(Problem("estate_uuid", "请选择本辖区内的小区"))
    kind = CommitteeKind.from_text(data.kind)
    if kind is None:
        problems.append(Problem("kind", "请选择委员会类型"))
    if CommitteeStatus.from_text(data.status) is None:
        problems.append(Problem("status", "请选择状态"))
    if data.term_number < 1:
        problems.append(Problem("term_number", "届次应从1开始"))
    problems += term_problems(
        str(kind or ""), data.elected_on, data.term_start, data.term_end, data.filed_on, rules
    )
    if data.filed_on and data.filed_on > today:
        problems.append(Problem("filed_on", "备案日期不能晚于今天"))
    if data.first_meeting_on and data.elected_on and data.first_meeting_on < data.elected_on:
        problems.append(Problem("first_meeting_on", "首次会议日期不能早于选举日期"))
    if data.first_meeting_on and data.first_meeting_on > today:
        problems.append(Problem("first_meeting_on", "首次会议日期不能晚于今天"))
    members: list[MemberIn] = []
    for i, m in enumerate(data.members, start=1):
        where = f"第{i}位成员"
        role = MemberRole.from_text(m.role)
        name = m.name.strip()
        # Field "members.<index>.<field>": the form shows it under the roster, an import on
        # the member's own row and cell.
        if not name:
            problems.append(Problem(f"members.{i - 1}.name", f"{where}：姓名不能为空"))
        phone = validate_phone(m.phone) if m.phone.strip() else None
        if phone and not phone.ok:
            problems.append(
                Problem(f"members.{i - 1}.phone", f"{where}（{name}）：{'；'.join(phone.errors)}")
            )
        ident = validate_resident_id(m.id_number, today) if m.id_number.strip() else None
        if ident and not ident.ok:
            problems.append(
                Problem(
                    f"members.{i - 1}.id_number", f"{where}（{name}）：{'；'.join(ident.errors)}"
                )
            )
        for check in m.checks:
            problems += check_problems(
                f"{where}（{name}）", f"members.{i - 1}.checks", check, today=today
            )
        members.append(
            MemberIn(
                name=name,
                role=str(role) if role else m.role,
                party_member=m.party_member,
                phone=phone.value if phone else "",
                id_number=ident.value if ident else "",
                uuid=m.uuid,
                checks=list(m.checks),
            )
        )
    if kind is not None and data.status != CommitteeStatus.PREPARING:
        problems += composition_problems(str(kind), [m.role for m in members], rules)
    return problems, members


def vetting_problems(session: Session, data: CommitteeIn, members: list[MemberIn]) -> list[Problem]:
    """DOMAIN.md §2 eligibility (推荐关、审核关): a member is seated (主任、副主任、委员 of a
    committee not 筹备中) only once every check is recorded as passed. Members already seated
    before this save keep their seat: the rule guards the act of seating, not the past."""
    if data.status == CommitteeStatus.PREPARING:
        return []
    problems: list[Problem] = []
    for i, m in enumerate(members):
        if m.role not in SEATED:
            continue
        stored = session.get(CommitteeMember, m.uuid) if m.uuid else None
        if stored is not None and not stored.deleted and stored.role in SEATED:
            continue
        if missing := unmet_checks(m.checks):
            problems.append(
                Problem(
                    f"members.{i}.checks",
                    f"第{i + 1}位成员（{m.name}）资格审查未全部通过，不能任职："
                    + "、".join(check_label(code) for code in missing),
                )
            )
    return problems


def save_committee(
    session: Session,
    uuid: str | None,
    data: CommitteeIn,
    *,
    today: date,
    require_vetting: bool = True,
) -> str:
    """Create or update a committee and replace its roster in one go. `require_vetting=False`
    registers a roster seated before this ledger (the Excel import of an existing committee,
    the demo): it is recorded as it is and `unvetted_members` lists who lacks the checks."""
    problems, members = committee_problems(session, data, today=today)
    if require_vetting:
        problems += vetting_problems(session, data, members)
    if problems:
        raise InputError(problems)
    if uuid is None:
        committee = Committee()
        session.add(committee)
    else:
        found = session.get(Committee, uuid)
        if found is None:
            raise NotFound("委员会", uuid)
        committee = found
    committee.estate_uuid = data.estate_uuid
    committee.kind = str(CommitteeKind.from_text(data.kind))
    committee.term_number = data.term_number
    committee.elected_on = data.elected_on
    committee.term_start = data.term_start
    committee.term_end = data.term_end
    committee.filed_on = data.filed_on
    committee.first_meeting_on = data.first_meeting_on
    committee.status = str(CommitteeStatus.from_text(data.status))
    _replace_roster(session, committee, members)
    session.flush()
    return committee.uuid


def _replace_roster(session: Session, committee: Committee, members: list[MemberIn]) -> None:
    existing = {m.uuid: m for m in committee.members} if committee.uuid else {}
    kept: set[str] = set()
    for order, m in enumerate(members):
        row = existing.get(m.uuid or "")
        if row is None:
            row = CommitteeMember(committee=committee)
            session.add(row)
        else:
            kept.add(row.uuid)
        row.name, row.role, row.party_member = m.name, m.role, m.party_member
        row.phone, row.id_number, row.sort_order = m.phone, m.id_number, order
        _record_checks(session, row, m.checks)
    for gone_uuid, row in existing.items():
        if gone_uuid not in kept:
            for check in _stored_checks(session, gone_uuid):
                session.delete(check)
            session.delete(row)


def _stored_checks(session: Session, member_uuid: str | None) -> list[CandidateCheck]:
    if not member_uuid:
        return []
    return list(
        session.scalars(
            select(CandidateCheck).where(
                CandidateCheck.member_uuid == member_uuid, CandidateCheck.deleted.is_(False)
            )
        )
    )


def _record_checks(session: Session, member: CommitteeMember, checks: list[CheckIn]) -> None:
    """One row per check item, updated in place (the audit log keeps its earlier states)."""
    stored = {c.item: c for c in _stored_checks(session, member.uuid)}
    for check in checks:
        row = stored.pop(check.item, None)
        if row is None:
            session.flush()  # the member's uuid, for a member added in this save
            row = CandidateCheck(member_uuid=member.uuid, item=check.item)
            session.add(row)
        row.passed, row.checked_by = check.passed, check.checked_by.strip()
        row.checked_on, row.note = check.checked_on, check.note
    for row in stored.values():
        session.delete(row)


def committee_warnings(
    data: CommitteeIn, *, today: date, rules: CommitteeRules = DEFAULT_RULES
) -> list[Problem]:
    """What the form, the Excel import and the CLI show beside a save that succeeded: the
    filing and first-meeting dates of DOMAIN.md §2, missed."""
    return deadline_warnings(
        str(CommitteeKind.from_text(data.kind) or data.kind),
        data.elected_on,
        data.filed_on,
        data.first_meeting_on,
        today=today,
        rules=rules,
    )


def get_committee(session: Session, uuid: str) -> CommitteeIn:
    committee = session.get(Committee, uuid)
    if committee is None:
        raise NotFound("委员会", uuid)
    return CommitteeIn(
        estate_uuid=committee.estate_uuid,
        kind=committee.kind,
        term_number=committee.term_number,
        elected_on=committee.elected_on,
        term_start=committee.term_start,
        term_end=committee.term_end,
        filed_on=committee.filed_on,
        status=committee.status,
        first_meeting_on=committee.first_meeting_on,
        members=[
            MemberIn(
                m.name,
                m.role,
                m.party_member,
                as_seen(session, CommitteeMember, "phone", m.phone),
                as_seen(session, CommitteeMember, "id_number", m.id_number),
                m.uuid,
                [
                    CheckIn(c.item, c.passed, c.checked_by, c.checked_on, c.note)
                    for c in _stored_checks(session, m.uuid)
                ],
            )
            for m in committee.members
            if not m.deleted
        ],
    )


def delete_committee(session: Session, uuid: str) -> None:
    committee = session.get(Committee, uuid)
    if committee is None:
        raise NotFound("委员会", uuid)
    for member in committee.members:
        for check in _stored_checks(session, member.uuid):
            session.delete(check)
        session.delete(member)
    session.delete(committee)
    session.flush()


def _seated_members() -> Select[tuple[str, int, int]]:
    return (
        select(
            CommitteeMember.committee_uuid.label("committee_uuid"),
            func.count().label("seated"),
            func.sum(case((CommitteeMember.party_member.is_(True), 1), else_=0)).label("party"),
        )
        .where(
            CommitteeMember.role.in_([str(r) for r in SEATED]), CommitteeMember.deleted.is_(False)
        )
        .group_by(CommitteeMember.committee_uuid)
    )


_roster = _seated_members().subquery("roster")


def _committee_base(session: Session) -> Select[tuple[str]]:
    return (
        select(Committee.uuid)
        .join(Estate, and_(Estate.uuid == Committee.estate_uuid, Estate.deleted.is_(False)))
        .where(in_subtree(session, Estate.community_code))
    )


def _roster_figure(figure: Any) -> Any:
    """Per-committee roster figure as a correlated subquery: computed only for shown rows."""
    return (
        select(figure)
        .where(
            CommitteeMember.committee_uuid == Committee.uuid,
            CommitteeMember.deleted.is_(False),
            CommitteeMember.role.in_([str(r) for r in SEATED]),
        )
        .scalar_subquery()
    )


_SEATED = _roster_figure(func.count())
_PARTY = _roster_figure(func.sum(case((CommitteeMember.party_member.is_(True), 1), else_=0)))


# A committee stored as 在任 whose term has ended reads 已届满 in the list, computed by the
# database's own date so the list is right tomorrow too; filters still use the stored status.
TERM_OVER = "term_over"
_STATUS_SHOWN = case(
    (
        and_(Committee.status == CommitteeStatus.ACTIVE, Committee.term_end < func.current_date()),
        TERM_OVER,
    ),
    else_=Committee.status,
)


def _status_text(value: str | None) -> str:
    return "已届满（未换届）" if value == TERM_OVER else CommitteeStatus.label_of(value)


def _share_text(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


COMMITTEES = Listing(
    base=_committee_base,
    uuid=Committee.uuid,
    columns=[
        Column("estate", Estate.name, nullable=False, sort=Estate.name_key),
        Column("community", COMMUNITY_NAME),
        Column("kind", Committee.kind, display=CommitteeKind.label_of),
        Column("term_number", Committee.term_number, display=lambda v: f"第{v}届", null_sort=0),
        Column("term_start", Committee.term_start, null_sort=date.min),
        Column("term_end", Committee.term_end, null_sort=date.min),
        Column("seated", _SEATED, null_sort=0),
        Column(
            "party_share",
            100.0 * _PARTY / func.nullif(_SEATED, 0),
            display=_share_text,
            null_sort=-1,
        ),
        Column("filed_on", Committee.filed_on, null_sort=date.min),
        Column("status", _STATUS_SHOWN, display=_status_text),
    ],
    search=lambda word, dialect: or_(
        contains(Estate.name)(word, dialect),
        Estate.community_code.in_(select(Org.code).where(contains(Org.name)(word, dialect))),
    ),
    default_sort="estate",
    filters={"kind": Committee.kind, "status": Committee.status},
)


@dataclass(frozen=True)
class MissedDate:
    """An owners' committee in office that missed a date of DOMAIN.md §2."""

    committee_uuid: str
    estate: str
    elected_on: date
    what: str  # the warning's Chinese line


def missed_dates(
    session: Session, today: date, rules: CommitteeRules = DEFAULT_RULES
) -> list[MissedDate]:
    """Active owners' committees of the subtree that filed late, have not filed 30 days after
    the election, or held their first meeting late; filtered in SQL, described by the rule."""
    filing_span = days_between(Committee.elected_on, Committee.filed_on)
    meeting_span = days_between(Committee.elected_on, Committee.first_meeting_on)
    rows = session.execute(
        select(
            Committee.uuid,
            Estate.name,
            Committee.kind,
            Committee.elected_on,
            Committee.filed_on,
            Committee.first_meeting_on,
        )
        .join(Estate, and_(Estate.uuid == Committee.estate_uuid, Estate.deleted.is_(False)))
        .where(
            in_subtree(session, Estate.community_code),
            Committee.deleted.is_(False),
            Committee.kind == CommitteeKind.OWNERS,
            Committee.status == CommitteeStatus.ACTIVE,
            Committee.elected_on.is_not(None),
            or_(
                filing_span > rules.filing_days,
                and_(
                    Committee.filed_on.is_(None),
                    Committee.elected_on < today - timedelta(days=rules.filing_days),
                ),
                meeting_span > rules.first_meeting_days,
            ),
        )
        .order_by(Committee.elected_on, Estate.name_key)
    ).all()
    return [
        MissedDate(uuid, estate, elected, problem.message)
        for uuid, estate, kind, elected, filed, meeting in rows
        for problem in deadline_warnings(kind, elected, filed, meeting, today=today, rules=rules)
    ]
