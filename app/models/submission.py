"""Period reports (月报, 专项排查) a community submits, and the upper office's reviews of them.

Each row has one owner (DESIGN.md, packages upward): the community owns its `Submission` and
alone moves its status; the street owns its `SubmissionReview` rows (接收, 审核, 退回), which
reference the submission and travel upward like any row, and down to the community as rows
of the street's 下发 package (app/packages/downward.py; receipts only acknowledge), where the
community applies them to its own row: `review_*` below hold the last one applied, the audit
log the whole history.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class Submission(Syncable):
    __tablename__ = "submission"
    __table_args__ = (Index("ix_submission_period", "period", "kind"),)

    # 2026-11 (月报, 专项排查), 2026-W49 (周报: ISO week), 2026-12-03 (日报)
    period: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(12))  # SubmissionKind
    status: Mapped[str] = mapped_column(String(12))  # SubmissionStatus
    # +1 per 上报: a review names the round it judged, so a review of an earlier round never
    # locks a report submitted again since.
    round: Mapped[int] = mapped_column(Integer, default=0)
    # The figures as computed from the ledgers when submitted (JSON): what the street accepted.
    figures: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str] = mapped_column(Text, default="")
    # 调度 reports (附件3 一): what was done, problems found, next steps, in the office's words.
    work_done: Mapped[str] = mapped_column(Text, default="", server_default="")
    problems_found: Mapped[str] = mapped_column(Text, default="", server_default="")
    next_steps: Mapped[str] = mapped_column(Text, default="", server_default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)  # office's local time
    deadline: Mapped[date] = mapped_column(Date)
    review_uuid: Mapped[str | None] = mapped_column(String(36))  # the last review applied
    review_action: Mapped[str | None] = mapped_column(String(8))
    review_reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewer_office: Mapped[str | None] = mapped_column(String(12))


class SubmissionReview(Syncable):
    __tablename__ = "submission_review"
    __down__ = "via:submission_uuid"  # to the office whose submission it reviews

    submission_uuid: Mapped[str] = mapped_column(ForeignKey("submission.uuid"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(8))  # ReviewAction
    reason: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime)


class ReportCampaign(Syncable):
    """A 调度 the upper office switches on for the offices below (附件3 一): 每日调度 from
    `starts_on` to `ends_on` (a daily report due the same day), or 每周调度 with the weekday its
    weekly report is due (`due_weekday`, 1 = Monday). Owned by the office that issued it
    (`origin`); it travels down to the offices below, read-only there."""

    __tablename__ = "report_campaign"
    __down__ = "all"

    kind: Mapped[str] = mapped_column(String(12))  # SubmissionKind.DAILY | WEEKLY
    title: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)  # None: until switched off
    due_weekday: Mapped[int | None] = mapped_column(Integer)  # weekly: 1..7
