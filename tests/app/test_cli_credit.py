"""`wuye credit add|list|show`: typed items change the computed grade; bad input exits 1."""

from __future__ import annotations

import json

from click.testing import CliRunner

from app.cli import cli

NAME = "淮北市中联物业服务有限公司"
DAY = ("--today", "2026-11-25")


def run(demo_db, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(demo_db.path), *args])


def test_an_added_item_lowers_the_shown_score(demo_db) -> None:
    before = json.loads(run(demo_db, "credit", "show", NAME, *DAY, "--json").output)
    added = run(demo_db, "credit", "add", NAME, "--kind", "通报", "--evidence", "淮物管〔2026〕5号",
                "--date", "2026-11-20")  # fmt: skip
    assert added.exit_code == 0, added.output
    after = json.loads(run(demo_db, "credit", "show", NAME, *DAY, "--json").output)
    assert after["score"] == before["score"] - 3
    assert {"kind": "通报", "derived": False, "counted": True}.items() <= after["items"][1].items()


def test_the_lists_split_by_band(demo_db) -> None:
    every = json.loads(run(demo_db, "credit", "list", *DAY, "--json").output)
    good = json.loads(run(demo_db, "credit", "list", "--band", "守信", *DAY, "--json").output)
    assert good and {r["band"] for r in good} <= {"AAA", "AA"} and len(good) < len(every)


def test_bad_input_exits_1_in_chinese(demo_db) -> None:
    missing = run(demo_db, "credit", "show", "无此企业")
    assert missing.exit_code == 1 and "找不到物业企业" in missing.output
    bad = run(demo_db, "credit", "add", NAME, "--kind", "好评", "--evidence", " ")
    assert bad.exit_code == 1 and "信用记录类别" in bad.output and "依据" in bad.output
