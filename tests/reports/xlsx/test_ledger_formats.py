"""Ledgers as community offices keep them (issue 19): the hand-kept sheet of one community with
no 所属社区 column, in every format offices exchange (.xlsx, .xls, .ods, GBK CSV), a street's
workbook with one sheet per community, and the 物业服务企业 column linking estates to companies."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.db import Database, open_database
from app.errors import InputError
from app.models import Estate, ServiceContract
from app.rules.credit_code import with_check_char
from app.services.companies import CompanyIn, ContractIn, create_company, save_contract
from app.services.offices import init_office
from reports.xlsx.error_book import BAD, PERSONAL_DATA_NOTE, REASON_HEADER, WARN, write_error_book
from reports.xlsx.ledger_in import ImportReport, import_ledger
from reports.xlsx.sheet import SheetError, open_workbook
from tests.conftest import COMMUNITY_A, STREET, TODAY

Rows = Sequence[Sequence[object]]

HENGXIN = "淮北市恒信物业服务有限公司"
ANJU = "淮北市安居物业服务有限公司"
HENGXIN_CODE = "91340603MA2W000184"
ANJU_CODE = with_check_char("91340603MA2W00029")


TITLE = "桓谭社区小区台账（2026年）"


def ledger(title: str = TITLE, unit: str = "填报单位：桓谭社区居委会") -> Rows:
    """A community's hand-kept estate ledger: a title, 填报单位 in the second row, a two-row
    header with a group cell, 序号, full-width digits, "96户", dotted dates, √, a blank row,
    a 合计 row and a 备注 row; row 8 has a bad 户数."""
    return [
        [title, "", "", "", "", "", "", ""],
        [unit, "", "", "", "", "填报日期：2026.11.20", "", ""],
        ["序号", "小区名称", "物业服务企业", "管理类型", "基本情况", "", "", "合同开始日期"],
        ["", "", "", "", "户数", "建成年份", "老旧小区", ""],
        ["1", "相山花园", HENGXIN, "专业化物业服务", "８６０", "2008", "", "2024.1.5"],
        ["2", "凤凰城", "", "社区托管", "96户", "2001年", "√", ""],
        ["3", "桂苑", "不存在物业公司", "专业化物业服务", "很多", "1998", "是", ""],
        ["", "", "", "", "", "", "", ""],
        ["4", "南山小区", "淮北市安居物业服务有限公司", "物业公司", "120", "2010", "否", ""],
        ["合计", "", "", "", "1076", "", "", ""],
        ["备注：本表由社区填报", "", "", "", "", "", "", ""],
    ]


def good_ledger(**kwargs: str) -> Rows:
    """The ledger without its bad row (row 7)."""
    rows = list(ledger(**kwargs))
    del rows[6]
    return rows


def typed(value: object) -> object:
    """Digits as numbers, as a spreadsheet keeps them (CSV keeps text)."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


