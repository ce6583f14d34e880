"""`wuye survey add|answer|list|show|print` and the `survey_answer` Excel import (issue 17,
task 2): a survey entered from paper, scored, compared, printed; bad input exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from app.cli import cli
from app.services.estates import EstateIn, create_estate
from tests.conftest import COMMUNITY_A, TODAY

TITLE = "2026年秋季满意度调查"


def run(db, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(db.path), *args])


def start(db) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=320), today=TODAY)
    db.close()
    items = ("--item", "clean:保洁:2", "--item", "safety:秩序维护", "--item", "repair:维修响应")
    added = run(db, "survey", "add", "--estate", "相山花园", "--title", TITLE, "--start",
                "2026-09-01", "--sample", "40", *items, "--today", TODAY.isoformat())  # fmt: skip
    assert added.exit_code == 0, added.output


def test_a_survey_is_entered_from_paper_scored_and_printed(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start(db)
    for scores in (["clean=5", "safety=4", "repair=4"], ["clean=4", "safety=3"]):
        args = [a for s in scores for a in ("--score", s)]
        answered = run(db, "survey", "answer", TITLE, *args, "--date", "2026-09-05")
        assert answered.exit_code == 0, answered.output
    shown = json.loads(run(db, "survey", "show", TITLE, "--json").output)
    assert shown["responses"] == 2 and shown["overall"] == 82.5
    assert [i["score"] for i in shown["items"]] == [90.0, 70.0, 80.0]
    listed = json.loads(run(db, "survey", "list", "--estate", "相山花园", "--json").output)
    assert [(r["title"], r["responses"], r["method"]) for r in listed] == [(TITLE, 2, "纸质问卷")]
    out = tmp_path / "结果.pdf"
    printed = run(db, "survey", "print", TITLE, "--date", "2026-09-30", "-o", str(out))
    assert printed.exit_code == 0, printed.output
    assert out.read_bytes().startswith(b"%PDF") and "第1版" in printed.output
    listed = json.loads(run(db, "survey", "list", "--json").output)
    assert [(r["printed_version"], r["print_status"]) for r in listed] == [(1, "")]
    # an answer added after the print: the result on the wall is out of date
    assert run(db, "survey", "answer", TITLE, "--score", "clean=1").exit_code == 0
    assert "公告第1版（待重印：内容已变化）" in run(db, "survey", "list").output
    again = run(db, "survey", "print", TITLE, "-o", str(tmp_path / "结果2.pdf"))
    assert again.exit_code == 0 and "第2版" in again.output, again.output


def test_an_answer_sheet_imports_once_and_again_unchanged(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start(db)
    template = tmp_path / "模板.xlsx"
    assert run(db, "xlsx-template", "survey_answer", str(template)).exit_code == 0
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["所属社区", "小区名称", "调查名称", "问卷编号", "答卷日期"]
    assert headers[5:8] == ["第1题", "第2题", "第3题"] and len(headers) == 25
    sheet.delete_rows(2, sheet.max_row)
    for number, scores in (("001", [5, 4, 4]), ("002", [4, 3, None])):
        sheet.append(["桓谭社区", "相山花园", TITLE, number, "2026-09-05", *scores])
    book.save(template)
    first = run(db, "import-xlsx", "survey_answer", str(template), "--json")
    assert first.exit_code == 0, first.output
    again = json.loads(run(db, "import-xlsx", "survey_answer", str(template), "--json").output)
    assert again["written"] is True
    shown = json.loads(run(db, "survey", "show", TITLE, "--json").output)
    assert shown["responses"] == 2 and shown["overall"] == 82.5  # not four answers


def test_a_bad_answer_row_names_its_column(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start(db)
    path = tmp_path / "答卷.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["所属社区", "小区名称", "调查名称", "问卷编号", "第1题", "第2题", "第4题"])
    sheet.append(["桓谭社区", "相山花园", TITLE, "001", 5, 7, None])
    sheet.append(["桓谭社区", "相山花园", TITLE, "002", 5, 4, 3])
    sheet.append(["桓谭社区", "相山花园", "春季调查", "003", 5, 4, None])
    book.save(path)
    result = run(db, "import-xlsx", "survey_answer", str(path))
    assert result.exit_code == 1
    assert "第2题" in result.output and "评分应为1至5，现为7" in result.output
    assert "问卷只有3题" in result.output and "没有名为“春季调查”的满意度调查" in result.output
    assert json.loads(run(db, "survey", "show", TITLE, "--json").output)["responses"] == 0


def test_bad_input_exits_1_in_chinese_with_nothing_written(db) -> None:  # type: ignore[no-untyped-def]
    start(db)
    bad = run(db, "survey", "answer", TITLE, "--score", "clean=9")
    assert bad.exit_code == 1 and "评分应为1至5，现为9" in bad.output
    typo = run(db, "survey", "answer", TITLE, "--score", "clean:5")
    assert typo.exit_code == 1 and "应写作 题号=分数" in typo.output
    missing = run(db, "survey", "show", "无此调查")
    assert missing.exit_code == 1 and "本辖区没有名为“无此调查”的满意度调查" in missing.output
    item = run(db, "survey", "add", "--estate", "相山花园", "--title", "x", "--start",
               "2026-09-01", "--sample", "5", "--item", "只有题目")  # fmt: skip
    assert item.exit_code == 1 and "代码:题目" in item.output
    assert json.loads(run(db, "survey", "list", "--json").output)[0]["responses"] == 0
