"""问题清单 (task 2): record a problem (by hand, or from a resolution, complaint or task),
move it 待整改 → 整改中 → 已整改 → 已销号 with who and when, list it with filters.

The link to the source is one column on the problem; `problems_of(source)` reads it back."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from app.codes import OrgLevel, ProblemCategory, ProblemSource, ProblemStatus
from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Complaint, Estate, JointMeeting, Org, PropertyCompany, Resolution, Task
from app.models import Problem as ProblemRow
from app.rules.deadlines import due_state, not_in_future
from app.rules.record_numbers import read_number
from app.rules.transitions import allowed_targets
from app.rules.workdays import WorkCalendar
from app.services import due
from app.services.listing import (
    Column,
    Listing,
    ListQuery,
    coded,
    contains,
    either,
    like_pattern,
)
from app.services.offices import in_subtree, office_tally, subtree_codes
from app.services.record_ids import PROBLEMS as NUMBERED_PROBLEMS
from app.services.record_ids import next_number
from app.services.status_moves import history, move_status

OPEN_STATES = (ProblemStatus.PENDING.value, ProblemStatus.IN_PROGRESS.value)
# A problem opened from a source without a deadline gets this long (a 督办-like default).
DEFAULT_TERM = timedelta(days=7)


@dataclass
class ProblemIn:
    """A problem as a form gives it; status and dates of closure move by `transition` only."""

    source: str = ProblemSource.INSPECTION.value
    category: str = ProblemCategory.OTHER.value
    community_code: str = ""
    estate_uuid: str | None = None
    description: str = ""
    found_on: date | None = None
    responsible_unit: str = ""
    responsible_person: str = ""
    deadline: date | None = None
    measures: str = ""
    public: bool = False
    resolution_uuid: str | None = None
    complaint_uuid: str | None = None
    task_uuid: str | None = None


FIELDS = tuple(f.name for f in fields(ProblemIn))
LINKS = ("resolution_uuid", "complaint_uuid", "task_uuid")


@dataclass(frozen=True)
class StatusStep:
    from_status: str
    to_status: str
    actor: str
    at: datetime
    reason: str


@dataclass(frozen=True)
class ProblemView:
    """A problem for a detail form: its fields, status, lateness today, source and history."""

    uuid: str
    data: ProblemIn
    status: str
    evidence: str
    rectified_on: date | None
    closed_on: date | None
    reopen_reason: str
    due: str  # one of app.rules.deadlines.DUE_STATES
    source_label: str  # “联席会议决议：…”, “投诉：…”, “督办：…”, or ""
    history: tuple[StatusStep, ...] = field(default=())
    number: str = ""  # 2026-0012

    @property
    def status_label(self) -> str:
        return ProblemStatus.label_of(self.status)


def problem_issues(session: Session, data: ProblemIn) -> list[Issue]:
    issues: list[Issue] = []
    if ProblemSource.from_text(data.source) is None:
        issues.append(Issue("source", "请选择问题来源"))
    if ProblemCategory.from_text(data.category) is None:
        issues.append(Issue("category", "请选择问题类别"))
    if not data.description.strip():
        issues.append(Issue("description", "问题描述不能为空"))
    if not data.responsible_unit.strip():
        issues.append(Issue("responsible_unit", "请填写责任单位"))
    if data.found_on is None:
        issues.append(Issue("found_on", "请填写发现日期"))
    if data.deadline is None:
        issues.append(Issue("deadline", "请填写整改时限"))
    elif data.found_on is not None and data.deadline < data.found_on:
        issues.append(Issue("deadline", "整改时限不能早于发现日期"))
    in_scope = session.scalar(
        select(Org.code).where(
            Org.code == data.community_code,
            Org.level == OrgLevel.COMMUNITY,
            Org.code.in_(subtree_codes(session)),
        )
    )
    if not in_scope:
        issues.append(Issue("community_code", "请选择本辖区内的社区"))
    if data.estate_uuid:
        estate_community = session.scalar(
            select(Estate.community_code).where(Estate.uuid == data.estate_uuid)
        )
        if estate_community is None:
            issues.append(Issue("estate_uuid", "找不到所选小区"))
        elif in_scope and estate_community != data.community_code:
            issues.append(Issue("estate_uuid", "所选小区不属于该社区"))
    linked = [key for key in LINKS if getattr(data, key)]
    if len(linked) > 1:
        issues.append(Issue("source", "一个问题只能来自一条决议、投诉或督办事项"))
    for key, model, what in (
        ("resolution_uuid", Resolution, "联席会议决议"),
        ("complaint_uuid", Complaint, "投诉"),
        ("task_uuid", Task, "督办事项"),
    ):
        value = getattr(data, key)
        if value and session.get(model, value) is None:
            issues.append(Issue(key, f"找不到来源{what}：{value}"))
    return issues


def _clean(data: ProblemIn) -> dict[str, object]:
    values = dict(vars(data))
    for key in ("description", "responsible_unit", "responsible_person", "measures"):
        values[key] = str(values[key]).strip()
    values["source"] = str(ProblemSource.from_text(data.source))
    values["category"] = str(ProblemCategory.from_text(data.category))
    for key in ("estate_uuid", *LINKS):
        values[key] = values[key] or None
    return values


def create_problem(session: Session, data: ProblemIn) -> str:
    if issues := problem_issues(session, data):
        raise InputError(issues)
    assert data.found_on is not None  # problem_issues requires it
    number = next_number(session, NUMBERED_PROBLEMS, data.found_on.year)
    row = ProblemRow(**_clean(data), number=number, status=ProblemStatus.PENDING.value)
    session.add(row)
    session.flush()
    return row.uuid


def update_problem(session: Session, uuid: str, data: ProblemIn) -> None:
    """Edit the problem's fields; its source link is fixed once made (the history depends on
    it), and its status moves only through `transition`."""
    row = _get(session, uuid)
    if issues := problem_issues(session, data):
        raise InputError(issues)
    if any(getattr(data, k) != getattr(row, k) for k in LINKS):
        raise InputError(Issue("source", "问题的来源记录不能更改"))
    for key, value in _clean(data).items():
        setattr(row, key, value)
    session.flush()


def transition(
    session: Session,
    uuid: str,
    target: str,
    *,
    when: datetime,
    who: str | None = None,
    evidence: str = "",
    reason: str = "",
    today: date | None = None,
) -> None:
    """Move the status. Closing (销号) needs evidence, given here or already on the record;
    moving back needs a reason; a move is not dated after `today` (default the clock's). On
    error nothing changes (the caller rolls back)."""
    row = _get(session, uuid)
    if issues := not_in_future("status", "状态变更日期", when.date(), today or date.today()):
        raise InputError(issues)
    evidence = evidence.strip() or (row.evidence if target == ProblemStatus.CLOSED else "")
    before = row.status
    move_status(session, row, target, when=when, who=who, reason=reason, evidence=evidence)
    day = when.date()
    if target == ProblemStatus.RECTIFIED:
        row.rectified_on = day
    elif target == ProblemStatus.CLOSED:
        row.evidence = evidence
        row.closed_on = day
    elif before in (ProblemStatus.RECTIFIED, ProblemStatus.CLOSED):  # 返工 or reopened
        row.reopen_reason = reason.strip()
        row.closed_on = None
        row.rectified_on = None
    session.flush()


def get_problem(session: Session, uuid: str, *, today: date, cal: WorkCalendar) -> ProblemView:
    row = _get(session, uuid)
    steps = tuple(
        StatusStep(c.from_status, c.to_status, c.actor, c.at, c.reason)
        for c in history(session, uuid)
    )
    return ProblemView(
        uuid=row.uuid,
        data=ProblemIn(**{key: getattr(row, key) for key in FIELDS}),
        status=row.status,
        evidence=row.evidence,
        rectified_on=row.rectified_on,
        closed_on=row.closed_on,
        reopen_reason=row.reopen_reason,
        due=due_state(row.deadline, _done_on(row), today, cal=cal),
        source_label=source_label(session, row),
        history=steps,
        number=row.number or "",
    )


def _done_on(row: ProblemRow) -> date | None:
    """None while open; 已整改/已销号 rows without a recorded day (imports) still count done."""
    if row.status in OPEN_STATES:
        return None
    return row.rectified_on or row.closed_on or row.deadline


def source_label(session: Session, row: ProblemRow) -> str:
    """Where the problem came from, as a person reads it."""
    if row.resolution_uuid:
        text = session.scalar(
            select(Resolution.content).where(Resolution.uuid == row.resolution_uuid)
        )
        return f"联席会议决议：{_short(text)}"
    if row.complaint_uuid:
        text = session.scalar(select(Complaint.content).where(Complaint.uuid == row.complaint_uuid))
        return f"投诉：{_short(text)}"
    if row.task_uuid:
        text = session.scalar(select(Task.title).where(Task.uuid == row.task_uuid))
        return f"督办：{_short(text)}"
    return ""


def _short(text: str | None, limit: int = 30) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems_of(session: Session, source_uuid: str) -> list[tuple[str, str, str]]:
    """(uuid, status, description) of the problems opened from a resolution, complaint or task."""
    rows = session.execute(
        select(ProblemRow.uuid, ProblemRow.status, ProblemRow.description)
        .where(
            or_(
                ProblemRow.resolution_uuid == source_uuid,
                ProblemRow.complaint_uuid == source_uuid,
                ProblemRow.task_uuid == source_uuid,
            )
        )
        .order_by(ProblemRow.found_on, ProblemRow.uuid)
    )
    return [(u, s, d) for u, s, d in rows]


def responsible_units(session: Session, text: str = "", limit: int = 50) -> list[str]:
    """Units named on problems, for the list's filter box and the form's completer."""
    stmt = select(ProblemRow.responsible_unit).where(in_subtree(session, ProblemRow.community_code))
    if text.strip():
        stmt = stmt.where(ProblemRow.responsible_unit.like(like_pattern(text.strip()), escape="\\"))
    stmt = stmt.group_by(ProblemRow.responsible_unit).order_by(ProblemRow.responsible_unit)
    return list(session.scalars(stmt.limit(limit)))


def allowed_moves(status: str) -> list[tuple[str, str]]:
    """(code, label) of the statuses a problem may move to now, for a form's buttons."""
    return [(to, ProblemStatus.label_of(to)) for to in allowed_targets("problem", status)]


# Drafts: a form opens prefilled from the source; the user completes it, then create_problem.


def draft_from_resolution(session: Session, resolution_uuid: str, *, today: date) -> ProblemIn:
    res = session.get(Resolution, resolution_uuid)
    if res is None:
        raise NotFound("联席会议决议", resolution_uuid)
    meeting = session.get(JointMeeting, res.meeting_uuid)
    assert meeting is not None
    return ProblemIn(
        source=ProblemSource.MEETING.value,
        community_code=meeting.community_code,
        estate_uuid=meeting.estate_uuid,
        description=res.content,
        found_on=meeting.held_on,
        responsible_unit=res.responsible_unit or res.responsible_party,
        deadline=res.deadline or max(today, meeting.held_on) + DEFAULT_TERM,
        resolution_uuid=res.uuid,
    )


def draft_from_complaint(session: Session, complaint_uuid: str, *, today: date) -> ProblemIn:
    c = session.get(Complaint, complaint_uuid)
    if c is None:
        raise NotFound("投诉", complaint_uuid)
    company = session.get(PropertyCompany, c.company_uuid) if c.company_uuid else None
    return ProblemIn(
        source=ProblemSource.COMPLAINT.value,
        category=c.category,
        community_code=c.community_code,
        estate_uuid=c.estate_uuid,
        description=c.content,
        found_on=c.received_at.date(),
        responsible_unit=company.name if company else "",
        deadline=max(today, c.received_at.date()) + DEFAULT_TERM,
        complaint_uuid=c.uuid,
    )


def draft_from_task(
    session: Session, task_uuid: str, *, community_code: str, today: date
) -> ProblemIn:
    task = session.get(Task, task_uuid)
    if task is None:
        raise NotFound("督办事项", task_uuid)
    return ProblemIn(
        source=ProblemSource.SUPERVISION.value,
        community_code=community_code,
        description=task.title,
        found_on=task.issued_on,
        responsible_unit=task.to_unit,
        deadline=task.deadline,
        task_uuid=task.uuid,
    )


@dataclass(frozen=True)
class ProblemLine:
    """One list row with its lateness on the day asked, for the CLI and exports."""

    uuid: str
    deadline: date
    status: str
    description: str
    responsible_unit: str
    estate: str
    community: str
    source: str
    due: str
    number: str = ""  # 2026-0012; "" for a row made before numbers (none after 0010)

    @property
    def status_label(self) -> str:
        return ProblemStatus.label_of(self.status)

    @property
    def due_label(self) -> str:
        return DUE_LABELS[self.due]

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid,
            "number": self.number,
            "deadline": self.deadline.isoformat(),
            "status": self.status,
            "status_label": self.status_label,
            "due": self.due,
            "description": self.description,
            "responsible_unit": self.responsible_unit,
            "estate": self.estate,
            "community": self.community,
            "source": self.source,
        }


