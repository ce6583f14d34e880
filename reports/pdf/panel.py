"""Disclosure panels (物业服务信息公示栏) as PDF: one page per panel, A4 or A3, large type.

    draw_panels(contents, Path("公示栏.pdf"), size="A4", fonts=None, progress=None)

Each panel is drawn from a `PanelContent` exactly as given (the service has masked it): a
coloured title band (title, estate and building, company), the hotlines in large digits, the
contacts as a table (a photo box for the 项目负责人 on building boards), the items as labelled
blocks, and a footer with the 公示期, the issuer, the version and a QR code of `qr_text`.

Readable from a metre away: item and table text is 16 pt on A4 (labels 18, hotline digits up
to 28, the title at least 28). A panel that does not fit on one page has that text shrunk half a
point at a time down to 11 pt; if even that overflows it continues on more pages (title band
"（续）", same footer and QR code, table header repeated), at the largest size that needs no
more pages than 11 pt would. No text is ever dropped. A3 is A4 scaled by √2, type and all, so
it reads from further away with the same line breaks.

Lines are broken by `linebreak.break_lines` (no line starts with `，` or `）`) and justified.
The layout is a list of rows with heights (a label, a line, a table row) placed top to bottom by
a small paginator that keeps a label with its first line and the photo box with its table rows.
The canvas is drawn directly, without platypus. A batch's building boards share their
hotlines, contacts and items: their body is laid out once (`_flow`, cached on its inputs) and,
where the same body recurs on several pages, drawn once as a form XObject placed on each of
them (`_Forms`); only the title band, the footer's version and the QR code are per panel.

The QR code is module for module what ReportLab's `QrCodeWidget(text).qr` draws (error
correction M), computed by `reports.pdf.qr` in a fraction of ReportLab's time. Drawing the
widget through a `Drawing` encodes twice and emits one `Rect` per run, so the runs are written
as one path of `re` operators.

The file is written beside `out` and renamed onto it when complete: a failure or a cancel
(`app.progress.Cancelled`) leaves neither a half-written PDF nor a damaged earlier copy.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.errors import InputError, Problem
from app.panel_content import PanelContact, PanelContent, PanelItem
from app.progress import NoProgress, Progress, step
from app.rules.official import chinese_date
from reports.pdf.fonts import FontSet, find_fonts
from reports.pdf.linebreak import break_lines
from reports.pdf.qr import QrSymbol, qr_symbol

PAPER = {"A4": 1.0, "A3": math.sqrt(2)}  # A3 is A4 scaled by √2 (297/210 = 420/297)
PAGE_WIDTH, PAGE_HEIGHT = A4  # the layout is in A4 points; A3 scales the canvas

LEFT = 15 * mm
RIGHT = PAGE_WIDTH - 15 * mm
WIDTH = RIGHT - LEFT
TOP = PAGE_HEIGHT - 12 * mm
BOTTOM = 12 * mm

TITLE_SIZE = 32.0  # shrunk to no less than TITLE_MIN to stay on one line, then wrapped
TITLE_MIN = 28.0
CONTINUED_TITLE_SIZE = 20.0
SUBTITLE_SIZE = 15.0
ITEM_SIZES = tuple(16.0 - k / 2 for k in range(11))  # 16 to 11 pt by halves; 11 is the floor
LABEL_EXTRA = 2.0  # an item's label is this much larger than its text
HOTLINE_CAPTION_SIZE = 13.0
HOTLINE_SIZE = 28.0  # the digits: as large as fits the box, not under HOTLINE_MIN
HOTLINE_MIN = 16.0
FOOTER_SIZE = 14.0
MARK_SIZE = 10.0
QR_CAPTION_SIZE = 10.0
PHOTO_CAPTION_SIZE = 11.0

LEADING = 1.4  # line pitch of item text, in em
EM_TOP = 0.88  # the ideographic em box spans 0.88 em above the baseline to 0.12 below
BOLD = 0.035  # stroke width, in em, that makes 黑体 read bold (no bold face exists)
INDENT = 10.0  # item text and tables start here, right of the label's bar
SECTION_GAP = 3.5 * mm
PARAGRAPH_GAP = 0.3  # em, between the paragraphs of one item
CELL_PAD = 3.0
PHOTO_WIDTH, PHOTO_HEIGHT = 22 * mm, 30 * mm
PHOTO_GAP = 5 * mm
QR_SIZE = 20 * mm  # the symbol (0.6 mm a module); its quiet zone is the blank around it
QR_QUIET = 3 * mm
QR_LEVEL = "M"
MANAGER = "项目负责人"

BAND = Color(0.122, 0.306, 0.475)  # #1F4E79
TINT = Color(0.867, 0.922, 0.969)  # #DDEBF7, the header fill of our workbooks too
RULE = Color(0.5, 0.5, 0.5)
RED = Color(0.753, 0.0, 0.0)  # #C00000
PHOTO_FILL = Color(0.906, 0.902, 0.902)
GREY_TEXT = Color(0.35, 0.35, 0.35)

UNMASKED_MARK = "含未脱敏个人信息 仅限内部使用"
QR_CAPTION = "扫码核对公示版本"


def draw_panels(
    contents: Sequence[PanelContent],
    out: Path,
    *,
    size: str = "A4",
    fonts: FontSet | None = None,
    progress: Progress | None = None,
) -> Path:
    """Draw each panel on its own page(s) of one PDF at `out` and return `out`.

    `size`: "A4" or "A3", portrait. `progress` hears of each page drawn and may cancel
    (`Cancelled`), and then nothing is written.
    """
    contents = tuple(contents)
    if not contents:
        raise InputError(Problem("公示栏", "没有要打印的公示栏"))
    scale = PAPER.get(str(size).strip().upper())
    if scale is None:
        raise InputError(Problem("纸张", f"公示栏只能印在 A4 或 A3 纸上，不能是“{size}”"))
    fonts = fonts if fonts is not None else find_fonts()
    progress = progress if progress is not None else NoProgress()
    panels = [_plan(content, fonts) for content in contents]
    total = sum(len(panel.pages) for panel in panels)

    from app import __version__
    from reports.xlsx.style import replacing

    first = contents[0]
    title = first.title if len(contents) == 1 else f"物业服务信息公示栏（{len(contents)}张）"
    issuers = {c.issuer for c in contents}
    with replacing(Path(out)) as temporary:
        canvas = Canvas(str(temporary), pagesize=(PAGE_WIDTH * scale, PAGE_HEIGHT * scale))
        canvas.setTitle(title)
        canvas.setSubject(fonts.describe())
        canvas.setCreator(f"WuyeDesk {__version__}")
        if len(issuers) == 1:
            canvas.setAuthor(first.issuer)
        done, forms = 0, _Forms(panels)
        for panel in panels:
            for number in range(len(panel.pages)):
                if scale != 1.0:
                    canvas.scale(scale, scale)
                _draw_page(canvas, panel, number, forms)
                canvas.showPage()
                done += 1
                step(progress, done, total)
        canvas.save()
    return Path(out)


# -- text ---------------------------------------------------------------------------------

_widths: dict[str, dict[str, float]] = {}


def _advances(text: str, font: str, size: float) -> list[float]:
    """The advance of each character of `text` (cached per font at 1 pt)."""
    table = _widths.get(font)
    if table is None:
        table = _widths[font] = {}
    try:
        return [table[ch] * size for ch in text]
    except KeyError:  # a character not seen yet in this font (set().difference was slower)
        for ch in text:
            if ch not in table:
                table[ch] = pdfmetrics.stringWidth(ch, font, 1000) / 1000
        return [table[ch] * size for ch in text]


def _width(text: str, font: str, size: float) -> float:
    return sum(_advances(text, font, size))


@dataclass(frozen=True)
class _Line:
    text: str
    space: float  # PDF Tc: the spread that justifies the line


def _wrap(text: str, font: str, size: float, width: float, *, justify: bool = True) -> list[_Line]:
    """One paragraph (no "\\n") cut into lines no wider than `width`; all but the last
    justified, unless that would gap them by more than half a character."""
    adv = _advances(text, font, size)
    spans = break_lines(text, adv, width)
    lines = []
    for k, (start, end) in enumerate(spans):
        space = 0.0
        if justify and k < len(spans) - 1 and end - start > 1:
            room = width - sum(adv[start:end])
            if room > 0 and room / (end - start - 1) < size / 2:
                space = room / (end - start - 1)
        lines.append(_Line(text[start:end], space))
    return lines


def _balanced(text: str, font: str, size: float, width: float) -> list[_Line]:
    """Centred lines of even length (a title in two lines, not one and a stub)."""
    lines = _wrap(text, font, size, width, justify=False)
    if len(lines) < 2:
        return lines
    target = _width(text, font, size) / len(lines)
    while target < width:
        trial = _wrap(text, font, size, target, justify=False)
        if len(trial) <= len(lines):
            return trial
        target += size / 2
    return lines


def _put(
    c: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    color: Color = black,
    *,
    bold: bool = False,
    space: float = 0.0,
) -> None:
    """Draw `text` with its baseline at `y`. Tc and Tr outlive BT/ET, so both are reset.

    Written as ReportLab's text object writes it, operator for operator, but its text part
    (`_text_operators`) is made once per document for each text, font and size: the labels,
    captions and headers of a batch repeat on every panel."""
    c.setFillColor(color)
    code = ["BT", f"1 0 0 1 {fp_str(x, y)} Tm"]
    if space:
        code.append(f"{fp_str(space)} Tc")
    if bold:
        c.setStrokeColor(color)
        c.setLineWidth(size * BOLD)
        code.append("2 Tr")
    code.append(_text_operators(c, text, font, size))
    if space:
        code.append("0 Tc")
    if bold:
        code.append("0 Tr")
    code.append("ET")
    c._code.append(" ".join(code))


def _text_operators(c: Canvas, text: str, font: str, size: float) -> str:
    """`Tf` and `Tj` operators for `text` in the font's subsets, as
    `PDFTextObject._formatText` makes them for a TrueType font, cached on the canvas (subset
    numbers belong to its document)."""
    cache: dict[tuple[str, float, str], str] = c.__dict__.setdefault("_wuye_text_ops", {})
    key = (font, size, text)
    operators = cache.get(key)
    if operators is None:
        face, doc = pdfmetrics.getFont(font), c._doc
        setting = f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"  # leading: ReportLab's 1.2 em
        parts, current = [], -1
        for subset, chunk in face.splitString(text, doc):
            if subset != current:
                parts.append(f"{face.getSubsetInternalName(subset, doc)} {setting}")
                current = subset
            parts.append(f"({c._escape(chunk)}) Tj")
        operators = cache[key] = " ".join(parts)
    return operators


def _baseline(top: float, size: float, leading: float) -> float:
    """The baseline of a line `leading` high whose top is `top`: its em box centred in it."""
    return top - (leading - size) / 2 - EM_TOP * size


def _centred(c: Canvas, middle: float, y: float, text: str, font: str, size: float,
             color: Color = black, *, bold: bool = False) -> None:  # fmt: skip
    _put(c, middle - _width(text, font, size) / 2, y, text, font, size, color, bold=bold)


# -- layout -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """A piece of the flow: drawn with its top at the given y."""

    height: float
    draw: Callable[[Canvas, float], None]
    space: float = 0.0  # blank above it, dropped at the top of a page
    keep: bool = False  # no page break after this row
    repeat: _Row | None = None  # drawn first when this row opens a page (a table header)


@dataclass(frozen=True)
class _Panel:
    content: PanelContent
    fonts: FontSet
    band: float  # the title band's height, first page
    draw_band: Callable[[Canvas], None]
    footer: float  # the footer's height
    qr: QrSymbol
    pages: tuple[tuple[_Row, ...], ...]
    item_size: float


def _plan(content: PanelContent, fonts: FontSet) -> _Panel:
    """Lay a panel out: the largest item size that fits one page, else the fewest pages."""
    band, draw_band = _band(content, fonts)
    footer = _footer_height(content, fonts)
    first_room = (TOP - band - SECTION_GAP) - (BOTTOM + footer + SECTION_GAP)
    next_room = (TOP - _continued_band_height() - SECTION_GAP) - (BOTTOM + footer + SECTION_GAP)
    item_size, pages = _flow(tuple(content.hotlines), tuple(content.contacts), content.scope,
                             tuple(content.items), fonts, first_room, next_room)  # fmt: skip
    qr = qr_symbol(content.qr_text)
    return _Panel(content, fonts, band, draw_band, footer, qr, pages, item_size)


@functools.lru_cache(maxsize=64)
def _flow(
    hotlines: tuple[PanelContact, ...],
    contacts: tuple[PanelContact, ...],
    scope: str,
    items: tuple[PanelItem, ...],
    fonts: FontSet,
    first_room: float,
    next_room: float,
) -> tuple[float, tuple[tuple[_Row, ...], ...]]:
    """The item size and the pages of rows of a panel's body (everything between the title
    band and the footer). The panels of one estate's batch share their hotlines, contacts
    and items, so this is computed once for all of them, and the same row objects let
    `draw_panels` draw a body that recurs once, as a form."""
    rows_hotlines = _hotline_rows(hotlines, fonts)
    tried: list[tuple[float, list[list[_Row]]]] = []
    for item_size in ITEM_SIZES:
        rows = rows_hotlines + _contact_rows(contacts, scope, fonts, item_size)
        rows += _item_rows(items, fonts, item_size)
        pages = _paginate(rows, first_room, next_room)
        if len(pages) == 1:
            tried = [(item_size, pages)]
            break
        tried.append((item_size, pages))
    fewest = len(tried[-1][1])
    item_size, pages = next((s, p) for s, p in tried if len(p) == fewest)
    return item_size, tuple(tuple(page) for page in pages)


def _paginate(rows: list[_Row], first_room: float, room: float) -> list[list[_Row]]:
    """Place rows top to bottom; a row that does not fit opens a new page, taking along the
    rows before it that must stay with it."""
    pages: list[list[_Row]] = []
    page: list[_Row] = []
    used, cap = 0.0, first_room
    for row in rows:
        gap = row.space if page else 0.0
        if page and used + gap + row.height > cap + 0.01:
            carry: list[_Row] = []
            while len(page) > 1 and page[-1].keep:
                carry.insert(0, page.pop())
            pages.append(page)
            page, used, cap = [], 0.0, room
            lead = carry[0] if carry else row
            if lead.repeat is not None:
                page.append(lead.repeat)
                used = lead.repeat.height
            for kept in carry:
                used += (kept.space if page else 0.0) + kept.height
                page.append(kept)
            gap = row.space if page else 0.0
        page.append(row)
        used += gap + row.height
    pages.append(page)
    return pages


# -- the title band -----------------------------------------------------------------------

BAND_PAD = 3.5 * mm
BAND_INSET = 6 * mm


def _band(content: PanelContent, fonts: FontSet) -> tuple[float, Callable[[Canvas], None]]:
    hei = fonts.hei.name
    inner = WIDTH - 2 * BAND_INSET
    size = TITLE_SIZE
    natural = _width(content.title, hei, 1.0)
    if natural * size > inner:
        size = max(TITLE_MIN, inner / natural)
    titles = _balanced(content.title, hei, size, inner)
    title_leading = 1.22 * size
    parts = [f"小区：{content.estate}"]
    parts += [f"楼栋：{content.building}"] if content.building else []
    if content.company:
        parts.append(f"物业服务企业：{content.company}")
    elif content.management:
        parts.append(f"管理方式：{content.management}")
    subs: list[str] = []  # the parts side by side while they fit; a long one wraps alone
    for part in parts:
        joined = f"{subs[-1]}　　{part}" if subs else part
        if subs and _width(joined, hei, SUBTITLE_SIZE) <= inner:
            subs[-1] = joined
        else:
            subs += [ln.text for ln in _wrap(part, hei, SUBTITLE_SIZE, inner, justify=False)]
    sub_leading = 1.45 * SUBTITLE_SIZE
    height = 2 * BAND_PAD + len(titles) * title_leading + 1.5 * mm + len(subs) * sub_leading

    def draw(c: Canvas) -> None:
        c.setFillColor(BAND)
        c.rect(LEFT, TOP - height, WIDTH, height, stroke=0, fill=1)
        middle = LEFT + WIDTH / 2
        y = TOP - BAND_PAD
        for line in titles:
            _centred(c, middle, _baseline(y, size, title_leading), line.text, hei, size,
                     white, bold=True)  # fmt: skip
            y -= title_leading
        y -= 1.5 * mm
        for line in subs:
            _centred(c, middle, _baseline(y, SUBTITLE_SIZE, sub_leading), line, hei,
                     SUBTITLE_SIZE, white)  # fmt: skip
            y -= sub_leading

    return height, draw


def _continued_band_height() -> float:
    return 2 * 3 * mm + 1.25 * CONTINUED_TITLE_SIZE


def _draw_continued_band(c: Canvas, content: PanelContent, fonts: FontSet) -> None:
    height = _continued_band_height()
    c.setFillColor(BAND)
    c.rect(LEFT, TOP - height, WIDTH, height, stroke=0, fill=1)
    size = CONTINUED_TITLE_SIZE
    text = f"{content.title}（续）"
    while _width(text, fonts.hei.name, size) > WIDTH - 2 * BAND_INSET and size > 12:
        size -= 1
    _centred(c, LEFT + WIDTH / 2, _baseline(TOP - 3 * mm, size, 1.25 * CONTINUED_TITLE_SIZE),
             text, fonts.hei.name, size, white, bold=True)  # fmt: skip


# -- hotlines -----------------------------------------------------------------------------


def _caption(contact: PanelContact) -> str:
    return "　".join(part for part in (contact.role, contact.name) if part)


def _hotline_rows(hotlines: Sequence[PanelContact], fonts: FontSet) -> list[_Row]:
    """The hotlines as boxes, up to three a row: caption above, digits large below."""
    count = len(hotlines)
    per_row = count if count <= 3 else (2 if count == 4 else 3)
    return [
        _hotline_row(hotlines[start : start + per_row], per_row, fonts, 3 * mm if start else 0.0)
        for start in range(0, count, per_row)
    ]


def _hotline_row(group: Sequence[PanelContact], per_row: int, fonts: FontSet, space: float) -> _Row:
    hei = fonts.hei.name
    gap = 4 * mm
    box = (WIDTH - (per_row - 1) * gap) / per_row
    inner = box - 2 * 5 * mm
    cap_leading = 1.3 * HOTLINE_CAPTION_SIZE
    digits_leading = 1.2 * HOTLINE_SIZE
    boxes = []  # (caption lines, digit size, phone)
    for hotline in group:
        caption = _wrap(_caption(hotline), hei, HOTLINE_CAPTION_SIZE, inner, justify=False)
        natural = _width(hotline.phone, hei, 1.0) or 1.0
        size = max(HOTLINE_MIN, min(HOTLINE_SIZE, inner / natural))
        boxes.append((caption, size, hotline.phone))
    height = 6 * mm + max(len(b[0]) for b in boxes) * cap_leading + 1 * mm + digits_leading

    def draw(c: Canvas, top: float) -> None:
        for k, (caption, size, phone) in enumerate(boxes):
            x = LEFT + k * (box + gap)
            c.setFillColor(TINT)
            c.setStrokeColor(BAND)
            c.setLineWidth(1.2)
            c.rect(x, top - height, box, height, stroke=1, fill=1)
            y = top - 3 * mm
            for line in caption:
                _centred(c, x + box / 2, _baseline(y, HOTLINE_CAPTION_SIZE, cap_leading),
                         line.text, hei, HOTLINE_CAPTION_SIZE, BAND)  # fmt: skip
                y -= cap_leading
            y = top - height + 3 * mm + digits_leading
            _centred(c, x + box / 2, _baseline(y, size, digits_leading), phone, hei, size, RED,
                     bold=True)  # fmt: skip

    return _Row(height, draw, space=space)


# -- labelled blocks: contacts and items --------------------------------------------------


def _label_row(text: str, font: str, size: float, space: float) -> _Row:
    leading = 1.3 * size
    lines = _wrap(text, font, size, WIDTH - INDENT, justify=False)
    height = len(lines) * leading

    def draw(c: Canvas, top: float) -> None:
        c.setFillColor(BAND)
        c.rect(LEFT, top - height + 0.2 * size, 4.0, height - 0.4 * size, stroke=0, fill=1)
        for k, line in enumerate(lines):
            _put(c, LEFT + INDENT, _baseline(top - k * leading, size, leading), line.text,
                 font, size, bold=True)  # fmt: skip

    return _Row(height, draw, space=space, keep=True)


def _item_rows(items: Sequence[PanelItem], fonts: FontSet, size: float) -> list[_Row]:
    body, hei = fonts.body.name, fonts.hei.name
    leading = LEADING * size
    width = WIDTH - INDENT
    rows: list[_Row] = []
    for item in items:
        rows.append(_label_row(item.label, hei, size + LABEL_EXTRA, SECTION_GAP))
        paragraphs = [p.strip() for p in item.text.replace("\r", "").split("\n")]
        first = True
        for paragraph in filter(None, paragraphs):
            lines = _wrap(paragraph, body, size, width)
            for k, line in enumerate(lines):

                def draw(c: Canvas, top: float, line: _Line = line) -> None:
                    _put(c, LEFT + INDENT, _baseline(top, size, leading), line.text, body, size,
                         space=line.space)  # fmt: skip

                space = PARAGRAPH_GAP * size if k == 0 and not first else 0.0
                rows.append(_Row(leading, draw, space=space))
            first = False
    return rows


def _contact_rows(
    contacts: Sequence[PanelContact], scope: str, fonts: FontSet, size: float
) -> list[_Row]:
    """联系方式: a table of role, name and phone, its text as large as the items' (a size
    less in the header); on a building board a photo box beside it for the 项目负责人."""
    if not contacts:
        return []
    body, hei = fonts.body.name, fonts.hei.name
    photo = scope == "building" and any(MANAGER in c.role for c in contacts)
    left = LEFT + INDENT
    table = WIDTH - INDENT - (PHOTO_WIDTH + PHOTO_GAP if photo else 0.0)
    widths = (0.38 * table, 0.25 * table, 0.37 * table)
    rows = [_label_row("联系方式", hei, size + LABEL_EXTRA, SECTION_GAP)]

    def table_row(cells: Sequence[str], fonts_: Sequence[str], size: float, *,
                  head: bool) -> tuple[float, Callable[[Canvas, float], None]]:  # fmt: skip
        leading = 1.4 * size
        wrapped = [
            _wrap(text, font, size, w - 2 * CELL_PAD, justify=False) or [_Line("", 0.0)]
            for text, font, w in zip(cells, fonts_, widths, strict=True)
        ]
        height = max(len(w) for w in wrapped) * leading + 2 * CELL_PAD

        def draw(c: Canvas, top: float) -> None:
            c.setLineWidth(0.6)
            c.setStrokeColor(RULE)
            c.setFillColor(TINT)
            c.rect(left, top - height, table, height, stroke=1, fill=1 if head else 0)
            x = left
            for k, (lines, font, w) in enumerate(zip(wrapped, fonts_, widths, strict=True)):
                if k:
                    c.line(x, top, x, top - height)
                for n, line in enumerate(lines):
                    y = _baseline(top - CELL_PAD - n * leading, size, leading)
                    _put(c, x + CELL_PAD, y, line.text, font, size, bold=head)
                x += w

        return height, draw

    head_height, draw_head = table_row(("职务", "姓名", "联系电话"), (hei, hei, hei),
                                       size - 1, head=True)  # fmt: skip
    header = _Row(head_height, draw_head)
    reserved = 0.0
    if photo:
        caption_leading = 1.3 * PHOTO_CAPTION_SIZE
        reserved = PHOTO_HEIGHT + 1.5 * mm + caption_leading

        def draw_with_photo(c: Canvas, top: float) -> None:
            draw_head(c, top)
            x = RIGHT - PHOTO_WIDTH
            c.setFillColor(PHOTO_FILL)
            c.setStrokeColor(RULE)
            c.setLineWidth(0.6)
            c.rect(x, top - PHOTO_HEIGHT, PHOTO_WIDTH, PHOTO_HEIGHT, stroke=1, fill=1)
            middle = x + PHOTO_WIDTH / 2
            _centred(c, middle, top - PHOTO_HEIGHT / 2 - 0.35 * 16, "照片", hei, 16, GREY_TEXT)
            _centred(c, middle, _baseline(top - PHOTO_HEIGHT - 1.5 * mm, PHOTO_CAPTION_SIZE,
                                          caption_leading),
                     MANAGER, hei, PHOTO_CAPTION_SIZE, GREY_TEXT)  # fmt: skip

        rows.append(_Row(head_height, draw_with_photo, keep=True))
    else:
        rows.append(_Row(head_height, draw_head, keep=True))
    used = head_height
    for contact in contacts:
        height, draw = table_row((contact.role, contact.name, contact.phone), (body, body, hei),
                                 size, head=False)  # fmt: skip
        used += height
        rows.append(_Row(height, draw, keep=used < reserved, repeat=header))
    if used < reserved:
        rows.append(_Row(reserved - used, lambda c, top: None))
    return rows


# -- the footer ---------------------------------------------------------------------------


def _period(content: PanelContent) -> str:
    start = chinese_date(content.published_on)
    if content.valid_until is None:
        return f"公示期：{start}起"
    return f"公示期：{start}至{chinese_date(content.valid_until)}"


def _footer_columns() -> tuple[float, float]:
    """The text column's width, and the QR block's height (symbol, quiet zone, caption)."""
    text_width = WIDTH - QR_SIZE - QR_QUIET
    return text_width, QR_QUIET + QR_SIZE + 0.5 * QR_QUIET + 1.2 * QR_CAPTION_SIZE


def _footer_lines(content: PanelContent, fonts: FontSet) -> tuple[str, ...]:
    # 黑体 reads better than 楷体 at this size
    return _footer_text(_period(content), f"发布单位：{content.issuer}", fonts.hei.name)


@functools.lru_cache(maxsize=64)
def _footer_text(period: str, issuer: str, font: str) -> tuple[str, ...]:
    """The footer's lines: the same on every panel of a batch, so wrapped once."""
    text_width, _ = _footer_columns()
    lines: list[str] = []
    for text in (period, issuer):
        lines += [ln.text for ln in _wrap(text, font, FOOTER_SIZE, text_width, justify=False)]
    return tuple(lines)


