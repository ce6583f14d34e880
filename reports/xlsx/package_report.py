"""The import report of one or several packages as a workbook: a row per package and table
with the eight counts (the same words as the window and `wuye package import`), then the
problems and hints, and the refused files with their reason."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from app.field_labels import TABLE_LABELS
from app.packages.report import COUNT_LABELS, COUNTS
from app.services.package_files import FileReport
from reports.xlsx.writer import save_workbook


def write_package_reports(results: Sequence[FileReport], out: Path) -> Path:
    book = Workbook()
    counts = book.active
    counts.title = "导入报告"
    counts.append(
        ["文件", "发送单位", "数据包", "类型", "方式", "数据表", *(COUNT_LABELS[c] for c in COUNTS)]
    )
    notes = book.create_sheet("问题与提示")
    notes.append(["文件", "类别", "内容"])
    for result in results:
        report = result.report
        if report is None:
            notes.append([result.file.name, "拒收", result.refused or ""])
            continue
        kind = "全量包" if report.kind == "snapshot" else "增量包"
        how = (
            "此前已导入" if report.already_imported else ("试导入" if report.dry_run else "已导入")
        )
        head = [
            result.file.name,
            f"{report.sender_name}（{report.sender_code}）",
            report.package_id,
            kind,
            how,
        ]
        for name, table in report.tables.items():
            counts.append(
                [*head, TABLE_LABELS.get(name, name), *(getattr(table, c) for c in COUNTS)]
            )
        counts.append([*head, "合计", *(getattr(report.totals, c) for c in COUNTS)])
        for error in report.errors:
            notes.append([result.file.name, "问题", error.text])
        for warning in report.warnings:
            notes.append([result.file.name, "提示", warning])
    for sheet in (counts, notes):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    counts.column_dimensions["A"].width = 28
    counts.column_dimensions["B"].width = 24
    counts.column_dimensions["C"].width = 38
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["C"].width = 90
    return save_workbook(book, out)
