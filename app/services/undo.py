"""Undo of a delete: deletes are tombstones (app/db/sync.py), so what one action deleted can
be brought back, as an ordinary change that travels upward like any other.

The rows one action tombstoned are exactly those whose `seq` the action's transaction gave
out, so `seq_mark` before and after it find them (`deleted_between`). The undo brings back all
of them or none: if any was changed again since (its seq moved on), bringing back the rest
would leave, say, a committee standing for a deleted estate, so the undo is refused.

    before = seq_mark(s); delete_estate(s, uuid); after = seq_mark(s)
    deletion = deleted_between(s, before, after)
    ...
    restore(s, deletion)          # the estate, its committees, members, contracts
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.sync import INCLUDE_DELETED
from app.errors import InputError, Problem
from app.models import SeqCounter
from app.models.base import Base, Syncable


@dataclass(frozen=True)
class Deletion:
    rows: tuple[tuple[str, str, int], ...]  # (table, uuid, seq of the tombstone)

    def __len__(self) -> int:
        return len(self.rows)


def seq_mark(session: Session) -> int:
    """The last seq given out so far in this file (flushes pending changes first)."""
    session.flush()
    counter = session.get(SeqCounter, 1)
    return counter.value if counter is not None else 0


def syncable_models() -> dict[str, type[Syncable]]:
    return {
        m.class_.__tablename__: m.class_
        for m in Base.registry.mappers
        if issubclass(m.class_, Syncable) and m.class_ is not Syncable
    }


def deleted_between(session: Session, after: int, upto: int) -> Deletion:
    """The rows tombstoned with a seq in (after, upto]: what one action deleted."""
    found = []
    for table, model in syncable_models().items():
        for uuid, seq in session.execute(
            select(model.uuid, model.seq)
            .where(model.deleted.is_(True), model.seq > after, model.seq <= upto)
            .execution_options(**{INCLUDE_DELETED: True})
        ):
            found.append((table, uuid, seq))
    return Deletion(tuple(found))


def restore(session: Session, deletion: Deletion) -> int:
    """Bring back every row of `deletion`, or none if any was changed since."""
    models = syncable_models()
    rows = []
    for table, uuid, seq in deletion.rows:
        row = session.get(models[table], uuid, execution_options={INCLUDE_DELETED: True})
        if row is None or not row.deleted or row.seq != seq:
            raise InputError(Problem("", "删除后这些记录又有改动，无法撤销删除"))
        rows.append(row)
    for row in rows:
        row.deleted = False
    session.flush()
    return len(rows)
