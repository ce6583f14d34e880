"""督办事项 (附件3 二(二)1): issued with a deadline, done, reported back; with its reminders
(催办) and interviews (约谈) when it runs late.

A task goes either to a unit outside the program (`to_unit`: a company, a utility) or to an
office in the tree (`to_office`, a division code below the issuer). Each row has one owner
(`origin`), as upward: the issuing office alone edits the `Task` and its `TaskAnswerReview`s;
the office it was addressed to answers with `TaskAnswer` rows it owns that reference the task
(the pattern of `SubmissionReview`, in the other direction). A downward package carries the
task and the reviews to the office below, an upward one the answers back: nothing here needs
to change for that, only which rows each package selects (`to_office` in the receiver's
subtree; answers whose task the receiver issued).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Syncable


class Task(Syncable):
    __tablename__ = "task"
    __down__ = "to_office"
    __table_args__ = (
        Index("ix_task_open_deadline", "deleted", "status", "deadline", "to_unit"),
        Index("ix_task_deadline_uuid", "deadline", "uuid"),
    )

    number: Mapped[str | None] = mapped_column(String(12), index=True)  # 2026-0012, kept
    title: Mapped[str] = mapped_column(String(200))
    from_unit: Mapped[str] = mapped_column(String(80), default="")  # 交办单位
    to_unit: Mapped[str] = mapped_column(String(80))  # 承办单位 (an office: its name)
    # The office in the tree the task is addressed to (division code), else None: a unit
    # outside the program. Not a foreign key: the receiving office may not hold our org rows.
    to_office: Mapped[str | None] = mapped_column(String(12), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    feedback_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")  # TaskStatus
    # The problem this task supervises (督办 of a listed problem). A problem *opened* by a task
    # is the other direction and lives on Problem.task_uuid.
    problem_uuid: Mapped[str | None] = mapped_column(
        ForeignKey("problem.uuid", use_alter=True), index=True
    )

    reminders: Mapped[list[TaskReminder]] = relationship(cascade="all", order_by="TaskReminder.on")
    interviews: Mapped[list[TaskInterview]] = relationship(
        cascade="all", order_by="TaskInterview.on"
    )
    answers: Mapped[list[TaskAnswer]] = relationship(
        order_by="(TaskAnswer.answered_on, TaskAnswer.seq)", viewonly=True
    )


class TaskReminder(Syncable):
    __tablename__ = "task_reminder"
    __down__ = "via:task_uuid"

    task_uuid: Mapped[str] = mapped_column(ForeignKey("task.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)
    way: Mapped[str] = mapped_column(String(12))  # ReminderWay
    note: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class TaskInterview(Syncable):
    __tablename__ = "task_interview"
    __down__ = "via:task_uuid"

    task_uuid: Mapped[str] = mapped_column(ForeignKey("task.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")


class TaskAnswer(Syncable):
    """办理情况/反馈 of a task addressed to an office: owned by the answering office (`origin`),
    read-only everywhere else. Sent back (退回) answers stay; the office answers again."""

    __tablename__ = "task_answer"
    __down__ = "via:task_uuid"

    task_uuid: Mapped[str] = mapped_column(ForeignKey("task.uuid"), index=True)
    answered_on: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(Text)  # 办理结果, in writing (果必报)
    attachments: Mapped[str] = mapped_column(Text, default="")  # one file name a line
    answerer: Mapped[str] = mapped_column(String(80), default="")


class TaskAnswerReview(Syncable):
    """The issuing office's verdict on one answer: accepted (采纳), or sent back with a reason
    (退回). Owned by the issuer; it travels down to the answering office."""

    __tablename__ = "task_answer_review"
    __down__ = "via:answer_uuid"

    answer_uuid: Mapped[str] = mapped_column(ForeignKey("task_answer.uuid"), index=True)
    action: Mapped[str] = mapped_column(String(8))  # accept | return
    reason: Mapped[str] = mapped_column(Text, default="")
    on: Mapped[date] = mapped_column(Date)
    reviewer: Mapped[str] = mapped_column(String(80), default="")
