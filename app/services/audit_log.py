"""The audit log beyond row changes (issue 14): sign-ins, backups, restores, unmasked prints
and exports of personal data, written here in one form; and the log read back, filtered, for
the 操作日志 page and its Excel export. Nothing here (nor anywhere) edits or deletes a row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.sync import check_unmask, context_of
from app.field_labels import field_label
from app.models import AuditEntry


def record(
    session: Session,
    action: str,
    *,
    table: str,
    row: str,
    changes: dict[str, Any],
    now: datetime,
    actor: str | None = None,
) -> None:
    """One event row, as the signed-in account (or `actor`, for a sign-in by name)."""
    session.add(
        AuditEntry(
            at=now,
            actor=actor or context_of(session).actor,
            action=action,
            table_name=table,
            row_uuid=row[:36],
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str),
        )
    )


def record_unmask(
    session: Session, *, table: str, row: str, fields: list[str], now: datetime
) -> None:
    """A form's personal fields shown in clear, by an explicit click: allowed to 录入员 and
    管理员 only (refused to 查看 and the signed out), and audited as "unmasked X of Y"."""
    check_unmask(context_of(session))
    labels = "、".join(field_label(f) for f in fields)
    record(session, "unmask", table=table, row=row, changes={"unmasked": [None, labels]}, now=now)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    table_name: str
    row_uuid: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class AuditQuery:
    actor: str = ""
    table: str = ""
    row: str = ""
    since: date | None = None
    until: date | None = None  # inclusive


def audit_rows(session: Session, query: AuditQuery, *, limit: int = 1000) -> list[AuditRow]:
    """Newest first, filtered by who, which table, which record and which days."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if query.actor:
        stmt = stmt.where(AuditEntry.actor == query.actor)
    if query.table:
        stmt = stmt.where(AuditEntry.table_name == query.table)
    if query.row:
        stmt = stmt.where(AuditEntry.row_uuid == query.row)
    if query.since:
        stmt = stmt.where(AuditEntry.at >= datetime.combine(query.since, datetime.min.time()))
    if query.until:
        end = datetime.combine(query.until + timedelta(days=1), datetime.min.time())
        stmt = stmt.where(AuditEntry.at < end)
    return [
        AuditRow(e.id, e.at, e.actor, e.action, e.table_name, e.row_uuid, _changes(e.changes))
        for e in session.scalars(stmt)
    ]


ACTION_LABELS = {
    "insert": "新增",
    "update": "修改",
    "delete": "删除",
    "login": "登录",
    "login_fail": "登录失败",
    "user_add": "添加账户",
    "passwd": "修改密码",
    "disable": "停用账户",
    "unmasked": "未隐去打印",
    "unmask": "查看未隐去信息",
    "export": "导出个人信息",
    "backup": "备份",
    "restore": "恢复备份",
    "keys": "密钥操作",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def describe_changes(changes: dict[str, Any]) -> str:
    """“户数：120 → 150；名称：（空） → 相山花园”: each field's before and after, as a person
    reads it (the values are as stored: personal ones already masked)."""
    parts = []
    for key, value in sorted(changes.items()):
        label = field_label(key)
        if isinstance(value, list) and len(value) == 2:
            before, after = (_shown(v) for v in value)
            parts.append(f"{label}：{before} → {after}")
        else:
            parts.append(f"{label}：{_shown(value)}")
    return "；".join(parts)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)[:200]
    return str(value)


def _changes(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
