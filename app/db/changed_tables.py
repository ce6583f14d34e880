"""Which tables a write changed, read from the audit log it wrote: the window announces them
so that every open page showing those tables refreshes (ui/ops.py)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AuditEntry


def audit_mark(session: Session) -> int:
    """The last audit row written so far; taken before a write starts."""
    return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def tables_since(session: Session, mark: int) -> frozenset[str]:
    """The tables with audit rows after `mark` (pending changes are flushed first)."""
    session.flush()
    rows = session.scalars(select(AuditEntry.table_name).where(AuditEntry.id > mark).distinct())
    return frozenset(rows)
