"""A company's credit record (DOMAIN.md §9): dated items with evidence and expiry, typed by
an office. Items the data already proves (overdue rectifications, complaints over the limit,
interviews) are derived when asked for, never stored here (app/services/credit.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class CreditItem(Syncable):
    __tablename__ = "credit_item"

    company_uuid: Mapped[str] = mapped_column(ForeignKey("property_company.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)  # the day of the finding, award or evaluation
    kind: Mapped[str] = mapped_column(String(24))  # a code of credit_rules.json "kinds"
    points: Mapped[int] = mapped_column(Integer)  # signed: + good, − bad
    evidence: Mapped[str] = mapped_column(Text)  # 依据：document number, finding, who evaluated
    # The last day it counts; None: the scheme's validity (one year unless stated).
    last_day: Mapped[date | None] = mapped_column(Date)
