"""The one entry point to a database (a SQLite file, or PostgreSQL for the city aggregate):
everything that opens one goes through here."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app import code_tables
from app.db import at_rest, data_key, field_crypto, identity, server, sync
from app.db.address import is_server_url
from app.db.engine import LATE_WRITE, READONLY, make_engine
from app.db.file_access import create_private
from app.db.migrate import ensure_schema, ensure_server_schema, refuse_newer, stored_revision
from app.db.migrations import HEAD
from app.errors import DatabaseError
from app.ids import new_uuid
from app.models import DbMeta, SeqCounter, UserAccount
from app.rules.roles import NOBODY

T = TypeVar("T")

field_crypto.seal_sensitive_columns()  # personal fields encrypted in SQLite files (issue 14)


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]  # writes: one per user action, BEGIN IMMEDIATE
    reader: sessionmaker[Session]  # list pages and reports: deferred, never blocks a writer
    context: sync.SyncContext
    backup_written: Path | None = None
    url: str | None = None  # a PostgreSQL database; `path` is then its anchor (app.db.server)
    readonly: bool = False  # opened by a command that only reads (open_database)
    late: sessionmaker[Session] | None = None  # long checks, then a short write: `write_late`
    # Backups a migration could not seal (app/db/backup_sealing.py): one Chinese line each.
    backup_notes: tuple[str, ...] = ()

    @property
    def on_server(self) -> bool:
        return self.url is not None

    def meta(self, key: str) -> str | None:
        with self.reader() as s:
            row = s.get(DbMeta, key)
            return row.value if row else None

    @property
    def db_id(self) -> str:
        value = self.meta("db_id")
        assert value is not None  # set on open
        return value

    def renew_id(self) -> str:
        """A new `db_id` after a restore from backup or a copy to another PC: otherwise the
        copy would re-issue revs its upper office already holds, and its edits would be
        silently ignored there. The next package export is then a snapshot."""
        value = new_uuid()
        with self.sessions.begin() as s:
            row = s.get(DbMeta, "db_id")
            assert row is not None
            row.value = value
        self.context.db_id = value
        return value

    def set_office(self, code: str) -> None:
        self.context.office_code = code

    def close(self) -> None:
        """Close, leaving the office's high-water mark (app/db/identity.py) behind."""
        code_tables.uninstall(self)
        try:
            if self.context.office_code and self.context.db_id and not self.readonly:
                with self.reader() as s:
                    seq = s.get(SeqCounter, 1)
                    if seq is not None:
                        identity.remember(
                            self.path, self.context.office_code, self.context.db_id, seq.value
                        )
        except SQLAlchemyError:
            pass  # a file that cannot be read now had nothing to remember; closing must work
        finally:
            self.engine.dispose()


LATE_ATTEMPTS = 2


def write_late(db: Database, work: Callable[[Session], T]) -> T:
    """Run `work` (reads and checks, then writes at the end) holding the write lock only from
    its first write to its commit: a 60,000-row import checks for seconds while the window
    and other commands keep writing. If another writer committed while `work` was checking,
    or holds the lock at its first write, SQLite refuses the upgrade at once (the check may
    have seen old rows): `work` runs again on the new state,
    and after LATE_ATTEMPTS such races it runs once more holding the lock from the start.
    `work` must not commit; it returns what the caller needs and raises to write nothing."""
    if db.late is None:  # PostgreSQL: its row locks do not block readers anyway
        with db.sessions.begin() as s:
            return work(s)
    for _ in range(LATE_ATTEMPTS):
        try:
            with db.late.begin() as s:
                return work(s)
        except OperationalError as exc:
            if not _lost_snapshot(exc):
                raise
    with db.sessions.begin() as s:
        return work(s)


def _lost_snapshot(exc: OperationalError) -> bool:
    """The upgrade to a write lost a race: another writer held the lock at that moment
    (SQLITE_BUSY: SQLite does not wait when a read transaction asks to write) or committed
    after this one's first read (SQLITE_BUSY_SNAPSHOT)."""
    return getattr(exc.orig, "sqlite_errorcode", None) in (5, 517)


def open_database(
    target: Path | str,
    *,
    actor: str | None = None,
    readonly: bool = False,
    holder: str = "WuyeDesk",
) -> Database:
    """Open (creating if needed) and migrate the file, or the PostgreSQL database a
    `postgresql://` URL names, then hand back session factories.

    `readonly` (commands that only read): the file must already be a database of this
    version; nothing is created, migrated or written, and no write lock is taken, so a long
    import in another process does not hold the reader up. `holder` names this process to
    writers kept waiting (app/db/write_lock.py)."""
    if is_server_url(target):
        return _with_code_tables(_open_server(str(target), actor))
    path = Path(target)
    if readonly:
        return _with_code_tables(_open_readonly(path, actor, holder))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():  # personal data: readable by its owner only (SQLite copies the
        os.close(create_private(path, os.O_WRONLY | os.O_CREAT))  # mode to -wal and -shm)
    engine = make_engine(path, holder=holder)
    try:
        data_key.unlock(path, engine)  # before migration 0031 seals the rows under it
        backup_written = ensure_schema(path, engine.connect)
        database = _sessions(path, engine, actor, backup_written)
        if backup_written is not None:  # migrated: older backups may hold personal data in clear
            from app.db.backup_sealing import seal_old_backups

            notes = seal_old_backups(path, field_crypto.key_for(engine.dialect))
            database.backup_notes = tuple(notes)
        return _with_code_tables(database)
    except BaseException:
        engine.dispose()
        raise


