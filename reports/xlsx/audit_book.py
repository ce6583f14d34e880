"""The 操作日志 as a workbook: the rows the page shows, in the same words; every cell text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from app.field_labels import TABLE_LABELS
from app.services.audit_log import AuditRow, action_label, describe_changes
from reports.xlsx.writer import save_workbook

HEADERS = ("时间", "操作人", "操作", "数据表", "记录", "变更内容（修改前 → 修改后）")
WIDTHS = (20, 14, 12, 14, 38, 90)


def write_audit_book(rows: Sequence[AuditRow], out: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "操作日志"
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(
            [
                f"{r.at:%Y-%m-%d %H:%M:%S}",
                r.actor,
                action_label(r.action),
                TABLE_LABELS.get(r.table_name, r.table_name),
                r.row_uuid,
                describe_changes(r.changes),
            ]
        )
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A2"
    return save_workbook(book, out)
