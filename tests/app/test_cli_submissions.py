"""`wuye submit`, `submissions`, `review` and `completeness` from the command line: a
community's report goes up in a package, the street accepts it, the receipt locks it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from app.cli import cli
from tests.app.test_cli_packages import COMMUNITY, offices, onboard  # noqa: F401

PERIOD = ("--period", "2026-11")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def ok(*args: str) -> Result:
    done = run(*args)
    assert done.exit_code == 0, done.output
    return done


def _sent_up(tmp_path: Path, street: Path, community: Path) -> str:
    onboard(tmp_path, street, community)
    ok("--db", str(community), "submit", *PERIOD, "--at", "2026-12-03 10:00")
    package = tmp_path / "c.wypkg"
    ok("--db", str(community), "package", "export", "-o", str(package))
    ok("--db", str(street), "package", "import", str(package))
    listed = json.loads(ok("--db", str(street), "submissions", "--json").output)
    return listed[0]["uuid"]


def test_submit_then_completeness_at_the_street(offices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    street, community = offices
    _sent_up(tmp_path, street, community)
    done = ok("--db", str(street), "completeness", *PERIOD, "--today", "2026-12-09", "--json")
    report = json.loads(done.output)
    line = report["communities"][0]
    assert (report["expected"], report["received"], report["deadline"]) == (1, 1, "2026-12-07")
    assert (line["code"], line["timeliness"], line["status"]) == (
        COMMUNITY[0],
        "on_time",
        "submitted",
    )
    assert report["units"][0]["last_package"]["kind"] in ("delta", "snapshot")
    text = ok("--db", str(street), "completeness", *PERIOD, "--today", "2026-12-09").output
    assert "应报 1，已报 1" in text and "按时" in text


def test_accept_locks_the_report_once_the_receipt_is_imported(offices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    street, community = offices
    uuid = _sent_up(tmp_path, street, community)
    receipt = tmp_path / "审核回执.json"
    done = ok("--db", str(street), "review", "accept", uuid[:13], "--receipt-out", str(receipt))
    assert "已接收" in done.output
    applied = ok("--db", str(community), "package", "import", str(receipt))
    assert "上级审核意见 1 条已应用" in applied.output
    mine = json.loads(ok("--db", str(community), "submissions", "--json").output)[0]
    assert (mine["status"], mine["locked"]) == ("accepted", True)
    refused = run("--db", str(community), "submit", *PERIOD)
    assert refused.exit_code == 1 and "已锁定" in refused.output


def test_return_without_a_reason_is_refused_and_with_one_unlocks(offices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    street, community = offices
    uuid = _sent_up(tmp_path, street, community)
    refused = run("--db", str(street), "review", "return", uuid)
    assert refused.exit_code == 1 and "退回原因" in refused.output
    receipt = tmp_path / "退回回执.json"
    ok("--db", str(street), "review", "return", uuid, "--reason", "户数有误",
       "--receipt-out", str(receipt))  # fmt: skip
    ok("--db", str(community), "package", "import", str(receipt))
    text = ok("--db", str(community), "submissions").output
    assert "退回" in text and "户数有误" in text
    again = ok("--db", str(community), "submit", *PERIOD, "--at", "2026-12-10 09:00")
    assert "第 2 次上报" in again.output and "逾期上报" in again.output


def test_bad_period_and_kind_exit_1_in_chinese(offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _, community = offices
    bad = run("--db", str(community), "submit", "--period", "2026/11")
    assert bad.exit_code == 1 and "报送期" in bad.output
    bad = run("--db", str(community), "submit", *PERIOD, "--kind", "年报")
    assert bad.exit_code == 1 and "报表类型" in bad.output


def test_a_community_has_no_completeness(offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _, community = offices
    done = run("--db", str(community), "completeness", *PERIOD)
    assert done.exit_code == 1 and "没有下级单位" in done.output
