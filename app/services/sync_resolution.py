"""Conflicts and pending rows, put before a person and settled by one (DESIGN.md: the loser of
an equal-rev conflict and a row waiting for its parent are kept, never dropped silently).

A conflict is settled by keeping the row as it stands, or by taking the kept version. Taking
it is an ordinary edit through the session (app/db/sync.py gives it a new rev and seq), so it
wins in every office above once it travels; only the owning office may do that, since only the
owner edits a row. A pending row may be discarded, with a reason. Each decision is an audit
row (who, when, what), so the tables themselves need no new columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import Boolean, Date, DateTime, Integer, Table, select
from sqlalchemy.orm import Session

from app.db.field_crypto import open_row
from app.db.sync import INCLUDE_DELETED, context_of, masked_row
from app.errors import InputError, NotFound, Problem
from app.field_labels import TABLE_LABELS, field_label
from app.models import AuditEntry, PackageReceived, PeerOffice, SyncConflict, SyncPending
from app.models.base import Syncable
from app.packages.report import ERROR_LABELS
from app.packages.tables import content_columns, stored_value, table_named
from app.services.offices import current_office
from app.services.undo import syncable_models

Keep = Literal["current", "incoming"]
KEEP_LABELS = {"current": "保留当前", "incoming": "采用另一版本"}
RESOLVE = "resolve"
DISCARD = "discard"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    current: Any
    kept: Any


@dataclass(frozen=True)
class ConflictView:
    """One conflict: the row as it stands here beside the other version of the same rev."""

    id: int
    table: str
    table_label: str
    row_uuid: str
    row_name: str
    rev: int
    origin: str
    owned: bool  # this office owns the row, so it may take the kept version
    current_rev: int | None  # None: the row is not (or no longer) held here
    differences: tuple[Difference, ...]
    package_id: str
    sender: str
    detected_at: datetime
    resolved_at: datetime | None
    resolution: str | None  # current | incoming
    resolved_by: str | None

    @property
    def resolution_label(self) -> str:
        return KEEP_LABELS.get(self.resolution or "", "未处理")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "table": self.table,
            "table_label": self.table_label,
            "uuid": self.row_uuid,
            "name": self.row_name,
            "rev": self.rev,
            "origin": self.origin,
            "owned": self.owned,
            "current_rev": self.current_rev,
            "differences": [
                {"field": d.field, "label": d.label, "current": d.current, "kept": d.kept}
                for d in self.differences
            ],
            "package_id": self.package_id,
            "sender": self.sender,
            "detected_at": _iso(self.detected_at),
            "resolved_at": _iso(self.resolved_at),
            "resolution": self.resolution,
            "resolved_by": self.resolved_by,
        }


@dataclass(frozen=True)
class PendingView:
    """A received row waiting for its parent: which parent, from which package."""

    id: int
    table: str
    table_label: str
    row_uuid: str
    row_name: str
    rev: int
    package_id: str
    sender: str
    reason: str  # Chinese: what is missing
    parent_table: str
    parent_key: str
    received_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "table": self.table,
            "table_label": self.table_label,
            "uuid": self.row_uuid,
            "name": self.row_name,
            "rev": self.rev,
            "package_id": self.package_id,
            "sender": self.sender,
            "reason": self.reason,
            "parent_table": self.parent_table,
            "parent_key": self.parent_key,
            "received_at": _iso(self.received_at),
        }


def _senders(session: Session, package_ids: set[str]) -> dict[str, str]:
    """Package id → “name（code）” of the office that sent it."""
    if not package_ids:
        return {}
    names = {code: name for code, name in session.execute(select(PeerOffice.code, PeerOffice.name))}
    rows = session.execute(
        select(PackageReceived.package_id, PackageReceived.sender_code).where(
            PackageReceived.package_id.in_(package_ids)
        )
    )
    return {pid: f"{names.get(code, code)}（{code}）" for pid, code in rows}


def _current_row(session: Session, table: str, uuid: str) -> Syncable | None:
    model = syncable_models().get(table)
    if model is None:
        return None
    return session.scalars(
        select(model).where(model.uuid == uuid).execution_options(**{INCLUDE_DELETED: True})
    ).first()


def _loaded(table: Table, column: str, value: Any) -> Any:
    """A kept row's JSON value as the model attribute takes it."""
    if value is None:
        return None
    kind = table.columns[column].type
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(str(value))
    if isinstance(kind, Date):
        return date.fromisoformat(str(value)[:10])
    if isinstance(kind, Integer):
        return int(value)
    return value


