"""Notice PDF benchmark (issue 4): a 200-page batch of GB/T 9704 notices, in pages per
second, against drawing the same text with a bare ReportLab canvas in the same run.

    .venv/bin/python bench/pdf_notices.py [--pages N] [--repeat K]

Two batches, each about N pages: 100 short notices of two pages each (one file each), and
one long notice of N pages. The bare side draws the same title and body lines with
`drawString` in the same fonts, 28 characters a line and 22 lines a page, with no layout,
line breaking rules, headings or page numbers. Fonts are registered before timing. Best of
K runs. Targets: ≥ 0.5 of the bare canvas and ≥ 20 pages/s.
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

from reports.pdf.fonts import FontSet, find_fonts  # noqa: E402
from reports.pdf.notice import build_notice  # noqa: E402
from reports.pdf.templates import FilledNotice  # noqa: E402

OUT = ROOT / "build" / "bench" / "pdf"
DAY = date(2026, 11, 25)
SENTENCES = [
    "各小区物业服务企业要按照物业服务合同的约定，做好共用部位和共用设施设备的日常维修养护",
    "业主委员会要依法履行职责，执行业主大会的决定，定期公布公共收益收支情况，接受业主监督",
    "社区居民委员会要加强对业主大会和业主委员会的指导，及时协调解决物业管理中的矛盾纠纷",
    "对群众反映强烈的问题，责任单位要建立问题清单、责任清单和整改清单，明确整改时限",
    "街道办事处每季度组织一次物业服务质量检查，检查结果在小区公告栏公示，并作为信用评价依据",
    "专项维修资金的筹集和使用情况每年至少公布一次，紧急情况下可以按规定直接申请使用",
]
TITLE = "关于加强住宅小区物业服务管理工作的通知"


def notice(paragraphs: int, seed: int = 0) -> FilledNotice:
    body = tuple(
        "，".join(SENTENCES[(seed + n + k) % len(SENTENCES)] for k in range(3)) + "。"
        for n in range(paragraphs)
    )
    return FilledNotice(
        name="基准", kind="公告", title=TITLE, paragraphs=body,
        addressee="各社区居民委员会、各物业服务企业：", signature="曲阳街道办事处",
    )  # fmt: skip


def ours(notices: list[FilledNotice], folder: Path, fonts: FontSet) -> list[Path]:
    return [
        build_notice(n, folder / f"ours-{i}.pdf", date=DAY, fonts=fonts)
        for i, n in enumerate(notices)
    ]


def bare(notices: list[FilledNotice], folder: Path, fonts: FontSet) -> list[Path]:
    """The same text on a bare canvas: fixed 28-character lines, 22 to a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    paths = []
    left, top, leading = 28 * mm, A4[1] - 37 * mm, 225 * mm / 22
    for i, filled in enumerate(notices):
        path = folder / f"bare-{i}.pdf"
        canvas = Canvas(str(path), pagesize=A4)
        canvas.setFont(fonts.title.name, 22)
        canvas.drawCentredString(A4[0] / 2, top - 22, filled.title)
        y = top - 3 * leading
        lines = [filled.addressee]
        for paragraph in filled.paragraphs:
            text = "　　" + paragraph
            lines += [text[k : k + 28] for k in range(0, len(text), 28)]
        lines += ["", "", filled.signature, "2026年11月25日"]
        canvas.setFont(fonts.body.name, 16)
        for line in lines:
            if y < top - 22 * leading + 1:
                canvas.showPage()
                canvas.setFont(fonts.body.name, 16)
                y = top - leading
            canvas.drawString(left, y, line)
            y -= leading
        canvas.save()
        paths.append(path)
    return paths


def timed(side: Callable[..., list[Path]], notices, fonts, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Best seconds of `repeat` runs, and the pages written."""
    best = float("inf")
    for _ in range(repeat):
        folder = OUT / side.__name__
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        start = time.perf_counter()
        paths = side(notices, folder, fonts)
        best = min(best, time.perf_counter() - start)
    return best, sum(len(PdfReader(p).pages) for p in paths)


def report(label: str, notices: list[FilledNotice], fonts: FontSet, repeat: int) -> float:
    ours_s, ours_pages = timed(ours, notices, fonts, repeat)
    bare_s, bare_pages = timed(bare, notices, fonts, repeat)
    ours_rate, bare_rate = ours_pages / ours_s, bare_pages / bare_s
    ratio = ours_rate / bare_rate
    print(f"{label}: {len(notices)} file(s)")
    print(f"  bare canvas, drawString lines  {bare_rate:7.0f} pages/s  {bare_pages:4d} pages"
          f"  {bare_s:6.2f} s")  # fmt: skip
    print(f"  build_notice (GB/T 9704 grid)  {ours_rate:7.0f} pages/s  {ours_pages:4d} pages"
          f"  {ours_s:6.2f} s")  # fmt: skip
    ok = ratio >= 0.5 and ours_rate >= 20
    emit(Figure(f"pdf_notices: {label}, pages/s vs bare canvas", ours_rate, bare_rate,
                "pages/s", "≥ 0.50 ratio, ≥ 20 pages/s", ok))  # fmt: skip
    print(f"  ratio {ratio:.2f} (target ≥ 0.50), ≥ 20 pages/s: {'yes' if ok else 'NO'}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fonts = find_fonts()
    print(fonts.describe())
    ours([notice(1)], OUT, fonts)  # warm up: font tables, width caches
    batch = [notice(6, seed=n) for n in range(args.pages // 2)]  # two pages each
    report(f"batch of {len(batch)} two-page notices", batch, fonts, args.repeat)
    report(f"one {args.pages}-page notice", [notice(round(args.pages * 4.4))], fonts, args.repeat)


if __name__ == "__main__":
    main()
