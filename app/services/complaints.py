"""Complaints (投诉, task 3): intake, response and closure times, the satisfaction call-back,
and the list. A complaint that shows a problem opens one (problems.draft_from_complaint)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.codes import ComplaintChannel, OrgLevel, ProblemCategory, Satisfaction
from app.db.sync import as_seen
from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Complaint, Estate, Org, PropertyCompany
from app.rules.phone import validate_phone
from app.services.complaint_times import TIMES_TEXT, lateness_text, open_late
from app.services.listing import Column, Listing, contains
from app.services.offices import in_subtree, office_tally, subtree_codes


@dataclass
class ComplaintIn:
    channel: str = ComplaintChannel.PHONE.value
    complainant_name: str = ""
    complainant_phone: str = ""
    community_code: str = ""
    estate_uuid: str | None = None
    company_uuid: str | None = None
    category: str = ProblemCategory.OTHER.value
    content: str = ""
    received_at: datetime | None = None
    first_response_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str = ""
    callback_on: date | None = None
    satisfaction: str = ""


FIELDS = tuple(f.name for f in fields(ComplaintIn))


def complaint_problems(session: Session, data: ComplaintIn) -> list[Issue]:
    issues: list[Issue] = []
    if ComplaintChannel.from_text(data.channel) is None:
        issues.append(Issue("channel", "请选择投诉渠道"))
    if ProblemCategory.from_text(data.category) is None:
        issues.append(Issue("category", "请选择投诉类别"))
    if not data.content.strip():
        issues.append(Issue("content", "投诉内容不能为空"))
    if data.complainant_phone.strip():
        checked = validate_phone(data.complainant_phone)
        issues += [Issue("complainant_phone", m) for m in checked.errors]
    if data.received_at is None:
        issues.append(Issue("received_at", "请填写受理时间"))
    else:
        for key, what in (("first_response_at", "首次响应时间"), ("closed_at", "办结时间")):
            value = getattr(data, key)
            if value is not None and value < data.received_at:
                issues.append(Issue(key, f"{what}不能早于受理时间"))
    if data.satisfaction and Satisfaction.from_text(data.satisfaction) is None:
        issues.append(Issue("satisfaction", "满意度应为满意、基本满意或不满意"))
    if data.satisfaction and data.callback_on is None:
        issues.append(Issue("callback_on", "填写满意度时须填写回访日期"))
    in_scope = session.scalar(
        select(Org.code).where(
            Org.code == data.community_code,
            Org.level == OrgLevel.COMMUNITY,
            Org.code.in_(subtree_codes(session)),
        )
    )
    if not in_scope:
        issues.append(Issue("community_code", "请选择本辖区内的社区"))
    if data.estate_uuid and session.get(Estate, data.estate_uuid) is None:
        issues.append(Issue("estate_uuid", "找不到所选小区"))
    if data.company_uuid and session.get(PropertyCompany, data.company_uuid) is None:
        issues.append(Issue("company_uuid", "找不到所选物业企业"))
    return issues


def _clean(data: ComplaintIn) -> dict[str, object]:
    values = dict(vars(data))
    for key in ("complainant_name", "content", "outcome"):
        values[key] = str(values[key]).strip()
    if data.complainant_phone.strip():
        values["complainant_phone"] = validate_phone(data.complainant_phone).value
    values["channel"] = str(ComplaintChannel.from_text(data.channel))
    values["category"] = str(ProblemCategory.from_text(data.category))
    values["satisfaction"] = str(Satisfaction.from_text(data.satisfaction) or "")
    values["estate_uuid"] = data.estate_uuid or None
    values["company_uuid"] = data.company_uuid or None
    return values


def create_complaint(session: Session, data: ComplaintIn) -> str:
    if issues := complaint_problems(session, data):
        raise InputError(issues)
    row = Complaint(**_clean(data))
    session.add(row)
    session.flush()
    return row.uuid


def update_complaint(session: Session, uuid: str, data: ComplaintIn) -> None:
    row = _get(session, uuid)
    if issues := complaint_problems(session, data):
        raise InputError(issues)
    for key, value in _clean(data).items():
        setattr(row, key, value)
    session.flush()


def get_complaint(session: Session, uuid: str) -> ComplaintIn:
    row = _get(session, uuid)
    return ComplaintIn(
        **{key: as_seen(session, Complaint, key, getattr(row, key)) for key in FIELDS}
    )


def _get(session: Session, uuid: str) -> Complaint:
    row = session.get(Complaint, uuid)
    if row is None or row.deleted:
        raise NotFound("投诉", uuid)
    return row


def _base(session: Session) -> Select[tuple[str]]:
    return select(Complaint.uuid).where(in_subtree(session, Complaint.community_code))


def _stamp(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _open(flag: bool):  # type: ignore[no-untyped-def]
    return Complaint.closed_at.is_(None) if flag else Complaint.closed_at.is_not(None)


COMPLAINTS = Listing(
    base=_base,
    tally=office_tally(Complaint.__table__),  # type: ignore[arg-type]
    uuid=Complaint.uuid,
    columns=[
        Column("received_at", Complaint.received_at, display=_stamp, nullable=False),
        Column("channel", Complaint.channel, display=ComplaintChannel.label_of, nullable=False),
        Column("category", Complaint.category, display=ProblemCategory.label_of, nullable=False),
        Column("content", Complaint.content, nullable=False),
        Column(
            "estate",
            select(Estate.name).where(Estate.uuid == Complaint.estate_uuid).scalar_subquery(),
        ),
        Column("first_response_at", Complaint.first_response_at, display=_stamp),
        Column("closed_at", Complaint.closed_at, display=_stamp),
        Column("satisfaction", Complaint.satisfaction, display=Satisfaction.label_of),
        # 超时: response or closing past complaint_sla_days (app/services/complaint_times.py).
        Column("lateness", TIMES_TEXT, display=lateness_text, nullable=False),
    ],
    search=contains(Complaint.content, Complaint.outcome, index="complaint"),
    default_sort="received_at",
    filters={
        "estate": Complaint.estate_uuid,
        "community": Complaint.community_code,
        "company": Complaint.company_uuid,
        "channel": Complaint.channel,
        "category": Complaint.category,
        "open": _open,  # True: not closed yet
        "late_at": open_late,  # a moment: open complaints past a limit then
    },
)
