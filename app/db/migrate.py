"""Bring a database file to the schema this program needs, backing it up first.

The stored revision is read with plain sqlite3; Alembic is imported only when a migration is
really pending, so an up-to-date file opens without paying for it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.backups import backup_dir, backup_name, copy_database
from app.db.migrations import HEAD
from app.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def stored_revision(path: Path) -> str | None:
    """The file's Alembic revision; None for a new or empty file. Raises on a non-database."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            has_table = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise DatabaseError(f"{path} 不是本程序的数据库（没有版本记录）")
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} 不是有效的数据库文件，或文件已损坏") from exc


def known_revisions(script_dir: Path = MIGRATIONS_DIR) -> set[str]:
    return {p.name.split("_", 1)[0] for p in (script_dir / "versions").glob("*.py")}


def refuse_newer(shown: Path | str, current: str | None, script_dir: Path = MIGRATIONS_DIR) -> None:
    """A file written by a newer program is never opened: this one cannot know its schema."""
    if current is not None and current not in known_revisions(script_dir):
        raise DatabaseError(f"{shown} 由更新版本的程序创建（版本 {current}），请升级本程序后再打开")


def backup(path: Path, label: str) -> Path:
    """Copy the file through SQLite's backup API (consistent even with a WAL beside it)."""
    target = backup_dir(path) / backup_name(path, datetime.now(), label)
    copy_database(path, target)
    return target


def ensure_schema(
    path: Path,
    engine_connect: Callable[[], Connection],
    *,
    script_dir: Path = MIGRATIONS_DIR,
    head: str = HEAD,
) -> Path | None:
    """Migrate to `head` if needed; returns the backup written, if any."""
    current = stored_revision(path)
    if current == head:
        return None
    refuse_newer(path, current, script_dir)
    written = backup(path, f"before-{head}") if current is not None else None
    _upgrade(engine_connect, script_dir)
    return written


def ensure_server_schema(
    engine: Engine, shown: str, *, script_dir: Path = MIGRATIONS_DIR, head: str = HEAD
) -> None:
    """The same migrations on a PostgreSQL database (`shown`: its URL without password).
    No backup here: a server database is backed up by its administrator (pg_dump)."""
    from sqlalchemy import inspect, text

    with engine.connect() as con:
        tables = inspect(con).get_table_names()
        current = None
        if "alembic_version" in tables:
            current = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
        elif tables:
            raise DatabaseError(f"{shown} 不是本程序的数据库（没有版本记录）")
    if current == head:
        return
    refuse_newer(shown, current, script_dir)
    _upgrade(engine.connect, script_dir)


def _upgrade(engine_connect: Callable[[], Connection], script_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_dir))
    with engine_connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
