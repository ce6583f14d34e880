"""`wuye inspection` (issue 16 item 4): a visit with findings opens problems, the record is
printed as a PDF; bad input exits 1 in Chinese with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from pypdf import PdfReader

from app.cli import cli
from tests.conftest import COMMUNITY_A, COMMUNITY_B


def wuye(db, *args: str) -> Result:  # type: ignore[no-untyped-def]
    db.close()
    return CliRunner().invoke(cli, ["--db", str(db.path), *args])


def test_a_visit_is_added_listed_shown_and_printed(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    added = wuye(db, "inspection", "add", "--on", "2026-11-24", "--kind", "联合督查",
                 "--inspectors", "街道物业办、城管中队、淮北日报记者",
                 "--summary", "联合检查消防通道和垃圾分类",
                 "--finding", f"消防通道堆放杂物|{COMMUNITY_A}",
                 "--finding", f"垃圾分类亭破损|恒信物业|{COMMUNITY_B}|2026-12-15")  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = json.loads(wuye(db, "inspection", "list", "--json").output)
    assert [(v["number"], v["kind"], len(v["findings"])) for v in listed] == [
        ("2026-0001", "联合督查", 2)]
    shown = json.loads(wuye(db, "inspection", "show", "2026-0001", "--json").output)
    assert [f["responsible_unit"] for f in shown["findings"]] == ["桓谭社区", "恒信物业"]
    assert shown["findings"][0]["to_office"] == COMMUNITY_A
    text = wuye(db, "inspection", "show", "2026-0001").output
    assert "消防通道堆放杂物" in text and "待整改" in text
    out = tmp_path / "督查记录.pdf"
    printed = wuye(db, "inspection", "print", "2026-0001", "-o", str(out))
    assert printed.exit_code == 0, printed.output
    pages = "".join(p.extract_text() for p in PdfReader(out).pages)
    for part in ("督查记录", "联合督查", "消防通道堆放杂物", "恒信物业"):
        assert part in pages.replace("\n", ""), part


def test_bad_visits_exit_1_in_chinese_with_nothing_written(db) -> None:  # type: ignore[no-untyped-def]
    bad = wuye(db, "inspection", "add", "--kind", "暗访", "--inspectors", "王敏",
               "--finding", f"楼道堆物|{COMMUNITY_A}")  # fmt: skip
    assert bad.exit_code == 1 and "督查方式应为" in bad.output and "Traceback" not in bad.output
    wrong = wuye(db, "inspection", "add", "--inspectors", "王敏", "--finding", "只有描述")
    assert wrong.exit_code == 1 and "第1条发现问题的格式应为" in wrong.output
    assert "没有督查记录" in wuye(db, "inspection", "list").output
    missing = wuye(db, "inspection", "accept", "abcd1234")
    assert missing.exit_code == 1 and "找不到" in missing.output
