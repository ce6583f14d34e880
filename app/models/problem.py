"""问题清单 / 责任清单 / 整改清单 in one record (task 2): what is wrong, whose it is, by when,
and how far its rectification has got."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class Problem(Syncable):
    """Its source link (resolution, complaint or task uuid) is stored here only: the source
    lists its problems by querying these indexed columns, so the link has one truth."""

    __tablename__ = "problem"
    __table_args__ = (
        # Measured over 600,000 problems (bench/casework.py). Overdue lists and due-soon counts:
        # open rows in deadline order. Overdue by unit: per status, rows in unit order, so the
        # GROUP BY walks the index without sorting (26 ms per status against 143 ms sorting).
        Index("ix_problem_open_deadline", "deleted", "status", "deadline", "responsible_unit"),
        Index("ix_problem_status_unit", "deleted", "status", "responsible_unit", "deadline"),
        Index("ix_problem_deadline_uuid", "deadline", "uuid"),
    )

    # 2026-0012: the year's sequence, given at creation and kept (app.rules.record_numbers).
    number: Mapped[str | None] = mapped_column(String(12), index=True)
    source: Mapped[str] = mapped_column(String(12))  # ProblemSource
    category: Mapped[str] = mapped_column(String(20))  # ProblemCategory
    community_code: Mapped[str] = mapped_column(ForeignKey("org.code"), index=True)
    estate_uuid: Mapped[str | None] = mapped_column(ForeignKey("estate.uuid"), index=True)
    description: Mapped[str] = mapped_column(Text)
    found_on: Mapped[date] = mapped_column(Date)
    responsible_unit: Mapped[str] = mapped_column(String(80))
    responsible_person: Mapped[str] = mapped_column(String(40), default="")
    deadline: Mapped[date] = mapped_column(Date)
    measures: Mapped[str] = mapped_column(Text, default="")  # 整改措施
    status: Mapped[str] = mapped_column(String(12), default="pending")  # ProblemStatus
    evidence: Mapped[str] = mapped_column(Text, default="")  # 销号佐证：what proves it is fixed
    public: Mapped[bool] = mapped_column(Boolean, default=False)  # on the 公示 list
    rectified_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    resolution_uuid: Mapped[str | None] = mapped_column(ForeignKey("resolution.uuid"), index=True)
    complaint_uuid: Mapped[str | None] = mapped_column(ForeignKey("complaint.uuid"), index=True)
    task_uuid: Mapped[str | None] = mapped_column(ForeignKey("task.uuid"), index=True)


class ProblemListPrint(Syncable):
    """One printed version of a 问题清单/整改情况公示 (task 2: 及时向社会公示), of an estate or of a
    whole community, with its content exactly as printed: versioned like the boards
    (`BoardPrint`), so the list on the wall can be checked against the ledger."""

    __tablename__ = "problem_list_print"
    # An unmasked print holds names in clear: the audit log notes it, never copies it.
    __sensitive__ = ("content_json",)

    community_code: Mapped[str] = mapped_column(ForeignKey("org.code"), index=True)
    # NULL: the community's list of every estate; otherwise one estate's list.
    estate_uuid: Mapped[str | None] = mapped_column(ForeignKey("estate.uuid"), index=True)
    version: Mapped[int] = mapped_column(Integer)  # 1, 2, … per list
    printed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, from the session's clock
    published_on: Mapped[date] = mapped_column(Date)
    masked: Mapped[bool] = mapped_column(Boolean, default=True)
    content_json: Mapped[str] = mapped_column(Text)  # the rows as printed, as JSON
    source_hash: Mapped[str] = mapped_column(String(64))  # of the public problems it shows
