"""Files at rest readable by their owner only (issue 14): the modes a new database, a backup,
the key folder and a draft get on POSIX, and the icacls call the Windows branch would make
(built only: this Linux CI never runs icacls)."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from app.db import Database, file_access
from app.db.sync import utc_now
from app.drafts import write_draft
from app.packages.keys import create_office_keys, keys_dir
from app.services.backups import take_backup
from tests.conftest import STREET

posix = pytest.mark.skipif(file_access.ON_WINDOWS, reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix
def test_a_new_database_and_its_wal_are_readable_by_the_owner_only(db: Database) -> None:
    with db.sessions.begin() as s:  # a write: the -wal exists
        create_office_keys(s, db.path, STREET, utc_now())
    assert mode(db.path) == 0o600
    assert mode(Path(f"{db.path}-wal")) == 0o600


@posix
def test_a_backup_its_description_and_its_folder_are_private(db: Database) -> None:
    info = take_backup(db, now=datetime(2026, 11, 25, 9, 0))
    assert mode(info.path) == 0o600
    assert mode(info.path.with_suffix(".json")) == 0o600
    assert mode(info.path.parent) == 0o700


@posix
def test_the_key_folder_and_its_keys_are_private(db: Database) -> None:
    with db.sessions.begin() as s:
        create_office_keys(s, db.path, STREET, utc_now())
    folder = keys_dir(db.path, STREET)
    assert mode(folder) == 0o700
    pems = list(folder.glob("*.pem"))
    assert pems and {mode(p) for p in pems} == {0o600}


@posix
def test_a_draft_and_the_drafts_folder_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    draft = write_draft(
        tmp_path / "wuye.sqlite", "ui.forms.x:Form", None, "表单", {"phone": "13900000000"},
        now=datetime(2026, 11, 25, 9, 0),
    )  # fmt: skip
    assert mode(draft) == 0o600 and mode(draft.parent) == 0o700


@posix
def test_an_existing_folder_is_made_private_again(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    assert file_access.private_folder(folder) == folder and mode(folder) == 0o700


def test_the_windows_call_gives_the_user_alone_full_control() -> None:
    user = file_access.windows_user({"USERDOMAIN": "OFFICE-PC", "USERNAME": "张三"})
    assert user == "OFFICE-PC\\张三"
    path = Path("D:/物业 数据/wuye.sqlite")
    assert file_access.command(path, user, folder=False) == [
        "icacls", str(path), "/inheritance:r", "/grant:r", "OFFICE-PC\\张三:(F)",
    ]  # fmt: skip
    assert file_access.command(path.parent, user, folder=True)[-1] == (
        "OFFICE-PC\\张三:(OI)(CI)(F)"  # files made in the folder inherit it
    )


def test_the_windows_user_is_unknown_without_a_name() -> None:
    assert file_access.windows_user({"USERDOMAIN": "OFFICE-PC"}) is None
    assert file_access.windows_user({"USERNAME": "clerk"}) == "clerk"
