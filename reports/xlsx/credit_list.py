"""The companies' credit as a workbook: every company's computed score and band on a day
(app.services.credit), with the 守信 and 失信 lists marked, the scheme noted under it. Values,
not formulas; the credit code kept as text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.orm import Session

from app.rules.credit import credit_scheme, in_list, scheme_text
from app.services.credit import credit_lines
from app.services.offices import current_office
from reports.xlsx.style import (
    BORDER,
    NOTE_FONT,
    TEXT_FORMAT,
    TITLE_ALIGNMENT,
    TITLE_FONT,
    TITLE_HEIGHT,
    fit_width,
    style_header,
)
from reports.xlsx.writer import save_workbook

HEADERS = ("序号", "物业企业", "统一社会信用代码", "信用分", "信用等级", "名单")


def write_credit_list(session: Session, out: Path, *, today: date) -> Path:
    """Write every company's credit on `today` to `out` (.xlsx), best first."""
    scheme = credit_scheme()
    lines = credit_lines(session, today)
    wb = Workbook()
    ws = wb.active
    ws.title = "物业企业信用"
    ws.append([f"{current_office(session).name}物业服务企业信用等级表"])
    ws.merge_cells("A1:F1")
    ws["A1"].font, ws["A1"].alignment = TITLE_FONT, TITLE_ALIGNMENT
    ws.row_dimensions[1].height = TITLE_HEIGHT
    ws.append([f"计算日期：{today:%Y-%m-%d}（由各企业有效期内的信用记录计算）"])
    ws.append(list(HEADERS))
    for cell in ws[3]:
        style_header(cell)
    for n, line in enumerate(lines, 1):
        which = "守信" if in_list(line.band, "守信", scheme) else (
            "失信" if in_list(line.band, "失信", scheme) else ""
        )  # fmt: skip
        ws.append([n, line.name, line.credit_code, line.score, line.band, which])
        ws.cell(ws.max_row, 3).number_format = TEXT_FORMAT
        for cell in ws[ws.max_row]:
            cell.border = BORDER
    ws.append([])
    ws.append([f"说明：{scheme_text(scheme)}"])
    ws.cell(ws.max_row, 1).font = NOTE_FONT
    ws.column_dimensions["B"].width = fit_width([line.name for line in lines] + ["物业企业"])
    ws.column_dimensions["C"].width = 22
    ws.freeze_panes = "A4"
    save_workbook(wb, out)
    return Path(out)
