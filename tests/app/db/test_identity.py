"""A file that went back in time (a restored backup) gets a new db_id when opened; a file
merely reopened, or a whole folder copied to another PC, keeps its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.db import Database, open_database
from app.models import Estate
from tests.conftest import COMMUNITY_A


def add_estate(db: Database, name: str) -> None:
    with db.sessions.begin() as s:
        s.add(Estate(community_code=COMMUNITY_A, name=name, management_type="none"))


def test_a_restored_backup_gets_a_new_db_id(db: Database, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite"
    add_estate(db, "备份前")
    db.close()
    shutil.copy(db.path, backup)
    again = open_database(db.path)
    before = again.db_id
    add_estate(again, "备份后")
    again.close()
    shutil.copy(backup, db.path)
    restored = open_database(db.path)
    assert restored.db_id != before and restored.context.db_id == restored.db_id
    restored.close()


def test_reopening_keeps_the_db_id(db: Database) -> None:
    add_estate(db, "相山花园")
    first = db.db_id
    db.close()
    again = open_database(db.path)
    assert again.db_id == first
    again.close()


def test_a_folder_copied_whole_keeps_its_db_id(db: Database, tmp_path: Path) -> None:
    add_estate(db, "相山花园")
    first = db.db_id
    db.close()
    copy = tmp_path / "elsewhere"
    shutil.copytree(db.path.parent, copy, ignore=shutil.ignore_patterns("elsewhere"))
    moved = open_database(copy / db.path.name)
    assert moved.db_id == first
    moved.close()
