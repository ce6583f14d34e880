"""What this office owes the offices above it, soonest deadline first (issue 16 item 10: the
总览 of a community shows it): incoming 督办 not answered or sent back, the period reports of
the current periods not yet submitted, 约谈 addressed to it without its 整改承诺, 督查 findings
without its 整改反馈, and the 考核 sheet received from above not yet self-scored.

Each part asks the service that owns its rule (tasks, submissions, interviews, inspections,
assessment), so what counts as answered is decided in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import Org, PeerOffice


@dataclass(frozen=True)
class OwedItem:
    kind: str  # 督办 / 月报 / 周报 / 日报 / 约谈 / 督查 / 考核
    what: str
    from_office: str  # the office it is owed to, by name where known
    due: date | None  # None: the issuer set no deadline
    days_left: int | None  # negative: overdue by that many days

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_label(self) -> str:
        return owed_days_label(self.days_left)

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "what": self.what, "from": self.from_office,
                "due": self.due.isoformat() if self.due else None,
                "days_left": self.days_left, "days_label": self.days_label}  # fmt: skip


def owed_days_label(days_left: int | None) -> str:
    """The days to a deadline in words; past it the overdue days count up, unsigned."""
    if days_left is None:
        return "未设期限"
    if days_left < 0:
        return f"已逾期 {-days_left} 天"
    if days_left == 0:
        return "今天到期"
    return f"剩余 {days_left} 天"


def owed_upward(session: Session, today: date) -> list[OwedItem]:
    """Everything this office still owes upward, overdue and soonest due first; undated last."""
    # the office above is named by its onboarding file where its org row never came down
    names = {code: name for code, name in session.execute(select(PeerOffice.code, PeerOffice.name))}
    names.update({code: name for code, name in session.execute(select(Org.code, Org.name))})

    def item(kind: str, what: str, issuer: str, due: date | None) -> OwedItem:
        days = (due - today).days if due is not None else None
        return OwedItem(kind, what, names.get(issuer, issuer), due, days)

    items = [
        *_tasks(session, today, item),
        *_reports(session, today, item),
        *_interviews(session, today, item),
        *_findings(session, item),
        *_sheets(session, today, item),
    ]
    return sorted(items, key=lambda i: (i.due is None, i.due or today, i.kind, i.what))


def _tasks(session: Session, today: date, item) -> list[OwedItem]:  # type: ignore[no-untyped-def]
    from app.services.holidays import work_calendar
    from app.services.tasks import AnswerState, office_tasks

    owed = []
    for line in office_tasks(session, "incoming", today, work_calendar(session)):
        if line.answer_state in (AnswerState.NONE, AnswerState.RETURNED):
            what = line.task.title
            if line.answer_state == AnswerState.RETURNED:
                what += "（已退回，重新答复）"
            owed.append(item("督办", what, line.issuer, line.task.deadline))
    return owed


def _reports(session: Session, today: date, item) -> list[OwedItem]:  # type: ignore[no-untyped-def]
    """The last month's 月报 and, while a campaign of the superior runs, this week's 周报 and
    today's 日报 (at a community: the offices above collect reports, they submit none)."""
    from app.codes import OrgLevel, SubmissionKind, SubmissionStatus
    from app.rules.submissions import recent_periods
    from app.services.campaigns import campaign_for, week_span
    from app.services.completeness import period_overview
    from app.services.offices import current_office

    office = current_office(session)
    if office.level != OrgLevel.COMMUNITY:
        return []
    parent = session.scalar(select(Org.parent_code).where(Org.code == office.code)) or ""
    year, week, _ = today.isocalendar()
    monday = date.fromisocalendar(year, week, 1)
    wanted = [("月报", str(recent_periods(today)[0]), SubmissionKind.MONTHLY.value)]
    if campaign_for(session, SubmissionKind.WEEKLY.value, *week_span(monday), issuer=parent):
        wanted.append(("周报", f"{year}-W{week:02d}", SubmissionKind.WEEKLY.value))
    if campaign_for(session, SubmissionKind.DAILY.value, today, today, issuer=parent):
        wanted.append(("日报", today.isoformat(), SubmissionKind.DAILY.value))
    owed = []
    for label, period, kind in wanted:
        overview = period_overview(session, period, kind, today=today)
        own = overview.own[0] if overview.own else None
        if own is None or own.submitted_at is None or own.status == SubmissionStatus.RETURNED:
            what = f"{period} {label}"
            if own is not None and own.status == SubmissionStatus.RETURNED:
                what += "（已退回，重新上报）"
            owed.append(item(label, what, parent, overview.deadline))
    return owed


def _interviews(session: Session, today: date, item) -> list[OwedItem]:  # type: ignore[no-untyped-def]
    """约谈 summoning this office, not rectified, without a 整改承诺 of its own yet."""
    from app.services.interviews import interview_list
    from app.services.offices import current_office

    me = current_office(session).code
    owed = []
    for view in interview_list(session, today=today):
        if view.to_office != me or view.rectified_on is not None or view.circular_uuid:
            continue
        if any(c.office == me for c in view.commitments):
            continue
        due = view.rectify_by or view.meets_at.date()
        owed.append(item("约谈", f"{view.reason}（整改承诺）", view.origin, due))
    return owed


def _findings(session: Session, item) -> list[OwedItem]:  # type: ignore[no-untyped-def]
    """督查 findings addressed to this office without its 整改反馈."""
    from app.services.inspections import inspection_list
    from app.services.offices import current_office

    me = current_office(session).code
    owed = []
    for visit in inspection_list(session):
        for f in visit.findings:
            if f.to_office == me and not any(b.office == me for b in f.feedback):
                what = f"{visit.kind} {f.description}（整改反馈）"
                owed.append(item("督查", what, visit.origin, f.deadline))
    return owed


def _sheets(session: Session, today: date, item) -> list[OwedItem]:  # type: ignore[no-untyped-def]
    """The 考核 sheets received from above (this year's and last year's, scored early in the
    next) with items this office has not self-scored."""
    from app.services.assessment import get_sheet
    from app.services.offices import current_office

    me = current_office(session).code
    owed = []
    for year in (today.year - 1, today.year):
        try:
            sheet = get_sheet(session, year, mine=False)
        except NotFound:
            continue
        missing = [i for i in sheet.items if not any(s.office == me for s in i.scores)]
        if missing:
            title = sheet.title or f"{year}年度考核"
            what = f"{title} 自评（{len(missing)}/{len(sheet.items)} 项未评）"
            owed.append(item("考核", what, sheet.origin, None))
    return owed
