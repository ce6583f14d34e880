"""Issue 14's "done when", points 1-3, end to end on real files (point 4, the SIGKILLs, is
tests/app/db/test_crash.py).

1. A 查看 account cannot change anything or see an unmasked phone number by CLI. The window
   half is tests/ui/test_viewer_flow.py (Save disabled and refused, lists and forms masked,
   the board printed masked).
2. A backup taken through the backups service (the 备份与恢复 page's 立即备份 calls it)
   restores to exactly the data it held, and the restored office's next package is accepted
   by its street.
3. No private key and no personal field is readable in clear in any file of the office's
   data and key folders: the database and its -wal, backups, the key folder, drafts, logs.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import cli
from app.db import open_database
from app.drafts import write_draft
from app.logfile import LOGGER, setup_logging
from app.models import Estate, OfficeKey
from app.packages.keys import keys_dir, load_private_pem_text
from app.services.backups import restore_backup, take_backup
from tests.app.packages.conftest import (  # noqa: F401 - city_template: a fixture
    COMMUNITY_1,
    NOW,
    STREET_1,
    City,
    city_template,
    table_rows,
)

pytestmark = pytest.mark.slow

ADMIN_PW, VIEWER_PW = "admin-pass-1", "viewer-pass-1"
PHONE, ID_NUMBER = "13987654321", "34060319900101123X"
# What reading leaves behind (app/db/sync.py `_exempt_from_roles`): the audit of a sign-in,
# the account's counters, the data key's wraps.
READ_TRACES = {"audit_log", "user_account", "db_meta"}


def run(path: Path, *args: str, user: str = "", password: str | None = None, stdin: str = ""):  # type: ignore[no-untyped-def]
    env = {"WUYE_USER": user, **({"WUYE_PASSWORD": password} if password else {})}
    return CliRunner().invoke(cli, ["--db", str(path), *args], input=stdin, env=env)


def data(path: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every table's rows as stored, but the traces reading leaves."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
            for n in names
            if n not in READ_TRACES and not n.startswith("sqlite_")
        }


@pytest.fixture
def staffed(demo_template: Path, tmp_path: Path) -> Path:
    """The demo street with an administrator and 小王 (查看), made by CLI."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    added = run(path, "user", "add", "管理员", "--role", "admin", "--password-stdin",
                stdin=ADMIN_PW + "\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    added = run(path, "user", "add", "小王", "--role", "viewer", "--password-stdin",
                user="管理员", password=ADMIN_PW, stdin=VIEWER_PW + "\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    return path


def test_1_a_viewer_changes_nothing_and_sees_no_phone_in_clear_by_cli(
    staffed: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "备份.sqlite"
    taken = run(staffed, "backup", "-o", str(backup), user="管理员", password=ADMIN_PW)
    assert taken.exit_code == 0, taken.output
    before = data(staffed)
    tries = [
        ("holiday", "set", "2027-01-04", "--off"),
        ("crosspost", "add", "阳光名邸", "王伟", "--community-role", "社区党委委员",
         "--side", "业主委员会", "--post-role", "副主任", "--since", "2026-01-01",
         "--phone", PHONE),
        ("user", "add", "小李", "--role", "admin", "--password-stdin"),
        ("user", "disable", "管理员"),
        ("restore", str(backup)),
        ("export-xlsx", "company", str(tmp_path / "企业.xlsx"), "--unmasked"),
        ("print", "disclosure", "--estate", "阳光名邸", "--date", "2026-11-25", "--unmasked",
         "-o", str(tmp_path / "公示栏.pdf")),
    ]  # fmt: skip
    for args in tries:
        done = run(staffed, *args, user="小王", password=VIEWER_PW, stdin="another-pass-1\n")
        assert done.exit_code == 1, (args, done.output)
        said = done.output.strip().splitlines()
        assert "Traceback" not in done.output and said[-1].startswith("错误："), args
    assert not (tmp_path / "企业.xlsx").exists() and not (tmp_path / "公示栏.pdf").exists()
    assert data(staffed) == before

    masked = tmp_path / "企业-隐去.xlsx"
    done = run(staffed, "export-xlsx", "company", str(masked), user="小王", password=VIEWER_PW)
    assert done.exit_code == 0, done.output
    cells = [str(c) for row in load_workbook(masked).active.iter_rows(values_only=True)
             for c in row if c]  # fmt: skip
    phones = [c for c in cells if len(c) == 11 and c[:3].isdigit() and c[-4:].isdigit()]
    assert phones and all("*" in p for p in phones)


def test_2_a_backup_restores_exactly_its_data_and_the_next_package_is_accepted(
    office: City,
) -> None:
    city = office
    city.send_up(COMMUNITY_1)
    db = city.db(COMMUNITY_1)
    info = take_backup(db, now=NOW, passphrase="a long passphrase 1")
    held = table_rows(db)
    _rename_an_estate(city, "备份后改名小区")
    city.send_up(COMMUNITY_1)  # the street holds revs the backup never saw
    restored, _aside = restore_backup(db, info.path, now=NOW)
    city._open[COMMUNITY_1] = restored
    assert table_rows(restored) == held
    city.close(COMMUNITY_1)
    assert table_rows(city.db(COMMUNITY_1)) == held  # as read back from the file itself
    _rename_an_estate(city, "恢复后改名小区")
    report = city.receive(STREET_1, city.export(COMMUNITY_1))
    assert report.kind == "snapshot" and not report.errors
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(Estate).where(Estate.name == "恢复后改名小区")) is not None


