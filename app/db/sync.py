"""The single place where sync columns and audit rows are kept right (DESIGN.md, packages).

Services only set business fields. On every flush this module gives new rows their uuid,
origin, rev 1 and seq; bumps rev and seq on rows whose columns really changed; turns
`session.delete()` of a syncable row into a tombstone; writes one audit row per change; and
refuses edits to rows another office owns. Queries hide tombstones unless asked not to.

It is also where roles are enforced (issue 14): every change the window, the CLI or a service
makes passes a flush or an ORM statement here, so a 查看 account's (or, on a database with
accounts, a signed-out user's) change is refused in one place, with one Chinese message.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import event, false, insert, inspect, update
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, sessionmaker, with_loader_criteria

from app.db.text_index import indexed_at_end
from app.errors import DatabaseError, InputError, Problem
from app.field_labels import TABLE_LABELS
from app.ids import UuidFactory, new_uuid
from app.models import (
    AuditEntry,
    BoardPrint,
    CommitteeAccountPrint,
    DbMeta,
    DisclosureBoard,
    SeqCounter,
    SurveyResultPrint,
    Syncable,
    UserAccount,
)
from app.rules.masking import mask_field
from app.rules.roles import may_unmask, may_write, role_label, write_refusal

SYNC_COLUMNS = frozenset({"uuid", "origin", "rev", "updated_at", "deleted", "seq", "db_id"})
INCLUDE_DELETED = "include_deleted"
_PENDING_AUDIT = "wuye_pending_audit"
PREPARED_AUDIT = "wuye_audit_changes"  # a prepare_bulk row's audit text, not a column


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


@dataclass
class SyncContext:
    """Who writes, for which office, with which clock and ids (demo data fixes both)."""

    office_code: str | None = None
    db_id: str | None = None  # this file's id, stamped on every rev it writes
    actor: str = field(default_factory=default_actor)
    # The signed-in account's role (app/rules/roles.py); None on a database without accounts.
    role: str | None = None
    signed_in: bool = False  # `actor` is then an account's name, not the login name
    clock: Callable[[], datetime] = utc_now
    make_uuid: UuidFactory = new_uuid


def acting_name(session: Session, who: str | None) -> str:
    """Who a status move or a review is recorded for: the signed-in account, whatever `--who`
    says (one person cannot sign for another); else `who`, else the login name."""
    ctx = context_of(session)
    if ctx.signed_in:
        return ctx.actor
    return (who or ctx.actor).strip()


def check_write(ctx: SyncContext) -> None:
    """Refuse any change by a role that may not write; for the writers that bypass the ORM
    (the package merge on its raw connection) to call before they start."""
    if not may_write(ctx.role):
        raise InputError(Problem("", write_refusal(ctx.role, ctx.actor)))


def as_seen(session: Session, model: type[Syncable], key: str, value: Any) -> Any:
    """A field as the signed-in role may read it in a form: personal fields in clear for
    录入员 and 管理员 (and on a PC without accounts), masked for 查看 and the signed out."""
    if key in model.__sensitive__ and not may_unmask(context_of(session).role):
        return mask_field(key, value)
    return value


def check_unmask(ctx: SyncContext) -> None:
    """Refuse personal data in clear to a role that may only see it masked (查看, signed out)."""
    if not may_unmask(ctx.role):
        who = f"账户“{ctx.actor}”（{role_label(ctx.role)}）" if ctx.signed_in else "未登录用户"
        raise InputError(Problem("", f"{who}不能查看或打印未隐去的个人信息，只能使用隐去版本"))


# Who changed what must stay provable (issue 14): no path edits or deletes an audit row.
AUDIT_APPEND_ONLY = "操作日志只能追加，不能修改或删除"

def _exempt_from_roles(obj: object) -> bool:
    """What reading leaves behind: the audit of a sign-in or a print, an account's lock-out
    counters, and the record of a masked print (查看 may print masked boards, a committee's
    accounts 公示, which is masked always: app/services/committee_accounts.py, and a
    survey's result 公告, which holds figures only)."""
    if isinstance(obj, AuditEntry | UserAccount):
        return True
    if isinstance(obj, DbMeta) and obj.key.startswith("data_key."):  # wrapped at sign-in
        return True
    if isinstance(obj, DisclosureBoard):  # the empty board a first masked print makes
        return _blank_new_board(obj)
    if isinstance(obj, CommitteeAccountPrint | SurveyResultPrint):  # no personal data in them
        return True
    return isinstance(obj, BoardPrint) and bool(obj.masked)


_BOARD_TEXTS = ("service_content", "fee_items", "parking", "utility_split", "fee_and_revenue",
                "elevator_spending", "complaint_phone")  # fmt: skip


def _blank_new_board(board: DisclosureBoard) -> bool:
    """A board not stored yet and holding no text of its own: only which estate (or building)
    it stands for, all else derived from the ledgers at print time."""
    state = inspect(board)
    texts_empty = not any(getattr(board, key) for key in _BOARD_TEXTS)
    return state.pending and texts_empty and not board.consent_public_phone


def _check_roles(session: Session) -> None:
    ctx = context_of(session)
    if may_write(ctx.role):
        return
    touched = [*session.new, *session.deleted] + [
        o for o in session.dirty if session.is_modified(o, include_collections=False)
    ]
    if any(not _exempt_from_roles(o) for o in touched):
        check_write(ctx)


def context_of(session: Session) -> SyncContext:
    ctx = session.info.get("sync")
    if not isinstance(ctx, SyncContext):
        raise DatabaseError("会话缺少同步上下文：请通过 open_database() 打开数据库")
    return ctx


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _write_audit)
    event.listen(factory, "do_orm_execute", _on_execute)


