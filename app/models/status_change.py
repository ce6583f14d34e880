"""The history of status moves: who moved which record from what to what, when and why.
Audit rows say the same per field, but they stay in this office; this travels upward."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class StatusChange(Syncable):
    __tablename__ = "status_change"
    __table_args__ = (Index("ix_status_change_record", "record_uuid", "at"),)

    record_uuid: Mapped[str] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