DUE_LABELS = {
    "done": "已完成",
    "done_late": "逾期完成",
    "overdue": "逾期",
    "due_soon": "临期",
    "open": "未到期",
}


def problem_rows(
    session: Session, query: ListQuery, today: date, cal: WorkCalendar, *, limit: int = 200
) -> list[ProblemLine]:
    """The first `limit` rows of PROBLEMS for `query`, each with its lateness on `today`."""
    lines = []
    for row in PROBLEMS.page(session, query, limit=limit):
        v = dict(zip((c.key for c in PROBLEMS.columns), row.values, strict=True))
        done = None if v["status"] in OPEN_STATES else v["deadline"]
        lines.append(
            ProblemLine(row.uuid, v["deadline"], v["status"], v["description"],
                        v["responsible_unit"], v["estate"] or "", v["community"] or "",
                        v["source"], due_state(v["deadline"], done, today, cal=cal),
                        v["number"] or "")
        )  # fmt: skip
    return lines


def _get(session: Session, uuid: str) -> ProblemRow:
    row = session.get(ProblemRow, uuid)
    if row is None or row.deleted:
        raise NotFound("问题", uuid)
    return row


def _problem_base(session: Session) -> Select[tuple[str]]:
    return select(ProblemRow.uuid).where(in_subtree(session, ProblemRow.community_code))