def _on_execute(state: ORMExecuteState) -> Any:
    mapper = state.bind_mapper
    if state.is_insert or state.is_update or state.is_delete:
        model = mapper.class_ if mapper is not None else None
        if model not in (AuditEntry, UserAccount, SeqCounter):
            check_write(context_of(state.session))
        if model is AuditEntry and not state.is_insert:
            raise DatabaseError(AUDIT_APPEND_ONLY)
    syncable = mapper is not None and issubclass(mapper.class_, Syncable)
    if state.is_delete and syncable:
        # A bulk DELETE would skip tombstones and audit alike: refuse it outright.
        raise DatabaseError(f"{mapper.local_table.name} 的记录只能标记删除，不能物理删除")
    if state.is_update and syncable:
        raise DatabaseError(f"{mapper.local_table.name} 的记录请逐条修改，批量更新会跳过版本号")
    if state.is_insert and syncable:
        return _bulk_insert(state, mapper.class_)  # type: ignore[union-attr]
    if state.is_select and not state.execution_options.get(INCLUDE_DELETED, False):
        state.statement = state.statement.options(
            with_loader_criteria(Syncable, lambda cls: cls.deleted == false(), include_aliases=True)
        )


@event.listens_for(Syncable, "before_delete", propagate=True)
def _refuse_hard_delete(mapper: Mapper[Any], connection: Any, target: Syncable) -> None:
    # Reached only if a row escaped the tombstone conversion (e.g. a delete-orphan cascade):
    # a silent hard delete would never travel upward, so it must fail loudly instead.
    raise DatabaseError(f"{mapper.local_table.name} 的记录只能标记删除，不能物理删除")


BULK_CHUNK = 5_000


def _bulk_insert(state: ORMExecuteState, model: type[Syncable]) -> Any:
    """`session.execute(insert(Model), rows)`: the same columns and audit as a flush gives,
    for imports that add 100,000 rows (the unit of work cost more than reading the sheet)."""
    rows = state.parameters if isinstance(state.parameters, list) else [state.parameters or {}]
    session = state.session
    ctx = context_of(session)
    if ctx.office_code is None:
        raise DatabaseError("数据库尚未初始化本单位：请先运行 wuye init")
    now = ctx.clock()
    last = session.execute(
        update(SeqCounter)
        .where(SeqCounter.id == 1)
        .values(value=SeqCounter.value + len(rows))
        .returning(SeqCounter.value)
    ).scalar_one()
    table = model.__table__.name
    connection = session.connection()
    first = last - len(rows) + 1
    with indexed_at_end(connection, table):
        return _insert_chunks(connection, model, rows, first, now, ctx)


