"""An upper office's 报送情况 workbook for one period and kind (月报, 专项排查, 周报 or 日报): a
row per community with its status, when it reported, on time or late, the round, and for 调度
reports what it wrote (done, found, next), so a street can print the week's 周报 for its
meeting. The figures are `app.services.completeness.completeness`, as `wuye completeness`
prints them and the period reports panel shows them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.codes import SubmissionKind
from app.rules.submissions import Timeliness
from app.services.completeness import Completeness
from reports.xlsx.style import (
    BORDER,
    DATETIME_FORMAT,
    TITLE_ALIGNMENT,
    TITLE_FONT,
    TITLE_HEIGHT,
    WRAP,
    clean_text,
    fit_width,
    print_landscape,
    style_header,
)
from reports.xlsx.writer import save_workbook

HEADERS = ("社区", "区划代码", "状态", "上报时间", "按时情况", "上报次数",
           "本期工作完成情况", "发现的问题", "下一步工作")  # fmt: skip
WORDS_FROM = 7  # the three words columns (1-based) are wrapped, not widened


def write_completeness(report: Completeness, out: Path) -> Path:
    book = Workbook()
    ws = book.active
    kind = SubmissionKind.label_of(report.kind)
    ws.title = f"{kind}报送情况"[:31]
    counts = f"应报 {report.expected}，已报 {report.received}"
    due = f"截止 {report.deadline}"
    title = f"{report.office_name} {report.period} {kind}报送情况（{due}；{counts}）"
    ws.cell(1, 1, clean_text(title)).font = TITLE_FONT
    ws.cell(1, 1).alignment = TITLE_ALIGNMENT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.row_dimensions[1].height = TITLE_HEIGHT
    for c, text in enumerate(HEADERS, start=1):
        style_header(ws.cell(2, c, text))
    rows = []
    for line in report.communities:
        s = line.submission
        rows.append([
            line.name, line.code, s.status_label if s else "未上报",
            s.submitted_at if s and s.submitted_at else None,
            Timeliness.LABELS[line.timeliness], s.round if s else 0,
            s.work_done if s else "", s.problems_found if s else "", s.next_steps if s else "",
        ])  # fmt: skip
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, clean_text(value) if isinstance(value, str) else value)
            cell.border = BORDER
            if c == 4 and value is not None:
                cell.number_format = DATETIME_FORMAT
            if c >= WORDS_FROM:
                cell.alignment = WRAP
    for c, header in enumerate(HEADERS, start=1):
        letter = ws.cell(2, c).column_letter
        if c >= WORDS_FROM:
            ws.column_dimensions[letter].width = 36
        else:
            texts = [header, *(str(v[c - 1]) for v in rows if v[c - 1] is not None)]
            ws.column_dimensions[letter].width = fit_width(texts)
    ws.column_dimensions["D"].width = 17
    print_landscape(ws, title_rows="1:2")
    return save_workbook(book, out)
