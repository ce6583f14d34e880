"""`--request-id`: a write command run again with the same id writes nothing the second time
and prints what the first run printed (a script that lost the output after the commit)."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from app.cli import WRITE_COMMANDS, cli, command_at
from app.db import open_database
from app.models import HolidayOverride, Task

TASK = ["task", "add", "--title", "清理楼道", "--to", "恒信物业", "--issued", "2026-11-25"]


def count(db: Path, model: type) -> int:
    with closing(open_database(db)) as database, database.reader() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_task_add_again_with_the_same_id_prints_the_same_id(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, db)
    before = count(db, Task)
    first = CliRunner().invoke(cli, ["--db", str(db), *TASK, "--request-id", "脚本-1"])
    again = CliRunner().invoke(cli, ["--db", str(db), *TASK, "--request-id", "脚本-1"])
    assert first.exit_code == again.exit_code == 0
    assert first.stdout.strip() == again.stdout.strip() and len(first.stdout.strip()) == 36
    assert "未重复写入" in again.stderr and count(db, Task) == before + 1


def test_another_id_writes_again(demo_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, db)
    before = count(db, Task)
    for rid in ("a", "b"):
        assert CliRunner().invoke(cli, ["--db", str(db), *TASK, "--request-id", rid]).exit_code == 0
    assert count(db, Task) == before + 2


def test_a_failed_write_does_not_use_up_its_id(demo_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, db)
    bad = CliRunner().invoke(cli, ["--db", str(db), "task", "done", "no-such-task", "--on",
                                   "2026-11-25", "--request-id", "r"])  # fmt: skip
    assert bad.exit_code == 1
    before = count(db, HolidayOverride)
    good = CliRunner().invoke(cli, ["--db", str(db), "holiday", "set", "2031-01-02", "--off",
                                    "--request-id", "r"])  # fmt: skip
    assert good.exit_code == 0 and count(db, HolidayOverride) == before + 1


def test_every_write_command_takes_a_request_id() -> None:
    for path in WRITE_COMMANDS:
        assert "--request-id" in {o for p in command_at(path).params for o in p.opts}, path
