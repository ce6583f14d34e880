"""Backups written before the personal fields were sealed (issue 14): sealed in place too.

Migration 0031 seals the rows of the file it runs on, but the copy taken just before it
(`before-<head>`) and every older daily or manual backup beside the file still hold names,
phones and ID numbers in clear. Once a migration has run, each backup of this database in
`backups/` that still has a clear personal value is sealed under the same data key, with the
same SQL functions as the package export (app/db/field_crypto.py), `secure_delete` on and a
VACUUM so that no freed page keeps a clear value; then `integrity_check`. The file's data-key
wraps are copied into the backup's `db_meta`: without them an older backup, restored, would
get a fresh key and could not open what it holds. A backup that cannot be sealed is left as
it was, and the caller is told in one Chinese line.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from app.db import field_crypto
from app.db.backups import BACKUP_DIR, info_after_rewrite
from app.errors import DatabaseError
from app.logfile import LOGGER

KEY_ROWS = "SELECT key, value FROM db_meta WHERE key LIKE 'data\\_key.%' ESCAPE '\\'"
# The rows the package merge keeps as JSON, with personal fields inside (as migration 0031).
KEPT_JSON = {"sync_conflict": "loser_json", "sync_pending": "row_json"}
FAILED = "备份 {name} 中的个人信息未能加密，仍为明文（可删除该备份）：{why}"


def seal_old_backups(db_path: Path, key: bytes | None) -> list[str]:
    """Seal every backup of `db_path` still holding a clear personal value; one Chinese line
    per backup that could not be sealed (left unchanged)."""
    folder = Path(db_path).resolve().parent / BACKUP_DIR
    if key is None or not folder.is_dir():
        return []
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as con:
        wraps = con.execute(KEY_ROWS).fetchall()
    notes = []
    for backup in sorted(folder.glob(f"{Path(db_path).stem}-*.sqlite")):
        try:
            seal_backup(backup, key, wraps)
        except (sqlite3.Error, DatabaseError, OSError, ValueError) as exc:
            notes.append(FAILED.format(name=backup.name, why=exc))
            logging.getLogger(f"{LOGGER}.backups").warning(notes[-1])  # the window's log
    return notes


def _clear_columns(con: sqlite3.Connection, tables: set[str]) -> list[tuple[str, str]]:
    found = []
    for table, column in field_crypto.sensitive_columns():
        if table not in tables:
            continue
        names = {row[1] for row in con.execute(f'PRAGMA table_info("{table}")')}
        if (
            column in names
            and con.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}" <> \'\''
                f" AND \"{column}\" NOT LIKE 'wy1:%' LIMIT 1"
            ).fetchone()
        ):
            found.append((table, column))
    return found


def _clear_json(con: sqlite3.Connection, tables: set[str], key: bytes) -> list[tuple]:
    """(holder, column, row id, sealed JSON) of each kept row with a clear personal field."""
    sensitive: dict[str, list[str]] = {}
    for table, column in field_crypto.sensitive_columns():
        sensitive.setdefault(table, []).append(column)
    changes = []
    for holder, column in KEPT_JSON.items():
        if holder not in tables:
            continue
        for row_id, table, data in con.execute(f'SELECT id, table_name, "{column}" FROM {holder}'):
            row = json.loads(data) if table in sensitive else {}
            sealed = {
                c: field_crypto.seal(key, f"{table}.{c}", row[c])
                for c in sensitive.get(table, ())
                if isinstance(row.get(c), str)
                and row[c]
                and not row[c].startswith(field_crypto.PREFIX)
            }
            if sealed:
                data = json.dumps({**row, **sealed}, ensure_ascii=False)
                changes.append((holder, column, row_id, data))
    return changes


def seal_backup(path: Path, key: bytes, wraps: list[tuple[str, str]]) -> bool:
    """Seal one backup in place; whether anything was in clear. Raises when it cannot."""
    with closing(sqlite3.connect(path, timeout=30)) as con:
        con.isolation_level = None
        tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = _clear_columns(con, tables)
        kept = _clear_json(con, tables, key)
        if not columns and not kept:
            return False
        if "db_meta" not in tables:
            raise DatabaseError("备份中没有 db_meta 表，无法存放数据密钥")
        if not wraps:
            raise DatabaseError("数据库中没有数据密钥")
        field_crypto.install_sql_functions(con, key)
        con.execute("PRAGMA secure_delete=ON")
        con.execute("BEGIN IMMEDIATE")
        try:
            for table, column in columns:
                con.execute(field_crypto.convert_sql("main", table, column, "wuye_seal"))
            for holder, column, row_id, data in kept:
                con.execute(f'UPDATE {holder} SET "{column}" = ? WHERE id = ?', (data, row_id))
            con.executemany("INSERT OR REPLACE INTO db_meta (key, value) VALUES (?, ?)", wraps)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("VACUUM")  # a fresh file: no freed page keeps a clear value
        found = [row[0] for row in con.execute("PRAGMA integrity_check")]
    if found != ["ok"]:
        raise DatabaseError(f"加密后完整性检查未通过：{'；'.join(found[:3])}")
    info_after_rewrite(path)  # the VACUUM changed its size
    return True
