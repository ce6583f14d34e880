"""The owners' decision documents (issue 15): the voting and result notices through the
notice engine (reports/pdf/notice.py, a plain 公告), and the ballot forms, one unit a page
in one batch PDF, with a QR code of matter and unit so that entry can read it back."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

from app.services.voting_documents import BallotSheet, VoteText
from reports.pdf.fonts import FontSet, find_fonts
from reports.pdf.notice import _replacing, build_notice
from reports.pdf.templates import FilledNotice


def build_vote_notice(
    text: VoteText, out: Path, *, date: Date, fonts: FontSet | None = None
) -> Path:
    """A voting or result notice, laid out like every other 公告."""
    filled = FilledNotice(
        name="业主表决", kind="公告", title=text.title, paragraphs=text.paragraphs,
        addressee=text.addressee, signature=text.signature,
    )  # fmt: skip
    return build_notice(filled, out, date=date, fonts=fonts)


def build_ballots(sheets: list[BallotSheet], out: Path, *, fonts: FontSet | None = None) -> Path:
    """Every sheet on its own A4 page: heading, ballot number, unit and area, the masked
    owners, each item with 同意 / 反对 / 弃权 boxes, the signature line and the QR code."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    fonts = fonts or find_fonts()
    title_font, body_font = fonts.title.name, fonts.body.name
    width, height = A4
    with _replacing(Path(out)) as temporary:
        canvas = Canvas(str(temporary), pagesize=A4)
        canvas.setTitle(f"表决票：{sheets[0].matter_title}" if sheets else "表决票")
        for sheet in sheets:
            y = height - 30 * mm
            canvas.setFont(title_font, 20)
            canvas.drawCentredString(width / 2, y, f"{sheet.estate}业主表决票")
            y -= 10 * mm
            canvas.setFont(body_font, 13)
            canvas.drawCentredString(width / 2, y, f"（{sheet.matter_title}）")
            y -= 14 * mm
            canvas.setFont(body_font, 12)
            details = (
                f"表决票编号：{sheet.number}",
                f"房屋：{sheet.unit}",
                f"专有部分面积：{sheet.area} 平方米",
                f"业主：{sheet.owners or '—'}",
            )
            for line in details:
                canvas.drawString(25 * mm, y, line)
                y -= 8 * mm
            qr = QrCodeWidget(sheet.qr)
            x0, y0, x1, y1 = qr.getBounds()
            size = 32 * mm
            drawing = Drawing(
                size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0]
            )
            drawing.add(qr)
            renderPDF.draw(drawing, canvas, width - 25 * mm - size, height - 90 * mm)
            y -= 6 * mm
            canvas.setFont(body_font, 11)
            hints = (
                "请对每个议题选择一项意见，在对应方框内打“√”；",
                "多选、不选或无法辨认的，该议题按无效票计（计入参与表决，不计入同意）。",
            )
            for hint in hints:
                canvas.drawString(25 * mm, y, hint)
                y -= 6 * mm
            y -= 6 * mm
            for item in sheet.items:
                canvas.setFont(body_font, 13)
                canvas.drawString(25 * mm, y, item[:38])
                y -= 9 * mm
                for k, label in enumerate(("同意", "反对", "弃权")):
                    x = 35 * mm + k * 45 * mm
                    canvas.rect(x, y - 1 * mm, 5 * mm, 5 * mm)
                    canvas.drawString(x + 7 * mm, y, label)
                y -= 13 * mm
            y -= 6 * mm
            canvas.setFont(body_font, 12)
            canvas.drawString(
                25 * mm, y, "业主（或受托人）签名：____________________    日期：__________"
            )
            y -= 9 * mm
            canvas.drawString(
                25 * mm, y, "受托人投票的，请附业主签署的授权委托书，并注明委托书编号：__________"
            )
            y -= 12 * mm
            canvas.setFont(body_font, 10)
            canvas.drawString(
                25 * mm,
                y,
                f"表决截止：{sheet.closes}。同一房屋只计一票；本票只用于计票，个人意见不予公开。",
            )
            canvas.showPage()
        canvas.save()
    return Path(out)


def build_proxy_forms(
    sheets: list[BallotSheet], out: Path, *, fonts: FontSet | None = None
) -> Path:
    """授权委托书: one a unit, for an owner who has someone else vote; its number is what the
    ballot entry records as the proxy reference."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    fonts = fonts or find_fonts()
    width, height = A4
    with _replacing(Path(out)) as temporary:
        canvas = Canvas(str(temporary), pagesize=A4)
        canvas.setTitle(f"授权委托书：{sheets[0].matter_title}" if sheets else "授权委托书")
        for sheet in sheets:
            y = height - 35 * mm
            canvas.setFont(fonts.title.name, 20)
            canvas.drawCentredString(width / 2, y, "授权委托书")
            y -= 18 * mm
            canvas.setFont(fonts.body.name, 12)
            lines = (
                f"委托书编号：WT-{sheet.number}",
                f"委托人（业主）：{sheet.owners or '__________'}",
                f"房屋：{sheet.unit}（专有部分面积 {sheet.area} 平方米）",
                "受托人姓名：______________    身份证件号码：______________________",
                f"兹委托上述受托人代为参加{sheet.estate}“{sheet.matter_title}”的表决，",
                "并按本人意愿填写表决票。委托期限至本次表决截止之日。",
                "",
                "委托人签名：______________    日期：__________",
                "受托人签名：______________    日期：__________",
            )
            for line in lines:
                canvas.drawString(25 * mm, y, line)
                y -= 10 * mm
            canvas.showPage()
        canvas.save()
    return Path(out)
