"""Per-database facts that never travel: its id, the change counter, the office it belongs to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class DbMeta(Base):
    """Key/value facts: `db_id`, `office_code`, `created_at`; small and read at open."""

    __tablename__ = "db_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SeqCounter(Base):
    """One row: the last `seq` handed out, so every change in this file is totally ordered."""

    __tablename__ = "seq_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEntry(Base):
    """Who changed which field of which row, from what to what; local to this office."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    table_name: Mapped[str] = mapped_column(String(60))
    row_uuid: Mapped[str] = mapped_column(String(36), index=True)
    changes: Mapped[str] = mapped_column(Text)  # JSON: {field: [before, after]}


class RequestDone(Base):
    """A write command's `--request-id`, stored in the transaction it committed, with what it
    printed: a command killed after its commit but before printing (`task add` before the id)
    is run again by a script with the same id, which then gets the result instead of a second
    task. Local to this file; never travels."""

    __tablename__ = "request_done"

    request_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    command: Mapped[str] = mapped_column(String(120))
    output: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime] = mapped_column(DateTime)
