"""The `wuye` command: exit 0 ok, 1 bad input (Chinese on stderr, nothing changed), 2 usage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app import __version__
from app.cli import cli


def wuye(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    prefix = ["--db", str(db)] if db else []
    return subprocess.run(
        [sys.executable, "-m", "app", *prefix, *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version_is_the_package_version() -> None:
    result = wuye("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_init_then_check_reports_a_healthy_file(runner: CliRunner, db_path: Path) -> None:
    done = runner.invoke(cli, ["--db", str(db_path), "init", "--code", "340603010000",
                               "--name", "曲阳街道", "--level", "street"])  # fmt: skip
    assert done.exit_code == 0, done.output
    checked = runner.invoke(cli, ["--db", str(db_path), "check"])
    assert checked.exit_code == 0 and "数据库状态良好" in checked.output


def test_a_wrong_credit_code_at_init_exits_1_names_the_field_and_leaves_no_file(
    db_path: Path,
) -> None:
    result = wuye("init", "--code", "340603010000", "--name", "曲阳街道", "--level", "street",
                  "--credit-code", "91340603MA2W000185", db=db_path)  # fmt: skip
    assert result.returncode == 1
    assert "统一社会信用代码" in result.stderr and "校验码" in result.stderr
    assert not db_path.exists()


def test_init_on_an_initialised_file_exits_1_and_changes_nothing(
    runner: CliRunner, demo_db
) -> None:
    before = demo_db.path.read_bytes()
    demo_db.close()
    result = runner.invoke(cli, ["--db", str(demo_db.path), "init", "--code", "340603011000",
                                 "--name", "相山街道", "--level", "street"])  # fmt: skip
    assert result.exit_code == 1 and "不能再次初始化" in result.output
    assert demo_db.path.read_bytes() == before


def test_usage_errors_exit_2(runner: CliRunner, db_path: Path) -> None:
    assert runner.invoke(cli, ["--db", str(db_path), "init", "--code", "1"]).exit_code == 2
    assert runner.invoke(cli, ["--db", str(db_path), "no-such-command"]).exit_code == 2


def test_check_on_a_missing_file_exits_1(runner: CliRunner, db_path: Path) -> None:
    result = runner.invoke(cli, ["--db", str(db_path), "check"])
    assert result.exit_code == 1 and "不存在" in result.output
    assert not db_path.exists()


def test_demo_twice_into_one_file_is_refused(runner: CliRunner, demo_db) -> None:
    demo_db.close()
    result = runner.invoke(cli, ["--db", str(demo_db.path), "demo", "--seed", "1"])
    assert result.exit_code == 1


def test_stats_json_is_machine_readable(runner: CliRunner, demo_db) -> None:
    demo_db.close()
    result = runner.invoke(
        cli, ["--db", str(demo_db.path), "stats", "--json", "--today", "2026-11-25"]
    )
    figures = json.loads(result.output)
    assert figures["estates"] == 60 and figures["formation"]["target_percent"] == 90


def test_stats_text_names_the_targets(runner: CliRunner, demo_db) -> None:
    demo_db.close()
    result = runner.invoke(cli, ["--db", str(demo_db.path), "stats", "--today", "2026-11-25"])
    assert result.exit_code == 0 and "目标≥90%" in result.output and "目标≥50%" in result.output


def test_wuye_db_environment_variable_selects_the_file(
    runner: CliRunner, demo_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_db.close()
    monkeypatch.setenv("WUYE_DB", str(demo_db.path))
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0 and str(demo_db.path) not in result.output


def test_stats_by_subordinate_lists_each_community_and_the_total(demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_db.close()
    result = wuye("stats", "--by-subordinate", "--json", "--today", "2026-11-25", db=demo_db.path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["rows"]) == 10 and data["total"]["name"] == "合计"
    assert sum(r["estates"] for r in data["rows"]) == data["total"]["estates"] == 60
