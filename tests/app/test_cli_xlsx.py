"""`wuye import-xlsx`, `export-xlsx`, `xlsx-template`, `report-xlsx`: files in and out, exit
codes as scripts rely on them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.cli import cli
from app.models import Estate

HEADERS = ["所属社区", "小区名称", "管理类型", "户数"]


def sheet(path: Path, *rows: list) -> Path:  # type: ignore[type-arg]
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def wuye(db, *args: str):
    db.close()
    return CliRunner().invoke(cli, ["--db", str(db.path), *args])


def estates(db) -> int:
    from app.db import open_database

    again = open_database(db.path)
    with again.reader() as s:
        n = s.scalar(select(func.count()).select_from(Estate))
    again.close()
    return n


def test_a_clean_sheet_is_imported(db, tmp_path: Path) -> None:
    path = sheet(tmp_path / "a.xlsx", ["桓谭社区", "相山花园", "专业化物业服务", 300])
    result = wuye(db, "import-xlsx", "estate", str(path))
    assert result.exit_code == 0 and "新增 1" in result.output
    assert estates(db) == 1


def test_dry_run_reports_and_writes_nothing(db, tmp_path: Path) -> None:
    path = sheet(tmp_path / "a.xlsx", ["桓谭社区", "相山花园", "专业化物业服务", 300])
    result = wuye(db, "import-xlsx", "estate", str(path), "--dry-run")
    assert result.exit_code == 0 and "未写入" in result.output
    assert estates(db) == 0


def test_any_refused_row_exits_1_writes_nothing_and_lists_errors_as_json(
    db, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "a.xlsx", ["桓谭社区", "相山花园", "专业化物业服务", 300],
                 ["外星社区", "乙", "无物管", 10])  # fmt: skip
    out = tmp_path / "错误.xlsx"
    result = wuye(db, "import-xlsx", "estate", str(path), "--json", "--errors", str(out))
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and not report["written"]
    assert report["errors"] == [{"sheet": "Sheet", "row": 3, "column": "A", "field": "所属社区",
                                 "reason": "本辖区没有“外星社区”社区"}]  # fmt: skip
    assert estates(db) == 0 and load_workbook(out).active.max_row == 2


def test_export_template_and_reports_write_workbooks(demo_db, tmp_path: Path) -> None:
    for args in (["export-xlsx", "estate"], ["xlsx-template", "member"],
                 ["report-xlsx", "summary"], ["report-xlsx", "tasks"]):  # fmt: skip
        out = tmp_path / f"{args[1]}.xlsx"
        result = wuye(demo_db, *args, str(out))
        assert result.exit_code == 0 and load_workbook(out).active.max_row > 1, args


def test_an_unknown_kind_is_a_usage_error(db, tmp_path: Path) -> None:
    assert wuye(db, "import-xlsx", "unicorn", str(sheet(tmp_path / "a.xlsx"))).exit_code == 2


def test_street_imports_a_sheet_without_community_column_with_community(db, tmp_path: Path) -> None:
    path = tmp_path / "台账.xls"
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("小区")
    for r, row in enumerate(
        [["小区名称", "管理类型", "户数"], ["相山花园", "专业化物业服务", 300]]
    ):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    refused = wuye(db, "import-xlsx", "estate", str(path))
    assert refused.exit_code == 1 and "--community" in refused.output and estates(db) == 0
    result = wuye(db, "import-xlsx", "estate", str(path), "--community", "桓谭社区", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["format"], report["community"], report["created"]) == (
        "xls", "桓谭社区（按指定）", 1,
    )  # fmt: skip
    assert estates(db) == 1