def _attribute(row: Syncable, column: str) -> str:
    from sqlalchemy import inspect

    return inspect(type(row)).get_property_by_column(row.__table__.columns[column]).key  # type: ignore[attr-defined]


def _resolutions(session: Session) -> dict[int, tuple[str, str]]:
    """Conflict id → (how, who), from the audit rows the resolutions wrote."""
    found = {}
    for entry in session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == RESOLVE, AuditEntry.table_name == "sync_conflict"
        )
    ):
        changes = json.loads(entry.changes)
        found[int(changes["conflict"][1])] = (str(changes["keep"][1]), entry.actor)
    return found


def _conflict_view(
    session: Session,
    conflict: SyncConflict,
    office_code: str,
    senders: dict[str, str],
    resolutions: dict[int, tuple[str, str]],
) -> ConflictView:
    table = table_named(conflict.table_name)
    kept = open_row(session, conflict.table_name, json.loads(conflict.loser_json))
    row = _current_row(session, conflict.table_name, conflict.row_uuid)
    differences = []
    if table is not None and row is not None:
        for column in content_columns(table):
            if column == "uuid":
                continue
            mine = stored_value(table, column, getattr(row, _attribute(row, column)))
            theirs = kept.get(column)
            if mine != theirs:
                differences.append(Difference(column, field_label(column), mine, theirs))
    origin = row.origin if row is not None else str(kept.get("origin", ""))
    name = (getattr(row, "name", None) if row is not None else None) or kept.get("name") or ""
    how, who = resolutions.get(conflict.id, (None, None))
    return ConflictView(
        conflict.id,
        conflict.table_name,
        TABLE_LABELS.get(conflict.table_name, conflict.table_name),
        conflict.row_uuid,
        str(name),
        conflict.rev,
        origin,
        origin == office_code,
        row.rev if row is not None else None,
        tuple(differences),
        conflict.package_id,
        senders.get(conflict.package_id, ""),
        conflict.detected_at,
        conflict.resolved_at,
        how,
        who,
    )


def list_conflicts(session: Session, *, include_resolved: bool = False) -> list[ConflictView]:
    """Open conflicts (and, if asked, the settled ones), oldest first."""
    query = select(SyncConflict).order_by(SyncConflict.id)
    if not include_resolved:
        query = query.where(SyncConflict.resolved_at.is_(None))
    conflicts = list(session.scalars(query))
    office = current_office(session).code
    senders = _senders(session, {c.package_id for c in conflicts})
    resolutions = _resolutions(session)
    return [_conflict_view(session, c, office, senders, resolutions) for c in conflicts]


def conflict(session: Session, conflict_id: int) -> ConflictView:
    found = session.get(SyncConflict, conflict_id)
    if found is None:
        raise NotFound("冲突", conflict_id)
    office = current_office(session).code
    return _conflict_view(
        session, found, office, _senders(session, {found.package_id}), _resolutions(session)
    )


