"""Period reports (月报, 专项排查): a community submits, its street accepts (locks), approves
or returns (unlocks, with a reason) — DESIGN.md "Submissions and locking".

Rows have one owner. The community alone writes its `Submission`; the street never edits it
but adds `SubmissionReview` rows that name the submission and the round they judged. So the
status an office sees is derived: the latest review of the submission's current round, if
any, else the row's own status. The reviews reach the community as rows in the street's
downward package (app/packages/downward.py; a receipt of the old shape may still carry some,
app/packages/receipts.py); `apply_reviews` then moves the community's own row (audited like
any edit), and that new rev travels upward again, agreeing with the review.

    with db.sessions.begin() as s:
        view = submit(s, "2026-11", SubmissionKind.MONTHLY, now=datetime.now())
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import OrgLevel, ReviewAction, SubmissionKind, SubmissionStatus
from app.db.sync import acting_name
from app.errors import InputError, NotFound, Problem
from app.models import Org, PeerOffice, Submission, SubmissionReview
from app.rules.submissions import (
    LOCKED,
    REVIEW_MOVES,
    SUBMITTABLE,
    Day,
    ReportPeriod,
    Timeliness,
    Week,
    check_review,
    check_submittable,
    deadline,
    parse_report_period,
    timeliness,
)
from app.rules.workdays import WorkCalendar
from app.services.casework import casework_overview
from app.services.holidays import work_calendar
from app.services.offices import current_office, subtree_codes
from app.services.stats import office_stats

S = SubmissionStatus


@dataclass(frozen=True)
class ReviewView:
    uuid: str
    submission_uuid: str
    office: str  # the reviewing office's code (the row's origin)
    round: int
    action: str
    reason: str
    reviewer: str
    at: datetime

    @property
    def action_label(self) -> str:
        return ReviewAction.label_of(self.action)

    def as_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "submission_uuid": self.submission_uuid,
            "office": self.office,
            "round": self.round,
            "action": self.action,
            "action_label": self.action_label,
            "reason": self.reason,
            "reviewer": self.reviewer,
            "at": self.at.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReviewView:
        return cls(
            uuid=str(data["uuid"]),
            submission_uuid=str(data["submission_uuid"]),
            office=str(data["office"]),
            round=int(data["round"]),
            action=str(data["action"]),
            reason=str(data.get("reason", "")),
            reviewer=str(data.get("reviewer", "")),
            at=datetime.fromisoformat(str(data["at"])),
        )


@dataclass(frozen=True)
class SubmissionView:
    """A submission as this office sees it, safe to hand to any thread or widget."""

    uuid: str
    origin: str
    origin_name: str
    period: str
    kind: str
    status: str  # derived: the latest review of this round, else the row's own
    round: int
    submitted_at: datetime | None
    deadline: date
    timeliness: str
    note: str = ""
    figures: dict[str, Any] = field(default_factory=dict)
    last_review: ReviewView | None = None
    work_done: str = ""  # 调度 reports: what was done, problems found, next steps
    problems_found: str = ""
    next_steps: str = ""

    @property
    def locked(self) -> bool:
        return self.status in LOCKED

    @property
    def received(self) -> bool:
        """At the upper office: a version stands (a draft or a returned one does not)."""
        return self.status in (S.SUBMITTED, S.ACCEPTED, S.APPROVED)

    @property
    def status_label(self) -> str:
        return S.label_of(self.status)

    @property
    def kind_label(self) -> str:
        return SubmissionKind.label_of(self.kind)

    @property
    def timeliness_label(self) -> str:
        return Timeliness.LABELS[self.timeliness]

    def as_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "origin": self.origin,
            "origin_name": self.origin_name,
            "period": self.period,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "status": self.status,
            "status_label": self.status_label,
            "locked": self.locked,
            "round": self.round,
            "submitted_at": _iso(self.submitted_at),
            "deadline": self.deadline.isoformat(),
            "timeliness": self.timeliness,
            "timeliness_label": self.timeliness_label,
            "note": self.note,
            "figures": self.figures,
            "last_review": self.last_review.as_dict() if self.last_review else None,
            "work_done": self.work_done,
            "problems_found": self.problems_found,
            "next_steps": self.next_steps,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def kind_code(kind: str) -> str:
    member = SubmissionKind.from_text(kind or "")
    if member is None:
        choices = "、".join(m.label for m in SubmissionKind)
        raise InputError(Problem("kind", f"报表类型应为{choices}，而不是“{kind}”"))
    return member.value


@dataclass(frozen=True)
class ReportText:
    """What a 调度 report says in words (附件3 一): done, problems found, next steps."""

    work_done: str = ""
    problems_found: str = ""
    next_steps: str = ""


def report_period(period: str, kind: str) -> tuple[ReportPeriod, str]:
    """(period, kind code) of what a user typed, or InputError naming the expected form."""
    code = kind_code(kind)
    return parse_report_period(period, code), code


def due_date(
    session: Session,
    p: ReportPeriod,
    code: str,
    *,
    required: bool,
    cal: WorkCalendar | None = None,
    issuer: str | None = None,
) -> date:
    """When the report of `code` for `p` is due: the month rule, the weekday a 每周调度 set,
    or the day itself. A 日报 for a day no 每日调度 covers is refused when `required` (上报);
    completeness only warns (app/services/completeness.py). The campaign that counts is
    `issuer`'s: by default this office's direct superior's, the office it reports to."""
    from app.services.campaigns import campaign_for, week_span

    cal = cal or work_calendar(session)
    if issuer is None:
        me = current_office(session).code
        issuer = session.scalar(select(Org.parent_code).where(Org.code == me))
    if isinstance(p, Week):
        campaign = campaign_for(session, code, *week_span(p.monday), issuer=issuer)
        return deadline(p, cal, due_weekday=campaign.due_weekday if campaign else None)
    if isinstance(p, Day) and required and campaign_for(session, code, p.day, p.day) is None:
        raise InputError(
            Problem("period", f"{p} 不在上级开启的每日调度期间，不需要报日报")
        )
    return deadline(p, cal)


