"""The 问题清单及整改情况公示 as a PDF: a landscape A4 table (problem, responsible unit,
deadline, status…) under a centred title, signed by the posting office with the date and
version, repeated headers on every page. The content comes planned and masked from
`app.services.problem_lists`; this module only draws it."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.services.problem_lists import ProblemListContent
from reports.pdf.fonts import FontSet, find_fonts
from reports.xlsx.style import replacing

HEADERS = ("序号", "所在小区", "类别", "存在问题", "责任单位", "整改措施", "整改时限", "整改状态")
OBJECTION = "对以上问题及整改情况有异议的，请向公示单位反映，或拨打政务服务便民热线12345。"
# Widths in mm over the 267 mm of a landscape A4 between 15 mm margins.
WIDTHS = (12, 26, 22, 52, 35, 54, 30, 36)


def _chinese_date(day: str) -> str:
    y, m, d = (int(part) for part in day.split("-"))
    return f"{y}年{m}月{d}日"


def draw_problem_list(
    content: ProblemListContent, out: Path, *, fonts: FontSet | None = None
) -> Path:
    """Write the list to `out` (beside it first, then renamed) and return `out`."""
    fonts = fonts if fonts is not None else find_fonts()
    body, title_font, hei = fonts.body.name, fonts.title.name, fonts.hei.name
    cell = ParagraphStyle("cell", fontName=body, fontSize=10, leading=13, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontName=hei, alignment=TA_CENTER)
    title = ParagraphStyle("title", fontName=title_font, fontSize=20, leading=28,
                           alignment=TA_CENTER)  # fmt: skip
    sign = ParagraphStyle("sign", fontName=body, fontSize=12, leading=18, alignment=TA_RIGHT)
    note = ParagraphStyle("note", fontName=body, fontSize=10, leading=14)

    data = [[Paragraph(h, head) for h in HEADERS]]
    for n, row in enumerate(content.rows, 1):
        # The date of closing on its own line: beside the status it wrapped over three lines.
        closed = f"<br/>（{_chinese_date(row.rectified_on)}）" if row.rectified_on else ""
        status = row.status + closed
        data.append([
            Paragraph(str(n), cell), Paragraph(row.estate, cell), Paragraph(row.category, cell),
            Paragraph(row.description, cell), Paragraph(row.responsible_unit, cell),
            Paragraph(row.measures, cell), Paragraph(_chinese_date(row.deadline), cell),
            Paragraph(status, cell),
        ])  # fmt: skip
    table = Table(data, colWidths=[w * mm for w in WIDTHS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story = [
        Paragraph(content.title, title),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
        Paragraph(OBJECTION, note),
        Spacer(1, 6 * mm),
        Paragraph(content.issuer, sign),
        Paragraph(
            f"{_chinese_date(content.published_on.isoformat())}（第{content.version}版）", sign
        ),
    ]
    if not content.masked:
        story.insert(1, Paragraph("内部使用：本件含未脱敏个人信息，不得张贴", note))

    from app import __version__

    with replacing(Path(out)) as temporary:
        doc = SimpleDocTemplate(
            str(temporary), pagesize=landscape(A4),
            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
            title=content.title, author=content.issuer, subject=fonts.describe(),
            creator=f"WuyeDesk {__version__}",
        )  # fmt: skip
        doc.build(story)
    return Path(out)