def _rename_an_estate(office: City, name: str) -> None:
    with office.db(COMMUNITY_1).sessions.begin() as s:
        s.scalars(select(Estate).where(Estate.origin == COMMUNITY_1).limit(1)).one().name = name


@pytest.fixture
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[City]:
    """The demo city of tests/app/packages (a community under its street), a fresh copy."""
    folder = tmp_path / "city"
    shutil.copytree(request.getfixturevalue("city_template"), folder)
    the_city = City(folder)
    yield the_city
    the_city.close()


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's own data folder (drafts, logs) in tmp_path; the log put back afterwards."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    yield tmp_path / "user-data"
    setup_logging(tmp_path / "logs-after")  # the handler leaves the scanned folder


def test_3_no_private_key_and_no_personal_field_in_clear_on_disk(
    office: City, user_data: Path
) -> None:
    city = office
    path = city.path(COMMUNITY_1)
    setup_logging()  # the program's log, in the user's data folder
    estate = _an_estate(city)
    city.close()
    added = run(path, "crosspost", "add", estate, "王伟", "--community-role", "社区党委委员",
                "--side", "业主委员会", "--post-role", "副主任", "--since", "2026-01-01",
                "--phone", PHONE, "--id-number", ID_NUMBER)  # fmt: skip
    assert added.exit_code == 0, added.output
    db = open_database(path, actor="tester")
    try:
        take_backup(db, now=NOW, passphrase="a long passphrase 1")
        write_draft(path, "ui.forms.red_form:CrossPostForm", None, "交叉任职：王伟",
                    {"phone": PHONE, "id_number": ID_NUMBER}, now=NOW)  # fmt: skip
        with db.reader() as s:
            own = s.scalars(select(OfficeKey).where(OfficeKey.own)).all()
            pems = [load_private_pem_text(path, COMMUNITY_1, k) for k in own]
        assert pems
        logging.getLogger(LOGGER).info("扫描前")  # the log file exists once a line is written
        files = _files(path, user_data)
        assert Path(f"{path}-wal") in files  # the database open: its -wal is scanned too
        _none_in_clear(files, pems)
    finally:
        db.close()
    _none_in_clear(_files(path, user_data), pems)


def _an_estate(office: City) -> str:
    with office.db(COMMUNITY_1).reader() as s:
        return s.scalars(select(Estate.name).where(Estate.origin == COMMUNITY_1).limit(1)).one()


def _files(db_path: Path, user_data: Path) -> list[Path]:
    folders = [db_path.parent / "backups", keys_dir(db_path, COMMUNITY_1), user_data]
    found = [p for p in db_path.parent.glob(f"{db_path.name}*") if p.is_file()]
    found += [p for f in folders for p in f.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in found}
    assert {".sqlite", ".json", ".keys", ".pem", ".log"} <= kinds, kinds
    return found


def _none_in_clear(files: list[Path], pems: list[str]) -> None:
    bodies = ["".join(p.splitlines()[1:3]) for p in pems]  # a key's first base64 lines
    for file in files:
        raw = file.read_bytes()
        assert b"BEGIN PRIVATE KEY" not in raw, file  # ENCRYPTED PRIVATE KEY is sealed
        assert not [b for b in bodies if b.encode() in raw], file
        assert PHONE.encode() not in raw and ID_NUMBER.encode() not in raw, file
