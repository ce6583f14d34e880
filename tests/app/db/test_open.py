"""Opening files: a new file gets the schema; pending migrations back up first; bad files fail."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import open_database
from app.db.migrate import MIGRATIONS_DIR, ensure_schema, stored_revision
from app.db.migrations import HEAD
from app.errors import DatabaseError

EXTRA_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "0999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("estate") as batch:
        batch.add_column(sa.Column("test_note", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("estate") as batch:
        batch.drop_column("test_note")
"""


def test_a_new_file_is_created_at_the_head_revision(db_path: Path) -> None:
    open_database(db_path).close()
    assert stored_revision(db_path) == HEAD


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(db_path: Path) -> None:
    database = open_database(db_path)
    with database.reader() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    database.close()


def test_each_database_gets_its_own_id(tmp_path: Path) -> None:
    first, second = open_database(tmp_path / "a.sqlite"), open_database(tmp_path / "b.sqlite")
    assert first.db_id != second.db_id
    first.close()
    second.close()


def test_reopening_keeps_the_id_and_writes_no_backup(db_path: Path) -> None:
    first = open_database(db_path)
    db_id = first.db_id
    first.close()
    again = open_database(db_path)
    assert (again.db_id, again.backup_written) == (db_id, None)
    again.close()


def test_a_pending_migration_backs_the_file_up_first(demo_db, tmp_path: Path) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts)
    (scripts / "versions" / "0999_test.py").write_text(EXTRA_MIGRATION.format(head=HEAD))
    demo_db.close()

    backup = ensure_schema(demo_db.path, demo_db.engine.connect, script_dir=scripts, head="0999")

    assert backup is not None and backup.parent.name == "backups"
    assert stored_revision(backup) == HEAD
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT count(*) FROM estate").fetchone()[0] == 60
    assert stored_revision(demo_db.path) == "0999"
    with sqlite3.connect(demo_db.path) as new:
        columns = [row[1] for row in new.execute("PRAGMA table_info(estate)")]
    assert "test_note" in columns


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(DatabaseError, match="不是有效的数据库文件"):
        open_database(path)


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(DatabaseError, match="不是本程序的数据库"):
        open_database(path)


def test_a_file_from_a_newer_program_is_refused(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="更新版本"):
        open_database(db_path)
