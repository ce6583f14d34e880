"""A committee's 履职清单 (what it did) and 负面清单 (its breaches and how each was handled:
提醒, 约谈, 责令整改, 罢免建议), task 4. One service for the form, the Excel import and the CLI;
problems are addressed by field like every other save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select, true
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, MemberRole, NegativeMeasure
from app.errors import InputError, NotFound, Problem
from app.models import Committee, CommitteeMember, DutyRecord, Estate, NegativeRecord, Org
from app.services.offices import in_subtree


@dataclass
class DutyIn:
    committee_uuid: str = ""
    on: date | None = None
    category: str = ""
    content: str = ""


@dataclass
class NegativeIn:
    committee_uuid: str = ""
    on: date | None = None
    category: str = ""
    content: str = ""
    member_uuid: str | None = None  # the member in breach; None: the committee as a whole
    measure: str | None = None  # NegativeMeasure; None while not yet handled
    handled_on: date | None = None
    handling: str = ""  # what was done, in words


def _common_problems(
    session: Session, committee_uuid: str, on: date | None, category: str, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    found = session.scalar(
        select(Committee.uuid)
        .join(Estate, and_(Estate.uuid == Committee.estate_uuid, Estate.deleted.is_(False)))
        .where(
            Committee.uuid == committee_uuid,
            Committee.deleted.is_(False),
            in_subtree(session, Estate.community_code),
        )
    )
    if not found:
        problems.append(Problem("committee_uuid", "请选择本辖区内的委员会"))
    if on is None:
        problems.append(Problem("on", "日期不能为空"))
    elif on > today:
        problems.append(Problem("on", "日期不能晚于今天"))
    if not category.strip():
        problems.append(Problem("category", "类别不能为空"))
    return problems


def duty_problems(session: Session, data: DutyIn, *, today: date) -> list[Problem]:
    return _common_problems(session, data.committee_uuid, data.on, data.category, today)


def negative_problems(session: Session, data: NegativeIn, *, today: date) -> list[Problem]:
    problems = _common_problems(session, data.committee_uuid, data.on, data.category, today)
    if data.member_uuid:
        member = session.get(CommitteeMember, data.member_uuid)
        if member is None or member.deleted or member.committee_uuid != data.committee_uuid:
            problems.append(Problem("member_uuid", "该成员不属于这个委员会"))
    if data.measure and NegativeMeasure.from_text(data.measure) is None:
        labels = "、".join(m.label for m in NegativeMeasure)
        problems.append(Problem("measure", f"处理方式应为{labels}之一"))
    if data.handled_on and not data.measure:
        problems.append(Problem("measure", "填写了处理日期，请选择处理方式"))
    if data.handled_on and data.on and data.handled_on < data.on:
        problems.append(Problem("handled_on", "处理日期不能早于发生日期"))
    if data.handled_on and data.handled_on > today:
        problems.append(Problem("handled_on", "处理日期不能晚于今天"))
    return problems


def save_duty(session: Session, uuid: str | None, data: DutyIn, *, today: date) -> str:
    if problems := duty_problems(session, data, today=today):
        raise InputError(problems)
    row = DutyRecord() if uuid is None else session.get(DutyRecord, uuid)
    if row is None:
        raise NotFound("履职记录", uuid or "")
    if uuid is None:
        session.add(row)
    row.committee_uuid, row.on = data.committee_uuid, data.on  # type: ignore[assignment]
    row.category, row.content = data.category.strip(), data.content.strip()
    session.flush()
    return row.uuid


def save_negative(session: Session, uuid: str | None, data: NegativeIn, *, today: date) -> str:
    if problems := negative_problems(session, data, today=today):
        raise InputError(problems)
    row = NegativeRecord() if uuid is None else session.get(NegativeRecord, uuid)
    if row is None:
        raise NotFound("负面清单记录", uuid or "")
    if uuid is None:
        session.add(row)
    measure = NegativeMeasure.from_text(data.measure or "")
    row.committee_uuid, row.on = data.committee_uuid, data.on  # type: ignore[assignment]
    row.member_uuid = data.member_uuid or None
    row.category, row.content = data.category.strip(), data.content.strip()
    row.measure = str(measure) if measure else None
    row.handled_on, row.handling = data.handled_on, data.handling.strip()
    session.flush()
    return row.uuid


def get_duty(session: Session, uuid: str) -> DutyIn:
    row = session.get(DutyRecord, uuid)
    if row is None:
        raise NotFound("履职记录", uuid)
    return DutyIn(row.committee_uuid, row.on, row.category, row.content)


def get_negative(session: Session, uuid: str) -> NegativeIn:
    row = session.get(NegativeRecord, uuid)
    if row is None:
        raise NotFound("负面清单记录", uuid)
    return NegativeIn(row.committee_uuid, row.on, row.category, row.content, row.member_uuid,
                      row.measure, row.handled_on, row.handling)  # fmt: skip


def delete_record(
    session: Session, model: type[DutyRecord] | type[NegativeRecord], uuid: str
) -> None:
    row = session.get(model, uuid)
    if row is None:
        raise NotFound("记录", uuid)
    session.delete(row)
    session.flush()


PICKER_LIMIT = 50


def committee_choices(
    session: Session, text: str = "", limit: int = PICKER_LIMIT
) -> list[tuple[str, str]]:
    """(uuid, "社区 · 小区 第N届业主委员会") of the subtree's committees whose estate name
    contains `text`, newest term first: what a form's committee picker offers."""
    rows = session.execute(
        select(Committee.uuid, Org.name, Estate.name, Committee.term_number, Committee.kind)
        .join(Estate, and_(Estate.uuid == Committee.estate_uuid, Estate.deleted.is_(False)))
        .join(Org, Org.code == Estate.community_code)
        .where(
            Committee.deleted.is_(False),
            in_subtree(session, Estate.community_code),
            Estate.name.contains(text.strip()) if text.strip() else true(),
        )
        .order_by(Estate.name_key, Committee.term_number.desc())
        .limit(limit)
    ).all()
    return [
        (uuid, f"{community} · {estate} 第{term}届{CommitteeKind.label_of(kind)}")
        for uuid, community, estate, term, kind in rows
    ]


def member_choices(session: Session, committee_uuid: str) -> list[tuple[str, str]]:
    """The committee's members for the negative form's 涉及成员 (blank: the committee)."""
    rows = session.execute(
        select(CommitteeMember.uuid, CommitteeMember.name, CommitteeMember.role)
        .where(CommitteeMember.committee_uuid == committee_uuid, CommitteeMember.deleted.is_(False))
        .order_by(CommitteeMember.sort_order)
    ).all()
    return [(uuid, f"{name}（{MemberRole.label_of(role)}）") for uuid, name, role in rows]
