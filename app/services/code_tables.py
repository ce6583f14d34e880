"""The data code tables in effect in this office (app/code_tables.py): list them, set this
office's own version of one (the top office of an area, or one whose superior has not sent
that table), go back to the shipped file, and take over the tables the direct superior sends
(app/packages/downward.py). A table received from above cannot be edited here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import code_tables
from app.errors import InputError, Problem
from app.failures import describe_json_error, describe_os_error
from app.models import CodeTable
from app.services.offices import current_office, office_label


@dataclass(frozen=True)
class TableState:
    name: str
    label: str
    version: str
    source: str  # 程序自带 / 本单位修改 / 上级下发
    maintained_by: str  # office label, or ""
    changed_at: datetime | None


def stored(session: Session) -> dict[str, dict[str, Any]]:
    """The database's tables by name (received or this office's own), as content."""
    return {
        row.name: json.loads(row.content)
        for row in session.scalars(select(CodeTable))
        if row.name in code_tables.LABELS
    }


def activate(session: Session, owner: object) -> None:
    """Put this database's tables in effect in this process (on open, after a change)."""
    code_tables.install(stored(session), owner)


def list_tables(session: Session) -> list[TableState]:
    rows = {row.name: row for row in session.scalars(select(CodeTable))}
    states = []
    for name, label in code_tables.LABELS.items():
        row = rows.get(name)
        if row is None:
            version = code_tables.version_of(code_tables.shipped(name))
            states.append(TableState(name, label, version, "程序自带", "", None))
        else:
            source = "本单位修改" if row.received_from is None else "上级下发"
            by = office_label(session, row.maintained_by)
            states.append(TableState(name, label, row.version, source, by, row.changed_at))
    return states


def _known(name: str) -> str:
    if name not in code_tables.LABELS:
        known = "、".join(code_tables.SHARED)
        raise InputError(Problem("代码表", f"“{name}”不是可由本单位维护的代码表（可用：{known}）"))
    return code_tables.LABELS[name]


def _not_received(session: Session, name: str) -> None:
    row = session.get(CodeTable, name)
    if row is not None and row.received_from is not None:
        raise InputError(
            Problem(
                "代码表",
                f"“{code_tables.LABELS[name]}”是上级单位 {office_label(session, row.maintained_by)}"
                "下发的，本单位不能修改",
            )
        )


def read_table_file(name: str, path: Path) -> dict[str, Any]:
    """A table from a JSON file, checked for the shape its loaders read."""
    label = _known(name)
    try:
        table = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(Problem("文件", describe_os_error(exc))) from exc
    except ValueError as exc:
        raise InputError(Problem("文件", f"{path} {describe_json_error(exc)}")) from exc
    try:
        code_tables.check_shape(name, table)
    except code_tables.BadTable:
        raise InputError(
            Problem(
                "代码表", f"{path} 的内容不符合“{label}”代码表的格式（参照程序自带的 {name}.json）"
            )
        ) from None
    return table  # type: ignore[no-any-return]


def set_table(session: Session, name: str, table: dict[str, Any], *, now: datetime) -> bool:
    """Make `table` this office's own version of `name`; False if it was already in effect.
    It travels down with the next 下发 packages. The caller commits, then `activate`s."""
    _known(name)
    _not_received(session, name)
    code_tables.check_shape(name, table)
    version = code_tables.version_of(table)
    row = session.get(CodeTable, name)
    if row is not None and row.version == version:
        return False
    text = json.dumps(table, ensure_ascii=False, indent=2)
    office = current_office(session).code
    if row is None:
        session.add(CodeTable(name=name, version=version, content=text, maintained_by=office,
                              received_from=None, changed_at=now))  # fmt: skip
    else:
        row.version, row.content, row.maintained_by, row.changed_at = version, text, office, now
    session.flush()
    return True


def reset_table(session: Session, name: str) -> bool:
    """Drop this office's own version of `name`: the shipped file is in effect again (and no
    longer sent down). False if there was none."""
    _known(name)
    _not_received(session, name)
    row = session.get(CodeTable, name)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
