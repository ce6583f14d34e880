"""A company's 物业服务企业信用档案 as a PDF: the computed score and band over the scheme that
gave them, then every item (typed or derived from the data) with its evidence and the last
day it counts, lapsed ones marked. The content comes from `app.services.credit`; free text is
masked (app/rules/masking.py) since complaints and findings may name residents."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.rules.credit import credit_scheme, last_counted_day, scheme_text
from app.rules.masking import mask_free_text
from app.services.credit import CreditSheet
from reports.pdf.fonts import FontSet, find_fonts
from reports.xlsx.style import replacing

HEADERS = ("序号", "日期", "类别", "分值", "依据", "计分至", "来源")
# Widths in mm over the 180 mm of a portrait A4 between 15 mm margins.
WIDTHS = (11, 22, 22, 13, 72, 22, 18)


def _chinese_date(day: str) -> str:
    y, m, d = (int(part) for part in day.split("-"))
    return f"{y}年{m}月{d}日"


def draw_credit_sheet(sheet: CreditSheet, out: Path, *, fonts: FontSet | None = None) -> Path:
    """Write the sheet to `out` (beside it first, then renamed) and return `out`."""
    fonts = fonts if fonts is not None else find_fonts()
    scheme = credit_scheme()
    body, title_font, hei = fonts.body.name, fonts.title.name, fonts.hei.name
    cell = ParagraphStyle("cell", fontName=body, fontSize=9.5, leading=12.5, wordWrap="CJK")
    grey = ParagraphStyle("grey", parent=cell, textColor=colors.Color(0.45, 0.45, 0.45))
    head = ParagraphStyle("head", parent=cell, fontName=hei, alignment=TA_CENTER)
    title = ParagraphStyle("title", fontName=title_font, fontSize=20, leading=28,
                           alignment=TA_CENTER)  # fmt: skip
    note = ParagraphStyle("note", fontName=body, fontSize=9.5, leading=14, wordWrap="CJK")
    big = ParagraphStyle("big", fontName=hei, fontSize=16, leading=20, alignment=TA_CENTER)
    sign = ParagraphStyle("sign", fontName=body, fontSize=11, leading=16, alignment=TA_RIGHT)

    st = sheet.standing
    facts = Table(
        [
            [
                Paragraph("企业名称", head),
                Paragraph(sheet.name, cell),
                Paragraph("统一社会信用代码", head),
                Paragraph(sheet.credit_code, cell),
            ],
            [
                Paragraph("信用分", head),
                Paragraph(str(st.score), big),
                Paragraph("信用等级", head),
                Paragraph(st.band, big),
            ],
            [
                Paragraph("加分（计入）", head),
                Paragraph(f"{st.good}", cell),
                Paragraph("扣分", head),
                Paragraph(f"{st.bad}", cell),
            ],
        ],
        colWidths=[30 * mm, 60 * mm, 35 * mm, 55 * mm],
    )
    grid = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    facts.setStyle(TableStyle(grid))

    counted = set(st.counted)
    data = [[Paragraph(h, head) for h in HEADERS]]
    for n, e in enumerate(sheet.entries, 1):
        style = cell if e in counted else grey
        until = last_counted_day(e.on, e.last_day, scheme).isoformat()
        data.append([
            Paragraph(str(n), style), Paragraph(e.on.isoformat(), style),
            Paragraph(scheme.kinds[e.kind].label, style), Paragraph(f"{e.points:+d}", style),
            Paragraph(mask_free_text(e.evidence), style),
            Paragraph(until + ("" if e in counted else "（已过期）"), style),
            Paragraph("数据生成" if e.derived else "录入", style),
        ])  # fmt: skip
    if len(data) == 1:
        data.append([Paragraph("", cell), Paragraph("（无信用记录）", cell)] + [""] * 5)
    items = Table(data, colWidths=[w * mm for w in WIDTHS], repeatRows=1)
    items.setStyle(
        TableStyle([*grid, ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))])
    )

    rule = (
        f"计分办法：{scheme_text(scheme)}"
        "逾期整改、超时投诉和督办约谈由问题清单、投诉和督办记录自动生成，"
        "红色物业示范项目在有效期间自动计入。"
    )
    story = [
        Paragraph("物业服务企业信用档案", title),
        Spacer(1, 5 * mm),
        facts,
        Spacer(1, 4 * mm),
        Paragraph(rule, note),
        Spacer(1, 4 * mm),
        items,
        Spacer(1, 6 * mm),
        Paragraph(f"计算日期：{_chinese_date(sheet.day.isoformat())}", sign),
    ]
    if sheet.removed:
        story.insert(2, Paragraph("该企业已被清出物业服务市场", big))
    if sheet.decision:  # the decision and its grounds, as recorded (app/services/market.py)
        grounds = mask_free_text(sheet.decision_grounds)
        story[3:3] = [
            Paragraph(f"清出市场决定：{sheet.decision}。事实与理由：{grounds}", note),
            Spacer(1, 3 * mm),
        ]

    from app import __version__

    with replacing(Path(out)) as temporary:
        doc = SimpleDocTemplate(
            str(temporary), pagesize=A4,
            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
            title=f"{sheet.name}信用档案", author="WuyeDesk", subject=fonts.describe(),
            creator=f"WuyeDesk {__version__}",
        )  # fmt: skip
        doc.build(story)
    return Path(out)