def _with_code_tables(database: Database) -> Database:
    """The data code tables this database holds (received from its superior, or its own) are
    the ones in effect while it is open (app/code_tables.py)."""
    from app.services.code_tables import activate

    try:
        with database.reader() as s:
            activate(s, database)
    except BaseException:
        database.engine.dispose()
        raise
    return database


def _open_readonly(path: Path, actor: str | None, holder: str) -> Database:
    if not path.is_file():
        raise DatabaseError(f"数据库文件不存在：{path}")
    if path.stat().st_size == 0:
        raise DatabaseError(f"{path} 是空文件，还不是数据库（新建数据库用 wuye init）")
    current = stored_revision(path)
    if current is None:
        raise DatabaseError(f"{path} 还没有建立本程序的数据结构（新建数据库用 wuye init）")
    if current != HEAD:
        refuse_newer(path, current)
        raise DatabaseError(
            f"数据库 {path} 需要先升级到本程序的版本（{current} → {HEAD}）：打开窗口或运行任一"
            "修改数据的命令时会先备份再升级"
        )
    engine = make_engine(path, readonly=True, holder=holder)
    try:
        data_key.unlock(path, engine, readonly=True)
        context = sync.SyncContext()
        if actor:
            context.actor = actor
        reader = sessionmaker(engine, info={"sync": context}, expire_on_commit=False)
        sync.install(reader)
        with reader() as s:
            office = s.get(DbMeta, "office_code")
            db_id = s.get(DbMeta, "db_id")
            context.office_code = office.value if office else None
            context.db_id = db_id.value if db_id else None
        # `sessions` is the reader too: a write through it is refused by `query_only`.
        return Database(path, engine, reader, reader, context, None, readonly=True)
    except BaseException:
        engine.dispose()
        raise


def _open_server(url: str, actor: str | None) -> Database:
    engine = server.make_server_engine(url)
    try:
        shown = server.shown(url)
        try:
            ensure_server_schema(engine, shown)
            database = _sessions(server.anchor(url), engine, actor, None)
        except OperationalError as exc:  # the server went away or refused a statement
            raise DatabaseError(f"数据库 {shown} 无法使用：{exc.orig or exc}") from exc
    except BaseException:
        engine.dispose()
        raise
    database.url = url
    return database


def _sessions(
    path: Path, engine: Engine, actor: str | None, backup_written: Path | None
) -> Database:
    context = sync.SyncContext()
    if actor:
        context.actor = actor
    sessions = sessionmaker(engine, info={"sync": context}, expire_on_commit=False)
    reader = sessionmaker(
        engine.execution_options(**{READONLY: True}),
        info={"sync": context},
        expire_on_commit=False,
    )
    late = sessionmaker(
        engine.execution_options(**{LATE_WRITE: True}),
        info={"sync": context},
        expire_on_commit=False,
    )
    for factory in (sessions, reader, late):
        sync.install(factory)
    with sessions.begin() as s:
        _ensure_meta(s)
        data_key.store_missing(s)
        s.flush()
        office = s.get(DbMeta, "office_code")
        context.office_code = office.value if office else None
        db_id = s.get(DbMeta, "db_id")
        assert db_id is not None
        seq = s.get(SeqCounter, 1).value  # type: ignore[union-attr]
        if office and identity.went_back(path, office.value, db_id.value, seq):
            db_id.value = new_uuid()  # restored or rolled back: see app/db/identity.py
        context.db_id = db_id.value
        # Accounts exist: nobody is signed in yet, so reads only (app/rules/roles.py).
        if s.scalar(select(func.count()).select_from(UserAccount)):
            context.role = NOBODY
    at_rest.protect_clear_keys(path, context.office_code, sessions)
    return Database(path, engine, sessions, reader, context, backup_written, late=late)


def _ensure_meta(session: Session) -> None:
    if session.get(DbMeta, "db_id") is None:
        # A fresh id per database file: packages tell offices apart by it (DESIGN.md).
        session.add(DbMeta(key="db_id", value=new_uuid()))
    if session.get(SeqCounter, 1) is None:
        session.add(SeqCounter(id=1, value=0))
    if session.scalar(select(DbMeta).where(DbMeta.key == "created_at")) is None:
        session.add(DbMeta(key="created_at", value=sync.utc_now().isoformat(timespec="seconds")))
