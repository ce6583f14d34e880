"""A filled notice as a GB/T 9704 PDF: red header (optional), title, addressee, body,
attachments line, signature and date, page numbers on the outer side.

    filled = fill(load_template("业主大会会议通知", user_dir), values)
    build_notice(filled, Path("通知.pdf"), office=None, doc_number=None, date=today, fonts=None)

The PDF is written beside `out` under a temporary name and renamed onto it only when
complete, so a failure leaves neither a half-written file nor a damaged earlier copy.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date as Date
from pathlib import Path

from app.errors import InputError, Problem
from app.rules.official import check_doc_number, chinese_date, red_header_problems
from reports.pdf.fonts import FontSet, FontSource, find_fonts
from reports.pdf.templates import FilledNotice

_LEVEL_ONE = re.compile(r"^[一二三四五六七八九十]+、")  # 一、 in 黑体
_LEVEL_TWO = re.compile(r"^（[一二三四五六七八九十]+）")  # （一） in 楷体
_HEADING_END = re.compile(r"[。：]")


def build_notice(
    filled: FilledNotice,
    out: Path,
    *,
    office: str | None = None,
    doc_number: str | None = None,
    date: Date,
    fonts: FontSet | Mapping[str, FontSource] | None = None,
) -> Path:
    """Write `filled` to `out` as a PDF and return `out`.

    `office`: the 发文机关标志 printed in red over a red rule (give it as it should read, e.g.
    "淮北市相山区物业管理办公室文件"); only 通知 templates get it: on a 公告 it is refused,
    saying why (a 公告 is plain). It also
    signs the notice when the template has no 署名 (without a trailing 文件).
    `doc_number`: 发文字号 like 淮物管办〔2022〕1号, under the header; needs `office`.
    `fonts`: a `FontSet`, or role → font file from the settings, or None to find them.
    """
    problems: list[Problem] = red_header_problems(filled.kind, office)
    official = filled.kind == "通知" and bool(office and office.strip())
    if doc_number is not None and doc_number.strip():
        try:
            doc_number = check_doc_number(doc_number)
        except InputError as exc:
            problems.extend(exc.problems)
        if filled.kind != "通知":
            problems.append(Problem("发文字号", "公告不印发文字号，只有“通知”类模板可用"))
        elif not official:
            problems.append(Problem("发文字号", "有发文字号时须同时给出发文机关"))
    else:
        doc_number = None
    if problems:
        raise InputError(problems)
    if not isinstance(fonts, FontSet):
        fonts = find_fonts(**(fonts or {}))
    signature = filled.signature or (office or "").strip().removesuffix("文件")
    story = notice_story(
        filled,
        office=office.strip() if official and office else None,
        doc_number=doc_number,
        signature=signature,
        when=chinese_date(date),
        fonts=fonts,
    )
    from reportlab.platypus import BaseDocTemplate

    from app import __version__
    from reports.pdf.page import PAGE_HEIGHT, PAGE_WIDTH, official_page

    with _replacing(Path(out)) as temporary:
        doc = BaseDocTemplate(
            str(temporary),
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            pageTemplates=[official_page(fonts.song.name)],
            title=filled.title,
            author=signature,
            subject=fonts.describe(),
            keywords=[f"模板={filled.name}"],
            creator=f"WuyeDesk {__version__}",
        )
        doc.build(story)
    return Path(out)


def notice_story(
    filled: FilledNotice,
    *,
    office: str | None,
    doc_number: str | None,
    signature: str,
    when: str,
    fonts: FontSet,
) -> list:  # type: ignore[type-arg]
    """The flowables of a notice, top to bottom."""
    from reports.pdf.page import (
        BODY_SIZE,
        PITCH,
        TITLE_SIZE,
        Closing,
        GridSpace,
        GridText,
        RedHeader,
        Run,
        advance,
    )

    body = fonts.body.name
    story: list = []  # type: ignore[type-arg]
    if office:
        story += [
            RedHeader(office, doc_number, title_font=fonts.title.name, body_font=body),
            GridSpace(2),
        ]
    story.append(
        GridText(
            [Run(filled.title, fonts.title.name)],
            size=TITLE_SIZE, pitch=TITLE_SIZE, align="center", balance=True,
        )
    )  # fmt: skip
    story.append(GridSpace(1))
    if filled.addressee:
        story.append(GridText([Run(filled.addressee, body)], align="left"))
    for paragraph in filled.paragraphs:
        story.append(GridText(body_runs(paragraph, fonts), indent=2 * PITCH))
    if filled.attachments:
        story.append(GridSpace(1))
        many = len(filled.attachments) > 1
        label_width = 5 * PITCH  # 2 characters in, then 附件：
        for n, name in enumerate(filled.attachments, 1):
            number = f"{n}." if many else ""
            number_width = sum(advance(ch, body) * BODY_SIZE + PITCH - BODY_SIZE for ch in number)
            text = ("附件：" if n == 1 else "") + number + name
            story.append(
                GridText(
                    [Run(text, body)],
                    align="left",
                    indent=2 * PITCH if n == 1 else label_width,
                    hang=label_width + number_width,
                )
            )
    lead = story.pop() if isinstance(story[-1], GridText) else None
    story.append(Closing(signature, when, font=body, lead=lead))
    return story


def body_runs(paragraph: str, fonts: FontSet) -> list:  # type: ignore[type-arg]
    """A body paragraph as runs: a heading "一、…" in 黑体 and "（一）…" in 楷体, up to its
    first "。" or "：" (the whole paragraph when it has none); the rest in 仿宋."""
    from reports.pdf.page import Run

    if _LEVEL_ONE.match(paragraph):
        font = fonts.hei.name
    elif _LEVEL_TWO.match(paragraph):
        font = fonts.kai.name
    else:
        return [Run(paragraph, fonts.body.name)]
    end = _HEADING_END.search(paragraph)
    cut = end.end() if end else len(paragraph)
    return [Run(paragraph[:cut], font), Run(paragraph[cut:], fonts.body.name)]


@contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """A temporary path beside `out`, moved onto `out` only when the block completes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.part")
    try:
        yield temporary
        try:
            os.replace(temporary, out)
        except PermissionError as exc:  # Windows: the old copy is open in a PDF viewer
            raise InputError(f"无法写入 {out.name}：文件可能正在被打开，请关闭后重试") from exc
    finally:
        temporary.unlink(missing_ok=True)
