"""红色物业 records (task 10): 交叉任职 and 红色物业示范项目, one service for the form, the Excel
import and the CLI. Rules are in app/rules/red.py; the figures in app/services/red_figures.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import Session

from app.codes import CrossPostDirection, CrossPostSide, DemoLevel, DemoReviewResult
from app.errors import InputError, NotFound, Problem
from app.models import (
    CrossPost,
    DemonstrationProject,
    DemonstrationReview,
    Estate,
    PropertyCompany,
)
from app.rules.credit import CreditEntry, CreditScheme, signed_points
from app.rules.masking import mask_phone
from app.rules.phone import validate_phone
from app.rules.red import DemoState, anniversary, demonstration_state, review_years, serving_on
from app.rules.resident_id import validate_resident_id
from app.services.listing import Column, Listing, contains
from app.services.offices import in_subtree
from app.services.tombstones import tombstone

# -- 交叉任职 ---------------------------------------------------------------------------------


@dataclass
class CrossPostIn:
    estate_uuid: str
    person: str
    community_role: str  # 两委职务
    side: str  # CrossPostSide code or label
    post_role: str  # 业委会 / 企业职务
    since: date | None
    direction: str = CrossPostDirection.INTO_ESTATE.value
    company_uuid: str | None = None
    until: date | None = None
    phone: str = ""
    id_number: str = ""


def cross_post_values(
    session: Session, data: CrossPostIn, *, today: date
) -> tuple[list[Problem], dict[str, object]]:
    """Problems by field, and the values to store (phone and ID number normalised)."""
    problems: list[Problem] = []
    if not data.estate_uuid or session.get(Estate, data.estate_uuid) is None:
        problems.append(Problem("estate_uuid", "请选择小区"))
    if not data.person.strip():
        problems.append(Problem("person", "请填写姓名"))
    if not data.community_role.strip():
        problems.append(Problem("community_role", "请填写社区两委职务（如：社区党委委员）"))
    if not data.post_role.strip():
        problems.append(Problem("post_role", "请填写在业主委员会或物业企业的职务"))
    side = CrossPostSide.from_text(data.side)
    if side is None:
        problems.append(Problem("side", "任职单位应为：业主委员会 或 物业企业"))
    direction = CrossPostDirection.from_text(data.direction)
    if direction is None:
        problems.append(Problem("direction", "方向应为：两委成员进入 或 进入社区两委"))
    company = data.company_uuid or None
    if side == CrossPostSide.COMPANY:
        if company is None or session.get(PropertyCompany, company) is None:
            problems.append(Problem("company_uuid", "在物业企业任职，请选择物业企业"))
    else:
        company = None
    if data.since is None:
        problems.append(Problem("since", "请填写任职起始日期"))
    elif data.since > today:
        problems.append(Problem("since", "任职起始日期不能晚于今天"))
    if data.since is not None and data.until is not None and data.until < data.since:
        problems.append(Problem("until", "任职截止日期不能早于起始日期"))
    phone = validate_phone(data.phone) if data.phone.strip() else None
    if phone:
        problems += [Problem("phone", m) for m in phone.errors]
    ident = validate_resident_id(data.id_number, today) if data.id_number.strip() else None
    if ident:
        problems += [Problem("id_number", m) for m in ident.errors]
    values: dict[str, object] = {
        "estate_uuid": data.estate_uuid, "person": data.person.strip(),
        "community_role": data.community_role.strip(), "side": str(side or ""),
        "post_role": data.post_role.strip(), "direction": str(direction or ""),
        "company_uuid": company, "since": data.since, "until": data.until,
        "phone": phone.value if phone else "", "id_number": ident.value if ident else "",
    }  # fmt: skip
    return problems, values


def save_cross_post(
    session: Session, data: CrossPostIn, *, today: date, uuid: str | None = None
) -> tuple[str, str]:
    """Create (or edit `uuid`); a row of the same estate, person, side and start is updated,
    so a re-imported sheet never duplicates. Returns (uuid, created|updated|unchanged)."""
    problems, values = cross_post_values(session, data, today=today)
    if problems:
        raise InputError(problems, where=f"交叉任职“{data.person.strip()}”")
    if uuid is not None:
        row = session.get(CrossPost, uuid)
        if row is None:
            raise NotFound("交叉任职", uuid)
    else:
        row = session.scalar(
            select(CrossPost).where(
                CrossPost.estate_uuid == data.estate_uuid,
                CrossPost.person == values["person"],
                CrossPost.side == values["side"],
                CrossPost.since == data.since,
            )
        )
    from app.services.companies import upsert_row

    return upsert_row(session, row, CrossPost, values)


def get_cross_post(session: Session, uuid: str) -> CrossPostIn:
    row = session.get(CrossPost, uuid)
    if row is None:
        raise NotFound("交叉任职", uuid)
    return CrossPostIn(
        row.estate_uuid, row.person, row.community_role, row.side, row.post_role, row.since,
        row.direction, row.company_uuid, row.until, row.phone, row.id_number,
    )  # fmt: skip


def delete_cross_post(session: Session, uuid: str) -> None:
    tombstone(session, CrossPost, uuid, "交叉任职")


@dataclass(frozen=True)
class CrossPostLine:
    uuid: str
    estate: str
    person: str
    phone: str  # masked
    direction: str  # label
    community_role: str
    side: str  # label
    post_role: str
    company: str
    since: date
    until: date | None
    serving: bool  # on the day asked about

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid, "estate": self.estate, "person": self.person, "phone": self.phone,
            "direction": self.direction, "community_role": self.community_role,
            "side": self.side, "post_role": self.post_role, "company": self.company,
            "since": self.since.isoformat(),
            "until": self.until.isoformat() if self.until else None, "serving": self.serving,
        }  # fmt: skip


def cross_post_lines(
    session: Session, today: date, *, estate_uuid: str | None = None, serving_only: bool = False
) -> list[CrossPostLine]:
    """This office's 交叉任职 records, by estate and person; phones masked (a list)."""
    stmt = (
        select(CrossPost, Estate.name, PropertyCompany.name)
        .join(Estate, Estate.uuid == CrossPost.estate_uuid)
        .outerjoin(PropertyCompany, PropertyCompany.uuid == CrossPost.company_uuid)
        .where(CrossPost.deleted.is_(False), in_subtree(session, Estate.community_code))
        .order_by(Estate.name, CrossPost.person, CrossPost.since)
    )
    if estate_uuid is not None:
        stmt = stmt.where(CrossPost.estate_uuid == estate_uuid)
    lines = []
    for row, estate, company in session.execute(stmt):
        serving = serving_on(row.since, row.until, today)
        if serving_only and not serving:
            continue
        lines.append(CrossPostLine(
            row.uuid, estate, row.person, mask_phone(row.phone) if row.phone else "",
            CrossPostDirection.label_of(row.direction), row.community_role,
            CrossPostSide.label_of(row.side), row.post_role, company or "", row.since,
            row.until, serving,
        ))  # fmt: skip
    return lines


