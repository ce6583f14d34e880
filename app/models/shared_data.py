"""Shared data an upper office maintains for every office below it (issue 16): the data code
tables (app/code_tables.py) and the notice templates it publishes. Not syncable (no rows of an
owner below): like the holiday table they ride in every downward package's signed manifest,
and each office below takes them over and relays them on (app/packages/downward.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CodeTable(Base):
    """A data code table in effect instead of the shipped file: this office's own edit
    (`received_from` None) or the one its direct superior sent, which wins over a local edit
    and cannot be edited below."""

    __tablename__ = "code_table"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)  # report_due, complaint_sla…
    version: Mapped[str] = mapped_column(String(16))  # app.code_tables.version_of(content)
    content: Mapped[str] = mapped_column(Text)  # the JSON, as the file would hold it
    maintained_by: Mapped[str] = mapped_column(String(12))  # the office that set it
    received_from: Mapped[str | None] = mapped_column(String(12), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class PublishedTemplate(Base):
    """A notice template an office published for the offices below: its own (`received_from`
    None, the text copied from its user template when published) or received from above
    (read-only here, listed as 上级下发)."""

    __tablename__ = "published_template"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    published_by: Mapped[str] = mapped_column(String(12))  # office code
    published_by_name: Mapped[str] = mapped_column(String(60), default="")
    published_at: Mapped[datetime] = mapped_column(DateTime)
    received_from: Mapped[str | None] = mapped_column(String(12), nullable=True)
