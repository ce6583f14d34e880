"""The 考核 result as a workbook: the ranking of the offices below, then every item of the
sheet with each office's self-score, figure, evidence, final points and opinion. Values from
app.services.assessment, never formulas."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.services.assessment import Ranked, SheetView
from reports.xlsx.style import BORDER, TITLE_ALIGNMENT, TITLE_FONT, TITLE_HEIGHT, style_header
from reports.xlsx.writer import save_workbook

RANK_HEADERS = ("排名", "单位", "区划代码", "自评总分", "复核总分", "已复核项")
ITEM_HEADERS = ("序号", "考核项目", "满分", "单位", "自评分", "数据指标", "自评依据", "复核分",
                "复核意见")  # fmt: skip


def _points(value: float | None) -> object:
    return "" if value is None else (int(value) if value == int(value) else value)


def write_assessment(sheet: SheetView, ranked: list[Ranked], out: Path) -> Path:
    """Write the result of `sheet` (published by this office) to `out` (.xlsx)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "考核排名"
    ws.append([f"{sheet.year}年度{sheet.title}：考核结果"])
    ws.merge_cells("A1:F1")
    ws["A1"].font, ws["A1"].alignment = TITLE_FONT, TITLE_ALIGNMENT
    ws.row_dimensions[1].height = TITLE_HEIGHT
    ws.append([f"发布单位：{sheet.issuer}；满分 {_points(sheet.total)} 分"])
    ws.append(list(RANK_HEADERS))
    for cell in ws[3]:
        style_header(cell)
    for r in ranked:
        line = r.line
        ws.append([line.rank, r.name, line.office, _points(line.self_total),
                   _points(line.final_total), f"{line.reviewed}/{line.items}"])  # fmt: skip
        for cell in ws[ws.max_row]:
            cell.border = BORDER
    for column, width in zip("ABCDEF", (8, 20, 16, 12, 12, 12), strict=True):
        ws.column_dimensions[column].width = width

    items = wb.create_sheet("自评和复核")
    items.append(list(ITEM_HEADERS))
    for cell in items[1]:
        style_header(cell)
    for item in sheet.items:
        for s in item.scores or (None,):
            items.append([
                item.n, item.title, _points(item.max_points), s.office_name if s else "",
                _points(s.points) if s else "", s.figure_text if s else "",
                s.evidence if s else "", _points(s.final) if s else "", s.opinion if s else "",
            ])  # fmt: skip
            for cell in items[items.max_row]:
                cell.border = BORDER
    for column, width in zip("ABCDEFGHI", (6, 18, 8, 14, 8, 34, 30, 8, 30), strict=True):
        items.column_dimensions[column].width = width
    items.freeze_panes = "A2"
    return save_workbook(wb, out)
