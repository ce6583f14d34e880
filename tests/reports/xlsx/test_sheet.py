"""Header finding and row reading on real .xlsx files laid out as offices lay them out."""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.ledger_columns import LedgerKind, ledger_kind, ledger_kinds
from reports.xlsx.sheet import (
    HeaderMatch,
    SheetError,
    SheetRow,
    find_header,
    header_key,
    open_workbook,
    pick_sheet,
    read_rows,
)

ESTATE = ledger_kind("estate")
COMMITTEE = ledger_kind("committee")
Rows = Sequence[Sequence[object]]


def save(path: Path, *sheets: tuple[str, Rows], merged: Sequence[str] = ()) -> Path:
    """A workbook with the given sheets; `merged` ranges apply to the first sheet."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    for cells in merged:
        book.worksheets[0].merge_cells(cells)
    book.save(path)
    return path


def read(path: Path, kind: LedgerKind = ESTATE) -> tuple[HeaderMatch, list[SheetRow]]:
    """Through the same read-only path the importer takes."""
    book = open_workbook(path)
    try:
        sheet = pick_sheet(book, kind)
        header = find_header(sheet.iter_rows(max_row=20, values_only=True), kind)
        return header, list(read_rows(sheet, kind, header))
    finally:
        book.close()


HEADERS = ["所属社区", "小区名称", "管理类型", "户数"]
GOOD = ["桓谭社区", "相山花园", "专业化物业服务", 860]

MESSY = [
    ["相山区曲阳街道桓谭社区小区台账（2024年）"],
    ["填报单位：桓谭社区", None, None, None, None, None, "填报日期：2024年1月5日"],
    [
        "序号",
        "小区名称\n（必填）",
        "*所属社区",
        "户数（户）",
        "管理类型",
        "建筑面积\n（㎡）",
        "物业费(元/平方米/月)",
        "建成年份",
        "是否老旧小区",
        "联系人备注",
    ],
    [
        1,
        "相山花园",
        "桓谭社区",
        "1,200户",
        "专业化物业服务",
        "85,000.50㎡",
        "0.85",
        "2008年",
        "否",
        "王经理",
    ],
    [None] * 10,
    [2, " 南湖\n小区 ", "桓谭社区", 860.0, "社区托管", 42000, "０．６", 1998, "是", None],
    [3],
    ["合计", None, None, "2060", None, "127000.5"],
    ["填表人：张三", None, None, "审核人：李四"],
]


@pytest.fixture
def messy(tmp_path: Path) -> tuple[HeaderMatch, list[SheetRow]]:
    return read(save(tmp_path / "台账.xlsx", ("小区", MESSY), merged=["A1:J1"]))


def test_messy_header_is_found_below_title_and_unit_lines(messy) -> None:
    header, _ = messy
    assert header.row == 3
    assert header.columns == {
        "name": 1,
        "community": 2,
        "households": 3,
        "management_type": 4,
        "floor_area_dm2": 5,
        "fee_fen_per_m2_month": 6,
        "built_year": 7,
        "is_old": 8,
    }


def test_messy_header_reports_unknown_columns_and_nothing_missing(messy) -> None:
    header, _ = messy
    assert header.unknown == ["序号", "联系人备注"]
    assert header.missing_required == []
    assert header.duplicates == []


def test_messy_rows_skip_blanks_pre_numbered_rows_totals_and_footers(messy) -> None:
    _, rows = messy
    assert [r.number for r in rows] == [4, 6]


def test_messy_rows_are_parsed_by_column_type(messy) -> None:
    _, rows = messy
    assert all(r.ok for r in rows)
    assert rows[0].cells == {
        "name": "相山花园",
        "community": "桓谭社区",
        "households": 1200,
        "management_type": "professional",
        "floor_area_dm2": 8500050,
        "fee_fen_per_m2_month": 85,
        "built_year": 2008,
        "is_old": False,
    }
    assert rows[1].cells["name"] == "南湖 小区"
    assert rows[1].cells["management_type"] == "community"
    assert rows[1].cells["fee_fen_per_m2_month"] == 60


def test_raw_keeps_the_original_values_in_header_column_order(messy) -> None:
    header, rows = messy
    raw = dict(zip(header.columns, rows[0].raw, strict=True))
    assert raw["households"] == "1,200户"
    assert raw["floor_area_dm2"] == "85,000.50㎡"


def test_committee_roster_with_phone_as_number_serials_and_synonyms(tmp_path: Path) -> None:
    start_serial = (date(2024, 3, 5) - date(1899, 12, 30)).days
    path = save(
        tmp_path / "名册.xlsx",
        (
            "业委会",
            [
                [
                    "社区",
                    "小区",
                    "届次",
                    "任期起",
                    "任期止",
                    "姓名",
                    "职务",
                    "政治面貌",
                    "手机号码",
                    "选举时间",
                ],
                [
                    "桓谭社区",
                    "相山花园",
                    "第二届",
                    start_serial,
                    "2029.3.4",
                    "张伟",
                    "业委会主任",
                    "中共党员",
                    13812345678,
                    datetime(2024, 3, 1),
                ],
                [
                    "桓谭社区",
                    "相山花园",
                    2,
                    "2024-03-05",
                    "2029年3月4日",
                    "李娜",
                    "候补",
                    "群众",
                    5613012345,
                    None,
                ],
            ],
        ),
    )
    _, rows = read(path, COMMITTEE)
    assert [r.errors for r in rows] == [[], []]
    first, second = (r.cells for r in rows)
    assert first["term_number"] == 2
    assert first["term_start"] == second["term_start"] == date(2024, 3, 5)
    assert first["term_end"] == second["term_end"] == date(2029, 3, 4)
    assert (first["role"], second["role"]) == ("chair", "alternate")
    assert (first["party_member"], second["party_member"]) == (True, False)
    assert (first["phone"], second["phone"]) == ("13812345678", "0561-3012345")
    assert first["elected_on"] == date(2024, 3, 1)


def test_two_row_header_takes_group_columns_from_the_row_below(tmp_path: Path) -> None:
    rows = [
        ["小区配套设施情况表"],
        ["所属社区", "小区名称", "户数", "配套设施", None, None, "管理类型"],
        [None, None, None, "电梯数", "车位数", "充电桩数", None],
        ["桓谭社区", "相山花园", 860, "24部", "600个", 40, "社区代管"],
    ]
    merged = ["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:G3"]
    header, data = read(save(tmp_path / "t.xlsx", ("Sheet1", rows), merged=merged))
    assert header.row == 3
    assert header.columns == {
        "community": 0,
        "name": 1,
        "households": 2,
        "elevators": 3,
        "parking_spaces": 4,
        "ev_chargers": 5,
        "management_type": 6,
    }
    assert [r.number for r in data] == [4]
    assert data[0].cells["elevators"] == 24
    assert data[0].cells["parking_spaces"] == 600


def test_required_blank_and_bad_cells_are_all_reported_for_one_row(tmp_path: Path) -> None:
    path = save(tmp_path / "t.xlsx", ("s", [HEADERS, ["桓谭社区", None, "乱写", "12.5"]]))
    _, [row] = read(path)
    assert row.errors == [
        ("name", "必填"),
        ("management_type", "应为：专业化物业服务、社区代管、单位自管、居民自治、无物管"),
        ("households", "应为整数"),
    ]
    assert row.cells == {
        "community": "桓谭社区",
        "name": None,
        "management_type": None,
        "households": None,
    }


def test_cells_hold_only_the_columns_the_sheet_has(tmp_path: Path) -> None:
    _, [row] = read(save(tmp_path / "t.xlsx", ("s", [HEADERS, GOOD])))
    assert set(row.cells) == {"community", "name", "management_type", "households"}


def test_missing_required_columns_are_named_by_canonical_header(tmp_path: Path) -> None:
    header, _ = read(save(tmp_path / "t.xlsx", ("s", [["社区名称", "小区", "地址"]])))
    assert header.missing_required == ["管理类型", "户数"]


def test_two_columns_for_one_field_are_duplicates_and_the_left_is_kept(tmp_path: Path) -> None:
    header, _ = read(save(tmp_path / "t.xlsx", ("s", [[*HEADERS, "小区"]])))
    assert header.duplicates == ["小区名称"]
    assert header.columns["name"] == 1


def test_header_repeated_for_printing_is_skipped(tmp_path: Path) -> None:
    rows = [HEADERS, GOOD, ["*所属社区", "小区名称", "管理类型", "户数（户）"], GOOD]
    _, data = read(save(tmp_path / "t.xlsx", ("s", rows)))
    assert [r.number for r in data] == [2, 4]


def test_subtotal_in_the_middle_is_skipped(tmp_path: Path) -> None:
    rows = [HEADERS, GOOD, ["小 计", None, None, 860], GOOD]
    _, data = read(save(tmp_path / "t.xlsx", ("s", rows)))
    assert [r.number for r in data] == [2, 4]


def test_sheet_without_a_header_is_refused_naming_the_first_two_headers(tmp_path: Path) -> None:
    path = save(tmp_path / "t.xlsx", ("s", [["请按模板填写"], ["甲", "乙", "丙"], [1, 2, 3]]))
    book = open_workbook(path)
    with pytest.raises(SheetError, match="前20行中有“所属社区”“小区名称”等列名"):
        find_header(book["s"].iter_rows(values_only=True), ESTATE)
    book.close()


def test_blank_row_below_the_header_does_not_inherit_it() -> None:
    rows = [("台账",), tuple(HEADERS), (None,) * 4, tuple(GOOD)]
    assert find_header(rows, ESTATE).row == 2


def test_header_with_a_note_or_unit_in_brackets_is_recognised() -> None:
    header = find_header(
        [("所属社区", "小区名称", "管理类型（专业化/代管/自管）", "楼栋数（栋）")], ESTATE
    )
    assert header.columns == {"community": 0, "name": 1, "management_type": 2, "building_count": 3}


def test_title_above_an_empty_first_column_is_not_an_unknown_header() -> None:
    rows = [("小区台账（2024年）",), ("填报单位：桓谭社区",), (None, *HEADERS, "备注")]
    header = find_header(rows, ESTATE)
    assert (header.row, header.columns["community"], header.unknown) == (3, 1, ["备注"])


def test_a_single_matching_cell_is_not_a_header() -> None:
    with pytest.raises(SheetError, match="找不到表头"):
        find_header([("小区名称", "甲", "乙")], ESTATE)


def test_header_below_the_scanned_rows_is_not_found() -> None:
    rows = [("",)] * 20 + [tuple(HEADERS)]
    with pytest.raises(SheetError):
        find_header(rows, ESTATE)
    assert find_header(rows, ESTATE, scan=21).row == 21


def test_find_header_reads_only_the_rows_it_scans() -> None:
    endless = itertools.chain([tuple(HEADERS)], itertools.repeat(tuple(GOOD)))
    assert find_header(endless, ESTATE).row == 1


def test_pick_sheet_passes_over_an_instructions_sheet(tmp_path: Path) -> None:
    notes = [["填表说明"], ["所属社区：填写社区全称"], ["小区名称：必填"], ["管理类型"], ["户数"]]
    path = save(tmp_path / "t.xlsx", ("说明", notes), ("小区台账", [HEADERS, GOOD]))
    book = open_workbook(path)
    assert pick_sheet(book, ESTATE).title == "小区台账"
    book.close()


def test_pick_sheet_prefers_a_visible_sheet_to_a_hidden_one(tmp_path: Path) -> None:
    path = save(tmp_path / "t.xlsx", ("旧", [[*HEADERS, "地址"]]), ("新", [HEADERS]))
    book = load_workbook(path)
    book["旧"].sheet_state = "hidden"
    book.save(path)
    book = open_workbook(path)
    assert pick_sheet(book, ESTATE).title == "新"
    book.close()


def test_pick_sheet_names_every_sheet_when_none_has_a_header(tmp_path: Path) -> None:
    path = save(tmp_path / "t.xlsx", ("说明", [["说明"]]), ("Sheet2", [["甲", "乙"]]))
    book = open_workbook(path)
    with pytest.raises(SheetError, match="工作表“说明”、“Sheet2”中都找不到表头"):
        pick_sheet(book, ESTATE)
    book.close()


def test_read_rows_finds_the_header_itself_and_fails_early(tmp_path: Path) -> None:
    book = open_workbook(save(tmp_path / "t.xlsx", ("s", [["甲"], ["乙"]])))
    with pytest.raises(SheetError):
        read_rows(book["s"], ESTATE)  # raises before the first next()
    book.close()


def test_random_bytes_named_xlsx_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(SheetError, match=re.escape("无法打开文件：台账.xlsx不是有效的 .xlsx 文件")):
        open_workbook(path)


def test_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(SheetError, match=re.escape("不是有效的 .xlsx 文件")):
        open_workbook(path)


def test_broken_or_password_protected_ole_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(SheetError, match=re.escape("已损坏或设置了打开密码")):
        open_workbook(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SheetError, match="找不到文件"):
        open_workbook(tmp_path / "无.xlsx")


def test_size_written_as_a1_does_not_cut_the_sheet_short(tmp_path: Path) -> None:
    path = save(tmp_path / "t.xlsx", ("s", [HEADERS, GOOD, GOOD]))
    _rewrite_dimension(path, "A1")
    plain = load_workbook(path, read_only=True)
    assert len(list(plain["s"].iter_rows(values_only=True))) == 1  # what openpyxl alone does
    plain.close()
    _, rows = read(path)
    assert [r.number for r in rows] == [2, 3]


@pytest.mark.slow
def test_50000_row_sheet_streams_every_row(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("小区")
    for row in _big_sheet(50_000):
        sheet.append(row)
    book.save(path)
    book = open_workbook(path)
    rows = read_rows(pick_sheet(book, ESTATE), ESTATE)
    assert isinstance(rows, Iterator)
    count = last = 0
    for row in rows:
        count, last = count + 1, row.number
        assert row.ok
    book.close()
    assert (count, last) == (50_000, 50_001)


@pytest.mark.parametrize(
    "text",
    [
        "建筑面积（㎡）",
        "建筑面积\n（㎡）",
        " 建筑面积(㎡) ",
        "*建筑面积（㎡）",
        "建筑面积（㎡）（必填）",
        "建筑面积(㎡)*",
        "建筑面积（㎡）：",
        "建筑面积（ ㎡ ）",
    ],
)
def test_header_key_ignores_layout_and_required_marks(text: str) -> None:
    assert header_key(text) == header_key("建筑面积(㎡)")


def test_header_key_is_case_insensitive_for_ascii() -> None:
    assert header_key("物业费（元/M²·月）") == header_key("物业费(元/m²·月)")


@pytest.mark.parametrize("kind", sorted(ledger_kinds()))
def test_no_header_or_alias_names_two_fields_of_one_kind(kind: str) -> None:
    seen: dict[str, str] = {}
    for spec in ledger_kind(kind).columns:
        for text in (spec.header, *spec.aliases):
            assert seen.setdefault(header_key(text), spec.field) == spec.field, text


def _big_sheet(n: int) -> Iterator[list[object]]:
    yield HEADERS
    for i in range(n):
        yield ["桓谭社区", f"小区{i}", "专业化物业服务", 100 + i % 50]


def _rewrite_dimension(path: Path, ref: str) -> None:
    """Rewrite the sheet's stored size, as some report generators write it."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    start = xml.index("<dimension ")
    end = xml.index("/>", start) + 2
    parts[sheet] = (xml[:start] + f'<dimension ref="{ref}"/>' + xml[end:]).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
