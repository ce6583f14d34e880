"""调度 campaigns (附件3 一): the upper office switches on 每日调度 for a span of days (a 日报
due the same day from every community below), or sets the weekday its 每周调度 wants the 周报.

A campaign row is the issuing office's own (`origin`); a downward package will carry it to the
offices below, where it is read-only and tells their 上报 which days and weeks are due. Here,
`campaign_for` is what submissions and completeness ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.codes import OrgLevel, SubmissionKind
from app.errors import InputError, Problem
from app.models import ReportCampaign
from app.rules.submissions import CAMPAIGN_KINDS
from app.services.offices import current_office


@dataclass(frozen=True)
class CampaignView:
    uuid: str
    office: str  # the issuing office (the row's owner)
    kind: str
    title: str
    starts_on: date
    ends_on: date | None
    due_weekday: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid,
            "office": self.office,
            "kind": self.kind,
            "kind_label": SubmissionKind.label_of(self.kind),
            "title": self.title,
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "due_weekday": self.due_weekday,
        }


def start_campaign(
    session: Session,
    kind: str,
    starts_on: date,
    ends_on: date | None,
    *,
    title: str = "",
    due_weekday: int | None = None,
) -> CampaignView:
    """Switch on a 调度 for the offices below: 日报 needs an end date (a campaign, not for ever);
    周报 may name the weekday its report is due (1 = Monday … 5 = Friday)."""
    office = current_office(session)
    issues: list[Problem] = []
    if office.level == OrgLevel.COMMUNITY:
        issues.append(Problem("", "社区没有下级单位，不能开启调度"))
    if kind not in CAMPAIGN_KINDS:
        issues.append(Problem("kind", "调度只有日报和周报两种"))
    if kind == SubmissionKind.DAILY and ends_on is None:
        issues.append(Problem("ends_on", "每日调度须写明结束日期"))
    if ends_on is not None and ends_on < starts_on:
        issues.append(Problem("ends_on", "调度的结束日期不能早于开始日期"))
    if due_weekday is not None and not 1 <= due_weekday <= 7:
        issues.append(Problem("due_weekday", "周报的报送日应为 1（周一）到 7（周日）"))
    if kind == SubmissionKind.DAILY and due_weekday is not None:
        issues.append(Problem("due_weekday", "日报当天报送，不设报送日"))
    if issues:
        raise InputError(issues)
    row = ReportCampaign(
        kind=kind, title=title.strip(), starts_on=starts_on, ends_on=ends_on,
        due_weekday=due_weekday,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return _view(row)


def campaigns(session: Session) -> list[CampaignView]:
    """Every campaign this file knows (its own and those from above), newest start first."""
    rows = session.scalars(
        select(ReportCampaign)
        .where(ReportCampaign.deleted.is_(False))
        .order_by(ReportCampaign.starts_on.desc(), ReportCampaign.seq.desc())
    )
    return [_view(r) for r in rows]


def campaign_for(
    session: Session, kind: str, first: date, last: date, *, issuer: str | None = None
) -> CampaignView | None:
    """The newest campaign of `kind` running on any day of [first, last] (a day, or a week),
    `issuer`'s first: an office holds the campaigns of every office above it (they travel
    down to all), and a report is due by the one its own superior set."""
    first_issuer = (ReportCampaign.origin != issuer,) if issuer else ()
    row = session.scalars(
        select(ReportCampaign)
        .where(
            ReportCampaign.deleted.is_(False),
            ReportCampaign.kind == kind,
            ReportCampaign.starts_on <= last,
            or_(ReportCampaign.ends_on.is_(None), ReportCampaign.ends_on >= first),
        )
        .order_by(*first_issuer, ReportCampaign.starts_on.desc(), ReportCampaign.seq.desc())
        .limit(1)
    ).first()
    return _view(row) if row is not None else None


def week_span(monday: date) -> tuple[date, date]:
    return monday, monday + timedelta(days=6)


def _view(row: ReportCampaign) -> CampaignView:
    return CampaignView(row.uuid, row.origin, row.kind, row.title, row.starts_on, row.ends_on,
                        row.due_weekday)  # fmt: skip
