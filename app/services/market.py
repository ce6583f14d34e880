"""清出市场 as a decision with its grounds (task 13: 情节恶劣的依法清出市场).

A `MarketDecision` names the deciding body, the document number, the facts and the credit
items it rests on. From its day on the company is 清出市场: on the 失信 list (黑名单 band,
app/rules/credit.py), printed on its credit sheet, and no new service contract with it can be
saved (app/services/companies.py asks `expelled_problem`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import MarketStatus
from app.errors import InputError, Problem
from app.models import MarketDecision, PropertyCompany
from app.rules.red import decision_in_force


def decision_of(session: Session, company_uuid: str, day: date) -> MarketDecision | None:
    """The company's decision in force on `day` (the earliest), or None."""
    row = session.scalar(
        select(MarketDecision)
        .where(MarketDecision.company_uuid == company_uuid, MarketDecision.deleted.is_(False))
        .order_by(MarketDecision.on, MarketDecision.uuid)
        .limit(1)
    )
    return row if row is not None and decision_in_force(row.on, day) else None


def decision_text(row: MarketDecision) -> str:
    """One line, as the credit sheet and the contract refusal say it."""
    return f"{row.on.isoformat()} {row.body}决定清出市场（{row.doc_no}）"


def expelled_problem(session: Session, company_uuid: str, day: date) -> Problem | None:
    """The refusal of a new contract with a company 清出市场 on `day`, else None."""
    row = decision_of(session, company_uuid, day)
    if row is None:
        return None
    company = session.get(PropertyCompany, company_uuid)
    name = company.name if company else company_uuid
    return Problem(
        "company_uuid",
        f"物业企业“{name}”已于{row.on.isoformat()}被清出市场（{row.doc_no}），不能签订新的服务合同",
    )


@dataclass
class MarketDecisionIn:
    company: str  # name, credit code or uuid
    on: date | None
    body: str  # 决定机关
    doc_no: str
    grounds: str  # 事实与理由
    refs: list[str] = field(default_factory=list)  # the credit items it rests on


def expel_company(session: Session, data: MarketDecisionIn, *, today: date) -> str:
    """Record the decision; bad input raises InputError by field and stores nothing. Every
    ground must be an item of the company's credit record counted on the decision's day."""
    from app.services.credit import credit_sheet, find_company

    company = find_company(session, data.company)
    problems: list[Problem] = []
    if data.on is None:
        problems.append(Problem("on", "请填写决定日期"))
    elif data.on > today:
        problems.append(Problem("on", "决定日期不能晚于今天"))
    if not data.body.strip():
        problems.append(Problem("body", "请填写决定机关"))
    if not data.doc_no.strip():
        problems.append(Problem("doc_no", "请填写决定文号"))
    if not data.grounds.strip():
        problems.append(Problem("grounds", "请写明清出市场的事实与理由"))
    refs = [r.strip() for r in data.refs if r.strip()]
    if not refs:
        problems.append(Problem("refs", "请列出所依据的扣分信用记录（至少一条）"))
    elif data.on is not None and data.on <= today:
        sheet = credit_sheet(session, company.uuid, data.on)
        bad = {e.ref for e in sheet.standing.counted if e.points < 0}
        unknown = [r for r in refs if r not in bad]
        if unknown:
            problems.append(Problem(
                "refs",
                f"{'、'.join(unknown)} 不是该企业在{data.on.isoformat()}有效的扣分信用记录",
            ))  # fmt: skip
    existing = decision_of(session, company.uuid, date.max)
    if existing is not None:
        problems.append(Problem("company", f"该企业已有清出市场决定：{decision_text(existing)}"))
    if problems:
        raise InputError(problems, where=f"物业企业“{company.name}”清出市场")
    assert data.on is not None
    row = MarketDecision(company_uuid=company.uuid, on=data.on, body=data.body.strip(),
                         doc_no=data.doc_no.strip(), grounds=data.grounds.strip(),
                         ground_refs=" ".join(refs))  # fmt: skip
    session.add(row)
    company.market_status = MarketStatus.REMOVED.value
    session.flush()
    return row.uuid
