"""督办事项 (附件3 二(二)1): issued with a deadline, done, reported back; with its reminders
(催办) and interviews (约谈) when it runs late."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Syncable


class Task(Syncable):
    __tablename__ = "task"
    __table_args__ = (
        Index("ix_task_open_deadline", "deleted", "status", "deadline", "to_unit"),
        Index("ix_task_deadline_uuid", "deadline", "uuid"),
    )

    number: Mapped[str | None] = mapped_column(String(12), index=True)  # 2026-0012, kept
    title: Mapped[str] = mapped_column(String(200))
    from_unit: Mapped[str] = mapped_column(String(80), default="")  # 交办单位
    to_unit: Mapped[str] = mapped_column(String(80))  # 承办单位
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


class TaskReminder(Syncable):
    __tablename__ = "task_reminder"

    task_uuid: Mapped[str] = mapped_column(ForeignKey("task.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)
    way: Mapped[str] = mapped_column(String(12))  # ReminderWay
    note: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class TaskInterview(Syncable):
    __tablename__ = "task_interview"

    task_uuid: Mapped[str] = mapped_column(ForeignKey("task.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
