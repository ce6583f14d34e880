"""Blank import templates: the canonical headers, an example row, drop-downs, and instructions.

A community worker fills the template in Excel or WPS and the import reads it back, so the
header text stays exactly canonical (no "*" added); required columns are marked by a red
header and its note instead. Drop-downs offer the code labels the import accepts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.ledger_columns import ColumnSpec, LedgerKind
from reports.xlsx.style import (
    BORDER,
    DATE_FORMAT,
    EXAMPLE_FONT,
    HEADER_FONT,
    HUNDREDTHS_FORMAT,
    REQUIRED_FONT,
    TEXT_FORMAT,
    TITLE_FONT,
    WRAP,
    fit_width,
    print_landscape,
    style_header,
)
from reports.xlsx.values import code_table, parse_cell
from reports.xlsx.values import example_cells as example_cells  # the import skips this row
from reports.xlsx.writer import save_workbook

EXAMPLE_ROW = 2
LAST_ROW = 1000  # drop-downs reach this far: more than any office's ledger of one kind
GUIDE_SHEET = "填写说明"
DATE_FORMS = "日期：2023-01-05、2023年1月5日、2023.1.5 均可"

# What one row of each kind is, for the sentence about re-importing.
ROW_NOUNS = {
    "estate": "小区", "building": "楼栋", "company": "企业", "committee": "成员", "unit": "业主",
}  # fmt: skip
KIND_NOTES = {
    "building": ["所属小区须已在系统中（先导入小区台账）。"],
    "unit": [
        "每位业主一行；同一楼栋、房号的多行为共有人，面积、面积来源、未售标记各行应一致。",
        "开发建设单位未售或已售未交付的房屋填“是”，业主可不填；它们合计按一人计算。",
        "面积来源按不动产登记簿、测绘、买卖合同的顺序取用；楼栋不存在时自动新建。",
        "业主名册含个人信息，只在本单位保存，不随数据包上报。",
    ],
    "committee": [
        "每位成员一行；同一小区、同一届次的各行组成一个委员会，类型、任期、备案日期、状态各行应一致。",
        "所属小区须已在系统中（先导入小区台账）。",
    ],
}


def write_template(kind: LedgerKind, out: Path) -> Path:
    """Write the import template of `kind` to `out` (.xlsx) and return `out`."""
    wb = Workbook()  # normal mode: data validations and comments need it; the file is small
    ws = wb.active
    ws.title = kind.title[:31]
    for index, spec in enumerate(kind.columns, 1):
        letter = get_column_letter(index)
        header = style_header(ws.cell(1, index, spec.header))
        header.font = REQUIRED_FONT if spec.required else HEADER_FONT
        header.comment = _note(spec)
        example = ws.cell(EXAMPLE_ROW, index, _example_value(spec))
        example.font = EXAMPLE_FONT
        if fmt := _column_format(spec):
            example.number_format = fmt
            ws.column_dimensions[letter].number_format = fmt  # rows the user adds
        if choices := _choices(spec):
            ws.add_data_validation(_drop_down(spec, choices, f"{letter}2:{letter}{LAST_ROW}"))
        ws.column_dimensions[letter].width = fit_width(
            [spec.header, spec.example, *choices], minimum=10, maximum=40
        )
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22
    print_landscape(ws, title_rows="1:1")
    _write_guide(wb.create_sheet(GUIDE_SHEET), kind)
    save_workbook(wb, out)
    return Path(out)


def accepted_forms(spec: ColumnSpec) -> str:
    """How a cell of this column may be written, as the import reads it (reports/xlsx/values)."""
    example = f"，如 {spec.example}" if spec.example else ""
    if spec.code_table:
        return "从下拉列表中选择（也可直接输入列表中的文字）"
    return {
        "text": f"文字{example}",
        "int": f"整数{example}",
        "hundredths": f"数字，可保留两位小数{example}",
        "bool": "是 或 否（也可填 有/无、√/×）",
        "date": DATE_FORMS,
        "year": f"四位年份{example}",
        "phone": f"手机号或固定电话{example}",
    }.get(spec.type, f"文字{example}")


def key_note(kind: LedgerKind) -> str:
    """The sentence telling the user a re-import updates rather than duplicates."""
    key = "+".join(kind.column(field).header for field in kind.key)
    noun = ROW_NOUNS.get(kind.name, "记录")
    return f"按 {key} 识别：再次导入同一{noun}会更新而不是重复。"


def _choices(spec: ColumnSpec) -> list[str]:
    if spec.code_table:
        return [label for _, label in code_table(spec.code_table).choices()]
    if spec.type == "bool":
        return ["是", "否"]
    return []


def _drop_down(spec: ColumnSpec, choices: list[str], cells: str) -> DataValidation:
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',  # Excel limits this list to 255 characters
        allow_blank=not spec.required,
        showErrorMessage=True,
        errorTitle=spec.header,
        error="请从下拉列表中选择：" + "、".join(choices),
        showInputMessage=True,
        promptTitle=spec.header,
        prompt="、".join(choices),
    )
    rule.add(cells)
    return rule


def _example_value(spec: ColumnSpec) -> Any:
    """The spec's example as the import would read it, then shown as a user would type it."""
    if not spec.example:
        return None
    value = parse_cell(spec.example, spec.type)
    if spec.code_table:
        return code_table(spec.code_table)(value).label
    if spec.type == "bool":
        return "是" if value else "否"
    if spec.type == "hundredths":
        return round(int(value) / 100, 2)  # type: ignore[call-overload]
    return value


def _column_format(spec: ColumnSpec) -> str | None:
    return {
        "date": DATE_FORMAT,
        "hundredths": HUNDREDTHS_FORMAT,
        "text": TEXT_FORMAT,
        "phone": TEXT_FORMAT,  # a phone typed into a General cell loses its leading 0
    }.get(spec.type)


def _note(spec: ColumnSpec) -> Comment:
    text = ("必填。" if spec.required else "") + accepted_forms(spec)
    note = Comment(text, "WuyeDesk")
    note.width, note.height = 220, 60
    return note


def _write_guide(ws: Any, kind: LedgerKind) -> None:
    ws.append([f"{kind.title}填写说明"])
    ws["A1"].font = TITLE_FONT
    lines = [
        key_note(kind),
        f"第{EXAMPLE_ROW}行为示例（灰色斜体），填写时请改写或删除；请勿修改第1行的列名。",
        "红色列名为必填项；其余可留空。",
        *KIND_NOTES.get(kind.name, []),
    ]
    for line in lines:
        ws.append([line])
    ws.append([])
    ws.append(["列名", "是否必填", "填写要求", "可选值"])
    header_row = ws.max_row
    for cell in ws[header_row]:
        style_header(cell)
    for spec in kind.columns:
        ws.append(
            [
                spec.header,
                "必填" if spec.required else "选填",
                accepted_forms(spec),
                "、".join(_choices(spec)),
            ]
        )
        for cell in ws[ws.max_row]:
            cell.alignment = WRAP
            cell.border = BORDER
        if spec.required:
            ws.cell(ws.max_row, 1).font = REQUIRED_FONT
    widths = {"A": 22, "B": 10, "C": 46, "D": 40}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    print_landscape(ws)