def _insert_chunks(
    connection: Any,
    model: type[Syncable],
    rows: list[dict[str, Any]],
    first: int,
    now: datetime,
    ctx: SyncContext,
) -> Any:
    columns = _columns_of(model)
    table = model.__table__.name
    result = None
    for at in range(0, len(rows), BULK_CHUNK):  # memory for a chunk, not the whole import
        chunk = rows[at : at + BULK_CHUNK]
        filled: list[dict[str, Any]] = []
        audit: list[dict[str, Any]] = []
        for seq, row in zip(range(first + at, first + at + len(chunk)), chunk, strict=True):
            changes = row.get(PREPARED_AUDIT)
            if changes is None:
                full = {**model.derived(row), **row}
            else:  # prepare_bulk did the row's own share before the write lock
                full = {k: v for k, v in row.items() if k != PREPARED_AUDIT}
            full.update(
                uuid=full.get("uuid") or ctx.make_uuid(),
                origin=full.get("origin") or ctx.office_code,
                rev=1,
                updated_at=now,
                deleted=bool(full.get("deleted", False)),
                seq=seq,
                db_id=ctx.db_id,
            )
            filled.append(full)
            audit.append({
                "at": now,
                "actor": ctx.actor,
                "action": "insert",
                "table_name": table,
                "row_uuid": full["uuid"],
                "changes": changes or _inserted_json(model, columns, full),
            })  # fmt: skip
        result = _insert_many(connection, model.__table__, filled)
        if result is None:  # what only SQLAlchemy does (defaults, other databases): Core
            result = connection.execute(insert(model.__table__), filled)
        if _insert_many(connection, AuditEntry.__table__, audit) is None:
            connection.execute(insert(AuditEntry), audit)
    return result