def _footer_height(content: PanelContent, fonts: FontSet) -> float:
    _, qr_block = _footer_columns()
    count = len(_footer_lines(content, fonts)) + 1  # + the version line
    text = 3 * mm + count * LEADING * FOOTER_SIZE
    if not content.masked:
        text += 2 * mm + 1.6 * MARK_SIZE
    return max(text, qr_block)


def _draw_footer(c: Canvas, panel: _Panel, number: int) -> None:
    content, fonts = panel.content, panel.fonts
    top = BOTTOM + panel.footer
    c.setStrokeColor(BAND)
    c.setLineWidth(1.0)
    c.line(LEFT, top, RIGHT, top)
    leading = LEADING * FOOTER_SIZE
    lines = _footer_lines(content, fonts)
    version = f"版本 v{content.version}"
    if len(panel.pages) > 1:
        version += f"　第{number + 1}页／共{len(panel.pages)}页"
    y = top - 3 * mm
    for line in [*lines, version]:
        _put(c, LEFT, _baseline(y, FOOTER_SIZE, leading), line, fonts.hei.name, FOOTER_SIZE)
        y -= leading
    if not content.masked:
        width = _width(UNMASKED_MARK, fonts.hei.name, MARK_SIZE) + 2 * 2 * mm
        height = 1.6 * MARK_SIZE
        c.setStrokeColor(RED)
        c.setLineWidth(0.6)
        c.rect(LEFT, BOTTOM, width, height, stroke=1, fill=0)
        _put(c, LEFT + 2 * mm, _baseline(BOTTOM + height, MARK_SIZE, height), UNMASKED_MARK,
             fonts.hei.name, MARK_SIZE, RED)  # fmt: skip
    caption_y = BOTTOM + 0.25 * QR_CAPTION_SIZE
    qr_bottom = caption_y + 0.9 * QR_CAPTION_SIZE + 0.5 * QR_QUIET
    _draw_qr(c, panel.qr, RIGHT - QR_SIZE, qr_bottom, QR_SIZE)
    _centred(c, RIGHT - QR_SIZE / 2, caption_y, QR_CAPTION, fonts.hei.name, QR_CAPTION_SIZE,
             GREY_TEXT)  # fmt: skip


