"""The 考核 result sheet as a PDF: the ranking of the offices below, then each item with every
office's self-score, final points and the reviewer's opinion (复查复核的书面结果). The
content comes from app.services.assessment; drawn like the credit sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.rules.official import chinese_date
from app.services.assessment import Ranked, SheetView
from reports.pdf.fonts import FontSet, find_fonts
from reports.xlsx.style import replacing

RANK_HEADERS = ("排名", "单位", "自评总分", "复核总分", "已复核项")
RANK_WIDTHS = (16, 70, 30, 30, 34)
ITEM_HEADERS = ("序号", "考核项目", "满分", "单位", "自评", "复核", "数据指标和复核意见")
ITEM_WIDTHS = (12, 30, 12, 24, 12, 12, 78)


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def draw_assessment(sheet: SheetView, ranked: list[Ranked], out: Path, *, on: date,
                    fonts: FontSet | None = None) -> Path:  # fmt: skip
    """Write the result of `sheet` to `out` (beside it first, then renamed) and return it."""
    fonts = fonts if fonts is not None else find_fonts()
    body, hei = fonts.body.name, fonts.hei.name
    cell = ParagraphStyle("cell", fontName=body, fontSize=9.5, leading=12.5, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontName=hei, alignment=TA_CENTER)
    title = ParagraphStyle("title", fontName=fonts.title.name, fontSize=18, leading=26,
                           alignment=TA_CENTER)  # fmt: skip
    section = ParagraphStyle("section", fontName=hei, fontSize=12, leading=18)
    sign = ParagraphStyle("sign", fontName=body, fontSize=11, leading=16, alignment=TA_RIGHT)
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]  # fmt: skip

    def table(headers: tuple[str, ...], widths: tuple[int, ...], rows: list[list[str]]) -> Table:
        data = [[Paragraph(h, head) for h in headers]]
        data += [[Paragraph(text, cell) for text in row] for row in rows]
        if len(data) == 1:
            data.append([Paragraph("（无）", cell)] + [Paragraph("", cell)] * (len(headers) - 1))
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(TableStyle(grid))
        return t

    rank_rows = [[str(r.line.rank), r.name, _points(r.line.self_total),
                  _points(r.line.final_total), f"{r.line.reviewed}/{r.line.items}"]
                 for r in ranked]  # fmt: skip
    item_rows = []
    for item in sheet.items:
        for s in item.scores or (None,):
            note = "；".join(x for x in ((s.figure_text, s.opinion) if s else ()) if x)
            item_rows.append([str(item.n), item.title, _points(item.max_points),
                              s.office_name if s else "", _points(s.points) if s else "",
                              _points(s.final) if s else "", note])  # fmt: skip
    story = [
        Paragraph(f"{sheet.year}年度{sheet.title}", title),
        Paragraph("考核结果", title),
        Spacer(1, 4 * mm),
        Paragraph(f"一、排名（满分 {_points(sheet.total)} 分，按复核总分）", section),
        Spacer(1, 2 * mm),
        table(RANK_HEADERS, RANK_WIDTHS, rank_rows),
        Spacer(1, 5 * mm),
        Paragraph("二、自评计分和复查复核", section),
        Spacer(1, 2 * mm),
        table(ITEM_HEADERS, ITEM_WIDTHS, item_rows),
        Spacer(1, 8 * mm),
        Paragraph(sheet.issuer, sign),
        Paragraph(chinese_date(on), sign),
    ]
    from app import __version__

    with replacing(Path(out)) as temporary:
        doc = SimpleDocTemplate(
            str(temporary), pagesize=A4,
            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
            title=f"{sheet.year}年度考核结果", author="WuyeDesk", subject=fonts.describe(),
            creator=f"WuyeDesk {__version__}",
        )  # fmt: skip
        doc.build(story)
    return Path(out)
