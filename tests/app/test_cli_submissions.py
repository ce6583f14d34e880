"""`wuye submit`, `submissions`, `review` and `completeness` from the command line: a
community's report goes up in a package, the street accepts it, and its 下发 package
(`package export --down`) locks it; receipts acknowledge only."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from openpyxl import load_workbook

from app.cli import cli
from app.packages.receipts import receipt_path
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


def _sent_down(tmp_path: Path, street: Path, community: Path, name: str) -> str:
    """The street's 下发 package to the community, imported there and its receipt carried
    back up; the community's import output."""
    package = tmp_path / f"{name}.wypkg"
    ok("--db", str(street), "package", "export", "--down", COMMUNITY[0], "-o", str(package))
    done = ok("--db", str(community), "package", "import", str(package))
    ok("--db", str(street), "package", "import", str(receipt_path(package)))
    return done.output


def test_accept_locks_the_report_when_the_package_down_arrives(offices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    street, community = offices
    uuid = _sent_up(tmp_path, street, community)
    done = ok("--db", str(street), "review", "accept", uuid[:13])
    assert "已接收" in done.output and f"package export --down {COMMUNITY[0]}" in done.output
    applied = _sent_down(tmp_path, street, community, "下发")
    assert "上级审核意见 1 条已应用" in applied
    mine = json.loads(ok("--db", str(community), "submissions", "--json").output)[0]
    assert (mine["status"], mine["locked"]) == ("accepted", True)
    refused = run("--db", str(community), "submit", *PERIOD)
    assert refused.exit_code == 1 and "已锁定" in refused.output
    # the community's row moved and goes up again; the street's receipt only acknowledges it
    package = tmp_path / "c2.wypkg"
    ok("--db", str(community), "package", "export", "-o", str(package))
    ok("--db", str(street), "package", "import", str(package))
    envelope = json.loads(receipt_path(package).read_text(encoding="utf-8"))
    assert "reviews" not in envelope["body"]
    acknowledged = ok("--db", str(community), "package", "import", str(receipt_path(package)))
    assert "已被" in acknowledged.output and "审核意见" not in acknowledged.output


def test_return_without_a_reason_is_refused_and_with_one_unlocks(offices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    street, community = offices
    uuid = _sent_up(tmp_path, street, community)
    refused = run("--db", str(street), "review", "return", uuid)
    assert refused.exit_code == 1 and "退回原因" in refused.output
    receipt = tmp_path / "退回回执.json"  # scripts still pass --receipt-out: a plain receipt
    done = ok("--db", str(street), "review", "return", uuid, "--reason", "户数有误",
              "--receipt-out", str(receipt))  # fmt: skip
    assert "不含审核意见" in done.output and "下发数据包" in done.output
    plain = ok("--db", str(community), "package", "import", str(receipt))
    assert "审核意见" not in plain.output
    assert "退回" not in ok("--db", str(community), "submissions").output
    _sent_down(tmp_path, street, community, "退回下发")
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


def test_a_weekly_report_goes_up_and_completeness_counts_the_week(offices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    street, community = offices
    onboard(tmp_path, street, community)
    started = ok("--db", str(street), "campaign", "start", "--kind", "周报",
                 "--from", "2026-11-01", "--due-weekday", "4")  # fmt: skip
    assert len(started.output.strip()) == 36
    sent = ok("--db", str(community), "submit", "--period", "2026-W49", "--kind", "周报",
              "--done", "排查小区 12 个", "--problems", "消防通道堵塞 3 处",
              "--next", "督促清理", "--at", "2026-12-04 10:00")  # fmt: skip
    assert "2026-W49 周报：已上报" in sent.output  # the street's Thursday is not known below yet
    package = tmp_path / "w.wypkg"
    ok("--db", str(community), "package", "export", "-o", str(package))
    ok("--db", str(street), "package", "import", str(package))
    report = json.loads(ok("--db", str(street), "completeness", "--period", "2026-W49",
                           "--kind", "周报", "--today", "2026-12-07", "--json").output)  # fmt: skip
    assert (report["period"], report["kind"], report["received"]) == ("2026-W49", "weekly", 1)
    assert report["deadline"] == "2026-12-03"  # the street's Thursday
    mine = json.loads(ok("--db", str(street), "submissions", "--period", "2026-W49",
                         "--json").output)  # fmt: skip
    assert mine[0]["work_done"] == "排查小区 12 个"
    book = tmp_path / "周报报送情况.xlsx"
    saved = ok("--db", str(street), "completeness", "--period", "2026-W49", "--kind", "周报",
               "--today", "2026-12-07", "--xlsx", str(book))  # fmt: skip
    assert str(book) in saved.output
    rows = list(load_workbook(book).active.iter_rows(min_row=2, values_only=True))
    assert rows[0][:3] == ("社区", "区划代码", "状态") and rows[0][6] == "本期工作完成情况"
    assert [r[6:9] for r in rows[1:] if r[2] != "未上报"] == [
        ("排查小区 12 个", "消防通道堵塞 3 处", "督促清理")
    ]
    nowhere = run("--db", str(street), "completeness", "--period", "2026-W49", "--kind", "周报",
                  "--xlsx", str(tmp_path / "无此文件夹" / "x.xlsx"))  # fmt: skip
    assert nowhere.exit_code == 1 and "文件夹不存在" in nowhere.output
    bad = run("--db", str(street), "completeness", "--period", "2026-49", "--kind", "周报")
    assert bad.exit_code == 1 and "2026-W49" in bad.output
    daily = run("--db", str(street), "campaign", "start", "--kind", "日报", "--from", "2026-12-01")
    assert daily.exit_code == 1 and "结束日期" in daily.output