def figures_now(session: Session, today: date) -> dict[str, Any]:
    """The office's figures from its ledgers and casework, as the report carries them."""
    stats = office_stats(session, today)
    cases = casework_overview(session, today, work_calendar(session))
    return {
        "computed_on": today.isoformat(),
        "estates": stats.estates,
        "by_management_type": stats.by_management_type,
        "formation": stats.formation.as_dict(),
        "party": stats.party_overall.as_dict(),
        "terms_expiring": len(stats.expiring),
        "terms_expired": len(stats.expired),
        "companies_serving": stats.companies_serving,
        "problems": cases.total,
        "problems_closed": cases.closed,
        "problems_overdue": cases.overdue,
        "tasks_overdue": cases.overdue_tasks,
        "complaints_open": cases.open_complaints,
    }


def _own(session: Session, period: ReportPeriod, kind: str) -> Submission | None:
    office = current_office(session)
    return session.scalars(
        select(Submission)
        .where(
            Submission.origin == office.code,
            Submission.period == str(period),
            Submission.kind == kind,
        )
        .order_by(Submission.updated_at.desc())
        .limit(1)
    ).first()


def _must_be_community(session: Session) -> None:
    office = current_office(session)
    if office.level != OrgLevel.COMMUNITY:
        raise InputError(
            Problem(
                "",
                f"只有社区上报报表；本单位 {office.name} 是{office.level_label}，请审核下级的报表",
            )
        )


def prepare(
    session: Session,
    period: str,
    kind: str,
    *,
    today: date,
    note: str | None = None,
    text: ReportText | None = None,
) -> SubmissionView:
    """The draft (草稿) of this office's report for the period, made or refreshed now: its
    figures are recomputed from the ledgers. A report already submitted is not turned back
    into a draft (submit it again instead); a locked one is refused. Nothing changes then."""
    _must_be_community(session)
    p, code = report_period(period, kind)
    row = _own(session, p, code)
    if row is not None and row.status == S.SUBMITTED:
        raise InputError(Problem("status", "报表已上报，不能改回草稿；如需更正请重新上报"))
    refreshed = _refreshed(session, row, p, code, today, note, text)
    return _views(session, [refreshed], today)[0]