# -- a page -------------------------------------------------------------------------------


class _Forms:
    """The page bodies of a batch that recur (the same rows: one estate's building boards
    share hotlines, contacts and items), each drawn once as a form XObject and placed on
    every page that shows it. Names follow the order of first use, so the same input makes
    the same file."""

    def __init__(self, panels: Sequence[_Panel]) -> None:
        seen: dict[tuple[int, ...], int] = {}
        for panel in panels:
            for page in panel.pages:
                key = _body_key(page)
                seen[key] = seen.get(key, 0) + 1
        self.recurring = {key for key, count in seen.items() if count > 1}
        self.names: dict[tuple[int, ...], str] = {}

    def draw(self, c: Canvas, rows: Sequence[_Row], top: float) -> None:
        key = _body_key(rows)
        if key not in self.recurring:
            _draw_rows(c, rows, top)
            return
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = f"WuyeBody{len(self.names)}"
            c.beginForm(name)
            _draw_rows(c, rows, PAGE_HEIGHT)
            c.endForm()
        c.saveState()
        c.translate(0, top - PAGE_HEIGHT)
        c.doForm(name)
        c.restoreState()


def _body_key(rows: Sequence[_Row]) -> tuple[int, ...]:
    return tuple(map(id, rows))  # rows come from _flow's cache: the same rows, the same ids


