"""The error workbook: the refused rows as they were typed, faulty cells highlighted (rows
imported with a warning in yellow), and a reason column, so a worker fixes them in Excel and
imports the same file again."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.services.ledger_import import RowProblem
from reports.xlsx.ledger_in import ImportReport, SheetReport
from reports.xlsx.sheet import BookSheet, open_workbook
from reports.xlsx.values import is_blank
from reports.xlsx.writer import save_workbook

BAD = PatternFill("solid", fgColor="FFC7CE")
WARN = PatternFill("solid", fgColor="FFEB9C")  # imported, but the office should look
REASON_HEADER = "错误原因"
# The refused rows are copied as typed, phones and ID numbers included (GB/T 35273 §6).
# The importer finds the header below this line, so the file imports again as it is.
PERSONAL_DATA_NOTE = (
    "注意：本文件含个人信息（姓名、电话、身份证号等），仅用于更正后重新导入，用后请删除，不得外传。"
)


def write_error_book(report: ImportReport, out: Path) -> Path:
    """Streams the source again (any format the import reads): only refused rows and rows
    with warnings are kept, never the whole sheet; one sheet per source sheet."""
    source = open_workbook(report.file)
    try:
        book = Workbook()
        book.remove(book.active)
        for part in report.sheets:
            if part.outcome.problems or part.outcome.warnings:
                _write_sheet(book, source[part.sheet], part)
    finally:
        source.close()
    if not book.worksheets:
        book.create_sheet(report.sheets[0].sheet[:31])
    save_workbook(book, out)
    return out


def _write_sheet(book: Workbook, sheet: BookSheet, part: SheetReport) -> None:
    marks: dict[int, list[tuple[RowProblem, PatternFill, str]]] = defaultdict(list)
    for p in part.outcome.problems:
        marks[p.row].append((p, BAD, ""))
    for p in part.outcome.warnings:
        marks[p.row].append((p, WARN, "提醒："))
    header = _header(sheet, part.header_row)
    width = len(header)
    target = book.create_sheet(part.sheet[:31])
    target.append([PERSONAL_DATA_NOTE])
    target.cell(1, 1).font = Font(bold=True, color="C00000")
    target.append([*header, REASON_HEADER])
    for cell in target[2]:
        cell.font = Font(bold=True)
    target.freeze_panes = "A3"
    for number, values in enumerate(
        sheet.iter_rows(min_row=part.header_row + 1), start=part.header_row + 1
    ):
        if number not in marks:
            continue
        row = [None if v == "" else v for v in values[:width]] + [None] * (width - len(values))
        reasons = [
            f"{prefix}{part.header_of(p.field)}：{p.reason}" for p, _, prefix in marks[number]
        ]
        target.append([*row, "；".join(reasons)])
        written = target.max_row
        for p, fill, _ in marks[number]:
            column = part.columns.get(p.field)
            if column is not None:
                cell = target.cell(row=written, column=column + 1)
                cell.fill = fill
                cell.comment = Comment(p.reason, "WuyeDesk")
        target.cell(row=written, column=width + 1).alignment = Alignment(wrap_text=True)
    target.column_dimensions[get_column_letter(width + 1)].width = 48


def _header(sheet: BookSheet, row: int) -> list[object]:
    """The header as the import read it: a two-row header's lower row, a blank cell taking
    the text of the cell above (a group row or a vertically merged header)."""
    rows = list(sheet.iter_rows(min_row=max(row - 1, 1), max_row=row))
    lower = list(rows[-1])
    upper = list(rows[0]) if len(rows) == 2 else []
    if sum(not is_blank(v) for v in upper) < 2:  # a title line above is no group row
        return [None if is_blank(v) else v for v in lower]
    upper += [None] * (len(lower) - len(upper))
    lower += [None] * (len(upper) - len(lower))
    return [
        (None if is_blank(up) else up) if is_blank(low) else low
        for up, low in zip(upper, lower, strict=True)
    ]
