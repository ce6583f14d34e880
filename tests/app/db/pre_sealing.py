"""A database as it was before migration 0031 sealed the personal fields, for the tests of
the sealing migration and of what it does to older backups (app/db/backup_sealing.py)."""

from __future__ import annotations

import importlib
import sqlite3
from contextlib import closing
from pathlib import Path

from app.db import Database, field_crypto
from app.db.backups import backup_dir


def before_sealing() -> str:
    """The revision the sealing migration follows: the file is set back to it, so the
    migrations after it must be the sealing one only (keep it last, or re-runnable)."""
    sealing = importlib.import_module("app.db.migrations.versions.0031_personal_fields_sealed")
    return str(sealing.down_revision)


def back_to_clear(database: Database) -> None:
    """As a file from before 0031: every personal field in clear, no data key (closes it)."""
    key = field_crypto.key_for(database.engine.dialect)
    database.close()
    clear_file(database.path, key)


def clear_file(path: Path, key: bytes | None) -> None:
    """`back_to_clear` on a closed file (a backup), with the data key it was sealed under."""
    with closing(sqlite3.connect(path)) as con:
        with con:
            field_crypto.install_sql_functions(con, key)
            tables = {t for t, _ in field_crypto.sensitive_columns()}
            field_crypto.convert_schema(con, "main", "wuye_open", tables)
            con.execute("DELETE FROM db_meta WHERE key LIKE 'data_key.%'")
            con.execute("UPDATE alembic_version SET version_num = ?", (before_sealing(),))
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def unsealable_backup(db_path: Path) -> Path:
    """A daily backup with a phone in clear and no `db_meta` to keep the data key in: the
    migration cannot seal it and says so (one Chinese line)."""
    odd = backup_dir(db_path) / f"{db_path.stem}-20261101-020000-daily.sqlite"
    with closing(sqlite3.connect(odd)) as con, con:
        con.execute("CREATE TABLE unit_owner (owner_name TEXT, id_number TEXT, phone TEXT)")
        con.execute("INSERT INTO unit_owner VALUES ('张三', '', '13900000000')")
    return odd
