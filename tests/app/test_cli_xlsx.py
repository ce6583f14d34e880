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
    # the personal-data warning, the header, the one refused row
    assert estates(db) == 0 and load_workbook(out).active.max_row == 3


def test_export_template_and_reports_write_workbooks(demo_db, tmp_path: Path) -> None:
    for args in (["export-xlsx", "estate"], ["xlsx-template", "member"],
                 ["report-xlsx", "summary"], ["report-xlsx", "tasks"]):  # fmt: skip
        out = tmp_path / f"{args[1]}.xlsx"
        result = wuye(demo_db, *args, str(out))
        assert result.exit_code == 0 and load_workbook(out).active.max_row > 1, args


def test_the_task_table_fills_progress_from_the_data(demo_db, tmp_path: Path) -> None:
    out = tmp_path / "任务分解表.xlsx"
    assert wuye(demo_db, "report-xlsx", "tasks", str(out), "--today", "2026-11-25").exit_code == 0
    column = [str(c.value or "") for c in load_workbook(out).active["F"]]
    assert column[1] == "进展情况"
    assert any(v.startswith("组建率 ") and "（目标 90%）" in v for v in column)
    assert any(v.startswith("问题 ") and "已销号" in v for v in column)


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


def _street_collection(path: Path, second: str) -> Path:
    """One sheet per community, named for it, without 所属社区; a company column."""
    book = Workbook()
    first = book.active
    first.title = "桓谭社区"
    for row in (["小区名称", "管理类型", "户数", "物业服务企业"],
                ["相山花园", "专业化物业服务", 300, "淮北市恒信物业服务有限公司"],
                ["古城小区", "专业化物业服务", 120, "未知物业"]):  # fmt: skip
        first.append(row)
    other = book.create_sheet("南湖社区")
    for row in (["小区名称", "管理类型", "户数"], [second, "专业化物业服务", 80]):
        other.append(row)
    book.save(path)
    return path


def test_a_street_collection_is_read_then_checked_then_written_sheet_by_sheet(
    db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """issue 19's sheets, communities and company links through issue 13's import path
    (read with no database open, checked in a read transaction, written under the lock)."""
    from app.models import ServiceContract
    from app.services.companies import CompanyIn, create_company

    with db.sessions.begin() as s:
        create_company(s, CompanyIn(credit_code="91340603MA2W000184",
                                    name="淮北市恒信物业服务有限公司"))  # fmt: skip
    path = _street_collection(tmp_path / "街道汇总.xlsx", "南湖花园")
    dry = wuye(db, "import-xlsx", "estate", str(path), "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    assert estates(db) == 0
    result = wuye(db, "import-xlsx", "estate", str(path), "--json", "--request-id", "r-19")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [(s["sheet"], s["community"], s["created"]) for s in report["sheets"]] == [
        ("桓谭社区", "桓谭社区（据工作表名）", 2), ("南湖社区", "南湖社区（据工作表名）", 1),
    ]  # fmt: skip
    assert [w["reason"] for w in report["warnings"]] == [
        "没有名为“未知物业”的物业企业，请先导入企业台账"
    ]
    assert estates(db) == 3
    from app.db import open_database

    again = open_database(db.path)
    with again.reader() as s:
        assert s.scalar(select(func.count()).select_from(ServiceContract)) == 1
    again.close()


def test_two_sheets_naming_one_estate_are_applied_in_order(db, tmp_path: Path) -> None:
    """The same estate on two sheets of one community: the second sheet updates what the
    first creates, as when the sheets were imported one after the other."""
    book = Workbook()
    book.active.title = "一"
    for row in (HEADERS, ["桓谭社区", "相山花园", "专业化物业服务", 300]):
        book.active.append(row)
    two = book.create_sheet("二")
    for row in (HEADERS, ["桓谭社区", "相山花园", "专业化物业服务", 310]):
        two.append(row)
    book.save(tmp_path / "两表.xlsx")
    result = wuye(db, "import-xlsx", "estate", str(tmp_path / "两表.xlsx"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["created"], report["updated"]) == (1, 1)
    assert estates(db) == 1
