"""Backups and restore (issue 14): a backup restores exactly the data it held, the restored
office gets a new db_id, and its next package (a snapshot) is accepted by the upper office."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import AuditEntry, Estate
from app.packages.keys import keys_dir
from app.services.backups import list_backups, restore_backup, take_backup
from tests.app.packages.conftest import COMMUNITY_1, NOW, STREET_1, City, table_rows

PASSPHRASE = "a long passphrase 1"


def rename_an_estate(city: City, code: str, name: str) -> None:
    with city.db(code).sessions.begin() as s:
        s.scalars(select(Estate).where(Estate.origin == code).limit(1)).one().name = name


def test_a_backup_restores_exactly_its_data_and_the_next_package_is_accepted(
    city: City,
) -> None:
    city.send_up(COMMUNITY_1)
    db = city.db(COMMUNITY_1)
    info = take_backup(db, now=NOW, passphrase=PASSPHRASE)
    held = table_rows(db)
    old_id = db.db_id
    rename_an_estate(city, COMMUNITY_1, "备份后改名小区")
    city.send_up(COMMUNITY_1)  # the street holds revs the backup never saw

    restored, aside = restore_backup(city.db(COMMUNITY_1), info.path, now=NOW)
    city._open[COMMUNITY_1] = restored
    assert table_rows(restored) == held and aside.exists()
    assert restored.db_id != old_id

    rename_an_estate(city, COMMUNITY_1, "恢复后改名小区")
    package = city.export(COMMUNITY_1)
    report = city.receive(STREET_1, package)
    assert report.kind == "snapshot" and not report.errors
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(Estate).where(Estate.name == "恢复后改名小区")) is not None
    with restored.reader() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "restore")) is not None


def test_the_keys_sealed_with_a_backup_come_back_on_a_new_pc(city: City, tmp_path: Path) -> None:
    db = city.db(COMMUNITY_1)
    info = take_backup(db, now=NOW, passphrase=PASSPHRASE)
    folder = keys_dir(db.path, COMMUNITY_1)
    pems = sorted(p.name for p in folder.glob("*.pem"))
    for pem in folder.glob("*.pem"):
        pem.unlink()  # a new PC: the database file, but no keys
    restored, _ = restore_backup(db, info.path, now=NOW, passphrase=PASSPHRASE)
    city._open[COMMUNITY_1] = restored
    assert sorted(p.name for p in folder.glob("*.pem")) == pems
    city.send_up(COMMUNITY_1)  # signs and encrypts with the restored keys


def test_a_damaged_backup_is_refused_and_the_current_file_stays(city: City) -> None:
    db = city.db(COMMUNITY_1)
    info = take_backup(db, now=NOW)
    data = bytearray(info.path.read_bytes())
    data[4096 : 4096 + 512] = b"\xff" * 512
    info.path.write_bytes(bytes(data))
    held = table_rows(db)
    with pytest.raises(InputError, match=r"损坏|不是"):
        restore_backup(db, info.path, now=NOW)
    assert table_rows(city.db(COMMUNITY_1)) == held


def test_a_short_passphrase_is_refused(city: City) -> None:
    with pytest.raises(InputError, match="至少 12 个字符"):
        take_backup(city.db(COMMUNITY_1), now=NOW, passphrase="12345678")


def test_backups_are_listed_with_size_and_rows_and_readable_by_the_owner_only(
    city: City,
) -> None:
    db = city.db(COMMUNITY_1)
    take_backup(db, now=NOW)
    (found,) = [b for b in list_backups(db.path) if b.label == "manual"]
    assert found.size > 0 and found.rows["estate"] > 0
    assert found.path.stat().st_mode & 0o077 == 0
    assert found.path.parent.stat().st_mode & 0o077 == 0
