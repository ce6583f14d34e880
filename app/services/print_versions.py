"""Numbered prints of what goes on a wall (disclosure boards, problem lists, survey results):
the one place that says which version a print is and records an unmasked copy.

Every masked print of one thing (a board, an estate's problem list, a campaign's result) is
its next public version, 1, 2, …; tombstoned prints count too, so a number is never given out
twice. An unmasked print is an internal copy: it carries the next public number but does not
take it, and the audit log says who made it. A print made from stale content (another print
took its number meanwhile) is refused, so two offices never hang two different "第3版".
Each print model has `version`, `masked` (optional: a print without personal data is always
public), `deleted` and `printed_at`; the caller passes the SQL conditions that pick "one thing".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from app.db.sync import INCLUDE_DELETED, context_of
from app.errors import InputError, Problem
from app.models import AuditEntry

NEVER_PRINTED = "从未打印"
CHANGED = "内容已变化"


@dataclass(frozen=True)
class PrintStatus:
    """A print that should be made (again), and why: what the 待重印 lists show."""

    community_code: str
    estate_uuid: str | None  # None: a community's whole list
    title: str
    last_version: int | None
    reason: str  # NEVER_PRINTED | CHANGED
    what: str = ""  # the printed thing's uuid where the scope does not say it (a campaign)


def _public(model: Any) -> list[ColumnElement[bool]]:
    return [model.masked.is_(True)] if hasattr(model, "masked") else []


def last_version(session: Session, model: Any, *scope: ColumnElement[bool]) -> int:
    """The public version of the thing `scope` picks: its last masked print (0: never)."""
    last = session.scalar(
        select(func.max(model.version))
        .where(*scope, *_public(model))
        .execution_options(**{INCLUDE_DELETED: True})
    )
    return int(last or 0)


def check_next_version(
    session: Session, model: Any, scope: Sequence[ColumnElement[bool]], version: int, title: str
) -> None:
    """Refuse content planned as a version that is no longer the next one."""
    expected = last_version(session, model, *scope) + 1
    if version != expected:
        raise InputError(
            Problem(
                "version",
                f"“{title}”已印至第{expected - 1}版，这份内容是第{version}版：请重新生成后再打印",
            )
        )


def note_unmasked(
    session: Session, table: str, row_uuid: str, at: datetime, note: dict[str, Any]
) -> None:
    """The audit entry of an unmasked print made `at`: who, when, which version; never its
    content."""
    ctx = context_of(session)
    note = {"printed_by": ctx.actor, "printed_at": at.isoformat(timespec="seconds"), **note}
    changes = json.dumps(note, ensure_ascii=False, sort_keys=True)
    session.add(AuditEntry(at=at, actor=ctx.actor, action="unmasked", table_name=table,
                           row_uuid=row_uuid, changes=changes))  # fmt: skip
    session.flush()


def last_public_prints(session: Session, model: Any, *key: Any) -> dict[tuple[Any, ...], Any]:
    """The last masked, live print of every thing, by its key columns (e.g. the board's
    uuid): what is on the wall now, to compare with what would be printed today."""
    cols = [getattr(model, k.key) for k in key]
    latest = (
        select(*cols, func.max(model.version).label("version"))
        .where(*_public(model), model.deleted.is_(False))
        .group_by(*cols)
        .subquery()
    )
    joined = [
        # NULL keys (a community's whole list) match NULL
        getattr(model, k.key).is_not_distinct_from(latest.c[k.key])
        for k in key
    ]
    rows = session.scalars(
        select(model).join(latest, and_(*joined, model.version == latest.c.version))
    )
    return {tuple(getattr(row, k.key) for k in key): row for row in rows}
