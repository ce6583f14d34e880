"""Deleting one ledger row by its uuid, the same for every kind: the row must exist (else
`NotFound` naming the kind, one Chinese line), and the flush turns the delete into a tombstone
with its audit row (app/db/sync.py), so it travels upward and can be undone (undo.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models.base import Syncable


def tombstone(session: Session, model: type[Syncable], uuid: str, what: str) -> None:
    """`what`: the kind as a user names it (楼栋, 服务合同), for the not-found message."""
    row = session.get(model, uuid)
    if row is None:
        raise NotFound(what, uuid)
    session.delete(row)
    session.flush()
