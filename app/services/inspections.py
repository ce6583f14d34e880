"""督查 (附件3 二(一)) for the CLI and the window: record a visit (date, kind, inspectors,
estates visited, findings), each finding opening a Problem (source 督查) with its responsible
office or unit; the office a finding is addressed to reports its 整改反馈 (its own row); the
inspecting office accepts it, which moves the problem to 已整改 through the problem's own flow
(`app.services.problems.transition`), then 销号 as any problem.

The visit record prints through the notice engine from the shipped template 督查记录."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.codes import OrgLevel, ProblemCategory, ProblemSource, ProblemStatus
from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Estate, Inspection, InspectionFeedback, InspectionFinding, Org
from app.models import Problem as ProblemRow
from app.rules.deadlines import not_in_future
from app.rules.inspections import FINDING_FORMAT, KINDS, STATE_LABELS, finding_state
from app.rules.official import chinese_date
from app.services.record_ids import INSPECTIONS, next_number

# 无明确时限要求的，原则上1周内办结 (附件3 二(二)1).
DEFAULT_TERM = timedelta(days=7)


@dataclass
class FindingIn:
    description: str = ""
    responsible: str = ""  # an office below (its division code) or a unit's name
    community_code: str = ""  # where; may be left empty when the estate or office says it
    estate: str = ""  # an estate's name, optional
    deadline: date | None = None  # default: a week after the visit
    category: str = ProblemCategory.OTHER.value


def finding_from_line(text: str, n: int = 1) -> FindingIn:
    """`描述|责任单位|社区代码或小区|时限` (the last two optional) as a FindingIn; InputError
    saying the format otherwise."""
    parts = [p.strip() for p in text.replace("｜", "|").split("|")]
    if not 2 <= len(parts) <= 4:
        raise InputError(Issue("findings", f"第{n}条发现问题的格式应为 {FINDING_FORMAT}：{text}"))
    found = FindingIn(parts[0], parts[1])
    where = parts[2] if len(parts) > 2 else ""
    if where.isdigit():
        found.community_code = where
    else:
        found.estate = where
    if len(parts) > 3 and parts[3]:
        try:
            found.deadline = date.fromisoformat(parts[3])
        except ValueError:
            said = f"第{n}条发现问题的整改时限应写成 YYYY-MM-DD：{parts[3]}"
            raise InputError(Issue("findings", said)) from None
    return found


@dataclass
class InspectionIn:
    visited_on: date | None = None
    kind: str = KINDS[0]
    inspectors: str = ""
    estates: list[str] = field(default_factory=list)  # names of the estates visited
    summary: str = ""
    findings: list[FindingIn] = field(default_factory=list)


@dataclass(frozen=True)
class FeedbackView:
    uuid: str
    office: str
    reported_on: date
    measures: str
    evidence: str


@dataclass(frozen=True)
class FindingView:
    uuid: str
    description: str
    community_code: str
    estate_name: str
    responsible_unit: str
    to_office: str | None
    deadline: date
    problem_uuid: str | None
    problem_number: str
    problem_status: str | None
    state: str
    feedback: tuple[FeedbackView, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid,
            "description": self.description,
            "community_code": self.community_code,
            "estate": self.estate_name,
            "responsible_unit": self.responsible_unit,
            "to_office": self.to_office,
            "deadline": self.deadline.isoformat(),
            "problem": self.problem_uuid,
            "problem_number": self.problem_number,
            "state": self.state,
            "state_label": STATE_LABELS[self.state],
            "feedback": [
                {"id": f.uuid, "office": f.office, "reported_on": f.reported_on.isoformat(),
                 "measures": f.measures, "evidence": f.evidence}
                for f in self.feedback
            ],
        }  # fmt: skip


@dataclass(frozen=True)
class InspectionView:
    uuid: str
    number: str
    visited_on: date
    kind: str
    inspectors: str
    estates: str
    summary: str
    origin: str
    findings: tuple[FindingView, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid,
            "number": self.number,
            "visited_on": self.visited_on.isoformat(),
            "kind": self.kind,
            "inspectors": self.inspectors,
            "estates": self.estates,
            "summary": self.summary,
            "inspector_office": self.origin,
            "findings": [f.as_dict() for f in self.findings],
        }


def add_inspection(session: Session, data: InspectionIn, *, today: date | None = None) -> str:
    """Record a visit and open a problem for each finding; every input problem is reported at
    once and nothing is written then."""
    from app.services.problems import ProblemIn, create_problem

    issues: list[Issue] = []
    if data.visited_on is None:
        issues.append(Issue("visited_on", "请填写督查日期"))
    else:
        issues += not_in_future("visited_on", "督查日期", data.visited_on, today or date.today())
    if data.kind.strip() not in KINDS:
        issues.append(Issue("kind", f"督查方式应为{'、'.join(KINDS)}之一"))
    if not data.inspectors.strip():
        issues.append(Issue("inspectors", "请填写督查人员"))
    estates = [e.strip() for e in data.estates if e.strip()]
    for name in estates:
        if _estate(session, name) is None:
            issues.append(Issue("estates", f"找不到本辖区内的小区：{name}"))
    placed = [_place(session, i + 1, f, data.visited_on, issues)
              for i, f in enumerate(data.findings)]  # fmt: skip
    if issues:
        raise InputError(issues)
    assert data.visited_on is not None
    row = Inspection(
        number=next_number(session, INSPECTIONS, data.visited_on.year),
        visited_on=data.visited_on,
        kind=data.kind.strip(),
        inspectors=data.inspectors.strip(),
        estates="、".join(estates),
        summary=data.summary.strip(),
    )
    session.add(row)
    session.flush()
    for order, (finding, place) in enumerate(zip(data.findings, placed, strict=True)):
        assert place is not None
        community, estate_uuid, estate_name, unit, to_office, deadline = place
        problem = create_problem(session, ProblemIn(
            source=ProblemSource.SUPERVISION.value, category=finding.category,
            community_code=community, estate_uuid=estate_uuid,
            description=finding.description.strip(), found_on=data.visited_on,
            responsible_unit=unit, deadline=deadline,
        ))  # fmt: skip
        session.add(InspectionFinding(
            inspection_uuid=row.uuid, sort_order=order, description=finding.description.strip(),
            community_code=community, estate_name=estate_name, responsible_unit=unit,
            to_office=to_office, deadline=deadline, problem_uuid=problem,
        ))  # fmt: skip
    session.flush()
    return row.uuid


def _place(
    session: Session, n: int, f: FindingIn, visited_on: date | None, issues: list[Issue]
) -> tuple[str, str | None, str, str, str | None, date] | None:
    """Where finding n lies and whose it is, or None with its issues added."""
    from app.services.known_units import canonical_unit
    from app.services.offices import office_below

    before = len(issues)
    what = f"第{n}条发现问题"
    if not f.description.strip():
        issues.append(Issue("findings", f"{what}：请填写问题描述"))
    if ProblemCategory.from_text(f.category) is None:
        issues.append(Issue("findings", f"{what}：问题类别不对：{f.category}"))
    community, estate_uuid, estate_name = f.community_code.strip(), None, ""
    if f.estate.strip():
        estate = _estate(session, f.estate.strip())
        if estate is None:
            issues.append(Issue("findings", f"{what}：找不到本辖区内的小区：{f.estate.strip()}"))
        else:
            estate_uuid, estate_name = estate.uuid, estate.name
            community = community or estate.community_code
    responsible, to_office, unit = f.responsible.strip(), None, ""
    if not responsible:
        issues.append(Issue("findings", f"{what}：请填写责任单位（下级单位的区划代码或单位名称）"))
    elif responsible.isdigit():
        said: list[Issue] = []
        unit = office_below(session, responsible, said) or ""
        issues += [Issue("findings", f"{what}：{i.message}") for i in said]
        to_office = responsible if unit else None
        if unit and not community and _level(session, responsible) == OrgLevel.COMMUNITY:
            community = responsible
    else:
        unit = canonical_unit(session, responsible).name
    if not community:
        issues.append(Issue("findings", f"{what}：请写明所在社区或小区"))
    elif _level(session, community) != OrgLevel.COMMUNITY:
        issues.append(Issue("findings", f"{what}：找不到本辖区内的社区：{community}"))
    deadline = f.deadline or ((visited_on + DEFAULT_TERM) if visited_on else None)
    if visited_on is not None and deadline is not None and deadline < visited_on:
        issues.append(Issue("findings", f"{what}：整改时限不能早于督查日期"))
    if len(issues) > before or deadline is None:
        return None
    return community, estate_uuid, estate_name, unit, to_office, deadline


def _estate(session: Session, typed: str) -> Estate | None:
    from app.services.offices import subtree_codes

    return session.scalars(
        select(Estate).where(
            (Estate.name == typed) | (Estate.uuid == typed),
            Estate.deleted.is_(False),
            Estate.community_code.in_(subtree_codes(session)),
        )
    ).first()


def _level(session: Session, code: str) -> str | None:
    from app.services.offices import subtree_codes

    return session.scalar(
        select(Org.level).where(Org.code == code, Org.code.in_(subtree_codes(session)))
    )


def add_feedback(
    session: Session,
    finding_uuid: str,
    *,
    on: date,
    measures: str,
    evidence: str = "",
    today: date | None = None,
) -> str:
    """整改反馈 by the office the finding is addressed to: its own row (办理结果以书面形式上报)."""
    from app.services.offices import current_office

    finding = _finding(session, finding_uuid)
    if finding.to_office != current_office(session).code:
        said = "这条督查发现的问题不是交给本单位整改的，不能由本单位反馈"
        raise InputError(Issue("feedback", said))
    issues = []
    if not measures.strip():
        issues.append(Issue("measures", "请填写整改措施和结果"))
    visited = session.scalar(
        select(Inspection.visited_on).where(Inspection.uuid == finding.inspection_uuid)
    )
    if visited is not None and on < visited:
        issues.append(Issue("reported_on", "反馈日期不能早于督查日期"))
    issues += not_in_future("reported_on", "反馈日期", on, today or date.today())
    if issues:
        raise InputError(issues)
    row = InspectionFeedback(finding_uuid=finding.uuid, reported_on=on,
                             measures=measures.strip(), evidence=evidence.strip())  # fmt: skip
    session.add(row)
    session.flush()
    return row.uuid


def accept_feedback(
    session: Session, feedback_uuid: str, *, on: date, who: str | None = None,
    today: date | None = None,
) -> None:  # fmt: skip
    """The inspecting office accepts a 整改反馈: its problem moves to 已整改 on `on`, with the
    feedback's measures and evidence on the problem, ready for 销号."""
    from app.services.offices import current_office
    from app.services.problems import transition

    feedback = session.get(InspectionFeedback, feedback_uuid)
    if feedback is None or feedback.deleted:
        raise NotFound("整改反馈", feedback_uuid)
    finding = _finding(session, feedback.finding_uuid)
    inspection = session.get(Inspection, finding.inspection_uuid)
    if inspection is None or inspection.origin != current_office(session).code:
        raise InputError(Issue("feedback", "这次督查不是本单位组织的，不能采纳它的整改反馈"))
    problem = session.get(ProblemRow, finding.problem_uuid) if finding.problem_uuid else None
    if problem is None:
        raise NotFound("督查问题", finding.problem_uuid or finding.uuid)
    if on < feedback.reported_on:
        raise InputError(Issue("accepted_on", "采纳日期不能早于反馈日期"))
    when = datetime.combine(on, datetime.min.time())
    transition(session, problem.uuid, ProblemStatus.RECTIFIED.value, when=when, who=who,
               today=today)  # fmt: skip
    problem.measures = problem.measures or feedback.measures
    problem.evidence = feedback.evidence or feedback.measures
    session.flush()