# -- 红色物业示范项目 ---------------------------------------------------------------------------


@dataclass
class DemonstrationIn:
    estate_uuid: str
    company_uuid: str
    level: str  # DemoLevel code or label
    named_on: date | None
    named_by: str = ""
    revoked_on: date | None = None


def save_demonstration(
    session: Session, data: DemonstrationIn, *, today: date, uuid: str | None = None
) -> str:
    problems: list[Problem] = []
    if not data.estate_uuid or session.get(Estate, data.estate_uuid) is None:
        problems.append(Problem("estate_uuid", "请选择小区"))
    if not data.company_uuid or session.get(PropertyCompany, data.company_uuid) is None:
        problems.append(Problem("company_uuid", "请选择物业企业"))
    level = DemoLevel.from_text(data.level)
    if level is None:
        problems.append(Problem("level", "命名级别应为：市级、区级 或 街道级"))
    if data.named_on is None:
        problems.append(Problem("named_on", "请填写命名日期"))
    elif data.named_on > today:
        problems.append(Problem("named_on", "命名日期不能晚于今天"))
    if data.named_on and data.revoked_on and data.revoked_on <= data.named_on:
        problems.append(Problem("revoked_on", "撤销日期应晚于命名日期"))
    if problems:
        raise InputError(problems, where="红色物业示范项目")
    values = {
        "estate_uuid": data.estate_uuid, "company_uuid": data.company_uuid,
        "level": str(level), "named_on": data.named_on, "named_by": data.named_by.strip(),
        "revoked_on": data.revoked_on,
    }  # fmt: skip
    if uuid is None:
        row = DemonstrationProject(**values)
        session.add(row)
    else:
        found = session.get(DemonstrationProject, uuid)
        if found is None:
            raise NotFound("红色物业示范项目", uuid)
        row = found
        for k, v in values.items():
            setattr(row, k, v)
    session.flush()
    return row.uuid