def write_xlsx(path: Path, sheets: dict[str, Rows]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([typed(v) or None for v in row])
        if len(rows) > 3 and rows[2][0] == "序号":  # the ledger's title and two-row header
            sheet.merge_cells("A1:H1")
            sheet.merge_cells("E3:G3")
            for column in "ABCDH":
                sheet.merge_cells(f"{column}3:{column}4")
    book.save(path)
    return path


def write_xls(path: Path, sheets: dict[str, Rows]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for title, rows in sheets.items():
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write(r, c, typed(value))
    book.save(str(path))
    return path


def write_ods(path: Path, sheets: dict[str, Rows]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for title, rows in sheets.items():
        table = Table(name=title)
        for row in rows:
            tr = TableRow()
            for value in row:
                value = typed(value)
                if isinstance(value, int):
                    cell = TableCell(valuetype="float", value=value)
                else:
                    cell = TableCell(valuetype="string")
                if value != "":
                    cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_csv(path: Path, rows: Rows, encoding: str) -> Path:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


@pytest.fixture
def community_db(tmp_path: Path) -> Iterator[Database]:
    """A community office's own database, with the two companies of the ledger."""
    database = open_database(tmp_path / "community.sqlite", actor="tester")
    with database.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
        companies(s)
    yield database
    database.close()


def companies(session) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        HENGXIN: create_company(session, CompanyIn(credit_code=HENGXIN_CODE, name=HENGXIN)),
        ANJU: create_company(session, CompanyIn(credit_code=ANJU_CODE, name=ANJU)),
    }


def imported(db: Database, path: Path, **kwargs: object) -> ImportReport:
    with db.sessions() as session:
        report = import_ledger(session, path, "estate", today=TODAY, **kwargs)  # type: ignore[arg-type]
        if report.clean:
            session.commit()
    return report


def count(db: Database, model: type) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def comparable(report: ImportReport) -> dict[str, object]:
    data = report.as_dict()
    for key in ("file", "format", "encoding", "sheet"):
        data.pop(key)
    for entries in (data["errors"], data["warnings"], data["companies"], data["sheets"]):
        for entry in entries:
            entry.pop("sheet")
    return data


# --- the community is known ---------------------------------------------------------------


def test_community_ledger_without_community_column_imports_in_its_own_database(
    community_db: Database, tmp_path: Path
) -> None:
    report = imported(community_db, write_xlsx(tmp_path / "台账.xlsx", {"小区": good_ledger()}))
    assert report.clean, report.summary()
    assert (report.outcome.created, report.sheets[0].community.source) == (3, "本社区")
    assert "社区：桓谭社区（本社区数据库）" in report.summary()
    with community_db.reader() as s:
        assert set(s.scalars(select(Estate.community_code))) == {COMMUNITY_A}
        households = dict(s.execute(select(Estate.name, Estate.households)).all())
    assert households == {"相山花园": 860, "凤凰城": 96, "南山小区": 120}


def test_bad_row_is_the_only_problem_reported(community_db: Database, tmp_path: Path) -> None:
    report = imported(community_db, write_xlsx(tmp_path / "台账.xlsx", {"小区": ledger()}))
    assert [(e["row"], e["column"], e["field"]) for e in report.errors()] == [(7, "E", "户数")]
    assert count(community_db, Estate) == 0


def test_a_row_naming_another_community_is_refused_in_a_community_database(
    community_db: Database, tmp_path: Path
) -> None:
    rows = [["所属社区", "小区名称", "管理类型", "户数"], ["南湖社区", "甲", "社区托管", 5],
            ["桓谭社区", "乙", "社区托管", 5], ["", "丙", "社区托管", 5]]  # fmt: skip
    report = imported(community_db, write_xlsx(tmp_path / "a.xlsx", {"s": rows}))
    assert [(e["row"], e["field"]) for e in report.errors()] == [(2, "所属社区")]


def test_street_needs_the_community_and_says_so_once(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", {"小区": good_ledger(title="小区台账", unit="")})
    with db.sessions() as session, pytest.raises(InputError, match="--community") as caught:
        import_ledger(session, path, "estate", today=TODAY)
    assert caught.value.problems[0].field == "community"


def test_street_imports_with_community_by_name_or_code(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", {"小区": good_ledger(title="小区台账", unit="")})
    report = imported(db, path, community=COMMUNITY_A)
    assert report.clean and report.sheets[0].community.describe() == "桓谭社区（按指定）"
    with pytest.raises(InputError, match="本辖区没有“外星社区”社区"):
        imported(db, path, community="外星社区")


def test_street_reads_the_community_from_the_unit_line(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", {"Sheet1": good_ledger(title="小区台账")})
    report = imported(db, path)
    assert report.sheets[0].community.describe() == "桓谭社区（据填报单位）"
    with db.reader() as s:
        assert set(s.scalars(select(Estate.community_code))) == {COMMUNITY_A}


def test_a_choice_the_unit_line_contradicts_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", {"Sheet1": good_ledger()})
    with pytest.raises(InputError, match="填报单位写的是桓谭社区，与指定的南湖社区不一致"):
        imported(db, path, community="南湖社区")


# --- one sheet per community ----------------------------------------------------------------


def test_street_workbook_imports_every_community_sheet(db: Database, tmp_path: Path) -> None:
    sheets = {
        "填表说明": [["请按社区分表填写"]],
        "桓谭社区": good_ledger(title="小区台账", unit=""),
        "南湖社区": good_ledger(title="南湖社区小区台账", unit=""),
    }
    report = imported(db, write_xlsx(tmp_path / "街道汇总.xlsx", sheets))
    assert [(s.sheet, s.community.describe(), s.outcome.created) for s in report.sheets] == [
        ("桓谭社区", "桓谭社区（据工作表名）", 3),
        ("南湖社区", "南湖社区（据标题）", 3),
    ]
    assert count(db, Estate) == 6


def test_summary_sheet_is_passed_over_and_a_sheet_lacking_a_column_refused(
    db: Database, tmp_path: Path
) -> None:
    summary = [["社区", "户数"], ["桓谭社区", 1076]]
    lacking = [["小区名称", "管理类型"], ["甲", "社区托管"]]
    sheets = {"汇总": summary, "桓谭社区": good_ledger(title="", unit=""), "南湖社区": lacking}
    with pytest.raises(InputError, match="「南湖社区」第1行: 缺少必填列：户数"):
        imported(db, write_xlsx(tmp_path / "街道汇总.xlsx", sheets))
    del sheets["南湖社区"]
    report = imported(db, write_xlsx(tmp_path / "街道汇总.xlsx", sheets))
    assert [s.sheet for s in report.sheets] == ["桓谭社区"] and count(db, Estate) == 3


def test_one_bad_sheet_writes_nothing_and_reports_per_sheet(db: Database, tmp_path: Path) -> None:
    sheets = {"桓谭社区": good_ledger(title="", unit=""), "南湖社区": ledger(title="", unit="")}
    report = imported(db, write_xlsx(tmp_path / "街道汇总.xlsx", sheets))
    assert not report.clean
    assert [(e["sheet"], e["row"]) for e in report.errors()] == [("南湖社区", 7)]
    assert len(report.outcome.refused_rows) == 1 and report.outcome.created == 6
    assert count(db, Estate) == 0
    assert "街道汇总.xlsx「桓谭社区」" in report.summary()


# --- the company column ---------------------------------------------------------------------


def test_company_column_links_estates_and_warns_about_unknown_names(
    community_db: Database, tmp_path: Path
) -> None:
    rows = list(ledger())
    rows[6] = ["3", "桂苑", "不存在物业公司", "专业化物业服务", "100", "1998", "是", ""]
    report = imported(community_db, write_xlsx(tmp_path / "台账.xlsx", {"小区": rows}))
    assert report.clean, report.summary()
    assert [(c["row"], c["estate"], c["action"]) for c in report.companies()] == [
        (5, "相山花园", "new_contract"), (9, "南山小区", "new_contract"),
    ]  # fmt: skip
    assert [(w["row"], w["field"]) for w in report.warnings()] == [(7, "物业服务企业")]
    assert "没有名为“不存在物业公司”的物业企业" in report.summary()
    with community_db.reader() as s:
        joined = select(Estate.name, ServiceContract.start_date).join(
            Estate, Estate.uuid == ServiceContract.estate_uuid
        )
        starts = dict(s.execute(joined).all())
    assert starts == {"相山花园": date(2024, 1, 5), "南山小区": None}  # a blank start is unknown
    again = imported(community_db, tmp_path / "台账.xlsx")
    assert {c["action"] for c in again.companies()} == {"current"}
    assert count(community_db, ServiceContract) == 2


def test_company_that_contradicts_the_current_contract_is_a_warning(
    community_db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", {"小区": good_ledger()})
    imported(community_db, path)
    rows = list(good_ledger())
    rows[4] = ["1", "相山花园", ANJU, "专业化物业服务", "860", "2008", "", ""]
    report = imported(community_db, write_xlsx(tmp_path / "改.xlsx", {"小区": rows}))
    assert [(w["row"], w["field"]) for w in report.warnings()] == [(5, "物业服务企业")]
    assert f"现行服务合同的企业是“{HENGXIN}”" in report.warnings()[0]["reason"]
    assert count(community_db, ServiceContract) == 2


def test_company_matched_by_credit_code(community_db: Database, tmp_path: Path) -> None:
    rows = [["小区名称", "管理类型", "户数", "物业服务企业", "统一社会信用代码"],
            ["甲", "专业化物业服务", 10, "恒信", HENGXIN_CODE]]  # fmt: skip
    report = imported(community_db, write_xlsx(tmp_path / "a.xlsx", {"s": rows}))
    assert [(c["company"], c["action"]) for c in report.companies()] == [(HENGXIN, "new_contract")]


def test_an_estate_with_a_current_contract_keeps_it(community_db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", {"小区": good_ledger()})
    imported(community_db, path)
    with community_db.sessions.begin() as s:
        estate = s.scalar(select(Estate.uuid).where(Estate.name == "凤凰城"))
        anju = s.scalar(select(ServiceContract.company_uuid).join(Estate, Estate.uuid ==
                        ServiceContract.estate_uuid).where(Estate.name == "南山小区"))  # fmt: skip
        save_contract(s, ContractIn(estate, anju, date(2020, 1, 1)))
    report = imported(community_db, path)
    assert not report.warnings() and count(community_db, ServiceContract) == 3


# --- every format ---------------------------------------------------------------------------

WRITERS = {
    "xlsx": lambda p: write_xlsx(p, {"小区": ledger()}),
    "xls": lambda p: write_xls(p, {"小区": ledger()}),
    "ods": lambda p: write_ods(p, {"小区": ledger()}),
    "csv-gbk": lambda p: write_csv(p, ledger(), "gbk"),
    "csv-utf8-bom": lambda p: write_csv(p, ledger(), "utf-8-sig"),
    "csv-utf8": lambda p: write_csv(p, ledger(), "utf-8"),
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_format_gives_the_same_report_as_xlsx(
    community_db: Database, tmp_path: Path, name: str
) -> None:
    expected = comparable(imported(community_db, WRITERS["xlsx"](tmp_path / "a.xlsx")))
    path = WRITERS[name](tmp_path / f"台账.{name.split('-')[0]}")
    report = imported(community_db, path)
    assert comparable(report) == expected
    assert report.format == name.split("-")[0]


def test_csv_encoding_is_found_and_stated(community_db: Database, tmp_path: Path) -> None:
    gbk = imported(community_db, write_csv(tmp_path / "a.csv", ledger(), "gb18030"))
    utf8 = imported(community_db, write_csv(tmp_path / "b.csv", ledger(), "utf-8-sig"))
    assert (gbk.encoding, utf8.encoding) == ("GBK/GB18030", "UTF-8")
    assert "CSV，GBK/GB18030编码" in gbk.summary()


@pytest.mark.parametrize(("real", "named"), [("xls", "xlsx"), ("csv-gbk", "xlsx"),
                                             ("xlsx", "xls"), ("ods", "csv")])  # fmt: skip
def test_the_content_decides_the_type_not_the_name(
    community_db: Database, tmp_path: Path, real: str, named: str
) -> None:
    report = imported(community_db, WRITERS[real](tmp_path / f"台账.{named}"))
    assert report.format == real.split("-")[0]
    assert [e["row"] for e in report.errors()] == [7]


def test_anything_else_gets_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(SheetError, match=re.escape("台账.csv不是有效的 .xlsx 文件（可导入")):
        open_workbook(path)


def test_merged_community_cell_is_read_in_every_row_it_covers(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in [["所属社区", "小区名称", "管理类型", "户数"], ["桓谭社区", "甲", "社区托管", 5],
                [None, "乙", "社区托管", 6], [None, "丙", "社区托管", 7]]:  # fmt: skip
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    book.save(tmp_path / "a.xlsx")
    report = imported(db, tmp_path / "a.xlsx")
    assert report.clean and report.outcome.created == 3


# --- the error workbook of an .xls ----------------------------------------------------------


def test_error_workbook_of_an_xls_marks_the_cells(community_db: Database, tmp_path: Path) -> None:
    rows = [list(row) for row in ledger()]
    rows[8][2] = "未知物业"  # row 9 is imported, with a warning
    report = imported(community_db, write_xls(tmp_path / "台账.xls", {"小区": rows}))
    out = write_error_book(report, tmp_path / "错误.xlsx")
    book = load_workbook(out)
    sheet = book["小区"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    fills = {(c.row, c.column_letter): c.fill.fgColor.rgb for row in sheet.iter_rows()
             for c in row if c.fill.fill_type}  # fmt: skip
    print("\n".join(" | ".join(str(v) for v in row) for row in cells), fills)
    assert cells[0][0] == PERSONAL_DATA_NOTE  # above the header: the file holds personal data
    assert cells[1] == ["序号", "小区名称", "物业服务企业", "管理类型", "户数", "建成年份",
                        "老旧小区", "合同开始日期", REASON_HEADER]  # fmt: skip
    assert [row[1] for row in cells[2:]] == ["桂苑", "南山小区"]
    assert [row[8] for row in cells[2:]] == [
        "户数：应为整数", "提醒：物业服务企业：没有名为“未知物业”的物业企业，请先导入企业台账",
    ]  # fmt: skip
    assert fills == {(3, "E"): BAD.fgColor.rgb, (4, "C"): WARN.fgColor.rgb}
