"""Cell parsing: every way offices type a value is read as they meant it, or refused with a
reason a worker can act on."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import codes
from app.ledger_columns import ledger_kinds
from app.paths import resource
from app.rules.check import to_half_width
from reports.xlsx.values import (
    CODE_SYNONYMS,
    CellError,
    code_table,
    fold_width,
    parse_bool,
    parse_cell,
    parse_code,
    parse_date,
    parse_hundredths,
    parse_int,
    parse_phone,
    parse_text,
    parse_year,
)

FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
NON_BOOL_TYPES = ["text", "int", "hundredths", "date", "year", "phone", "code:MarketStatus"]


def reason(type_: str, value: object) -> str:
    with pytest.raises(CellError) as caught:
        parse_cell(value, type_)
    return caught.value.reason


# --- blanks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", NON_BOOL_TYPES)
@pytest.mark.parametrize("value", [None, "", "   ", "\n", "\u3000", "—", "-", "/", "无", "－"])
def test_blank_marks_read_as_none_for_non_bool_types(type_: str, value: object) -> None:
    assert parse_cell(value, type_) is None


@pytest.mark.parametrize("value", [None, "", " ", "—", "-", "/"])
def test_blank_bool_is_none_not_false(value: object) -> None:
    assert parse_bool(value) is None


@pytest.mark.parametrize("type_", ["text", "int", "date", "phone", "code:ManagementType"])
def test_formula_error_is_refused_not_read_as_text(type_: str) -> None:
    assert reason(type_, "#REF!") == "公式出错（#REF!），请在原表中改正"


def test_unknown_column_type_is_a_spec_bug() -> None:
    with pytest.raises(ValueError, match="money"):
        parse_cell("1", "money")


def test_every_shipped_column_type_is_parsed() -> None:
    for kind in ledger_kinds().values():
        for spec in kind.columns:
            assert parse_cell(None, spec.type) is None, spec.field


@given(st.text(alphabet=st.characters(exclude_characters="\u200b\u200c\u200d\u2060\ufeff")))
def test_fold_width_is_to_half_width_in_one_translate(text: str) -> None:
    assert fold_width(text) == to_half_width(text)


# --- text -----------------------------------------------------------------------------------


def test_text_collapses_stray_spaces_and_line_breaks() -> None:
    assert parse_text("  相山\n花园\r\n\t二期  ") == "相山 花园 二期"


def test_text_keeps_full_width_punctuation_as_typed() -> None:
    assert parse_text("相山花园（二期）“东区”") == "相山花园（二期）“东区”"


def test_text_drops_zero_width_characters_pasted_from_web_pages() -> None:
    assert parse_text("\ufeff相山\u200b花园") == "相山花园"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.0, "1"), (12, "12"), (0.85, "0.85"), (True, "是"), (datetime(2024, 3, 1), "2024-03-01")],
)
def test_text_from_non_text_cells(value: object, expected: str) -> None:
    assert parse_text(value) == expected


# --- int ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (860, 860),
        (860.0, 860),
        ("860", 860),
        ("860.0", 860),
        ("８６０", 860),
        ("1,200", 1200),
        ("1，200", 1200),
        ("1,234,567", 1234567),
        ("860户", 860),
        ("12栋", 12),
        ("24部", 24),
        ("600个", 600),
        ("88分", 88),
        (" 12 栋 ", 12),
        ("第2届", 2),
        ("第二届", 2),
        ("十二", 12),
        ("二十三户", 23),
        ("-3", -3),
        ("1.2万", 12000),
    ],
)
def test_int_tolerant_forms(value: object, expected: int) -> None:
    assert parse_int(value) == expected


@pytest.mark.parametrize("value", ["12.5", 12.5, "12.5栋"])
def test_int_refuses_fractions_rather_than_rounding(value: object) -> None:
    assert reason("int", value) == "应为整数"


@pytest.mark.parametrize("value", ["abc", "1,2", "12平方米", "约860户", True])
def test_int_refuses_what_is_not_a_count(value: object) -> None:
    assert reason("int", value) == "应为整数"


def test_int_in_a_date_formatted_cell_says_how_to_fix_it() -> None:
    assert "日期格式" in reason("int", datetime(1902, 5, 8))


@given(st.integers(min_value=0, max_value=10**9))
def test_int_round_trips_through_office_spellings(n: int) -> None:
    assert parse_int(f"{n:,}") == n
    assert parse_int(f"{n:,}".replace(",", "，").translate(FULL_WIDTH_DIGITS) + "户") == n
    assert parse_int(float(n)) == n


# --- hundredths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("85000.5", 8500050),
        (85000.5, 8500050),
        (85000, 8500000),
        ("85,000.50㎡", 8500050),
        ("85000m²", 8500000),
        ("85000M2", 8500000),
        ("85000平方米", 8500000),
        ("85000 平米", 8500000),
        ("8.5万", 8500000),
        ("8.5万平方米", 8500000),
        ("0.85元", 85),
        ("0.85元/㎡·月", 85),
        ("0.85元/平方米/月", 85),
        ("０．８５", 85),
        ("1.005", 101),
        ("1.004", 100),
        (0.285, 29),
    ],
)
def test_hundredths_tolerant_forms(value: object, expected: int) -> None:
    assert parse_hundredths(value) == expected


@pytest.mark.parametrize("value", ["约85000", "85000亩", "0.85元/次", "1,23.5"])
def test_hundredths_refuses_unknown_units_and_text(value: object) -> None:
    assert reason("hundredths", value) == "应填数字，如85000.5"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), "1e999999"])
def test_numbers_beyond_any_ledger_are_refused_not_crashing(value: object) -> None:
    assert reason("hundredths", value) == "应填数字，如85000.5"
    assert reason("int", value) == "应为整数"


@given(st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False))
def test_hundredths_round_trip_text_and_float(value: Decimal) -> None:
    expected = int(value * 100)
    assert parse_hundredths(str(value)) == expected
    assert parse_hundredths(f"{value:,}㎡") == expected
    assert parse_hundredths(float(value)) == expected


# --- bool -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "是",
        "√",
        "✓",
        "Y",
        "y",
        "yes",
        "TRUE",
        "true",
        "1",
        1,
        1.0,
        True,
        "有",
        "Ｙ",
        "中共党员",
        "党员",
        "预备党员",
    ],
)
def test_bool_true_forms(value: object) -> None:
    assert parse_bool(value) is True


@pytest.mark.parametrize(
    "value",
    ["否", "×", "✗", "N", "no", "false", "0", 0, 0.0, False, "无", "群众", "非党员", "共青团员"],
)
def test_bool_false_forms(value: object) -> None:
    assert parse_bool(value) is False


@pytest.mark.parametrize("value", ["也许", "2", 2, datetime(2024, 1, 1)])
def test_bool_refuses_anything_else(value: object) -> None:
    assert reason("bool", value) == "应填“是”或“否”"


# --- date -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        date(2023, 1, 5),
        datetime(2023, 1, 5, 8, 30),
        "2023年1月5日",
        "2023年01月05日",
        "2023 年 1 月 5 日",
        "2023年1月5号",
        "2023.1.5",
        "2023/01/05",
        "2023-1-5",
        "2023-01-05 00:00:00",
        "20230105",
        20230105,
        "２０２３－０１－０５",
        "２０２３年１月５日",
        44931,
        44931.0,
        44931.75,
        "44931",
    ],
)
def test_date_tolerant_forms(value: object) -> None:
    assert parse_date(value) == date(2023, 1, 5)


@pytest.mark.parametrize("value", ["2023-02-30", "2023年13月1日", "20230230"])
def test_impossible_date_says_it_does_not_exist(value: str) -> None:
    assert reason("date", value) == f"日期不存在：{value}"


@pytest.mark.parametrize("value", ["下个月", "23.1.5", "2023年1月", 12, time(8, 30)])
def test_unrecognised_date_shows_the_expected_form(value: object) -> None:
    assert reason("date", value).endswith("请写成2023-01-05")


@given(st.dates(min_value=date(1960, 1, 1), max_value=date(2100, 12, 31)))
def test_date_round_trips_through_office_spellings(day: date) -> None:
    serial = (day - date(1899, 12, 30)).days
    spellings = [
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month}.{day.day}",
        day.strftime("%Y/%m/%d"),
        day.strftime("%Y%m%d"),
        day.isoformat().translate(FULL_WIDTH_DIGITS),
        serial,
        float(serial) + 0.5,
    ]
    assert {parse_date(s) for s in spellings} == {day}


# --- year -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        2008,
        2008.0,
        "2008",
        "2008年",
        "２００８年",
        "2008.0",
        "2008年5月",
        "2008-05",
        date(2008, 5, 1),
        datetime(2008, 5, 1),
        "2008-05-01",
    ],
)
def test_year_tolerant_forms(value: object) -> None:
    assert parse_year(value) == 2008


@pytest.mark.parametrize("value", ["08", 208, 2008.5, "2008年13月", "2008年以前", "八十年代"])
def test_year_refuses_what_is_not_a_four_digit_year(value: object) -> None:
    assert reason("year", value) == "应为四位年份，如2008"


# --- phone ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        13812345678,
        13812345678.0,
        "13812345678",
        "1.3812345678E10",
        "138 1234 5678",
        "１３８１２３４５６７８",
    ],
)
def test_mobile_stored_as_number_or_text_becomes_11_digits(value: object) -> None:
    assert parse_phone(value) == "13812345678"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5613012345, "0561-3012345"), (1012345678, "010-12345678"), ("0561 3012345", "0561-3012345")],
)
def test_landline_number_cell_gets_back_the_zero_excel_dropped(
    value: object, expected: str
) -> None:
    assert parse_phone(value) == expected


def test_phone_is_normalised_not_validated() -> None:
    assert parse_phone("12345") == "12345"
    assert parse_phone("请打办公室") == "请打办公室"


def test_phone_refuses_a_date_cell() -> None:
    assert reason("phone", datetime(2023, 1, 5)) == "应为电话号码"


# --- codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "value", "expected"),
    [
        ("ManagementType", "专业化物业服务", "professional"),
        ("ManagementType", "professional", "professional"),
        ("ManagementType", " 社区代管\n", "community"),
        ("ManagementType", "物业服务企业", "professional"),
        ("ManagementType", "专业物业", "professional"),
        ("ManagementType", "物业公司管理", "professional"),
        ("ManagementType", "社区托管", "community"),
        ("ManagementType", "托管", "community"),
        ("ManagementType", "自管", "employer"),
        ("ManagementType", "单位管理", "employer"),
        ("ManagementType", "自治", "residents"),
        ("ManagementType", "业主自治", "residents"),
        ("ManagementType", "无物业", "none"),
        ("ManagementType", "无", "none"),
        ("PartyOrg", "未建", "none"),
        ("PartyOrg", "无", "none"),
        ("PartyOrg", "否", "none"),
        ("PartyOrg", "已建立", "own"),
        ("PartyOrg", "是", "own"),
        ("PartyOrg", "独立", "own"),
        ("PartyOrg", "联合", "joint"),
        ("PartyOrg", "联合建立", "joint"),
        ("MemberRole", "主任", "chair"),
        ("MemberRole", "委员会主任", "chair"),
        ("MemberRole", "业委会主任", "chair"),
        ("MemberRole", "副主任", "vice_chair"),
        ("MemberRole", "成员", "member"),
        ("MemberRole", "候补", "alternate"),
        ("MemberRole", "候补成员", "alternate"),
        ("CommitteeStatus", "在届", "active"),
        ("CommitteeStatus", "现任", "active"),
        ("CommitteeStatus", "在任", "active"),
        ("MarketStatus", "正常", "normal"),
    ],
)
def test_code_from_label_code_or_synonym(table: str, value: str, expected: str) -> None:
    assert parse_code(value, table) == expected


def test_none_word_is_blank_for_tables_without_a_none_code() -> None:
    assert parse_code("无", "MemberRole") is None


def test_unknown_code_lists_the_allowed_labels() -> None:
    assert reason("code:ManagementType", "物业") == (
        "应为：专业化物业服务、社区代管、单位自管、居民自治、无物管"
    )


def test_every_synonym_names_a_real_code_and_never_shadows_a_label() -> None:
    for table, synonyms in CODE_SYNONYMS.items():
        cls = code_table(table)
        for word, code in synonyms.items():
            assert cls(code), (table, word)
            member = cls.from_text(word)
            assert member is None or member.value == code, (table, word)


def test_every_code_table_named_in_the_column_specs_exists() -> None:
    raw = json.loads(resource("codes", "ledger_columns.json").read_text("utf-8"))
    tables = {
        c["type"].removeprefix("code:")
        for name, kind in raw.items()
        if not name.startswith("_")
        for c in kind["columns"]
        if c["type"].startswith("code:")
    }
    assert tables
    assert all(issubclass(code_table(t), codes.Coded) for t in tables)


def test_unknown_code_table_is_a_spec_bug() -> None:
    with pytest.raises(ValueError, match="Colour"):
        parse_code("红", "Colour")


def test_serial_dates_follow_the_1899_12_30_epoch() -> None:
    assert parse_date(45000) == date(1899, 12, 30) + timedelta(days=45000)
