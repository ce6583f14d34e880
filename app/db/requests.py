"""Idempotent writes: a request id stored in the same transaction as the write it names.

A script that lost a command's output (killed after the commit, before the print) runs the
command again with the same `--request-id`; the stored row says it was done and what it
printed, and nothing is written twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import RequestDone


def done(session: Session, request_id: str) -> RequestDone | None:
    return session.scalar(select(RequestDone).where(RequestDone.request_id == request_id))


def record_on_commit(
    factory: sessionmaker[Session], request_id: str, command: str, output: dict[str, str]
) -> None:
    """Every transaction this factory commits also stores the request id (once), with
    `output["text"]` as it stands at that commit: the command fills it in before committing."""

    def _store(session: Session) -> None:
        row = session.get(RequestDone, request_id)
        if row is None:
            text = output.get("text", "")
            session.add(RequestDone(request_id=request_id, command=command, output=text,
                                    done_at=datetime.now()))  # fmt: skip
        else:
            row.output = output.get("text", row.output)

    event.listen(factory, "before_commit", _store)
