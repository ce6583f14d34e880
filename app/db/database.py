"""The one entry point to a database (a SQLite file, or PostgreSQL for the city aggregate):
everything that opens one goes through here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.db import identity, server, sync
from app.db.engine import READONLY, make_engine
from app.db.migrate import ensure_schema, ensure_server_schema
from app.errors import DatabaseError
from app.ids import new_uuid
from app.models import DbMeta, SeqCounter, UserAccount
from app.rules.roles import NOBODY


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]  # writes: one per user action, BEGIN IMMEDIATE
    reader: sessionmaker[Session]  # list pages and reports: deferred, never blocks a writer
    context: sync.SyncContext
    backup_written: Path | None = None
    url: str | None = None  # a PostgreSQL database; `path` is then its anchor (app.db.server)

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
        try:
            if self.context.office_code and self.context.db_id:
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


def open_database(target: Path | str, *, actor: str | None = None) -> Database:
    """Open (creating if needed) and migrate the file, or the PostgreSQL database a
    `postgresql://` URL names, then hand back session factories."""
    if server.is_server_url(target):
        return _open_server(str(target), actor)
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():  # personal data: readable by its owner only (SQLite copies the
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # mode to -wal and -shm)
    engine = make_engine(path)
    try:
        backup_written = ensure_schema(path, engine.connect)
        return _sessions(path, engine, actor, backup_written)
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
    sync.install(sessions)
    sync.install(reader)
    with sessions.begin() as s:
        _ensure_meta(s)
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
    return Database(path, engine, sessions, reader, context, backup_written)


def _ensure_meta(session: Session) -> None:
    if session.get(DbMeta, "db_id") is None:
        # A fresh id per database file: packages tell offices apart by it (DESIGN.md).
        session.add(DbMeta(key="db_id", value=new_uuid()))
    if session.get(SeqCounter, 1) is None:
        session.add(SeqCounter(id=1, value=0))
    if session.scalar(select(DbMeta).where(DbMeta.key == "created_at")) is None:
        session.add(DbMeta(key="created_at", value=sync.utc_now().isoformat(timespec="seconds")))