def prepare_bulk(
    session: Session, model: type[Syncable], rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows for `session.execute(insert(model), rows)` with what depends on each row alone
    done now (derived columns, uuid, the audit row's text): an import prepares its rows in
    its read transaction, so the write lock is held only to store them (a 60,000-row estate
    import spent a third of its locked time here). Seq, time and owner are still given at
    the insert, under the lock."""
    ctx = context_of(session)
    columns = _columns_of(model)
    prepared = []
    for row in rows:
        full = {**model.derived(row), **row}
        full["uuid"] = full.get("uuid") or ctx.make_uuid()
        full[PREPARED_AUDIT] = _inserted_json(model, columns, full)
        prepared.append(full)
    return prepared


def _insert_many(connection: Any, table: Any, rows: list[dict[str, Any]]) -> Any:
    """One driver-level executemany on SQLite, with the columns' own bind conversions (dates
    as SQLAlchemy stores them): SQLAlchemy's per-row parameter building was most of a
    100,000-row ledger import. None when the rows need what only SQLAlchemy does (columns
    missing that have Python-side defaults, rows of differing keys, another database)."""
    dialect = connection.dialect
    if dialect.name != "sqlite" or not rows:
        return None
    keys = tuple(rows[0])
    if any(key not in table.c for key in keys):
        return None
    missing = [c for c in table.c if c.key not in keys]
    if any(c.default is not None and not c.primary_key for c in missing):
        return None
    if any(len(row) != len(keys) or tuple(row) != keys for row in rows):
        return None
    quote = dialect.identifier_preparer.quote
    processors = [(i, p) for i, key in enumerate(keys)
                  if (p := table.c[key].type.bind_processor(dialect)) is not None]  # fmt: skip
    values = [list(row.values()) for row in rows]
    for i, process in processors:
        for row in values:
            row[i] = process(row[i])
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(table.c[k].name) for k in keys)}) "
        f"VALUES ({', '.join('?' * len(keys))})"
    )
    return connection.exec_driver_sql(sql, [tuple(row) for row in values])


def _inserted_json(model: type[Syncable], columns: list[str], row: dict[str, Any]) -> str:
    sensitive = model.__sensitive__
    changes = {}
    for k in _sorted(tuple(columns)):
        value = row.get(k)
        if value is None or value == "":
            continue
        if k in sensitive or isinstance(value, date):  # datetime is a date
            value = _shown_value(model, k, value)
        changes[k] = [None, value]
    return json.dumps(changes, ensure_ascii=False)


@cache
def _sorted(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(columns))


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    _check_roles(session)
    if any(isinstance(obj, AuditEntry) for obj in session.deleted) or any(
        isinstance(obj, AuditEntry) and session.is_modified(obj) for obj in session.dirty
    ):
        raise DatabaseError(AUDIT_APPEND_ONLY)
    ctx = context_of(session)
    now = ctx.clock()

    removed = [obj for obj in session.deleted if isinstance(obj, Syncable)]
    for obj in removed:  # cancel the DELETE; keep the row as a tombstone that travels
        session.expunge(obj)
        session.add(obj)
        obj.deleted = True
    removed_ids = {id(obj) for obj in removed}

    created = [obj for obj in session.new if isinstance(obj, Syncable)]
    changed = [
        obj
        for obj in session.dirty
        if isinstance(obj, Syncable) and session.is_modified(obj, include_collections=False)
    ]
    if not created and not changed:
        return
    if ctx.office_code is None:
        raise DatabaseError("数据库尚未初始化本单位：请先运行 wuye init")

    foreign = [obj for obj in changed if obj.origin != ctx.office_code]
    if foreign:
        raise InputError(
            Problem("", f"{_describe(obj)}属于单位 {obj.origin}，只能由该单位修改")
            for obj in foreign[:5]
        )

    last = session.execute(
        update(SeqCounter)
        .where(SeqCounter.id == 1)
        .values(value=SeqCounter.value + len(created) + len(changed))
        .returning(SeqCounter.value)
    ).scalar_one()
    seqs = iter(range(last - len(created) - len(changed) + 1, last + 1))

    for obj in created:
        obj.uuid = obj.uuid or ctx.make_uuid()
        obj.origin = obj.origin or ctx.office_code
        obj.rev = 1
        obj.deleted = bool(obj.deleted)
        obj.updated_at = now
        obj.seq = next(seqs)
        obj.db_id = ctx.db_id
    for obj in changed:
        obj.rev = (obj.rev or 0) + 1
        obj.updated_at = now
        obj.seq = next(seqs)
        obj.db_id = ctx.db_id
    # Audited after the flush, when defaults and relationship keys are filled in.
    session.info[_PENDING_AUDIT] = [(now, "insert", obj) for obj in created] + [
        (now, "delete" if id(obj) in removed_ids else "update", obj) for obj in changed
    ]


def _write_audit(session: Session, flush_context: Any) -> None:
    pending = session.info.pop(_PENDING_AUDIT, None)
    if not pending:
        return
    actor = context_of(session).actor
    rows = [
        {
            "at": at,
            "actor": actor,
            "action": action,
            "table_name": _table(obj),
            "row_uuid": obj.uuid,
            "changes": json.dumps(
                _inserted_fields(obj) if action == "insert" else _changed_fields(obj),
                ensure_ascii=False,
                sort_keys=True,
            ),
        }
        for at, action, obj in pending
    ]
    session.connection().execute(insert(AuditEntry), rows)


def _describe(obj: Syncable) -> str:
    """“小区“相山花园””: what a person calls the record, for messages."""
    label = TABLE_LABELS.get(_table(obj), "记录")
    name = getattr(obj, "name", None)
    return f"{label}“{name}”" if name else label


def _table(obj: Syncable) -> str:
    return obj.__table__.name


def _business_columns(obj: Syncable) -> list[str]:
    return _columns_of(type(obj))


@cache
def _columns_of(model: type[Syncable]) -> list[str]:
    return [a.key for a in inspect(model).column_attrs if a.key not in SYNC_COLUMNS]


def _inserted_fields(obj: Syncable) -> dict[str, list[Any]]:
    values = {key: getattr(obj, key) for key in _business_columns(obj)}
    return {key: [None, _shown(obj, key, v)] for key, v in values.items() if v not in (None, "")}


def _changed_fields(obj: Syncable) -> dict[str, list[Any]]:
    state = inspect(obj)
    diff: dict[str, list[Any]] = {}
    for key in [*_business_columns(obj), "deleted"]:
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before != after:
            diff[key] = [_shown(obj, key, before), _shown(obj, key, after)]
    return diff


def masked_row(model: type[Syncable] | None, values: dict[str, Any]) -> dict[str, Any]:
    """A whole row as the audit log may keep it (a discarded package row, say): the model's
    sensitive fields masked by the same formula as every change."""
    sensitive = model.__sensitive__ if model is not None else ()
    return {k: mask_field(k, v) if k in sensitive else v for k, v in values.items()}


def _shown(obj: Syncable, key: str, value: Any) -> Any:
    return _shown_value(type(obj), key, value)


def _shown_value(model: type[Syncable], key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in model.__sensitive__:  # the one masking formula (DOMAIN.md §5)
        return mask_field(key, value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
