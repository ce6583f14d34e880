"""`wuye backup`, `backups`, `restore`: exit 0 with the file named, or 1 with a Chinese line."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli


def run(path: Path, *args: str, **env: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(path), *args], env={"WUYE_USER": "", **env})


def test_backup_list_and_restore_bring_back_the_data(demo_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    out = tmp_path / "备份.sqlite"
    done = run(path, "backup", "-o", str(out))
    assert done.exit_code == 0 and "已备份" in done.output, done.output
    assert run(path, "holiday", "set", "2027-01-04", "--off").exit_code == 0
    restored = run(path, "restore", str(out))
    assert restored.exit_code == 0 and "全量包" in restored.output, restored.output
    assert "共 0 天" in run(path, "holiday", "list", "--year", "2027").output
    listed = run(path, "backups")
    assert "before-restore" in listed.output


def test_restore_needs_an_administrator_once_there_are_accounts(
    demo_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    out = tmp_path / "备份.sqlite"
    assert run(path, "backup", "-o", str(out)).exit_code == 0
    added = CliRunner().invoke(
        cli,
        ["--db", str(path), "user", "add", "管理员", "--role", "admin", "--password-stdin"],
        input="admin-pass-1\n",
    )
    assert added.exit_code == 0
    before = path.read_bytes()
    refused = run(path, "restore", str(out))
    assert refused.exit_code == 1 and "只有管理员可以恢复备份" in refused.output
    assert path.read_bytes() == before