def get_demonstration(session: Session, uuid: str) -> DemonstrationIn:
    row = session.get(DemonstrationProject, uuid)
    if row is None:
        raise NotFound("红色物业示范项目", uuid)
    return DemonstrationIn(row.estate_uuid, row.company_uuid, row.level, row.named_on,
                           row.named_by, row.revoked_on)  # fmt: skip


def add_review(
    session: Session, project_uuid: str, on: date | None, result: str, note: str = "",
    *, today: date,
) -> str:  # fmt: skip
    """Record one review (复核); 不合格 revokes the project from that day (app/rules/red.py)."""
    project = session.get(DemonstrationProject, project_uuid)
    if project is None or project.deleted:
        raise NotFound("红色物业示范项目", project_uuid)
    problems: list[Problem] = []
    code = DemoReviewResult.from_text(result)
    if code is None:
        problems.append(Problem("result", "复核结果应为：合格、限期整改 或 不合格"))
    if on is None:
        problems.append(Problem("on", "请填写复核日期"))
    elif on < project.named_on:
        problems.append(Problem("on", "复核日期不能早于命名日期"))
    elif on > today:
        problems.append(Problem("on", "复核日期不能晚于今天"))
    if problems:
        raise InputError(problems, where="示范项目复核")
    review = DemonstrationReview(project_uuid=project_uuid, on=on, result=str(code),
                                 note=note.strip())  # fmt: skip
    session.add(review)
    session.flush()
    return review.uuid


def _reviews(session: Session, project_uuids: list[str]) -> dict[str, list[DemonstrationReview]]:
    found: dict[str, list[DemonstrationReview]] = {u: [] for u in project_uuids}
    for r in session.scalars(
        select(DemonstrationReview)
        .where(DemonstrationReview.deleted.is_(False),
               DemonstrationReview.project_uuid.in_(project_uuids))
        .order_by(DemonstrationReview.on)
    ):  # fmt: skip
        found[r.project_uuid].append(r)
    return found


def state_of(
    project: DemonstrationProject, reviews: list[DemonstrationReview], day: date
) -> DemoState:
    return demonstration_state(
        project.named_on, project.revoked_on,
        [(r.on, r.result == DemoReviewResult.FAILED) for r in reviews], day,
    )  # fmt: skip


@dataclass(frozen=True)
class DemonstrationLine:
    uuid: str
    estate: str
    company: str
    level: str  # label
    named_on: date
    named_by: str
    reviews: tuple[tuple[date, str], ...]  # (day, result label)
    state: DemoState

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid, "estate": self.estate, "company": self.company,
            "level": self.level, "named_on": self.named_on.isoformat(),
            "named_by": self.named_by,
            "reviews": [{"date": d.isoformat(), "result": r} for d, r in self.reviews],
            "valid": self.state.valid,
            "revoked_on": self.state.revoked_on.isoformat() if self.state.revoked_on else None,
            "review_due": self.state.review_due.isoformat(),
        }  # fmt: skip

    @property
    def status(self) -> str:
        if self.state.valid:
            return "有效"
        return "已撤销" if self.state.revoked_on else "未生效"


def demonstration_lines(
    session: Session, today: date, *, company_uuid: str | None = None
) -> list[DemonstrationLine]:
    stmt = (
        select(DemonstrationProject, Estate.name, PropertyCompany.name)
        .join(Estate, Estate.uuid == DemonstrationProject.estate_uuid)
        .join(PropertyCompany, PropertyCompany.uuid == DemonstrationProject.company_uuid)
        .where(DemonstrationProject.deleted.is_(False))
        .order_by(DemonstrationProject.named_on.desc(), Estate.name)
    )
    if company_uuid is not None:
        stmt = stmt.where(DemonstrationProject.company_uuid == company_uuid)
    else:
        stmt = stmt.where(in_subtree(session, Estate.community_code))
    rows = session.execute(stmt).all()
    reviews = _reviews(session, [p.uuid for p, _e, _c in rows])
    return [
        DemonstrationLine(
            p.uuid, estate, company, DemoLevel.label_of(p.level), p.named_on, p.named_by,
            tuple((r.on, DemoReviewResult.label_of(r.result)) for r in reviews[p.uuid]),
            state_of(p, reviews[p.uuid], today),
        )
        for p, estate, company in rows
    ]  # fmt: skip


