"""An Excel import does not block the office (issue 13 item 5): it reads the sheet with no
database open, checks its rows without the write lock, and holds the lock only to write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cli import cli
from app.db import Database, open_database
from app.db.database import write_late
from app.models import Estate
from app.services.estates import EstateIn, create_estate
from app.services.ledger_import import CheckedRows, RowIn, check_rows
from tests.conftest import COMMUNITY_A, TODAY

HEADER = ["所属社区", "小区名称", "地址", "管理类型", "建成年份", "户数", "楼栋数"]


def sheet_of(path: Path, rows: int) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("小区台账")
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append(["桓谭社区", f"导入小区{n}", f"相山路{n}号", "专业化物业服务", 2001, 300, 6])
    book.save(path)
    return path


def estates(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Estate)) or 0


def a_form_save(db_path: Path, name: str) -> None:
    """What the estate form does on 保存, through its own connection."""
    other = open_database(db_path, actor="表单")
    try:
        with other.sessions.begin() as s:
            create_estate(s, EstateIn(community_code=COMMUNITY_A, name=name, households=120),
                          today=TODAY)  # fmt: skip
    finally:
        other.close()


def test_others_write_while_an_import_checks(db: Database) -> None:
    """Before its first write the import holds no lock: a form saves at once."""

    def work(session: Session) -> int:
        seen = session.scalar(select(func.count()).select_from(Estate)) or 0
        a_form_save(db.path, "表单小区")  # would wait, then fail, behind a held lock
        return seen

    assert write_late(db, work) >= 0 and estates(db) == 1


def test_a_write_committed_during_the_check_makes_the_import_check_again(db: Database) -> None:
    calls: list[int] = []

    def work(session: Session) -> None:
        calls.append(session.scalar(select(func.count()).select_from(Estate)) or 0)
        if len(calls) == 1:
            a_form_save(db.path, "表单小区")  # commits after this import's snapshot
        create_estate(session, EstateIn(community_code=COMMUNITY_A, name=f"导入{len(calls)}",
                                        households=80), today=TODAY)  # fmt: skip

    write_late(db, work)
    assert calls == [0, 1] and estates(db) == 2  # the second check saw the form's estate


def checked_estates(db: Database, *names: str) -> CheckedRows:
    rows = [RowIn(n + 2, {"community": "桓谭社区", "name": name, "households": 200})
            for n, name in enumerate(names)]  # fmt: skip
    with db.reader() as s:
        checked = check_rows(s, "estate", rows, today=TODAY)
    assert checked is not None and checked.outcome.clean, checked and checked.outcome.problems
    return checked


def test_estates_checked_without_the_lock_are_written_when_nothing_they_need_changed(
    db: Database,
) -> None:
    checked = checked_estates(db, "甲小区", "乙小区")
    a_form_save(db.path, "别的小区")  # another estate: nothing the import relied on
    with db.sessions.begin() as s:
        assert checked.still_valid(s)
        checked.write(s)
    assert estates(db) == 3


def test_estates_checked_without_the_lock_are_checked_again_after_a_clash(db: Database) -> None:
    checked = checked_estates(db, "甲小区", "乙小区")
    a_form_save(db.path, "乙小区")  # the same name, saved in the window meanwhile
    with db.sessions.begin() as s:
        assert not checked.still_valid(s)


@pytest.mark.slow
def test_stats_and_a_form_save_work_while_an_import_runs(db: Database, tmp_path: Path) -> None:
    sheet = sheet_of(tmp_path / "台账.xlsx", 6000)
    importer = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db.path), "import-xlsx", "estate", str(sheet),
         "--today", TODAY.isoformat()],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    done = 0
    while importer.poll() is None or done == 0:
        figures = CliRunner().invoke(cli, ["--db", str(db.path), "stats"])
        assert figures.exit_code == 0, figures.output
        a_form_save(db.path, f"表单小区{done}")
        done += 1
    _, err = importer.communicate()
    assert importer.returncode == 0, err
    assert estates(db) == 6000 + done