def get_inspection(session: Session, uuid: str) -> InspectionView:
    row = session.get(Inspection, uuid)
    if row is None or row.deleted:
        raise NotFound("督查", uuid)
    findings = session.scalars(
        select(InspectionFinding)
        .where(InspectionFinding.inspection_uuid == uuid, InspectionFinding.deleted.is_(False))
        .order_by(InspectionFinding.sort_order)
    ).all()
    views = []
    for f in findings:
        problem = session.get(ProblemRow, f.problem_uuid) if f.problem_uuid else None
        feedback = tuple(
            FeedbackView(b.uuid, b.origin, b.reported_on, b.measures, b.evidence)
            for b in session.scalars(
                select(InspectionFeedback)
                .where(InspectionFeedback.finding_uuid == f.uuid,
                       InspectionFeedback.deleted.is_(False))
                .order_by(InspectionFeedback.reported_on, InspectionFeedback.seq)
            )
        )  # fmt: skip
        status = problem.status if problem is not None else None
        views.append(FindingView(
            f.uuid, f.description, f.community_code, f.estate_name, f.responsible_unit,
            f.to_office, f.deadline, f.problem_uuid, (problem.number or "") if problem else "",
            status, finding_state(status, len(feedback)), feedback,
        ))  # fmt: skip
    return InspectionView(row.uuid, row.number or "", row.visited_on, row.kind, row.inspectors,
                          row.estates, row.summary, row.origin, tuple(views))  # fmt: skip


