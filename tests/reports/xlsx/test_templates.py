"""Templates read back as the user and the import see them: canonical headers, drop-downs, notes."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.ledger_columns import ledger_kind, ledger_kinds
from reports.xlsx.templates import GUIDE_SHEET, example_cells, write_template
from reports.xlsx.values import parse_cell


def template(tmp_path, name: str):  # type: ignore[no-untyped-def]
    return load_workbook(write_template(ledger_kind(name), tmp_path / f"{name}.xlsx"))


def column_of(ws: Worksheet, header: str) -> str:
    return next(c.column_letter for c in ws[1] if c.value == header)


def drop_downs(ws: Worksheet) -> dict[str, str]:
    """Column letter -> the list a drop-down offers."""
    return {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}


def test_every_kind_rereads_its_own_canonical_headers(tmp_path) -> None:
    for name, kind in ledger_kinds().items():
        ws = template(tmp_path, name).worksheets[0]
        assert ws.title == kind.title
        assert [c.value for c in ws[1]] == [c.header for c in kind.columns]


def test_required_headers_are_red_with_a_note_and_others_not(tmp_path) -> None:
    ws = template(tmp_path, "estate").worksheets[0]
    for spec, cell in zip(ledger_kind("estate").columns, ws[1], strict=True):
        red = cell.font.color is not None and cell.font.color.rgb == "00C00000"
        assert red is spec.required
        assert cell.comment.text.startswith("必填") is spec.required


def test_code_and_yes_no_columns_offer_their_labels(tmp_path) -> None:
    ws = template(tmp_path, "estate").worksheets[0]
    lists = drop_downs(ws)
    assert lists[column_of(ws, "管理类型")] == '"专业化物业服务,社区代管,单位自管,居民自治,无物管"'
    assert lists[column_of(ws, "老旧小区")] == '"是,否"'
    assert column_of(ws, "户数") not in lists
    rule = ws.data_validations.dataValidation[0]
    assert str(rule.sqref).endswith("1000") and rule.type == "list"


def test_example_row_is_typed_and_grey(tmp_path) -> None:
    ws = template(tmp_path, "estate").worksheets[0]
    row = {ws.cell(1, c.column).value: c for c in ws[2]}
    assert row["户数"].value == 860
    assert row["建筑面积（㎡）"].value == 85000.5 and row["建筑面积（㎡）"].number_format == "0.00"
    assert row["老旧小区"].value == "否"
    assert row["小区名称"].font.i and row["小区名称"].font.color.rgb == "00808080"


def test_date_columns_are_formatted_as_dates(tmp_path) -> None:
    ws = template(tmp_path, "committee").worksheets[0]
    letter = column_of(ws, "选举日期")
    assert ws[f"{letter}2"].value == datetime(2024, 3, 1)  # from the example "2024年3月1日"
    assert ws[f"{letter}2"].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions[letter].number_format == "yyyy-mm-dd"


def guide_table(tmp_path, name: str) -> tuple[list[str], dict[str, tuple]]:  # type: ignore[type-arg]
    """The guide's opening lines, and its table: header -> (必填, 填写要求, 可选值)."""
    rows = [row for row in template(tmp_path, name)[GUIDE_SHEET].iter_rows(values_only=True)]
    start = rows.index(("列名", "是否必填", "填写要求", "可选值"))
    return [r[0] for r in rows[:start] if r[0]], {r[0]: r[1:] for r in rows[start + 1 :]}


def test_guide_lists_every_column_and_how_rows_are_matched(tmp_path) -> None:
    lines, table = guide_table(tmp_path, "estate")
    assert "按 所属社区+小区名称 识别：再次导入同一小区会更新而不是重复。" in lines
    assert list(table) == [c.header for c in ledger_kind("estate").columns]
    assert table["管理类型"][0] == "必填"
    assert table["管理类型"][2] == "专业化物业服务、社区代管、单位自管、居民自治、无物管"


def test_guide_names_the_date_forms_the_import_accepts(tmp_path) -> None:
    _, table = guide_table(tmp_path, "committee")
    assert table["任期开始"][1] == "日期：2023-01-05、2023年1月5日、2023.1.5 均可"


def test_the_untouched_example_row_parses_to_example_cells(tmp_path) -> None:
    for name, kind in ledger_kinds().items():
        row = template(tmp_path, name).worksheets[0][2]
        cells = zip(kind.columns, row, strict=True)
        parsed = {s.field: parse_cell(c.value, s.type) for s, c in cells}
        assert parsed == example_cells(kind), name
