"""Each failure a worker can meet at the command line is one Chinese line naming the file and
the reason, exit 1, and nothing written (issue 12 items 4 and 5)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli import cli
from app.db import Database, open_database
from tests.app.test_cli_walk import freeze, thaw

INIT = ["init", "--code", "340603010000", "--name", "曲阳街道", "--level", "street"]
TASK = ["task", "add", "--title", "清理楼道", "--to", "恒信物业", "--issued", "2026-11-25"]


def wuye(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def error_line(result: Result) -> str:
    lines = [line for line in result.output.splitlines() if line.startswith("错误：")]
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "frozen"
    folder.mkdir()
    freeze(folder)
    yield folder
    thaw(folder)


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def test_a_notice_into_a_locked_folder_names_the_file(demo_file: Path, frozen: Path) -> None:
    out = frozen / "通知.pdf"
    result = wuye(demo_file, "print", "notice", "自由通知", "--field", "title=停水",
                  "--field", "body=明日停水", "-o", str(out))  # fmt: skip
    assert result.exit_code == 1 and str(out) in error_line(result)
    assert "Traceback" not in result.output and list(frozen.iterdir()) == []


def test_a_notice_under_proc_is_refused_before_printing(demo_file: Path) -> None:
    result = wuye(demo_file, "print", "notice", "自由通知", "--field", "title=停水",
                  "--field", "body=明日停水", "-o", "/proc/通知.pdf")  # fmt: skip
    assert result.exit_code == 1 and "/proc/通知.pdf" in error_line(result)


def test_an_unwritable_error_book_is_refused_before_importing(
    demo_file: Path, frozen: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "台账.xlsx"
    assert wuye(demo_file, "xlsx-template", "estate", str(sheet)).exit_code == 0
    result = wuye(demo_file, "import-xlsx", "estate", str(sheet), "--errors",
                  str(frozen / "错误.xlsx"))  # fmt: skip
    assert result.exit_code == 1 and "错误.xlsx" in error_line(result)


def test_onboarding_export_into_a_locked_folder_is_one_line(demo_file: Path, frozen: Path) -> None:
    result = wuye(demo_file, "onboarding", "export", "--code", "340603010001", "--name",
                  "桓谭社区", "-o", str(frozen / "入网.json"))  # fmt: skip
    assert result.exit_code == 1 and "入网.json" in error_line(result)


def test_init_in_a_locked_folder_names_the_database(frozen: Path) -> None:
    db = frozen / "曲阳.sqlite"
    result = wuye(db, *INIT)
    assert result.exit_code == 1 and str(db) in error_line(result)
    assert list(frozen.iterdir()) == []


def test_check_says_a_read_only_file_is_read_only(demo_file: Path) -> None:
    freeze(demo_file)
    try:
        result = wuye(demo_file, "check")
    finally:
        thaw(demo_file)
    assert "✗ 可写入：只读" in result.output and "数据库状态良好" not in result.output


def test_a_write_on_a_read_only_file_says_so_and_changes_nothing(demo_file: Path) -> None:
    before = demo_file.read_bytes()
    freeze(demo_file)
    try:
        result = wuye(demo_file, *TASK)
    finally:
        thaw(demo_file)
    assert result.exit_code == 1 and "只读" in error_line(result)
    assert str(demo_file) in error_line(result) and demo_file.read_bytes() == before


def test_a_locked_database_names_its_holder_and_nothing_changed(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WUYE_BUSY_TIMEOUT_MS", "100")
    holder = open_database(demo_db.path, holder="wuye import-xlsx estate 大台账.xlsx")
    try:
        with holder.sessions.begin() as s:
            s.connection()  # BEGIN IMMEDIATE: the write lock is held from here
            result = wuye(demo_db.path, *TASK)
            figures = wuye(demo_db.path, "stats")  # readers never wait for a writer
    finally:
        holder.close()
    line = error_line(result)
    assert result.exit_code == 1 and "wuye import-xlsx estate 大台账.xlsx" in line
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d 起", line)  # and since when it holds it
    assert "未做任何更改" in line and figures.exit_code == 0


def test_a_zero_byte_file_given_to_stats_stays_empty(tmp_path: Path) -> None:
    empty = tmp_path / "空.sqlite"
    empty.touch()
    result = wuye(empty, "stats")
    assert result.exit_code == 1 and "空文件" in error_line(result)
    assert empty.stat().st_size == 0


def test_export_does_not_make_missing_folders(demo_file: Path, tmp_path: Path) -> None:
    result = wuye(demo_file, "export-xlsx", "estate", str(tmp_path / "没有" / "小区.xlsx"))
    assert result.exit_code == 1 and "文件夹不存在" in error_line(result)
    assert not (tmp_path / "没有").exists()


def test_export_warns_about_a_name_without_xlsx(demo_file: Path, tmp_path: Path) -> None:
    result = wuye(demo_file, "export-xlsx", "estate", str(tmp_path / "小区.xls"))
    assert result.exit_code == 0 and "不以 .xlsx 结尾" in result.output


def test_a_workbook_given_to_package_import_is_not_a_package(
    demo_file: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "台账.xlsx"
    assert wuye(demo_file, "xlsx-template", "estate", str(sheet)).exit_code == 0
    result = wuye(demo_file, "package", "import", str(sheet))
    assert result.exit_code == 1 and "不是数据包" in result.output
    assert "恶意" not in result.output


def test_a_missing_input_file_exits_1_in_chinese(demo_file: Path, tmp_path: Path) -> None:
    result = wuye(demo_file, "import-xlsx", "estate", str(tmp_path / "无.xlsx"))
    assert result.exit_code == 1 and "文件不存在" in error_line(result)


def test_a_bad_date_is_a_usage_error_in_chinese(demo_file: Path) -> None:
    result = wuye(demo_file, *TASK[:-1], "2026-13-45")
    assert result.exit_code == 2 and "不是有效的日期" in error_line(result)
    assert "用法：" in result.output and "Usage" not in result.output


def test_a_bad_number_is_a_usage_error_in_chinese(demo_file: Path) -> None:
    result = wuye(demo_file, "package", "pending-drop", "abc", "--reason", "已撤销")
    assert result.exit_code == 2 and "'abc' 不是有效的整数" in error_line(result)
    assert "integer" not in result.output


def test_an_unknown_kind_is_a_usage_error_in_chinese(demo_file: Path, tmp_path: Path) -> None:
    result = wuye(demo_file, "export-xlsx", "estates", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "不是可用的值" in error_line(result)


def test_field_problems_name_the_field_without_its_key(tmp_path: Path) -> None:
    result = wuye(tmp_path / "新.sqlite", "init", "--code", "12", "--name", "曲阳街道",
                  "--level", "street")  # fmt: skip
    assert result.exit_code == 1 and error_line(result).startswith("错误：区划代码：")
    assert "（code）" not in result.output


def test_no_command_shows_a_traceback_as_a_real_process(demo_file: Path) -> None:
    """The walk runs in-process; one real process proves the entry point is the same."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(demo_file), "task", "show", "no-such-id"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr


def test_closing_connections_leaves_no_lock_info(demo_file: Path) -> None:
    assert wuye(demo_file, *TASK).exit_code == 0
    assert not Path(f"{demo_file}.lock-info").exists()
    with closing(open_database(demo_file)) as db, db.sessions.begin() as s:
        s.connection()
        assert Path(f"{demo_file}.lock-info").exists()
    assert not Path(f"{demo_file}.lock-info").exists()
