"""约谈 (附件3 三) and 通报 (附件3 二(二)、task 17) as records of their own, not only notes
inside a task.

Each row has one owner (`origin`), as everywhere: the summoning / issuing office alone edits an
`Interview` or a `Circular` and its named parties. The party summoned answers with
`InterviewCommitment` rows (整改承诺) it owns that reference the interview — when it is an
office in the tree (`to_office`); for a company or a committee, which holds no copy of the
program, the summoning office records the commitment itself. So the rows can travel down later
exactly like tasks: a downward package selects interviews and circulars whose `to_office` /
party office lies in the receiver's subtree, an upward one the commitments back.

Links to the task, problem or complaint an interview follows are plain uuids, not foreign
keys: the office below may hold the interview without the problem row it followed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Syncable


class Interview(Syncable):
    """One 约谈: who is summoned and why, the 约谈通知 (form, time, place, participants), then
    the 约谈记录 and its follow-up (rectified, or escalated to a 通报)."""

    __tablename__ = "interview"
    __down__ = "to_office"

    number: Mapped[str | None] = mapped_column(String(12), index=True)  # 2026-0003, kept
    subject_kind: Mapped[str] = mapped_column(String(10))  # office | company | committee
    subject: Mapped[str] = mapped_column(String(80))  # 约谈对象 (an office: its org name)
    # The office in the tree that is summoned (division code), else None. Not a foreign key:
    # the receiving office may not hold our org rows.
    to_office: Mapped[str | None] = mapped_column(String(12), index=True)
    reason: Mapped[str] = mapped_column(Text)  # 约谈事由
    task_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    problem_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    complaint_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    form: Mapped[str] = mapped_column(String(12))  # 约谈方式
    meets_at: Mapped[datetime] = mapped_column(DateTime)  # 约谈时间
    place: Mapped[str] = mapped_column(String(120))
    hosts: Mapped[str] = mapped_column(Text, default="")  # 约谈人 (our side)
    attendees: Mapped[str] = mapped_column(Text, default="")  # 参加人员 of the party summoned
    notified_on: Mapped[date] = mapped_column(Date)  # 约谈通知 date
    held_on: Mapped[date | None] = mapped_column(Date)
    record: Mapped[str] = mapped_column(Text, default="")  # 约谈记录
    requirements: Mapped[str] = mapped_column(Text, default="")  # 处理意见和整改要求
    rectify_by: Mapped[date | None] = mapped_column(Date)  # 整改期限
    rectified_on: Mapped[date | None] = mapped_column(Date)
    rectified_note: Mapped[str] = mapped_column(Text, default="")
    # Escalated (超期或者落实不到位 → 通报批评): the circular it led to.
    circular_uuid: Mapped[str | None] = mapped_column(String(36), index=True)

    commitments: Mapped[list[InterviewCommitment]] = relationship(
        order_by="(InterviewCommitment.committed_on, InterviewCommitment.seq)", viewonly=True
    )


class InterviewCommitment(Syncable):
    """整改承诺 made at or after an interview: owned by the office summoned when it is in the
    tree (its answer, read-only at the summoning office), else by the summoning office."""

    __tablename__ = "interview_commitment"
    __down__ = "via:interview_uuid"

    interview_uuid: Mapped[str] = mapped_column(ForeignKey("interview.uuid"), index=True)
    committed_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)


class Circular(Syncable):
    """一份通报: praise (表扬) or criticism (批评) of named parties, with the facts, issued by an
    office to everything below it as an official document with a document number."""

    __tablename__ = "circular"
    __down__ = "all"

    doc_number: Mapped[str] = mapped_column(String(40), default="")  # 淮物管办〔2026〕3号
    kind: Mapped[str] = mapped_column(String(10))  # praise | criticism
    title: Mapped[str] = mapped_column(String(200))
    facts: Mapped[str] = mapped_column(Text)  # 基本情况
    requirements: Mapped[str] = mapped_column(Text, default="")  # 处理决定 / 工作要求
    issued_on: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(80))  # the issuing office's name

    parties: Mapped[list[CircularParty]] = relationship(
        cascade="all", order_by="CircularParty.sort_order"
    )


class CircularParty(Syncable):
    """A party a circular names; counted on that party's record (`circular_counts`)."""

    __tablename__ = "circular_party"
    __down__ = "via:circular_uuid"

    circular_uuid: Mapped[str] = mapped_column(ForeignKey("circular.uuid"), index=True)
    party_kind: Mapped[str] = mapped_column(String(10))  # office | company | committee
    name: Mapped[str] = mapped_column(String(80), index=True)
    to_office: Mapped[str | None] = mapped_column(String(12), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