def _refreshed(
    session: Session,
    row: Submission | None,
    p: ReportPeriod,
    code: str,
    today: date,
    note: str | None,
    text: ReportText | None = None,
) -> Submission:
    if row is not None:
        check_submittable(row.status)
    else:
        row = Submission(
            period=str(p),
            kind=code,
            status=S.DRAFT,
            round=0,
            deadline=due_date(session, p, code, required=True),
            review_reason="",
            note="",
        )
        session.add(row)
    row.figures = json.dumps(figures_now(session, today), ensure_ascii=False, sort_keys=True)
    if note is not None:
        row.note = note.strip()
    if text is not None:
        row.work_done = text.work_done.strip()
        row.problems_found = text.problems_found.strip()
        row.next_steps = text.next_steps.strip()
    session.flush()
    return row


def submit(
    session: Session,
    period: str,
    kind: str,
    *,
    now: datetime,
    note: str | None = None,
    text: ReportText | None = None,
) -> SubmissionView:
    """上报: the figures as of now, a new round, 已上报. Again after 退回, or to correct a
    report not yet accepted; refused (nothing changed) while the upper office holds it."""
    _must_be_community(session)
    p, code = report_period(period, kind)
    row = _refreshed(session, _own(session, p, code), p, code, now.date(), note, text)
    assert row.status in SUBMITTABLE
    row.status = S.SUBMITTED
    row.round += 1
    row.submitted_at = now
    session.flush()
    return _views(session, [row], now.date())[0]


def set_note(session: Session, uuid: str, note: str, *, today: date) -> SubmissionView:
    row = _get(session, uuid)
    if row.origin != current_office(session).code:
        raise InputError(Problem("", "这份报表属于下级单位，只能由报送单位修改"))
    check_submittable(row.status)
    row.note = note.strip()
    session.flush()
    return _views(session, [row], today)[0]


def _get(session: Session, uuid: str) -> Submission:
    row = session.get(Submission, uuid.strip())
    if row is None or row.deleted:
        raise NotFound("报表", uuid)
    return row


def is_direct_subordinate(session: Session, code: str) -> bool:
    office = current_office(session).code
    peer = session.get(PeerOffice, code)
    if peer is not None and peer.relation == "subordinate":
        return True
    org = session.scalar(select(Org).where(Org.code == code))
    return org is not None and org.parent_code == office


def review(
    session: Session,
    uuid: str,
    action: str,
    *,
    now: datetime,
    reason: str = "",
    who: str | None = None,
) -> SubmissionView:
    """接收 (locks), 审核, or 退回 (unlocks; a reason is required) by the office directly
    above the submitting community: a review row of this office, audited; the submission
    itself is not touched here. Refused with nothing written if the move is not allowed."""
    row = _get(session, uuid)
    office = current_office(session)
    code = ReviewAction.from_text(action or "")
    if code is None:
        raise InputError(Problem("action", f"未知的审核操作：{action}（应为 接收、审核 或 退回）"))
    if row.origin == office.code:
        raise InputError(Problem("", "本单位的报表只能由上级单位审核"))
    if not is_direct_subordinate(session, row.origin):
        raise InputError(
            Problem("", f"报表来自 {row.origin}，不是本单位的直属下级，只能由其直属上级审核")
        )
    current = _views(session, [row], now.date())[0]
    check_review(code.value, current.status, reason)
    session.add(
        SubmissionReview(
            submission_uuid=row.uuid,
            round=row.round,
            action=code.value,
            reason=reason.strip(),
            reviewer=acting_name(session, who),
            at=now,
        )
    )
    session.flush()
    return _views(session, [row], now.date())[0]


def list_submissions(
    session: Session, *, today: date, period: str | None = None, kind: str | None = None
) -> list[SubmissionView]:
    """Submissions in this office's subtree (its own at a community), newest period first."""
    stmt = select(Submission).where(Submission.origin.in_(subtree_codes(session)))
    if period:
        stmt = stmt.where(Submission.period == _period_text(period, kind))
    if kind:
        stmt = stmt.where(Submission.kind == kind_code(kind))
    rows = session.scalars(
        stmt.order_by(Submission.period.desc(), Submission.origin, Submission.kind)
    ).all()
    return _views(session, rows, today)


def _period_text(period: str, kind: str | None) -> str:
    """A period as stored; without a kind, whichever form (month, week, day) it is written in."""
    if kind:
        return str(report_period(period, kind)[0])
    for code in (SubmissionKind.MONTHLY, SubmissionKind.WEEKLY, SubmissionKind.DAILY):
        try:
            return str(parse_report_period(period, code))
        except InputError:
            continue
    return str(report_period(period, SubmissionKind.MONTHLY)[0])  # the month's message