def resolve_conflict(
    session: Session, conflict_id: int, keep: Keep, *, now: datetime
) -> ConflictView:
    """Settle one conflict; bad input (unknown id, settled already, a row this office may not
    change) raises InputError or NotFound and changes nothing."""
    if keep not in KEEP_LABELS:
        raise InputError(Problem("keep", "只能选择 current（保留当前）或 incoming（采用另一版本）"))
    found = session.get(SyncConflict, conflict_id)
    if found is None:
        raise NotFound("冲突", conflict_id)
    view = conflict(session, conflict_id)
    what = f"{view.table_label}“{view.row_name or view.row_uuid}”"
    if found.resolved_at is not None:
        by = f"由 {view.resolved_by} " if view.resolved_by else ""
        raise InputError(
            Problem(
                "",
                f"冲突 {conflict_id}（{what}）已于 {found.resolved_at:%Y-%m-%d %H:%M} {by}处理"
                f"（{view.resolution_label}），不能再次处理",
            )
        )
    if keep == "incoming":
        _take_kept(session, found, view, what)
    found.resolved_at = now
    session.add(
        AuditEntry(
            at=now,
            actor=context_of(session).actor,
            action=RESOLVE,
            table_name="sync_conflict",
            row_uuid=found.row_uuid,
            changes=json.dumps(
                {
                    "conflict": [None, found.id],
                    "table": [None, found.table_name],
                    "keep": [None, keep],
                },
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
    )
    session.flush()
    return conflict(session, conflict_id)


def _take_kept(session: Session, found: SyncConflict, view: ConflictView, what: str) -> None:
    row = _current_row(session, found.table_name, found.row_uuid)
    table = table_named(found.table_name)
    if row is None or table is None:
        raise InputError(Problem("", f"{what}在本单位已不存在，只能选择“保留当前”确认此冲突"))
    if not view.owned:
        raise InputError(
            Problem(
                "",
                f"{what}属于单位 {view.origin}，只有该单位能修改它，本单位只能选择“保留当前”"
                f"确认此冲突；如需采用另一版本，请单位 {view.origin} 在本单位数据中修改后重新上报",
            )
        )
    if row.rev != found.rev:
        raise InputError(
            Problem(
                "",
                f"{what}在冲突之后又被修改过（当前版本 {row.rev}，冲突版本 {found.rev}），"
                "采用旧版本会覆盖新的修改：请选择“保留当前”，再直接修改这条记录",
            )
        )
    kept = open_row(session, found.table_name, json.loads(found.loser_json))
    for column in content_columns(table):
        if column == "uuid" or column not in kept:
            continue
        setattr(row, _attribute(row, column), _loaded(table, column, kept[column]))
    session.flush()  # app/db/sync.py: a new rev and seq, and the audit row of the edit


def _pending_view(item: SyncPending, senders: dict[str, str]) -> PendingView:
    data = json.loads(item.row_json)
    code, _, column = item.reason.partition("|")
    table = table_named(item.table_name)
    parent_table = ""
    if table is not None and column in table.columns:
        keys = list(table.columns[column].foreign_keys)
        parent_table = keys[0].column.table.name if keys else ""
    parent_label = TABLE_LABELS.get(parent_table, parent_table)
    parent_key = str(data.get(column) or "")
    if code == "orphan":
        reason = f"等待上级{parent_label} {parent_key}：尚未到达"
    else:
        reason = ERROR_LABELS.get(code, item.reason)
    return PendingView(
        item.id,
        item.table_name,
        TABLE_LABELS.get(item.table_name, item.table_name),
        item.row_uuid,
        str(data.get("name") or ""),
        item.rev,
        item.package_id,
        senders.get(item.package_id, ""),
        reason,
        parent_table,
        parent_key,
        item.received_at,
    )


def list_pending(session: Session) -> list[PendingView]:
    """Rows waiting for their parent, oldest first."""
    items = list(session.scalars(select(SyncPending).order_by(SyncPending.id)))
    senders = _senders(session, {i.package_id for i in items})
    return [_pending_view(i, senders) for i in items]


def drop_pending(session: Session, pending_id: int, reason: str, *, now: datetime) -> PendingView:
    """Discard one waiting row for good, with the reason and the row itself in the audit log;
    the sender's later packages bring it again only if the row changes there."""
    reason = reason.strip()
    if not reason:
        raise InputError(Problem("reason", "请写明丢弃这条待处理记录的原因"))
    item = session.get(SyncPending, pending_id)
    if item is None:
        raise NotFound("待处理记录", pending_id)
    view = _pending_view(item, _senders(session, {item.package_id}))
    session.add(
        AuditEntry(
            at=now,
            actor=context_of(session).actor,
            action=DISCARD,
            table_name=item.table_name,
            row_uuid=item.row_uuid,
            changes=json.dumps(
                {
                    "pending_row": [
                        masked_row(
                            syncable_models().get(item.table_name), json.loads(item.row_json)
                        ),
                        None,
                    ],
                    "reason": [None, reason],
                    "package_id": [item.package_id, None],
                },
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
    )
    session.delete(item)
    session.flush()
    return view