def demonstration_entries(
    session: Session, company: PropertyCompany, today: date, scheme: CreditScheme
) -> list[CreditEntry]:
    """示范项目 as good credit items of the company while valid: each dated on its naming (or
    its last passed review, which renews it), counted until its next review falls due (the
    review interval, `review_years()`: the day before that anniversary) or the day before its
    revocation, whichever is first."""
    entries = []
    for line in demonstration_lines(session, today, company_uuid=company.uuid):
        passed = [d for d, r in line.reviews if d <= today and r == DemoReviewResult.PASSED.label]
        on = max([line.named_on, *passed])
        if line.state.revoked_on is not None and line.state.revoked_on <= on:
            on = line.named_on
        last = anniversary(on, review_years()) - timedelta(days=1)
        if line.state.revoked_on is not None:
            last = min(last, line.state.revoked_on - timedelta(days=1))
        if last < on:
            continue
        entries.append(CreditEntry(
            on, "demonstration", signed_points(scheme.kinds["demonstration"], None),
            f"{line.level}红色物业示范项目：{line.estate}（{line.named_by or '命名'}，"
            f"{line.named_on.isoformat()}）", last, True, line.uuid,
        ))  # fmt: skip
    return entries


# -- the window's list of 示范项目 --------------------------------------------------------------
def _demonstration_base(session: Session) -> Select[tuple[str]]:
    return (
        select(DemonstrationProject.uuid)
        .join(Estate, Estate.uuid == DemonstrationProject.estate_uuid)
        .join(PropertyCompany, PropertyCompany.uuid == DemonstrationProject.company_uuid)
        .where(in_subtree(session, Estate.community_code), DemonstrationProject.deleted.is_(False))
    )


def _last_review(column: Any) -> ColumnElement[Any]:
    return (
        select(column)
        .where(DemonstrationReview.project_uuid == DemonstrationProject.uuid,
               DemonstrationReview.deleted.is_(False))
        .order_by(DemonstrationReview.on.desc(), DemonstrationReview.seq.desc())
        .limit(1)
        .scalar_subquery()
    )  # fmt: skip


def _revoked() -> ColumnElement[Any]:
    """The day it stopped counting: by hand, or the first 不合格 review (app/rules/red.py)."""
    failed = (
        select(func.min(DemonstrationReview.on))
        .where(DemonstrationReview.project_uuid == DemonstrationProject.uuid,
               DemonstrationReview.deleted.is_(False),
               DemonstrationReview.result == DemoReviewResult.FAILED)
        .scalar_subquery()
    )  # fmt: skip
    hand = DemonstrationProject.revoked_on
    return case((and_(hand.is_not(None), failed < hand), failed), else_=func.coalesce(hand, failed))


def _revoked_display(day: Any) -> str:
    return f"已撤销（{day}起）" if day else "有效"


DEMONSTRATION_LIST = Listing(
    base=_demonstration_base,
    uuid=DemonstrationProject.uuid,
    columns=[
        Column("estate", Estate.name, nullable=False, sort=Estate.name_key),
        Column("company", PropertyCompany.name, nullable=False, sort=PropertyCompany.name_key),
        Column("level", DemonstrationProject.level, display=DemoLevel.label_of, nullable=False),
        Column("named_on", DemonstrationProject.named_on, nullable=False),
        Column("named_by", DemonstrationProject.named_by, nullable=False),
        Column("last_review_on", _last_review(DemonstrationReview.on)),
        Column(
            "last_review",
            _last_review(DemonstrationReview.result),
            display=DemoReviewResult.label_of,
        ),
        Column("revoked_on", _revoked(), display=_revoked_display),
    ],
    search=contains(Estate.name, PropertyCompany.name, DemonstrationProject.named_by),
    default_sort="named_on",
)


def delete_demonstration(session: Session, uuid: str) -> None:
    tombstone(session, DemonstrationProject, uuid, "红色物业示范项目")
