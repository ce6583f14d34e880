"""The side-by-side workbook of an upper office: one row per subordinate office, its figures
recomputed from the raw rows (app.services.aggregate), and a 合计 row equal to the office's own.

Values are numbers, not formulas (it reads right on paper and in any viewer); rates are
fractions shown as percentages, marked where below the plan's targets.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from app.services.aggregate import TYPE_LABELS, UnitFigures, subordinate_figures, total_of
from app.services.committee_figures import FORMATION_TARGET_PERCENT, PARTY_TARGET_PERCENT, Rate
from app.services.offices import current_office
from reports.xlsx.style import (
    BELOW_TARGET_FILL,
    BELOW_TARGET_FONT,
    BORDER,
    CENTER,
    LINE_HEIGHT,
    NOTE_FONT,
    PERCENT_FORMAT,
    TITLE_ALIGNMENT,
    TITLE_FONT,
    TITLE_HEIGHT,
    TOTAL_FILL,
    TOTAL_FONT,
    fit_width,
    print_landscape,
    style_header,
)
from reports.xlsx.writer import save_workbook

HEADERS = (
    "单位",
    "区划代码",
    "小区数",
    *TYPE_LABELS,
    "应组建业委会小区数",
    "已组建",
    "组建率",
    "含物管会组建率",
    "委员数",
    "党员数",
    "党员比例",
    "90天内任期届满",
    "已届满未换届",
    "问题总数",
    "已销号",
    "销号率",
    "逾期未整改",
    "未办结投诉",
    "交叉任职覆盖率",
    "红色物业示范项目",
    "公开招标占比",
    "党组织覆盖率（小区）",
)
RATE_COLUMNS = {
    HEADERS.index(h) + 1
    for h in ("组建率", "含物管会组建率", "党员比例", "销号率", "交叉任职覆盖率", "公开招标占比",
              "党组织覆盖率（小区）")
}
TARGET_COLUMNS = {HEADERS.index("组建率") + 1: "formation", HEADERS.index("党员比例") + 1: "party"}


def cells(f: UnitFigures) -> list[Any]:
    return [
        f.name,
        f.code,
        f.estates,
        *f.by_type,
        f.formation.denominator,
        f.formation.numerator,
        _fraction(f.formation),
        _fraction(f.formation_with_pmc),
        f.party.denominator,
        f.party.numerator,
        _fraction(f.party),
        f.expiring,
        f.expired,
        f.problems,
        f.problems_closed,
        _fraction(f.closure),
        f.problems_overdue,
        f.complaints_open,
        _fraction(f.red.cross_post),
        f.red.demonstrations,
        _fraction(f.red.tender),
        _fraction(f.party_org),
    ]


def write_subordinates(session: Session, out: Path, *, today: date) -> Path:
    """Write the office's subordinates side by side on `today` to `out` (.xlsx)."""
    office = current_office(session)
    rows = subordinate_figures(session, today)
    total = total_of(rows)
    wb = Workbook()
    ws = wb.active
    ws.title = "下级单位对比"
    last = get_column_letter(len(HEADERS))
    ws.append([f"{office.name}所辖单位物业管理情况对比"])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font, ws["A1"].alignment = TITLE_FONT, TITLE_ALIGNMENT
    ws.row_dimensions[1].height = TITLE_HEIGHT
    ws.append([f"统计日期：{today:%Y-%m-%d}（各项由原始记录重新计算，合计行与本单位统计一致）"])
    ws.append(list(HEADERS))
    for cell in ws[3]:
        style_header(cell)
    for figures in [*rows, total]:
        ws.append(cells(figures))
        _style_row(ws, ws.max_row, figures, total=figures is total)
    ws.append([])
    for note in (
        "说明：",
        "1. 已组建：业主委员会在任、已备案，且统计日期在其任期内；"
        "物业管理委员会只计入“含物管会组建率”。",
        "2. 委员数、党员数：在任委员会的主任、副主任、委员，不含候补委员。",
        "3. 销号率＝已销号问题数÷问题总数；逾期未整改：待整改或整改中且已过整改时限。",
        f"4. 标色：组建率低于{FORMATION_TARGET_PERCENT}%或党员比例低于{PARTY_TARGET_PERCENT}%；"
        "“—”表示无可计算的对象。",
        "5. 交叉任职覆盖率：有在任交叉任职的小区÷小区数；红色物业示范项目：统计日期有效的项目数；"
        "公开招标占比：今年签订（1月1日起开始）的服务合同中公开招标的比例。",
    ):
        ws.append([note])
        ws.cell(ws.max_row, 1).font = NOTE_FONT
    ws.column_dimensions["A"].width = fit_width([r.name for r in rows] + ["单位"], minimum=10)
    ws.column_dimensions["B"].width = 14
    for index, header in enumerate(HEADERS[2:], 3):
        ws.column_dimensions[get_column_letter(index)].width = min(fit_width([header]), 11)
    ws.row_dimensions[3].height = 2 * LINE_HEIGHT + 4
    ws.freeze_panes = "C4"
    print_landscape(ws, title_rows="3:3")
    save_workbook(wb, out)
    return Path(out)


def _fraction(rate: Rate) -> float | str:
    return rate.numerator / rate.denominator if rate.denominator else "—"


def _style_row(ws: Any, row: int, figures: UnitFigures, *, total: bool) -> None:
    for cell in ws[row]:
        cell.border = BORDER
        if total:
            cell.font, cell.fill = TOTAL_FONT, TOTAL_FILL
    for column in RATE_COLUMNS:
        cell = ws.cell(row, column)
        cell.number_format = PERCENT_FORMAT
        if cell.value == "—":
            cell.alignment = CENTER
    for column, attr in TARGET_COLUMNS.items():
        rate: Rate = getattr(figures, attr)
        if rate.denominator and not rate.met:
            cell = ws.cell(row, column)
            cell.font, cell.fill = BELOW_TARGET_FONT, BELOW_TARGET_FILL