def _draw_rows(c: Canvas, rows: Sequence[_Row], top: float) -> None:
    for k, row in enumerate(rows):
        if k:
            top -= row.space
        row.draw(c, top)
        top -= row.height


def _draw_page(c: Canvas, panel: _Panel, number: int, forms: _Forms) -> None:
    if number == 0:
        panel.draw_band(c)
        top = TOP - panel.band - SECTION_GAP
    else:
        _draw_continued_band(c, panel.content, panel.fonts)
        top = TOP - _continued_band_height() - SECTION_GAP
    forms.draw(c, panel.pages[number], top)
    _draw_footer(c, panel, number)


# -- the QR code --------------------------------------------------------------------------

_DARK = re.compile("1+")


def _draw_qr(c: Canvas, symbol: QrSymbol, x: float, y: float, size: float) -> None:
    """The dark modules as one filled path of horizontal runs, one unit a module.

    Written as literal `re` operators with whole numbers: ReportLab's path object formats
    every coordinate as a float, which made this a fifth of the whole page's time."""
    count = symbol.size
    ops = [
        f"{run.start()} {count - 1 - r} {run.end() - run.start()} 1 re"
        for r, row in enumerate(symbol.rows())
        for run in _DARK.finditer(row)
    ]
    c.saveState()
    c.translate(x, y)
    c.scale(size / count, size / count)
    c.setFillColor(black)
    c.addLiteral(" ".join(ops) + " f")
    c.restoreState()