ESTATE_NAME = select(Estate.name).where(Estate.uuid == ProblemRow.estate_uuid).scalar_subquery()
COMMUNITY_NAME = select(Org.name).where(Org.code == ProblemRow.community_code).scalar_subquery()


def _overdue_on(day: date):  # type: ignore[no-untyped-def]
    return due.overdue(ProblemRow.deadline, ProblemRow.status, OPEN_STATES, day)


def _due_soon(window: tuple[date, date]):  # type: ignore[no-untyped-def]
    return due.due_soon(ProblemRow.deadline, ProblemRow.status, OPEN_STATES, *window)


def _open(flag: bool):  # type: ignore[no-untyped-def]
    states = OPEN_STATES if flag else (ProblemStatus.RECTIFIED, ProblemStatus.CLOSED)
    return ProblemRow.status.in_(list(states))


PROBLEMS = Listing(
    base=_problem_base,
    tally=office_tally(ProblemRow.__table__),  # type: ignore[arg-type]
    uuid=ProblemRow.uuid,
    columns=[
        Column("deadline", ProblemRow.deadline, display=lambda d: d.isoformat(), nullable=False),
        Column("status", ProblemRow.status, display=ProblemStatus.label_of, nullable=False),
        Column("description", ProblemRow.description, nullable=False),
        Column("responsible_unit", ProblemRow.responsible_unit, nullable=False),
        Column("estate", ESTATE_NAME),
        Column("community", COMMUNITY_NAME),
        Column("source", ProblemRow.source, display=ProblemSource.label_of, nullable=False),
        Column("category", ProblemRow.category, display=ProblemCategory.label_of, nullable=False),
        Column("found_on", ProblemRow.found_on, display=lambda d: d.isoformat(), nullable=False),
        Column("number", ProblemRow.number),
    ],
    search=either(
        contains(
            ProblemRow.description,
            ProblemRow.responsible_unit,
            ProblemRow.measures,
            index="problem",
        ),
        coded(ProblemRow.number, read_number),
    ),
    default_sort="deadline",
    filters={
        "status": ProblemRow.status,
        "estate": ProblemRow.estate_uuid,
        "community": ProblemRow.community_code,
        "responsible_unit": ProblemRow.responsible_unit,
        "source": ProblemRow.source,
        "category": ProblemRow.category,
        "open": _open,  # True: 待整改 or 整改中
        "overdue_on": _overdue_on,  # a date: late on that day
        "due_soon": _due_soon,  # (today, due.due_soon_bound(today, cal))
    },
)
