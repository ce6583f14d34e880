"""A messy ledger as offices keep them: every problem located, nothing half-written, and the
error workbook, once fixed, imports cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.db import Database
from app.errors import InputError
from app.models import Estate
from reports.xlsx.error_book import PERSONAL_DATA_NOTE, REASON_HEADER, write_error_book
from reports.xlsx.ledger_in import import_ledger
from tests.conftest import TODAY

HEADERS = ["序号", "小区名称\n（必填）", "社区", "物业管理方式", "总户数", "建筑面积（平方米）",
           "建成时间", "是否老旧小区", "备注"]  # fmt: skip


def messy(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "小区台账"
    sheet.append(["曲阳街道小区台账（2026年）"])
    sheet.merge_cells("A1:I1")
    sheet.append(["填报单位：曲阳街道办事处", None, None, None, None, "填报日期：2026年11月"])
    sheet.append(HEADERS)
    rows = [
        [1, "相山花园", "桓谭社区", "专业化物业服务", "８６１", "85,000.5㎡", "2008年", "否", ""],
        [2, "凤凰城", "南湖社区", "社区托管", 320, 41000, 2001, "√", "托管"],
        [3, "外星小区", "外星社区", "无物管", 100, None, None, "×", ""],
        [4, "桂苑", "桓谭社区", "物业公司", "很多", None, "1998", "是", ""],
        [5, "相山花园", "桓谭社区", "专业化物业服务", 861, None, None, "否", "重复"],
        [None, None, None, None, None, None, None, None, None],
        ["合计", None, None, None, 2140, None, None, None, None],
    ]
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def estates(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Estate))


def test_every_problem_has_its_row_column_field_and_reason(db: Database, tmp_path: Path) -> None:
    with db.sessions() as session:
        report = import_ledger(session, messy(tmp_path / "台账.xlsx"), "estate", today=TODAY)
    found = [(e["row"], e["column"], e["field"]) for e in report.errors()]
    assert found == [(6, "C", "所属社区"), (7, "E", "户数"), (8, "B", "小区名称")]
    assert "外星社区" in report.errors()[0]["reason"] and "第4行" in report.errors()[2]["reason"]
    assert (report.header_row, report.outcome.created) == (3, 2)
    assert set(report.unknown_headers) == {"序号", "备注"}


def test_a_refused_sheet_leaves_the_database_as_it_was(db: Database, tmp_path: Path) -> None:
    with db.sessions() as session:
        report = import_ledger(session, messy(tmp_path / "台账.xlsx"), "estate", today=TODAY)
        assert not report.clean  # the caller does not commit; closing rolls back
    assert estates(db) == 0


def test_tolerant_values_arrive_as_typed_values(db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as session:
        import_ledger(session, messy(tmp_path / "台账.xlsx"), "estate", today=TODAY)
    with db.reader() as s:
        first = s.scalars(select(Estate).where(Estate.name == "相山花园")).one()
        second = s.scalars(select(Estate).where(Estate.name == "凤凰城")).one()
    assert (first.households, first.floor_area_dm2, first.built_year) == (861, 8500050, 2008)
    assert (second.management_type, second.is_old) == ("community", True)


def test_the_fixed_error_workbook_imports_cleanly(db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as session:  # the worker imports the valid rows first
        report = import_ledger(session, messy(tmp_path / "台账.xlsx"), "estate", today=TODAY)
    errors = write_error_book(report, tmp_path / "错误.xlsx")

    book = load_workbook(errors)
    sheet = book.active
    assert sheet["A1"].value == PERSONAL_DATA_NOTE  # it says first that it holds personal data
    assert [c.value for c in sheet[2]][-1] == REASON_HEADER and sheet.max_row == 5
    assert sheet["C3"].fill.fgColor.rgb.endswith("FFC7CE")  # the faulty cell is marked
    sheet["C3"] = "南湖社区"  # fix the community
    sheet["E4"] = 150  # fix the households
    sheet.delete_rows(5)  # the duplicate row goes
    book.save(errors)

    with db.sessions.begin() as session:
        again = import_ledger(session, errors, "estate", today=TODAY)
    assert again.clean and again.outcome.created == 2
    assert estates(db) == 4


def test_a_file_that_is_not_a_workbook_is_refused_by_name(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"\x00\x01not a zip" * 50)
    with pytest.raises(InputError, match=r"坏文件\.xlsx"), db.sessions() as session:
        import_ledger(session, bad, "estate", today=TODAY)


def test_a_sheet_without_a_required_column_is_refused_whole(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["小区名称", "社区", "地址"])
    book.active.append(["相山花园", "桓谭社区", "人民路1号"])
    book.save(tmp_path / "缺列.xlsx")
    with pytest.raises(InputError, match="缺少必填列：管理类型、户数"), db.sessions() as session:
        import_ledger(session, tmp_path / "缺列.xlsx", "estate", today=TODAY)


def test_the_untouched_template_example_row_is_left_out_and_said(
    db: Database, tmp_path: Path
) -> None:
    from app.ledger_columns import ledger_kind
    from reports.xlsx.templates import write_template

    template = write_template(ledger_kind("estate"), tmp_path / "模板.xlsx")
    with db.sessions() as session:
        report = import_ledger(session, template, "estate", today=TODAY)
    assert (report.outcome.rows, report.example_rows) == (0, (2,))
    assert "示例行" in report.summary()