def views_of(session: Session, rows: Sequence[Submission], today: date) -> list[SubmissionView]:
    return _views(session, rows, today)


def _views(session: Session, rows: Sequence[Submission], today: date) -> list[SubmissionView]:
    if not rows:
        return []
    uuids = [r.uuid for r in rows]
    reviews: dict[str, list[SubmissionReview]] = {}
    for review_row in session.scalars(
        select(SubmissionReview)
        .where(SubmissionReview.submission_uuid.in_(uuids))
        .order_by(SubmissionReview.at, SubmissionReview.uuid)
    ):
        reviews.setdefault(review_row.submission_uuid, []).append(review_row)
    names = {
        code: name
        for code, name in session.execute(
            select(Org.code, Org.name).where(Org.code.in_({r.origin for r in rows}))
        )
    }
    out = []
    for row in rows:
        current = [r for r in reviews.get(row.uuid, []) if r.round == row.round]
        status = REVIEW_MOVES[current[-1].action][1] if current else row.status
        last = _review_view(current[-1]) if current else _applied_review(row)
        standing = status in (S.SUBMITTED, S.ACCEPTED, S.APPROVED)
        out.append(
            SubmissionView(
                uuid=row.uuid,
                origin=row.origin,
                origin_name=names.get(row.origin, row.origin),
                period=row.period,
                kind=row.kind,
                status=status,
                round=row.round,
                submitted_at=row.submitted_at,
                deadline=row.deadline,
                timeliness=timeliness(row.submitted_at if standing else None, row.deadline, today),
                note=row.note,
                figures=json.loads(row.figures or "{}"),
                last_review=last,
                work_done=row.work_done or "",
                problems_found=row.problems_found or "",
                next_steps=row.next_steps or "",
            )
        )
    return out


def _review_view(r: SubmissionReview) -> ReviewView:
    return ReviewView(r.uuid, r.submission_uuid, r.origin, r.round, r.action, r.reason,
                      r.reviewer, r.at)  # fmt: skip


def _applied_review(row: Submission) -> ReviewView | None:
    """At the community: the last review applied, as kept on its own row."""
    if row.review_action is None or row.reviewed_at is None:
        return None
    return ReviewView(
        uuid=row.review_uuid or "",
        submission_uuid=row.uuid,
        office=row.reviewer_office or "",
        round=row.round,
        action=row.review_action,
        reason=row.review_reason,
        reviewer="",
        at=row.reviewed_at,
    )


def reviews_received(session: Session, upper: str) -> list[ReviewView]:
    """At the community: the upper office's reviews of this office's submissions that came
    down as rows in its packages (app/packages/downward.py)."""
    office = current_office(session).code
    rows = session.scalars(
        select(SubmissionReview)
        .join(Submission, Submission.uuid == SubmissionReview.submission_uuid)
        .where(
            SubmissionReview.origin == upper,
            SubmissionReview.deleted.is_(False),
            Submission.origin == office,
        )
        .order_by(SubmissionReview.at, SubmissionReview.uuid)
    )
    return [_review_view(r) for r in rows]


def apply_reviews(session: Session, reviews: Iterable[ReviewView], upper: str) -> int:
    """At the community, reviews by its upper office `upper` (rows its downward package
    brought, or an old receipt it signed): each review of the current round newer than the
    last one applied moves this office's own row. Reviews of an earlier round (the report
    was submitted again since) and repeats change nothing. Returns how many were applied."""
    office = current_office(session).code
    applied = 0
    for r in sorted(reviews, key=lambda r: (r.at, r.uuid)):
        row = session.get(Submission, r.submission_uuid)
        if row is None or row.origin != office or r.office != upper or r.round != row.round:
            continue
        if row.reviewed_at is not None and (r.at, r.uuid) <= (
            row.reviewed_at,
            row.review_uuid or "",
        ):
            continue
        move = REVIEW_MOVES.get(r.action)
        if move is None:
            continue
        row.status = move[1]
        row.review_uuid = r.uuid
        row.review_action = r.action
        row.review_reason = r.reason
        row.reviewed_at = r.at
        row.reviewer_office = r.office
        applied += 1
    session.flush()
    return applied
