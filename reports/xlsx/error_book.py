"""The error workbook: the refused rows as they were typed, faulty cells highlighted, and a
reason column, so a worker fixes them in Excel and imports the same file again."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.xlsx.ledger_in import ImportReport
from reports.xlsx.sheet import open_workbook
from reports.xlsx.writer import save_workbook

BAD = PatternFill("solid", fgColor="FFC7CE")
REASON_HEADER = "错误原因"
# The refused rows are copied as typed, phones and ID numbers included (GB/T 35273 §6).
# The importer finds the header below this line, so the file imports again as it is.
PERSONAL_DATA_NOTE = (
    "注意：本文件含个人信息（姓名、电话、身份证号等），仅用于更正后重新导入，用后请删除，不得外传。"
)


def write_error_book(report: ImportReport, out: Path) -> Path:
    """Streams the source again: only refused rows are kept, never the whole sheet."""
    problems: dict[int, list] = defaultdict(list)
    for p in report.outcome.problems:
        problems[p.row].append(p)
    source = open_workbook(report.file)
    try:
        sheet = source[report.sheet]
        header = next(
            sheet.iter_rows(min_row=report.header_row, max_row=report.header_row, values_only=True)
        )
        width = len(header)
        book = Workbook()
        target = book.active
        target.title = report.sheet[:31]
        target.append([PERSONAL_DATA_NOTE])
        target.cell(1, 1).font = Font(bold=True, color="C00000")
        target.append([*header, REASON_HEADER])
        for cell in target[2]:
            cell.font = Font(bold=True)
        target.freeze_panes = "A3"
        for number, values in enumerate(
            sheet.iter_rows(min_row=report.header_row + 1, values_only=True),
            start=report.header_row + 1,
        ):
            if number not in problems:
                continue
            row = list(values[:width]) + [None] * (width - len(values))
            reasons = [f"{report.header_of(p.field)}：{p.reason}" for p in problems[number]]
            target.append([*row, "；".join(reasons)])
            written = target.max_row
            for p in problems[number]:
                column = report.columns.get(p.field)
                if column is not None:
                    cell = target.cell(row=written, column=column + 1)
                    cell.fill = BAD
                    cell.comment = Comment(p.reason, "WuyeDesk")
            target.cell(row=written, column=width + 1).alignment = Alignment(wrap_text=True)
        target.column_dimensions[get_column_letter(width + 1)].width = 48
    finally:
        source.close()
    save_workbook(book, out)
    return out
