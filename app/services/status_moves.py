"""Status moves of casework records: the rule check (app/rules/transitions.py) and the
StatusChange row with who and when, in one place, so no service moves a status without both."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.sync import acting_name
from app.models import StatusChange, Syncable
from app.rules.transitions import check_move


def move_status(
    session: Session,
    record: Syncable,
    target: str,
    *,
    when: datetime,
    who: str | None = None,
    reason: str = "",
    evidence: str = "",
) -> StatusChange:
    """Check the move, set the status and record it; raises InputError, changing nothing."""
    table = record.__table__.name
    current = record.status  # type: ignore[attr-defined]
    check_move(table, current, target, reason=reason, evidence=evidence)
    record.status = target  # type: ignore[attr-defined]
    change = StatusChange(
        record_uuid=record.uuid,
        table_name=table,
        from_status=current,
        to_status=target,
        actor=acting_name(session, who),
        at=when,
        reason=reason.strip(),
    )
    session.add(change)
    return change


def history(session: Session, record_uuid: str) -> list[StatusChange]:
    """The record's moves, oldest first."""
    return list(
        session.scalars(
            select(StatusChange)
            .where(StatusChange.record_uuid == record_uuid)
            .order_by(StatusChange.at, StatusChange.seq)
        )
    )
