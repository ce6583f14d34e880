"""`wuye user …` and signing in by CLI (issue 14): once a database has accounts, a write
without a valid user exits 1 with a Chinese message and changes nothing; a 查看 account
cannot change anything or print a phone in clear."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli

ADMIN_PW, VIEWER_PW = "admin-pass-1", "viewer-pass-1"


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def run(path: Path, *args: str, user: str | None = None, password: str | None = None,
        stdin: str | None = None):  # type: ignore[no-untyped-def]  # fmt: skip
    env = {"WUYE_USER": user or "", "WUYE_PASSWORD": password} if password else {"WUYE_USER": ""}
    if user and not password:
        env = {"WUYE_USER": user}
    return CliRunner().invoke(cli, ["--db", str(path), *args], input=stdin, env=env)


def staffed(path: Path) -> None:
    assert run(path, "user", "add", "管理员", "--role", "admin", "--password-stdin",
               stdin=ADMIN_PW + "\n").exit_code == 0  # fmt: skip
    done = run(path, "user", "add", "小王", "--role", "viewer", "--password-stdin",
               user="管理员", password=ADMIN_PW, stdin=VIEWER_PW + "\n")  # fmt: skip
    assert done.exit_code == 0, done.output


def test_the_first_user_add_on_a_database_with_data_makes_its_administrator(
    demo_file: Path,
) -> None:
    staffed(demo_file)
    listed = run(demo_file, "user", "list")
    assert "管理员  管理员" in listed.output and "小王  查看" in listed.output


def test_the_new_password_is_asked_twice(demo_file: Path) -> None:
    done = run(demo_file, "user", "add", "管理员", "--role", "admin",
               stdin="admin-pass-1\nadmin-pass-1\n")  # fmt: skip
    assert done.exit_code == 0 and "已添加账户" in done.output


def test_a_write_without_a_user_exits_1_and_changes_nothing(demo_file: Path) -> None:
    staffed(demo_file)
    before = demo_file.read_bytes()
    done = run(demo_file, "holiday", "set", "2027-01-04", "--off")
    assert done.exit_code == 1 and "请登录" in done.output
    assert demo_file.read_bytes() == before


def test_a_wrong_password_exits_1(demo_file: Path) -> None:
    staffed(demo_file)
    done = run(demo_file, "holiday", "set", "2027-01-04", "--off", user="管理员",
               password="nope-nope-1")  # fmt: skip
    assert done.exit_code == 1 and "用户名或密码不正确" in done.output


def test_a_viewer_cannot_change_anything(demo_file: Path) -> None:
    staffed(demo_file)
    done = run(demo_file, "holiday", "set", "2027-01-04", "--off", user="小王",
               password=VIEWER_PW)  # fmt: skip
    assert done.exit_code == 1 and "只能查看，不能修改数据" in done.output


def test_a_viewer_cannot_print_phones_in_clear(demo_file: Path, tmp_path: Path) -> None:
    staffed(demo_file)
    out = tmp_path / "公示栏.pdf"
    done = run(demo_file, "print", "disclosure", "--estate", "阳光名邸", "--date", "2026-11-25",
               "--unmasked", "-o", str(out), user="小王", password=VIEWER_PW)  # fmt: skip
    assert done.exit_code == 1 and "不能查看或打印未隐去的个人信息" in done.output
    assert not out.exists()


def test_a_viewer_prints_a_board_masked(demo_file: Path, tmp_path: Path) -> None:
    """The board a first print makes holds no text of its own: 查看 may print it masked."""
    staffed(demo_file)
    out = tmp_path / "公示栏.pdf"
    done = run(demo_file, "print", "disclosure", "--estate", "阳光名邸", "--date", "2026-11-25",
               "-o", str(out), user="小王", password=VIEWER_PW)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert out.exists()


def test_an_administrator_writes_under_their_account_name(demo_file: Path) -> None:
    staffed(demo_file)
    done = run(demo_file, "holiday", "set", "2027-01-04", "--off", user="管理员",
               password=ADMIN_PW)  # fmt: skip
    assert done.exit_code == 0, done.output


def phone_column(path: Path) -> list[str]:
    from openpyxl import load_workbook

    rows = list(load_workbook(path).active.iter_rows(min_row=3, values_only=True))
    column = rows[0].index("联系电话")
    return [r[column] for r in rows[1:] if r[column]]


def test_a_roster_export_masks_phones_unless_an_administrator_chooses(
    demo_file: Path, tmp_path: Path
) -> None:
    staffed(demo_file)
    masked, clear = tmp_path / "masked.xlsx", tmp_path / "clear.xlsx"
    assert run(demo_file, "export-xlsx", "committee", str(masked)).exit_code == 0
    assert phone_column(masked) and all("****" in p for p in phone_column(masked))
    refused = run(demo_file, "export-xlsx", "committee", str(clear), "--unmasked",
                  user="小王", password=VIEWER_PW)  # fmt: skip
    assert refused.exit_code == 1 and "只有管理员" in refused.output and not clear.exists()
    done = run(demo_file, "export-xlsx", "committee", str(clear), "--unmasked",
               user="管理员", password=ADMIN_PW)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert not any("****" in p for p in phone_column(clear))
    with closing(sqlite3.connect(demo_file)) as con:
        row = con.execute(
            "SELECT actor, table_name, row_uuid FROM audit_log WHERE action = 'export'"
        ).fetchall()
    assert row == [("管理员", "committee", "clear.xlsx")]
