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
