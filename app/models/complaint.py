"""Complaints (投诉, task 3): intake, first response and closure times, and the call-back."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class Complaint(Syncable):
    __tablename__ = "complaint"
    # The complainant is a private person (DOMAIN.md §5): the audit log never copies them.
    __sensitive__ = ("complainant_name", "complainant_phone")
    __table_args__ = (
        Index("ix_complaint_received_uuid", "received_at", "uuid"),
        # Open complaints are counted for the overview: covering, so no row is read (it took
        # 59 ms over 400,000 complaints reading rows for `deleted`, bench/casework.py).
        Index("ix_complaint_open", "deleted", "closed_at"),
    )

    channel: Mapped[str] = mapped_column(String(16))  # ComplaintChannel
    complainant_name: Mapped[str] = mapped_column(String(40), default="")
    complainant_phone: Mapped[str] = mapped_column(String(24), default="")
    community_code: Mapped[str] = mapped_column(ForeignKey("org.code"), index=True)
    estate_uuid: Mapped[str | None] = mapped_column(ForeignKey("estate.uuid"), index=True)
    company_uuid: Mapped[str | None] = mapped_column(
        ForeignKey("property_company.uuid"), index=True
    )
    category: Mapped[str] = mapped_column(String(20))  # ProblemCategory
    content: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(DateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(Text, default="")
    callback_on: Mapped[date | None] = mapped_column(Date)  # 满意度回访
    satisfaction: Mapped[str] = mapped_column(String(12), default="")  # Satisfaction or ""
