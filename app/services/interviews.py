"""约谈 (附件3 三) as a record of its own: who is summoned (an office in the tree, a company, a
committee) and why (the task, problem or complaint it follows), the 约谈通知 (form, time,
place, participants), the 约谈记录 with the 处理意见 and 整改期限, the commitments (整改承诺),
and the follow-up: rectified (不再处理), or escalated to a 通报 (`app.services.circulars`).

One service for the CLI and the window. The interview is the summoning office's row; a
commitment is the summoned office's own row when it is in the tree (its answer), else the
summoning office records it for the company or committee."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Complaint, Interview, InterviewCommitment, Task
from app.models import Problem as ProblemRow
from app.rules.deadlines import not_in_future
from app.rules.interviews import (
    FORMS,
    STATE_LABELS,
    SUBJECT_KINDS,
    interview_state,
    kind_of,
    rectification_late,
)
from app.rules.official import chinese_date
from app.services.record_ids import INTERVIEWS, next_number


@dataclass
class InterviewIn:
    subject_kind: str = "office"  # office | company | committee (or 单位/物业企业/业主委员会)
    subject: str = ""  # a company or committee name; for an office its division code
    reason: str = ""
    form: str = FORMS[0]
    meets_at: datetime | None = None
    place: str = ""
    hosts: str = ""
    attendees: str = ""
    notified_on: date | None = None
    task_uuid: str | None = None
    problem_uuid: str | None = None
    complaint_uuid: str | None = None


@dataclass(frozen=True)
class CommitmentView:
    uuid: str
    office: str  # the row's owner
    committed_on: date
    text: str
    due: date | None


@dataclass(frozen=True)
class InterviewView:
    uuid: str
    number: str
    subject_kind: str
    subject: str
    to_office: str | None
    reason: str
    follows: str  # 督办事项 2026-0012 … / 问题 … / 投诉 …, or ""
    form: str
    meets_at: datetime
    place: str
    hosts: str
    attendees: str
    notified_on: date
    held_on: date | None
    record: str
    requirements: str
    rectify_by: date | None
    rectified_on: date | None
    rectified_note: str
    circular_uuid: str | None
    state: str
    late: bool  # 整改 past its deadline (as of the day asked)
    origin: str
    commitments: tuple[CommitmentView, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        def day(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.uuid,
            "number": self.number,
            "subject_kind": self.subject_kind,
            "subject": self.subject,
            "to_office": self.to_office,
            "reason": self.reason,
            "follows": self.follows,
            "form": self.form,
            "meets_at": self.meets_at.isoformat(timespec="minutes"),
            "place": self.place,
            "hosts": self.hosts,
            "attendees": self.attendees,
            "notified_on": day(self.notified_on),
            "held_on": day(self.held_on),
            "record": self.record,
            "requirements": self.requirements,
            "rectify_by": day(self.rectify_by),
            "rectified_on": day(self.rectified_on),
            "rectified_note": self.rectified_note,
            "circular": self.circular_uuid,
            "state": self.state,
            "state_label": STATE_LABELS[self.state],
            "late": self.late,
            "issuer": self.origin,
            "commitments": [
                {
                    "id": c.uuid,
                    "office": c.office,
                    "committed_on": c.committed_on.isoformat(),
                    "text": c.text,
                    "due": day(c.due),
                }
                for c in self.commitments
            ],
        }


def add_interview(session: Session, data: InterviewIn, *, today: date | None = None) -> str:
    """Record a 约谈 and its 通知; every problem of the input is reported at once."""
    from app.services.known_units import canonical_unit
    from app.services.offices import office_below

    issues: list[Issue] = []
    kind = kind_of(data.subject_kind, SUBJECT_KINDS)
    subject, to_office = data.subject.strip(), None
    if kind is None:
        issues.append(Issue("subject_kind", "约谈对象类型应为单位、物业企业或业主委员会"))
    elif not subject:
        issues.append(Issue("subject", "请填写约谈对象"))
    elif kind == "office":
        to_office = subject
        subject = office_below(session, subject, issues) or subject
    elif kind == "company":
        subject = canonical_unit(session, subject).name
    if not data.reason.strip():
        issues.append(Issue("reason", "请填写约谈事由"))
    if data.form.strip() not in FORMS:
        issues.append(Issue("form", f"约谈方式应为{'、'.join(FORMS)}之一"))
    if data.meets_at is None:
        issues.append(Issue("meets_at", "请填写约谈时间"))
    if not data.place.strip():
        issues.append(Issue("place", "请填写约谈地点"))
    if data.notified_on is None:
        issues.append(Issue("notified_on", "请填写通知日期"))
    else:
        issues += not_in_future("notified_on", "通知日期", data.notified_on, today or date.today())
        if data.meets_at is not None and data.meets_at.date() < data.notified_on:
            issues.append(Issue("meets_at", "约谈时间不能早于通知日期"))
    for column, model, what in (
        (data.task_uuid, Task, "督办事项"),
        (data.problem_uuid, ProblemRow, "问题"),
        (data.complaint_uuid, Complaint, "投诉"),
    ):
        if column and session.get(model, column) is None:
            issues.append(Issue("reason", f"找不到约谈所针对的{what}：{column}"))
    if issues:
        raise InputError(issues)
    assert data.meets_at is not None and data.notified_on is not None
    row = Interview(
        number=next_number(session, INTERVIEWS, data.notified_on.year),
        subject_kind=kind,
        subject=subject,
        to_office=to_office,
        reason=data.reason.strip(),
        task_uuid=data.task_uuid or None,
        problem_uuid=data.problem_uuid or None,
        complaint_uuid=data.complaint_uuid or None,
        form=data.form.strip(),
        meets_at=data.meets_at,
        place=data.place.strip(),
        hosts=data.hosts.strip(),
        attendees=data.attendees.strip(),
        notified_on=data.notified_on,
        record="",
        requirements="",
        rectified_note="",
    )
    session.add(row)
    session.flush()
    return row.uuid


def interview_for_task(
    session: Session, task: Task, *, on: date, participants: str, outcome: str
) -> str:
    """A 约谈 about a late task as the task form records it, after it was held: an `Interview`
    linked to the task (its "why"), held on `on`, with who attended and what came of it. The
    form records no time or place: the time reads 00:00 and the place stays empty. (The old
    `TaskInterview` rows were moved into this table by migration 0024; none is written now.)"""
    from app.services.known_units import canonical_unit

    office = task.to_office
    row = Interview(
        number=next_number(session, INTERVIEWS, on.year),
        subject_kind="office" if office else "company",
        subject=task.to_unit if office else canonical_unit(session, task.to_unit).name,
        to_office=office,
        reason=f"督办事项{task.number or ''}“{task.title}”逾期或落实不力",
        task_uuid=task.uuid,
        form=FORMS[0],
        meets_at=datetime.combine(on, datetime.min.time()),
        place="",
        hosts="",
        attendees=participants.strip(),
        notified_on=on,
        held_on=on,
        record=outcome.strip(),
        requirements="",
        rectified_note="",
    )
    session.add(row)
    session.flush()
    return row.uuid


def task_interviews(session: Session, task_uuid: str) -> list[Interview]:
    """The interviews that follow a task, oldest first (what its form lists)."""
    return list(session.scalars(
        select(Interview)
        .where(Interview.task_uuid == task_uuid, Interview.deleted.is_(False))
        .order_by(Interview.notified_on, Interview.meets_at, Interview.seq)
    ))  # fmt: skip


def record_interview(
    session: Session,
    uuid: str,
    *,
    held_on: date,
    record: str,
    requirements: str = "",
    rectify_by: date | None = None,
    today: date | None = None,
) -> None:
    """The 约谈记录: held on `held_on`, what was said, the 处理意见 and the 整改期限."""
    row = _own(session, uuid)
    issues = []
    if not record.strip():
        issues.append(Issue("record", "请填写约谈记录"))
    if held_on < row.notified_on:
        issues.append(Issue("held_on", "约谈日期不能早于通知日期"))
    issues += not_in_future("held_on", "约谈日期", held_on, today or date.today())
    if rectify_by is not None and rectify_by < held_on:
        issues.append(Issue("rectify_by", "整改期限不能早于约谈日期"))
    if row.circular_uuid or row.rectified_on:
        issues.append(Issue("record", "本次约谈已整改或已通报，不能再改约谈记录"))
    if issues:
        raise InputError(issues)
    row.held_on, row.record = held_on, record.strip()
    row.requirements, row.rectify_by = requirements.strip(), rectify_by
    session.flush()


def add_commitment(
    session: Session,
    uuid: str,
    *,
    on: date,
    text: str,
    due: date | None = None,
    today: date | None = None,
) -> str:
    """整改承诺: the summoned office's own row when this is that office; the summoning office
    records it for a company or committee (which holds no copy of the program)."""
    from app.services.offices import current_office

    row = _get(session, uuid)
    me = current_office(session).code
    if me != row.to_office and not (row.to_office is None and row.origin == me):
        who = "被约谈单位" if row.to_office else "约谈单位"
        said = f"约谈 {row.number or row.uuid} 的整改承诺只能由{who}填写"
        raise InputError(Issue("commitment", said))
    issues = []
    if not text.strip():
        issues.append(Issue("commitment", "请填写整改承诺"))
    if on < row.notified_on:
        issues.append(Issue("committed_on", "承诺日期不能早于约谈通知日期"))
    issues += not_in_future("committed_on", "承诺日期", on, today or date.today())
    if due is not None and due < on:
        issues.append(Issue("due", "承诺完成日期不能早于承诺日期"))
    if issues:
        raise InputError(issues)
    commitment = InterviewCommitment(
        interview_uuid=row.uuid, committed_on=on, text=text.strip(), due=due
    )
    session.add(commitment)
    session.flush()
    return commitment.uuid


def mark_rectified(
    session: Session, uuid: str, *, on: date, note: str = "", today: date | None = None
) -> None:
    """按期落实处理意见和整改要求的，不再处理: the interview is closed as rectified."""
    row = _own(session, uuid)
    issues = []
    if row.held_on is None:
        issues.append(Issue("rectified_on", "约谈尚未记录，不能标为已整改"))
    elif on < row.held_on:
        issues.append(Issue("rectified_on", "整改日期不能早于约谈日期"))
    if row.circular_uuid:
        issues.append(Issue("rectified_on", "本次约谈已升级为通报"))
    issues += not_in_future("rectified_on", "整改日期", on, today or date.today())
    if issues:
        raise InputError(issues)
    row.rectified_on, row.rectified_note = on, note.strip()
    session.flush()


def escalate(session: Session, uuid: str, circular_uuid: str) -> None:
    """超期或者落实不到位的，全市通报批评: link the circular; called by `add_circular`."""
    row = _own(session, uuid)
    if row.rectified_on is not None:
        raise InputError(Issue("interview", f"约谈 {row.number} 已按期整改，不再通报"))
    if row.circular_uuid:
        raise InputError(Issue("interview", f"约谈 {row.number} 已升级为通报"))
    row.circular_uuid = circular_uuid
    session.flush()


def get_interview(session: Session, uuid: str, *, today: date) -> InterviewView:
    row = _get(session, uuid)
    commitments = session.scalars(
        select(InterviewCommitment)
        .where(InterviewCommitment.interview_uuid == row.uuid,
               InterviewCommitment.deleted.is_(False))
        .order_by(InterviewCommitment.committed_on, InterviewCommitment.seq)
    )  # fmt: skip
    return InterviewView(
        uuid=row.uuid,
        number=row.number or "",
        subject_kind=row.subject_kind,
        subject=row.subject,
        to_office=row.to_office,
        reason=row.reason,
        follows=_follows(session, row),
        form=row.form,
        meets_at=row.meets_at,
        place=row.place,
        hosts=row.hosts,
        attendees=row.attendees,
        notified_on=row.notified_on,
        held_on=row.held_on,
        record=row.record,
        requirements=row.requirements,
        rectify_by=row.rectify_by,
        rectified_on=row.rectified_on,
        rectified_note=row.rectified_note,
        circular_uuid=row.circular_uuid,
        state=interview_state(row.held_on, row.rectified_on, bool(row.circular_uuid)),
        late=rectification_late(row.rectify_by, row.rectified_on, today),
        origin=row.origin,
        commitments=tuple(
            CommitmentView(c.uuid, c.origin, c.committed_on, c.text, c.due) for c in commitments
        ),
    )


def interview_list(session: Session, *, today: date, limit: int = 200) -> list[InterviewView]:
    """Interviews this office holds (held by it, or summoning it), newest meeting first."""
    uuids = session.scalars(
        select(Interview.uuid)
        .where(Interview.deleted.is_(False))
        .order_by(Interview.meets_at.desc(), Interview.uuid)
        .limit(limit)
    ).all()
    return [get_interview(session, u, today=today) for u in uuids]


def interview_notice_fields(session: Session, uuid: str) -> dict[str, str]:
    """The values of the shipped 约谈通知 template (resources/templates/约谈通知.txt)."""
    from app.services.offices import current_office

    view = get_interview(session, uuid, today=date.today())
    at = view.meets_at
    return {
        "subject": view.subject,
        "reason": view.reason + (f"（{view.follows}）" if view.follows else ""),
        "form": view.form,
        "meet_time": f"{chinese_date(at.date())}{at.hour}时{at.minute:02d}分",
        "place": view.place,
        "hosts": view.hosts,
        "attendees": view.attendees,
        "organizer": current_office(session).name,
    }


def _follows(session: Session, row: Interview) -> str:
    if row.task_uuid and (task := session.get(Task, row.task_uuid)) is not None:
        return f"督办事项{task.number or ''}：{task.title}"
    if row.problem_uuid and (problem := session.get(ProblemRow, row.problem_uuid)) is not None:
        return f"问题{problem.number or ''}：{problem.description[:40]}"
    if row.complaint_uuid and session.get(Complaint, row.complaint_uuid) is not None:
        return f"投诉 {row.complaint_uuid[:8]}"
    return ""


def _get(session: Session, uuid: str) -> Interview:
    row = session.get(Interview, uuid)
    if row is None or row.deleted:
        raise NotFound("约谈", uuid)
    return row


def _own(session: Session, uuid: str) -> Interview:
    """The interview, if this office summoned it: the summoned office reads it only."""
    from app.services.offices import current_office

    row = _get(session, uuid)
    if row.origin != current_office(session).code:
        said = f"约谈 {row.number or row.uuid} 不是本单位发起的，只能查看"
        raise InputError(Issue("interview", said))
    return row
