"""SQLite engine with the pragmas every connection needs (WAL, foreign keys, busy timeout)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from app.db import field_crypto, write_lock

READONLY = "wuye_readonly"
LATE_WRITE = "wuye_late_write"  # reads first, takes the write lock at its first write
BUSY_TIMEOUT_MS = 10_000
BUSY_TIMEOUT_ENV = "WUYE_BUSY_TIMEOUT_MS"  # scripts and tests that should give up sooner
MMAP_BYTES = 256 * 1024 * 1024


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def make_engine(path: Path, *, readonly: bool = False, holder: str = "WuyeDesk") -> Engine:
    """`readonly`: for commands that only read. Such a connection never writes the file (no
    journal-mode switch, which would write a header into an empty file; `query_only` refuses
    any write) and never waits for a writer: WAL readers see the last commit.
    `holder`: what this process is, recorded while it holds the write lock
    (app/db/write_lock.py) so that a writer kept waiting can be told whom it waits for."""
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself: pysqlite's own transaction
        # handling would start transactions lazily and defeat BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if readonly:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Reads through a memory map and a 32 MiB page cache: a scan of 100,000 estates took
        # half the time (bench/ledger.py); a fresh connection otherwise starts with 2 MiB.
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        cursor.execute("PRAGMA cache_size=-32768")
        cursor.close()
        field_crypto.install_open_function(dbapi_connection, engine.dialect)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock up front, so two writers queue on busy_timeout instead of
        # failing at the read-to-write upgrade; readers (list pages) stay deferred.
        options = conn.get_execution_options()
        if readonly or options.get(READONLY):
            conn.exec_driver_sql("BEGIN")
        elif options.get(LATE_WRITE):
            # A long check before a short write (an Excel import): no lock while checking.
            # It may write only if nobody else committed meanwhile (app/db/database.py
            # `write_late` runs it again then); recorded as the holder from the start.
            conn.exec_driver_sql("BEGIN")
            conn.info["wuye_writer"] = True
            write_lock.record(path, holder)
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            conn.info["wuye_writer"] = True
            write_lock.record(path, holder)

    def _on_end(conn: Any) -> None:
        if conn.info.pop("wuye_writer", False):
            write_lock.release(path)

    event.listen(engine, "commit", _on_end)
    event.listen(engine, "rollback", _on_end)
    return engine
