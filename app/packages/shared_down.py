"""Shared data that travels down inside every downward package's signed manifest (issue 16),
as the holiday table does (app/packages/downward.py): the data code tables an office
maintains for its area (app/code_tables.py) and the notice templates it publishes. An office
below takes them over from its direct superior and relays them on with its own packages; a
crafted table or template is refused before anything is written."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import code_tables
from app.errors import InputError, Problem
from app.models import CodeTable, DbMeta
from app.packages.refusal import Refused
from app.packages.tables import code_table_versions, db_time
from app.rules.notice_template import parse_text


def code_tables_down(session: Session) -> dict[str, dict[str, Any]]:
    """The tables this office maintains or received from above (not the shipped files, which
    every program has): name -> version, content and the office that maintains it."""
    return {
        row.name: {
            "version": row.version,
            "content": json.loads(row.content),
            "maintained_by": row.maintained_by,
        }
        for row in session.scalars(select(CodeTable).order_by(CodeTable.name))
        if row.name in code_tables.LABELS
    }


def templates_down(session: Session) -> list[dict[str, str]]:
    """The templates this office published and those it received from above (relayed)."""
    from app.services.published_templates import all_published

    return [
        {"name": t.name, "text": t.text, "published_by": t.published_by,
         "published_by_name": t.published_by_name, "published_at": db_time(t.published_at)}
        for t in all_published(session)
    ]  # fmt: skip


def manifest_fields(session: Session) -> dict[str, Any]:
    """What a downward manifest carries besides the rows and the holiday table."""
    return {
        "code_tables": code_tables_down(session),
        "templates": templates_down(session),
        "code_table_versions": code_table_versions(),
    }


def _templates(manifest: dict[str, Any]) -> list[dict[str, str]] | None:
    """The manifest's published templates, each checked as a template file is (None: a
    package from before they travelled); one that fails is refused, naming it."""
    templates = manifest.get("templates")
    if templates is None:
        return None
    keys = ("name", "text", "published_by", "published_by_name", "published_at")
    if not isinstance(templates, list) or not all(
        isinstance(t, dict) and all(isinstance(t.get(k), str) for k in keys) for t in templates
    ):
        raise Refused("manifest_invalid", "数据包清单中的通知模板格式不对，已拒绝")
    for t in templates:
        try:
            if not t["name"].strip() or len(t["name"]) > 60:
                raise InputError(Problem("模板", "名称为空或过长"))
            datetime.fromisoformat(t["published_at"])
            parse_text(t["text"], t["name"], shown=t["name"])
        except (InputError, ValueError) as exc:
            detail = exc.problems[0].message if isinstance(exc, InputError) else "发布时间不对"
            raise Refused(
                "manifest_invalid",
                f"数据包中的通知模板“{t['name'][:60]}”有错误，已拒绝：{detail}",
            ) from exc
    return templates


def apply_templates(con: sqlite3.Connection, manifest: dict[str, Any], sender: str) -> list[str]:
    """Take over the superior's published templates (inside the import's transaction); one
    received earlier that it no longer sends is dropped. The names that changed."""
    templates = _templates(manifest)
    if templates is None:
        return []
    held = {
        name: (text, received)
        for name, text, received in con.execute(
            "SELECT name, text, received_from FROM published_template"
        )
    }
    changed = []
    for t in templates:
        if held.get(t["name"]) == (t["text"], sender):
            continue
        con.execute(
            "INSERT INTO published_template (name, text, published_by, published_by_name,"
            " published_at, received_from) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO"
            " UPDATE SET text = excluded.text, published_by = excluded.published_by,"
            " published_by_name = excluded.published_by_name,"
            " published_at = excluded.published_at, received_from = excluded.received_from",
            (t["name"], t["text"], t["published_by"], t["published_by_name"][:60],
             db_time(datetime.fromisoformat(t["published_at"])), sender),
        )  # fmt: skip
        changed.append(t["name"])
    sent = {t["name"] for t in templates}
    for name, (_, received) in held.items():
        if received is not None and name not in sent:
            con.execute("DELETE FROM published_template WHERE name = ?", (name,))
            changed.append(name)
    return changed


def _shared_digest(shared: dict[str, Any]) -> str:
    """The digest of what an office maintains or relays (not the versions of the shipped
    files: an office that shares nothing has no news); "" when it shares nothing."""
    content = {k: v for k, v in shared.items() if k != "code_table_versions" and v}
    if not content:
        return ""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _sent_key(to: str) -> str:
    return f"shared_down:{to}"


def shared_news(session: Session, to: str, shared: dict[str, Any]) -> bool:
    """Whether the shared data changed since the last package written for `to`: a changed
    table alone is news worth a package (`wuye package export --down all`)."""
    row = session.get(DbMeta, _sent_key(to))
    return (row.value if row else "") != _shared_digest(shared)


def note_shared_sent(session: Session, to: str, shared: dict[str, Any]) -> None:
    row = session.get(DbMeta, _sent_key(to))
    if row is None:
        session.add(DbMeta(key=_sent_key(to), value=_shared_digest(shared)))
    else:
        row.value = _shared_digest(shared)


def _code_tables(manifest: dict[str, Any]) -> dict[str, dict[str, Any]] | None:
    """The manifest's code tables checked one by one (None: a package from before they
    travelled); a table of the wrong shape is refused, naming it."""
    tables = manifest.get("code_tables")
    if tables is None:
        return None
    if not isinstance(tables, dict):
        raise Refused("manifest_invalid", "数据包清单中的代码表格式不对，已拒绝")
    for name, entry in tables.items():
        label = code_tables.LABELS.get(name, name)
        try:
            code_tables.check_shape(name, entry["content"])
            if entry["version"] != code_tables.version_of(entry["content"]):
                raise code_tables.BadTable
            if not isinstance(entry["maintained_by"], str) or not entry["maintained_by"]:
                raise code_tables.BadTable
        except (code_tables.BadTable, KeyError, TypeError) as exc:
            raise Refused(
                "manifest_invalid",
                f"数据包中的“{label}”代码表格式不对，已拒绝：请向上级单位核实",
            ) from exc
    return tables


def _received_at(manifest: dict[str, Any]) -> str:
    """When the superior wrote the package, as SQLite stores a DateTime."""
    try:
        return db_time(datetime.fromisoformat(manifest["created_at"]).replace(tzinfo=None))
    except ValueError:
        raise Refused("manifest_invalid", "数据包清单中的时间格式不对，已拒绝") from None


def check_shared(manifest: dict[str, Any]) -> None:
    """Refuse a downward manifest whose shared data is malformed (before any row is merged)."""
    _code_tables(manifest)
    _templates(manifest)


def apply_code_tables(con: sqlite3.Connection, manifest: dict[str, Any], sender: str) -> list[str]:
    """Take over the superior's code tables inside the import's transaction (a dry run or a
    failure leaves them as they were): they replace this office's own edits; one received
    earlier that the superior no longer sends goes back to the shipped file. The labels of the
    tables that changed."""
    tables = _code_tables(manifest)
    if tables is None:
        return []
    changed = []
    held = {
        name: (version, received)
        for name, version, received in con.execute(
            "SELECT name, version, received_from FROM code_table"
        )
    }
    now = _received_at(manifest)
    for name, entry in sorted(tables.items()):
        if held.get(name) == (entry["version"], sender):
            continue
        con.execute(
            "INSERT INTO code_table (name, version, content, maintained_by, received_from,"
            " changed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            " version = excluded.version, content = excluded.content,"
            " maintained_by = excluded.maintained_by, received_from = excluded.received_from,"
            " changed_at = excluded.changed_at",
            (name, entry["version"], json.dumps(entry["content"], ensure_ascii=False, indent=2),
             entry["maintained_by"], sender, now),
        )  # fmt: skip
        changed.append(name)
    for name, (_, received) in held.items():
        if received is not None and name not in tables:
            con.execute("DELETE FROM code_table WHERE name = ?", (name,))
            changed.append(name)
    return [code_tables.LABELS.get(n, n) for n in changed]


def apply_shared(con: sqlite3.Connection, manifest: dict[str, Any], sender: str) -> list[str]:
    """Take over what a downward package shares; what the import report says about it."""
    notes = []
    if tables := apply_code_tables(con, manifest, sender):
        notes.append(f"已按上级单位下发的代码表更新：{'、'.join(tables)}")
    if names := apply_templates(con, manifest, sender):
        notes.append(f"已按上级单位下发的通知模板更新：{'、'.join(names)}")
    return notes


def version_warnings(manifest: dict[str, Any], direction: str) -> list[str]:
    """What the report says when the sender's code tables differ from the ones in effect here:
    a program of another version (the enums) must be upgraded; a data table of an office below
    that is not this office's is updated by the next 下发 package (a downward package brings
    its own tables, so it says nothing of them)."""
    theirs = manifest.get("code_table_versions")
    ours = code_table_versions()
    if not isinstance(theirs, dict):  # a package from before the data tables had versions
        from app.packages.tables import code_tables_version

        if manifest["code_tables_version"] != code_tables_version():
            return ["发送方的代码表版本与本程序不同，请双方升级到同一版本"]
        return []
    warnings = []
    if theirs.get("enums") != ours["enums"]:
        warnings.append("发送方的程序版本与本程序不同（代码表不一致），请双方升级到同一版本")
    if direction != "up":
        return warnings
    for name, label in code_tables.LABELS.items():
        if theirs.get(name) == ours[name]:
            continue
        if code_tables.overridden(name):
            warnings.append(f"发送方的“{label}”代码表比本单位现行的旧：下一次下发的数据包会更新它")
        else:
            warnings.append(f"发送方的“{label}”代码表与本程序自带的不同（发送方自行修改）：请核实")
    return warnings
