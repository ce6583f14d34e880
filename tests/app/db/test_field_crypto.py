"""Personal fields encrypted at rest (issue 14, done-when 3): no `__sensitive__` value is in
the SQLite file's bytes, the program reads it back, and without the key it says so in one
Chinese line."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database, data_key, field_crypto, open_database, os_secret
from app.db.migrations import HEAD
from app.errors import DatabaseError
from app.models import Base, BoardPrint, DbMeta, DisclosureBoard, Estate, ProblemListPrint
from app.services.accounts import add_account, sign_in_database
from tests.app.db.pre_sealing import (
    back_to_clear,
    clear_file,
    unsealable_backup,
)
from tests.conftest import TODAY


def _models() -> dict[str, type]:
    return {m.local_table.name: m.class_ for m in Base.registry.mappers}


def _on_disk(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def _marker(table: str, column: str) -> str:
    value = f"QZX-{table}-{column}-隐秘"
    return json.dumps({"secret": value}, ensure_ascii=False) if column == "content_json" else value


@pytest.fixture(autouse=True)
def this_pc_again() -> Iterator[None]:
    """After each test (and after monkeypatch restored the environment): this PC's secret is
    read afresh, not one a test's "other PC" left in the cache."""
    yield
    os_secret._cache.clear()


@pytest.fixture
def other_pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another PC or system account: another secret (app/db/os_secret.py)."""
    monkeypatch.setenv(os_secret.CONFIG_ENV, str(tmp_path / "other-pc"))
    os_secret._cache.clear()
    yield
    os_secret._cache.clear()


def _printed(s: Session, model: type) -> object | None:
    """A print record, which the demo does not make: as the print commands store one."""
    when = datetime(2026, 11, 25, 3, 0)
    if model is BoardPrint:
        board = s.scalars(select(DisclosureBoard).limit(1)).first()
        if board is None:
            estate = s.scalars(select(Estate).limit(1)).one()
            board = DisclosureBoard(estate_uuid=estate.uuid)
            s.add(board)
            s.flush()
        row = BoardPrint(board_uuid=board.uuid, version=1, printed_at=when,
                         published_on=TODAY, masked=False, content_json="{}")  # fmt: skip
    elif model is ProblemListPrint:
        estate = s.scalars(select(Estate).limit(1)).one()
        row = ProblemListPrint(community_code=estate.community_code, estate_uuid=estate.uuid,
                               version=1, printed_at=when, published_on=TODAY, masked=False,
                               content_json="{}", source_hash="0" * 64)  # fmt: skip
    else:
        return None
    s.add(row)
    s.flush()
    return row


def _fill_markers(db: Database) -> dict[tuple[str, str], str]:
    """A known value in every personal column, written through the one write path."""
    written = {}
    models = _models()
    with db.sessions.begin() as s:
        for table, column in field_crypto.sensitive_columns():
            model = models[table]
            row = s.scalars(select(model).limit(1)).first() or _printed(s, model)
            assert row is not None, f"the demo has no {table} row to write {column} into"
            setattr(row, column, _marker(table, column))
            written[(table, column)] = _marker(table, column)
    return written


def test_every_personal_field_is_sealed_on_disk_and_read_back(demo_db: Database) -> None:
    written = _fill_markers(demo_db)
    assert len(written) >= 12
    path = demo_db.path
    demo_db.close()
    raw = _on_disk(path)
    for (table, column), value in written.items():
        secret = f"QZX-{table}-{column}".encode()
        assert secret not in raw, f"{table}.{column} is in clear in the file"
        assert value.encode() not in raw
    again = open_database(path, actor="tester")
    try:
        models = _models()
        with again.reader() as s:
            for (table, column), value in written.items():
                model = models[table]
                found = s.scalar(
                    select(getattr(model, column)).where(getattr(model, column) == value)
                )
                assert found == value, f"{table}.{column} not read back"
    finally:
        again.close()
    with closing(sqlite3.connect(path)) as con:
        stored = con.execute("SELECT value FROM db_meta WHERE key LIKE 'data_key.%'").fetchall()
    assert stored and all(b"QZX" not in v.encode() for (v,) in stored)


def test_the_data_key_is_not_in_the_file_in_clear(demo_db: Database) -> None:
    key = field_crypto.key_for(demo_db.engine.dialect)
    assert key is not None
    path = demo_db.path
    demo_db.close()
    raw = _on_disk(path)
    assert key not in raw and key.hex().encode() not in raw


def test_on_another_pc_without_accounts_a_clear_chinese_message(
    demo_db: Database, other_pc: None
) -> None:
    path = demo_db.path
    demo_db.close()
    os_secret._cache.clear()
    database = open_database(path, actor="tester")
    try:
        with pytest.raises(DatabaseError, match="个人信息已加密"), database.reader() as s:
            s.scalars(
                select(_models()["unit_owner"]).where(_models()["unit_owner"].phone != "")
            ).all()
    finally:
        database.close()


def test_the_cli_on_another_pc_exits_1_with_one_chinese_line(
    demo_db: Database, other_pc: None
) -> None:
    from click.testing import CliRunner

    from app.cli import cli

    path = demo_db.path
    demo_db.close()
    result = CliRunner().invoke(cli, ["--db", str(path), "complaints", "list"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "个人信息" in result.output


def test_an_account_opens_the_data_on_another_pc(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo_db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "相山区管理员口令", now=demo_db.context.clock())
    written = _fill_markers_as(demo_db, "管理员", "相山区管理员口令")
    path = demo_db.path
    demo_db.close()
    monkeypatch.setenv(os_secret.CONFIG_ENV, str(tmp_path / "other-pc"))
    os_secret._cache.clear()
    database = open_database(path, actor="tester")
    try:
        assert not data_key.ready(database.engine)
        sign_in_database(database, "管理员", "相山区管理员口令", now=database.context.clock())
        assert data_key.ready(database.engine)
        model = _models()["complaint"]
        value = written[("complaint", "complainant_phone")]
        with database.reader() as s:
            assert s.scalar(select(model.complainant_phone).where(model.complainant_phone == value))
    finally:
        database.close()
        os_secret._cache.clear()
    # Signing in wrapped the key for this PC too: the next open needs no password to read.
    database = open_database(path, actor="tester")
    try:
        assert data_key.ready(database.engine)
    finally:
        database.close()


def _fill_markers_as(db: Database, name: str, password: str) -> dict[tuple[str, str], str]:
    sign_in_database(db, name, password, now=db.context.clock())
    return _fill_markers(db)


def test_migration_0031_seals_the_rows_an_older_version_left_in_clear(
    demo_db: Database,
) -> None:
    """As a file from before 0031: clear values, no data key; opening it migrates them."""
    path = demo_db.path
    model = _models()["unit_owner"]
    with demo_db.reader() as s:
        owners = s.execute(select(model.uuid, model.owner_name, model.phone).limit(50)).all()
    key = field_crypto.key_for(demo_db.engine.dialect)
    demo_db.close()
    clear_file(path, key)  # every personal field back in clear, no data key: as before 0031
    assert any(name.encode() in path.read_bytes() for _, name, _ in owners)
    database = open_database(path, actor="tester")
    try:
        assert database.backup_written is not None
        with database.reader() as s:
            read = {u: (n, p) for u, n, p in s.execute(
                select(model.uuid, model.owner_name, model.phone)
                .where(model.uuid.in_([o[0] for o in owners])))}  # fmt: skip
        assert read == {u: (n, p) for u, n, p in owners}
        with database.reader() as s:
            assert s.get(DbMeta, data_key.SYSTEM_KEY) is not None
    finally:
        database.close()
    raw = _on_disk(path)
    assert [p for _, _, p in owners if p and p.encode() in raw] == []
    with closing(sqlite3.connect(path)) as con:  # names are short: the column, not the bytes
        for table, column in field_crypto.sensitive_columns():
            clear = con.execute(
                f"SELECT count(*) FROM {table} WHERE {column} <> '' AND {column} NOT LIKE 'wy1:%'"
            ).fetchone()[0]
            assert clear == 0, f"{table}.{column}: {clear} values left in clear"
    with closing(sqlite3.connect(path)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD


def test_after_the_sealing_migration_no_older_backup_holds_a_phone_in_clear(
    demo_db: Database, tmp_path: Path
) -> None:
    """The `before-` copy the migration takes and an older daily backup (no data key in it)
    are sealed in place once the file is migrated; the old backup still opens, sealed."""
    from app.db.backups import backup_dir, copy_database

    path = demo_db.path
    model = _models()["unit_owner"]
    with demo_db.reader() as s:
        owners = s.execute(select(model.uuid, model.phone).where(model.phone != "")).all()
    assert owners
    back_to_clear(demo_db)
    daily = backup_dir(path) / f"{path.stem}-20261101-020000-daily.sqlite"
    copy_database(path, daily)
    assert any(p.encode() in daily.read_bytes() for _, p in owners)
    database = open_database(path, actor="tester")
    try:
        assert database.backup_written is not None
        assert database.backup_notes == ()
    finally:
        database.close()
    backups = sorted(backup_dir(path).glob(f"{path.stem}-*.sqlite"))
    assert daily in backups and database.backup_written in backups
    for backup in backups:
        raw = backup.read_bytes()
        assert [p for _, p in owners if p.encode() in raw] == [], backup.name
        assert not Path(f"{backup}-wal").exists() and not Path(f"{backup}-journal").exists()
        with closing(sqlite3.connect(backup)) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restored = tmp_path / "restored" / "demo.sqlite"
    restored.parent.mkdir()
    copy_database(daily, restored)
    again = open_database(restored, actor="tester")
    try:
        with again.reader() as s:
            read = dict(s.execute(select(model.uuid, model.phone).where(model.phone != "")).all())
        assert read == dict(owners)
    finally:
        again.close()


def test_a_sealed_backup_s_description_gives_its_new_size(demo_db: Database) -> None:
    """Sealing rewrites the copy (VACUUM): its `.json` says the size it has now, the rest as
    the backup service wrote it."""
    from app.db.backups import read_info
    from app.services.backups import DAILY, list_backups, take_backup

    with demo_db.sessions.begin() as s:  # more clear text for the seal to grow
        for owner in s.scalars(select(_models()["unit_owner"]).limit(200)):
            owner.id_number = "11010519491231002X"
    info = take_backup(demo_db, now=datetime(2026, 11, 1, 2, 0), label=DAILY)
    key = field_crypto.key_for(demo_db.engine.dialect)
    back_to_clear(demo_db)
    clear_file(info.path, key)
    with closing(sqlite3.connect(info.path)) as con:
        con.execute("VACUUM")
    clear_size, written = info.path.stat().st_size, read_info(info.path)
    database = open_database(demo_db.path, actor="tester")
    database.close()
    assert b"11010519491231002X" not in info.path.read_bytes()
    assert info.path.stat().st_size != clear_size
    described = read_info(info.path)
    assert described == {**written, "size": info.path.stat().st_size}
    assert [b.size for b in list_backups(demo_db.path) if b.path == info.path] == [
        described["size"]
    ]


def test_a_backup_that_cannot_be_sealed_is_named_in_one_chinese_line(demo_db: Database) -> None:
    path = demo_db.path
    back_to_clear(demo_db)
    odd = unsealable_backup(path)  # clear, and nowhere to keep the key
    database = open_database(path, actor="tester")
    try:
        assert len(database.backup_notes) == 1
        note = database.backup_notes[0]
        assert odd.name in note and "明文" in note and "\n" not in note
    finally:
        database.close()
    assert b"13900000000" in odd.read_bytes()


def test_the_cli_prints_a_backup_it_could_not_seal_on_stderr_once(demo_db: Database) -> None:
    """The command that migrated says it on stderr (its output stays clean); the next does not."""
    from click.testing import CliRunner

    from app.cli import cli

    path = demo_db.path
    back_to_clear(demo_db)
    odd = unsealable_backup(path)

    def run() -> object:
        args = ["--db", str(path), "holiday", "set", "2027-01-04", "--off"]
        return CliRunner().invoke(cli, args, env={"WUYE_USER": ""})

    first = run()
    assert first.exit_code == 0, first.output
    assert odd.name in first.stderr and "明文" in first.stderr
    assert odd.name not in first.stdout and first.stderr.count(odd.name) == 1
    second = run()
    assert second.exit_code == 0 and odd.name not in second.output


def test_an_excel_round_trip_carries_a_personal_field_and_the_file_stays_sealed(
    demo_db: Database, tmp_path: Path
) -> None:
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from app.cli import cli
    from app.models import UnitOwner

    first, second = "13987654321", "13900000000"
    with demo_db.sessions.begin() as s:
        owner = s.scalars(
            select(UnitOwner).where(UnitOwner.deleted.is_(False)).order_by(UnitOwner.uuid).limit(1)
        ).one()
        owner.phone, uuid, unit = first, owner.uuid, owner.unit_uuid
    path = demo_db.path
    demo_db.close()
    book = tmp_path / "名册.xlsx"
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", str(path), "export-xlsx", "unit", str(book), "--unmasked"])
    assert done.exit_code == 0, done.output
    cells = [c.value for row in load_workbook(book).active.iter_rows() for c in row]
    assert first in cells and not any(str(c).startswith(field_crypto.PREFIX) for c in cells)
    again = open_database(path, actor="tester")
    with again.sessions.begin() as s:
        s.get(UnitOwner, uuid).phone = second  # type: ignore[union-attr]
    again.close()
    done = runner.invoke(cli, ["--db", str(path), "import-xlsx", "unit", str(book)])
    assert done.exit_code == 0, done.output
    assert first.encode() not in _on_disk(path)
    again = open_database(path, actor="tester")
    try:
        with again.reader() as s:  # the unit's owners saved anew (app/services/voting_register.py)
            phones = s.scalars(
                select(UnitOwner.phone).where(
                    UnitOwner.unit_uuid == unit, UnitOwner.deleted.is_(False)
                )
            ).all()
        assert first in phones
    finally:
        again.close()


def test_the_key_backup_opens_the_data_on_a_new_pc_without_accounts(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.packages.keys import backup_keys, create_office_keys, restore_keys

    code = demo_db.context.office_code
    assert code is not None
    saved = tmp_path / "密钥备份.json"
    with demo_db.sessions.begin() as s:
        create_office_keys(s, demo_db.path, code, demo_db.context.clock())
    with demo_db.reader() as s:
        backup_keys(s, demo_db.path, code, "相山区密钥备份口令2026", saved)
    assert b"data_key" not in saved.read_bytes()  # sealed with the keys under the passphrase
    path = demo_db.path
    demo_db.close()
    monkeypatch.setenv(os_secret.CONFIG_ENV, str(tmp_path / "new-pc"))
    os_secret._cache.clear()
    try:
        database = open_database(path, actor="tester")
        try:
            assert not data_key.ready(database.engine)
            with database.sessions.begin() as s:
                restore_keys(s, path, code, "相山区密钥备份口令2026", saved)
            owner = _models()["unit_owner"]
            with database.reader() as s:
                assert s.scalars(select(owner.phone).where(owner.phone != "")).first()
        finally:
            database.close()
        again = open_database(path, actor="tester")  # wrapped for the new PC's account
        try:
            assert data_key.ready(again.engine)
        finally:
            again.close()
    finally:
        os_secret._cache.clear()