def inspection_list(session: Session, *, limit: int = 200) -> list[InspectionView]:
    """Visits this office holds (its own, and those received from above), newest first."""
    uuids = session.scalars(
        select(Inspection.uuid)
        .where(Inspection.deleted.is_(False))
        .order_by(Inspection.visited_on.desc(), Inspection.number.desc(), Inspection.uuid)
        .limit(limit)
    ).all()
    return [get_inspection(session, u) for u in uuids]


def open_findings_count(session: Session) -> int:
    """Findings addressed to this office still waiting for its 整改反馈 (what it owes)."""
    from app.services.offices import current_office

    me = current_office(session).code
    answered = select(InspectionFeedback.finding_uuid).where(InspectionFeedback.deleted.is_(False))
    return int(session.scalar(
        select(func.count()).select_from(InspectionFinding).where(
            InspectionFinding.to_office == me, InspectionFinding.deleted.is_(False),
            InspectionFinding.uuid.not_in(answered),
        )
    ) or 0)  # fmt: skip


def inspection_record_fields(session: Session, uuid: str) -> dict[str, str]:
    """The values of the shipped 督查记录 template (resources/templates/督查记录.txt)."""
    from app.services.offices import current_office

    view = get_inspection(session, uuid)
    lines = [
        f"{n}. {f.description}（{f.estate_name or f.community_code}；"
        f"责任单位：{f.responsible_unit}；整改时限：{chinese_date(f.deadline)}；"
        f"问题编号：{f.problem_number or '—'}；"
        f"{STATE_LABELS[f.state]}）"
        for n, f in enumerate(view.findings, 1)
    ]
    return {
        "number": view.number,
        "visit_date": chinese_date(view.visited_on),
        "kind": view.kind,
        "inspectors": view.inspectors,
        "estates": view.estates or "（未列明）",
        "summary": view.summary or "（无）",
        "findings": "\n".join(lines) or "未发现问题。",
        "organizer": current_office(session).name,
    }


def _finding(session: Session, uuid: str) -> InspectionFinding:
    row = session.get(InspectionFinding, uuid)
    if row is None or row.deleted:
        raise NotFound("督查发现的问题", uuid)
    return row
