"""Disclosure panel benchmark (issue 4): a 200-page batch of building panels in one PDF, in
pages per second, against drawing the same text with a bare ReportLab canvas in the same run.

    .venv/bin/python bench/pdf_panels.py [--pages N] [--repeat K]

Ours: `draw_panels` on N building boards (title band, two hotlines, four contacts with the
photo box, three items, footer, QR code), one page each. Bare: the same lines of text with
`drawString` in the same fonts and sizes, items cut every 30 characters, one page a panel, no
layout, line breaking, boxes, table or QR code. Fonts are registered before timing. Best of K
runs. Targets: ≥ 0.5 of the bare canvas and ≥ 20 pages/s.

The QR code is part of ours and not of the bare side; its share (`reports.pdf.qr`, run
alone on the same texts) is printed too, with the ratio ours would have without it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from report import Figure, emit  # noqa: E402

from app.panel_content import PanelContact, PanelContent, PanelItem  # noqa: E402
from app.rules.official import chinese_date  # noqa: E402
from reports.pdf.fonts import FontSet, find_fonts  # noqa: E402
from reports.pdf.panel import draw_panels  # noqa: E402
from reports.pdf.qr import qr_symbol  # noqa: E402

OUT = ROOT / "build" / "bench" / "pdf"
HOTLINES = (
    PanelContact("物业服务投诉电话", "", "0561-3034569"),
    PanelContact("政务服务便民热线", "", "12345"),
)
ITEMS = (
    PanelItem(
        "楼栋服务事项",
        "本楼保洁每日两次（8:00前、14:00前），楼道灯、单元门禁报修24小时内处理。"
        "电梯每月保养两次，保养时间提前一天在单元门口公告。",
    ),
    PanelItem("收费标准", "多层住宅0.65元/平方米·月；\n高层住宅1.20元/平方米·月（含电梯运行费）。"),
    PanelItem(
        "公共水电分摊",
        "2026年第三季度本楼公共用电1,246千瓦时、公共用水86吨，按建筑面积分摊，"
        "每平方米0.021元，明细见物业服务中心。",
    ),
)


def building(n: int) -> PanelContent:
    return PanelContent(
        board_uuid=f"5d0c7a4e-1b2f-4c3d-9e8f-{n:012d}", version=1 + n % 7, scope="building",
        title=f"相山花园{n}号楼物业服务信息公示栏", estate="相山花园", building=f"{n}号楼",
        company="淮北市安居物业服务有限公司", items=ITEMS,
        contacts=(
            PanelContact("项目负责人", "陈建国", "0561-3034567"),
            PanelContact("楼栋管家", "张*三", "139****5678"),
            PanelContact("维修电工", "赵*", "0561-3034570"),
            PanelContact("保洁主管", "刘*芳", "0561-3034571"),
        ),
        hotlines=HOTLINES, published_on=date(2026, 11, 25), valid_until=date(2027, 2, 24),
        issuer="曲阳街道 桓谭社区", masked=True,
    )  # fmt: skip


def ours(panels: list[PanelContent], folder: Path, fonts: FontSet) -> Path:
    return draw_panels(panels, folder / "ours.pdf", fonts=fonts)


def bare(panels: list[PanelContent], folder: Path, fonts: FontSet) -> Path:
    """The same text on a bare canvas: one drawString a line, top to bottom."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    path = folder / "bare.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    left, hei, body = 15 * mm, fonts.hei.name, fonts.body.name
    for p in panels:
        y = A4[1] - 25 * mm
        lines = [(hei, 32, p.title), (hei, 15, f"小区：{p.estate}　楼栋：{p.building}"),
                 (hei, 15, f"物业服务企业：{p.company}")]  # fmt: skip
        for h in p.hotlines:
            lines += [(hei, 13, h.role), (hei, 28, h.phone)]
        lines += [(hei, 18, "联系方式"), (hei, 15, "职务　姓名　联系电话")]
        lines += [(body, 16, f"{c.role}　{c.name}　{c.phone}") for c in p.contacts]
        for item in p.items:
            lines.append((hei, 18, item.label))
            for para in item.text.split("\n"):
                lines += [(body, 16, para[k : k + 30]) for k in range(0, len(para), 30)]
        end = chinese_date(p.valid_until) if p.valid_until else ""
        lines += [(body, 13, f"公示期：{chinese_date(p.published_on)}至{end}"),
                  (body, 13, f"发布单位：{p.issuer}"), (body, 13, f"版本 v{p.version}"),
                  (hei, 10, "扫码核对公示版本")]  # fmt: skip
        for font, size, text in lines:
            canvas.setFont(font, size)
            canvas.drawString(left, y, text)
            y -= size * 1.4
        canvas.showPage()
    canvas.save()
    return path


def timed(side: Callable[..., Path], panels, fonts, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Best seconds of `repeat` runs, and the pages written."""
    best = float("inf")
    for _ in range(repeat):
        folder = OUT / side.__name__
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        start = time.perf_counter()
        path = side(panels, folder, fonts)
        best = min(best, time.perf_counter() - start)
    return best, len(PdfReader(path).pages)


def qr_seconds(panels: list[PanelContent], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for p in panels:
            qr_symbol(p.qr_text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fonts = find_fonts()
    print(fonts.describe())
    panels = [building(n) for n in range(1, args.pages + 1)]
    ours(panels[:2], OUT, fonts)  # warm up: font tables, width caches
    bare(panels[:2], OUT, fonts)
    ours_s, ours_pages = timed(ours, panels, fonts, args.repeat)
    bare_s, bare_pages = timed(bare, panels, fonts, args.repeat)
    qr_s = qr_seconds(panels, args.repeat)
    ours_rate, bare_rate = ours_pages / ours_s, bare_pages / bare_s
    ratio = ours_rate / bare_rate
    print(f"batch of {len(panels)} building panels, one PDF")
    print(f"  bare canvas, drawString lines  {bare_rate:7.0f} pages/s  {bare_pages:4d} pages"
          f"  {bare_s:6.2f} s")  # fmt: skip
    print(f"  draw_panels (layout, QR)       {ours_rate:7.0f} pages/s  {ours_pages:4d} pages"
          f"  {ours_s:6.2f} s")  # fmt: skip
    print(f"    of which QR encoding         {qr_s / len(panels) * 1000:7.2f} ms/page"
          f"  {qr_s / ours_s:6.0%} of ours")  # fmt: skip
    print(f"  without the QR encoding: ratio {bare_s / max(ours_s - qr_s, 1e-9):.2f}")
    emit(Figure(f"pdf_panels: {len(panels)} building panels vs bare canvas", ours_rate, bare_rate,
                "pages/s", "≥ 0.50 ratio", ratio >= 0.5))  # fmt: skip
    print(f"  ratio {ratio:.2f} (target ≥ 0.50): {'yes' if ratio >= 0.5 else 'NO'};"
          f" ≥ 20 pages/s: {'yes' if ours_rate >= 20 else 'NO'}")  # fmt: skip


if __name__ == "__main__":
    main()
