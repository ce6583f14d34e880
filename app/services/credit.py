"""Company credit from evidence (issue 17 item 5, DOMAIN.md §9): typed items (表彰, 通报…)
kept in `credit_item`, items the data already proves derived on the day asked about, and the
score and band computed from both by app/rules/credit.py. Nothing is typed twice.

Derived items (their points come from credit_rules.json):
- 逾期整改: a problem whose responsible unit is the company, not rectified by its deadline
  (still open after it, or rectified later), dated the day after the deadline;
- 超时投诉: a complaint naming the company that missed its response or closing limit
  (app/services/complaint_times.py), dated the day it was received;
- 约谈: an interview held on a 督办 task about such a problem, dated the day it was held;
- 示范项目: a 红色物业示范项目 of the company while valid (app/services/red.py).
- 满意度高分: a satisfaction survey of an estate the company served on its day whose overall
  score reaches `satisfaction_line` (app/services/surveys.py).
A 清出市场 decision in force (app/services/market.py) puts the company on the blacklist.
- 通报 (bad) / 表彰 (good): a circular of criticism / praise naming the company, dated the
  day it was issued, its document number and title the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.codes import MarketStatus, ProblemStatus
from app.errors import InputError, NotFound, Problem
from app.models import (
    Circular,
    CircularParty,
    CreditItem,
    Estate,
    Interview,
    PropertyCompany,
    Task,
)
from app.models import Problem as ProblemRow
from app.rules.credit import (
    CreditEntry,
    CreditScheme,
    CreditStanding,
    credit_scheme,
    credit_standing,
    in_list,
    last_counted_day,
    signed_points,
)
from app.services.complaint_times import complaint_lines


def find_company(session: Session, text: str) -> PropertyCompany:
    """A company by its name, its 统一社会信用代码 or its uuid."""
    key = text.strip()
    row = session.scalars(
        select(PropertyCompany).where(
            PropertyCompany.deleted.is_(False),
            or_(PropertyCompany.name == key, PropertyCompany.credit_code == key.upper(),
                PropertyCompany.uuid == key),
        )
    ).first()  # fmt: skip
    if row is None:
        raise NotFound("物业企业", key)
    return row


@dataclass
class CreditItemIn:
    company: str  # name, credit code or uuid
    on: date
    kind: str  # code or Chinese label
    evidence: str
    points: int | None = None  # None: the kind's default
    last_day: date | None = None


def add_credit_item(session: Session, data: CreditItemIn) -> str:
    """Record one item; bad input raises InputError by field and stores nothing."""
    scheme = credit_scheme()
    company = find_company(session, data.company)
    problems: list[Problem] = []
    kind = scheme.kind_of(data.kind)
    if kind is None:
        labels = "、".join(k.label for k in scheme.kinds.values())
        problems.append(Problem("credit_kind", f"信用记录类别“{data.kind}”不存在，应为：{labels}"))
    if not data.evidence.strip():
        problems.append(Problem("basis", "请写明依据（文号、查处或评价情况）"))
    if data.points is not None and not -100 <= data.points <= 100:
        problems.append(Problem("points", "分值应在-100至100之间"))
    if data.last_day is not None and data.last_day < data.on:
        problems.append(Problem("last_day", "有效期截止日不能早于记录日期"))
    if kind is not None and kind.sign == 0 and data.points is None:
        problems.append(Problem("points", f"“{kind.label}”请给出分值（加分为正，扣分为负）"))
    if problems:
        raise InputError(problems, where=f"物业企业“{company.name}”的信用记录")
    assert kind is not None
    item = CreditItem(
        company_uuid=company.uuid, on=data.on, kind=kind.code,
        points=signed_points(kind, data.points), evidence=data.evidence.strip(),
        last_day=data.last_day,
    )  # fmt: skip
    session.add(item)
    session.flush()
    return item.uuid


def _typed(session: Session, company_uuid: str) -> list[CreditEntry]:
    rows = session.scalars(
        select(CreditItem).where(
            CreditItem.company_uuid == company_uuid, CreditItem.deleted.is_(False)
        )
    )
    return [CreditEntry(r.on, r.kind, r.points, r.evidence, r.last_day, False, r.uuid)
            for r in rows]  # fmt: skip


def _points(scheme: CreditScheme, code: str) -> int:
    return signed_points(scheme.kinds[code], None)


def derived_entries(
    session: Session, company: PropertyCompany, today: date, scheme: CreditScheme
) -> list[CreditEntry]:
    """The items the data proves, as of `today` (see the module's docstring)."""
    done = (ProblemStatus.RECTIFIED.value, ProblemStatus.CLOSED.value)
    entries: list[CreditEntry] = []
    problems = session.execute(
        select(ProblemRow, Estate.name)
        .outerjoin(Estate, Estate.uuid == ProblemRow.estate_uuid)
        .where(ProblemRow.deleted.is_(False), ProblemRow.responsible_unit == company.name,
               ProblemRow.deadline < today)
    ).all()  # fmt: skip
    for p, estate in problems:
        late_fix = p.rectified_on is not None and p.rectified_on > p.deadline
        if p.status not in done or late_fix:
            where = f"{estate}：" if estate else ""
            entries.append(CreditEntry(
                p.deadline + timedelta(days=1), "overdue_rectification",
                _points(scheme, "overdue_rectification"),
                f"{where}{p.description}（整改时限{p.deadline.isoformat()}）", None, True, p.uuid,
            ))  # fmt: skip
    now = datetime.combine(today, time(23, 59, 59))
    for c in complaint_lines(session, now, company=company.uuid, limit=100_000):
        if c.response_on_time is False or c.closing_on_time is False:
            entries.append(CreditEntry(
                c.received_at.date(), "complaint_overdue", _points(scheme, "complaint_overdue"),
                f"{c.estate or '投诉'}：{c.content}（{c.lateness}）", None, True, c.uuid,
            ))  # fmt: skip
    # 约谈 of the company held by today: summoned itself, or about a task on its problem
    # (the task form's interviews, migration 0024 moved the old TaskInterview rows here).
    about_task = (
        select(Task.uuid)
        .join(ProblemRow, ProblemRow.uuid == Task.problem_uuid)
        .where(Task.deleted.is_(False), ProblemRow.responsible_unit == company.name)
    )
    interviews = session.scalars(
        select(Interview)
        .where(Interview.deleted.is_(False), Interview.held_on.is_not(None),
               Interview.held_on <= today,
               ((Interview.subject_kind == "company") & (Interview.subject == company.name))
               | Interview.task_uuid.in_(about_task))
        .order_by(Interview.held_on, Interview.uuid)
    ).all()  # fmt: skip
    for interview in interviews:
        assert interview.held_on is not None
        entries.append(CreditEntry(
            interview.held_on, "interview", _points(scheme, "interview"),
            f"{interview.reason}，约谈：{interview.record or interview.attendees}",
            None, True, interview.uuid,
        ))  # fmt: skip
    from app.services.red import demonstration_entries  # 示范项目 while valid (task 10)
    from app.services.surveys import satisfaction_entries  # 满意度高分 (task 2's surveys)

    return (
        entries
        + demonstration_entries(session, company, today, scheme)
        + satisfaction_entries(session, company, today, scheme)
        + _circular_entries(session, company, today, scheme)
    )


CIRCULAR_CREDIT = {"criticism": "circular", "praise": "commendation"}  # 通报批评 / 通报表扬


def _circular_entries(
    session: Session, company: PropertyCompany, today: date, scheme: CreditScheme
) -> list[CreditEntry]:
    """A circular naming the company (app/services/circulars.py stores the company's name as
    the party): criticism a 通报 item, praise a 表彰 item, each once per circular."""
    circulars = session.scalars(
        select(Circular)
        .join(CircularParty, CircularParty.circular_uuid == Circular.uuid)
        .where(CircularParty.party_kind == "company", CircularParty.name == company.name,
               CircularParty.deleted.is_(False), Circular.deleted.is_(False),
               Circular.issued_on <= today)
        .distinct()
    ).all()  # fmt: skip
    entries = []
    for c in circulars:
        kind = CIRCULAR_CREDIT.get(c.kind)
        if kind is None:
            continue
        number = f"{c.doc_number}" if c.doc_number else "通报"
        evidence = f"{number}《{c.title}》（{c.issuer}，{c.issued_on.isoformat()}）"
        entries.append(CreditEntry(c.issued_on, kind, _points(scheme, kind), evidence, None,
                                   True, c.uuid))  # fmt: skip
    return entries


@dataclass(frozen=True)
class CreditSheet:
    """A company's credit on a day: its standing and every item, counted or lapsed."""

    company_uuid: str
    name: str
    credit_code: str
    removed: bool  # 清出市场
    day: date
    standing: CreditStanding
    entries: tuple[CreditEntry, ...]  # newest first, counted and lapsed
    decision: str = ""  # the 清出市场 decision in force, in one line (app/services/market.py)
    decision_grounds: str = ""

    def as_dict(self) -> dict[str, object]:
        scheme = credit_scheme()
        counted = set(self.standing.counted)
        return {
            "id": self.company_uuid, "company": self.name, "credit_code": self.credit_code,
            "date": self.day.isoformat(), "score": self.standing.score,
            "band": self.standing.band, "good": self.standing.good, "bad": self.standing.bad,
            "removed": self.removed, "decision": self.decision or None,
            "decision_grounds": self.decision_grounds or None,
            "items": [{
                "date": e.on.isoformat(), "kind": scheme.kinds[e.kind].label,
                "points": e.points, "evidence": e.evidence,
                "last_day": last_counted_day(e.on, e.last_day, scheme).isoformat(),
                "counted": e in counted, "derived": e.derived, "ref": e.ref,
            } for e in self.entries],
        }  # fmt: skip


def _sheet(session: Session, company: PropertyCompany, today: date) -> CreditSheet:
    scheme = credit_scheme()
    entries = _typed(session, company.uuid) + derived_entries(session, company, today, scheme)
    entries = [e for e in entries if e.on <= today]
    entries.sort(key=lambda e: (e.on, e.ref), reverse=True)
    from app.services.market import decision_of, decision_text

    # A recorded decision says from which day; the hand-set status only where none exists.
    recorded = decision_of(session, company.uuid, date.max)
    decision = recorded if recorded is not None and recorded.on <= today else None
    removed = (
        decision is not None
        if recorded is not None
        else company.market_status == MarketStatus.REMOVED.value
    )
    standing = credit_standing(entries, today, scheme, removed=removed)
    return CreditSheet(company.uuid, company.name, company.credit_code, removed, today,
                       standing, tuple(entries),
                       decision_text(decision) if decision else "",
                       decision.grounds if decision else "")  # fmt: skip


def credit_sheet(session: Session, company: str, today: date) -> CreditSheet:
    return _sheet(session, find_company(session, company), today)


@dataclass(frozen=True)
class CreditLine:
    company_uuid: str
    name: str
    credit_code: str
    score: int
    band: str

    def as_dict(self) -> dict[str, object]:
        return {"id": self.company_uuid, "company": self.name, "credit_code": self.credit_code,
                "score": self.score, "band": self.band}  # fmt: skip


def credit_lines(session: Session, today: date, band: str | None = None) -> list[CreditLine]:
    """Every company's score and band on `today`, best first; `band`: 守信, 失信 or a band."""
    scheme = credit_scheme()
    if (
        band is not None
        and band not in ("守信", "失信", scheme.blacklist_band)
        and band not in {b for b, _ in scheme.bands}
    ):
        names = "、".join(["守信", "失信", *(b for b, _ in scheme.bands), scheme.blacklist_band])
        raise InputError(Problem("band", f"信用等级“{band}”不存在，应为：{names}"))
    companies = session.scalars(
        select(PropertyCompany).where(PropertyCompany.deleted.is_(False))
        .order_by(PropertyCompany.name_key, PropertyCompany.uuid)
    )  # fmt: skip
    lines = []
    for company in companies:
        sheet = _sheet(session, company, today)
        if band is None or in_list(sheet.standing.band, band, scheme):
            lines.append(CreditLine(company.uuid, company.name, company.credit_code,
                                    sheet.standing.score, sheet.standing.band))  # fmt: skip
    lines.sort(key=lambda line: -line.score)
    return lines


def company_credit(session: Session, company_uuid: str, today: date) -> CreditStanding:
    """The computed standing, for the places that show a company's credit."""
    company = session.get(PropertyCompany, company_uuid)
    if company is None:
        raise NotFound("物业企业", company_uuid)
    return _sheet(session, company, today).standing


def credit_counts(session: Session, today: date) -> dict[str, int]:
    """Companies per band, and on the 守信 and 失信 lists, for `wuye stats`."""
    scheme = credit_scheme()
    lines = credit_lines(session, today)
    bands = [b for b, _ in scheme.bands] + [scheme.blacklist_band]
    counts = {band: sum(line.band == band for line in lines) for band in bands}
    for which in ("守信", "失信"):
        counts[which] = sum(in_list(line.band, which, scheme) for line in lines)
    return counts
