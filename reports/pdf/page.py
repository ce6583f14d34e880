"""The GB/T 9704-2012 page: A4, a 156 × 225 mm type block, 22 lines of 28 characters.

Text is set on the standard's grid by `GridText`, a platypus flowable of our own: each line
is a cell `LEADING` high, each Chinese character a cell `PITCH` wide (16 pt glyphs with
−0.21 pt tracking, so 28 fit in 156 mm), lines are broken by `linebreak.break_lines` (no
line starts with `，`) and justified. Every flowable on a page is a whole number of lines
high, so body lines stay on the grid and a full page holds exactly 22 of them.

ReportLab's `Paragraph` was not used for the body: at 16 pt its CJK wrap fits 27 characters
in 156 mm, not 28, and it breaks before `，` (see `linebreak`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate

from reports.pdf.linebreak import break_lines

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm  # 天头
LEFT_MARGIN = 28 * mm  # 订口
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
BLOCK_LEFT = LEFT_MARGIN
BLOCK_RIGHT = BLOCK_LEFT + BLOCK_WIDTH
BLOCK_TOP = PAGE_HEIGHT - TOP_MARGIN
BLOCK_BOTTOM = BLOCK_TOP - BLOCK_HEIGHT  # 35 mm above the paper's edge

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
NUMBER_SIZE = 14  # 四号, page numbers
PITCH = BLOCK_WIDTH / CHARS_PER_LINE  # 15.79 pt: one character cell of the body grid
LEADING = BLOCK_HEIGHT / LINES_PER_PAGE  # 28.99 pt: one line of the grid
EM_TOP, EM_BOTTOM = 0.88, -0.12  # the ideographic em box around the baseline, in em
RED = Color(0.902, 0.0, 0.071)  # the red of 发文机关标志 and its rule
PAGE_NUMBER_DROP = 7 * mm  # the page number's dashes sit this far below the block


_widths: dict[str, dict[str, float]] = {}
_cells: dict[tuple[str, float, float], dict[str, float]] = {}


def advance(ch: str, font: str) -> float:
    """Width of `ch` in `font` at 1 pt (cached: a notice measures the same few hundred)."""
    table = _widths.setdefault(font, {})
    width = table.get(ch)
    if width is None:
        width = table[ch] = pdfmetrics.stringWidth(ch, font, 1000) / 1000
    return width


def cells(text: str, font: str, size: float, track: float) -> list[float]:
    """The grid cell of each character of `text`: its width at `size` plus `track`."""
    table = _cells.setdefault((font, size, track), {})
    for ch in set(text).difference(table):
        table[ch] = advance(ch, font) * size + track
    return list(map(table.__getitem__, text))


@dataclass(frozen=True)
class Run:
    """Text in one font: paragraphs are made of runs (a 黑体 heading, then 仿宋 text)."""

    text: str
    font: str


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    x: float  # left edge, from the flowable's left
    char_space: float  # PDF Tc: tracking plus the justification spread


class GridText(Flowable):
    """Lines of text on the grid; splits between lines across pages.

    `align`: "justify" (the last line flush left), "left", "center" or "right".
    `indent` / `hang`: first-line and later-line indents in points; `right` keeps lines that
    far from the right edge. `pitch` is the cell width of a Chinese character, so tracking is
    `pitch - size`; `balance` evens out the lines of a centred title (GB/T 9704: 排列对称).
    """

    def __init__(
        self,
        runs: Sequence[Run],
        *,
        size: float = BODY_SIZE,
        pitch: float = PITCH,
        leading: float = LEADING,
        align: str = "justify",
        indent: float = 0.0,
        hang: float = 0.0,
        right: float = 0.0,
        color: Color = black,
        balance: bool = False,
    ) -> None:
        super().__init__()
        self.runs = tuple(r for r in runs if r.text)
        self.text = "".join(r.text for r in self.runs)
        self.size, self.pitch, self.leading = size, pitch, leading
        self.align, self.indent, self.hang, self.right = align, indent, hang, right
        self.color, self.balance = color, balance
        self._lines: list[_Line] | None = None
        self._laid_for: float | None = None
        self._continued = False  # a tail after a page break: its first line is not indented

    # -- layout ---------------------------------------------------------------------------
    def _layout(self, width: float) -> list[_Line]:
        if self._lines is not None and self._laid_for == width:
            return self._lines
        track = self.pitch - self.size
        adv = [cell for run in self.runs for cell in cells(run.text, run.font, self.size, track)]
        first = width - self.right - (self.hang if self._continued else self.indent)
        rest = width - self.right - self.hang
        spans = break_lines(self.text, adv, rest, first_width=first)
        if self.balance and len(spans) > 1:
            spans = self._balanced(adv, rest, len(spans))
        lines = []
        for k, (start, end) in enumerate(spans):
            natural = sum(adv[start:end])  # in grid cells; a glyph may overhang its cell
            left = self.hang if k or self._continued else self.indent
            room = (first if k == 0 else rest) - natural
            char_space = track
            if self.align == "center":
                x = left + room / 2
            elif self.align == "right":
                x = left + room
            else:
                x = left
                last = k == len(spans) - 1
                if self.align == "justify" and not last and end - start > 1 and room > 0:
                    char_space += room / (end - start - 1)
            lines.append(_Line(start, end, x, char_space))
        self._lines, self._laid_for = lines, width
        return lines

    def _balanced(self, adv: list[float], width: float, count: int) -> list[tuple[int, int]]:
        target = sum(adv) / count
        while target < width:
            spans = break_lines(self.text, adv, target)
            if len(spans) <= count:
                return spans
            target += self.size / 2
        return break_lines(self.text, adv, width)

    # -- platypus -------------------------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._layout(availWidth)) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        fit = int((availHeight + 1e-6) // self.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        head = GridText.__new__(GridText)
        head.__dict__.update(self.__dict__)
        head._lines = lines[:fit]
        tail = GridText.__new__(GridText)
        tail.__dict__.update(self.__dict__)
        tail.runs = _runs_from(self.runs, lines[fit].start)
        tail.text = self.text[lines[fit].start :]
        tail._continued, tail._lines, tail._laid_for = True, None, None
        return [head, tail]

    def draw(self) -> None:
        lines = self._layout(self.width)
        runs, at = [], 0  # (start, end, font) of each run
        for run in self.runs:
            runs.append((at, at + len(run.text), run.font))
            at += len(run.text)
        text = self.canv.beginText()
        text.setFillColor(self.color)
        drop = (self.leading - self.size) / 2 + EM_TOP * self.size
        current = None
        for k, line in enumerate(lines):
            text.setTextOrigin(line.x, self.height - k * self.leading - drop)
            text.setCharSpace(line.char_space)
            for start, end, font in runs:  # one Tj per run on the line
                if start < line.end and end > line.start:
                    if font != current:
                        text.setFont(font, self.size)
                        current = font
                    text.textOut(self.text[max(start, line.start) : min(end, line.end)])
        self.canv.drawText(text)


def _runs_from(runs: Sequence[Run], start: int) -> tuple[Run, ...]:
    """The runs from character `start` on."""
    out: list[Run] = []
    for run in runs:
        if start >= len(run.text):
            start -= len(run.text)
            continue
        out.append(Run(run.text[start:], run.font))
        start = 0
    return tuple(out)


class GridSpace(Flowable):
    """Blank lines of the grid (空一行, 空二行); dropped when they fall at a page's foot."""

    _ZEROSIZE = True  # ReportLab asks it to split even when the frame is exactly full

    def __init__(self, lines: int = 1) -> None:
        super().__init__()
        self.lines = lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, self.lines * LEADING

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [GridSpace(0)] if self.lines else []  # not carried to the next page

    def draw(self) -> None:
        pass


class RedHeader(Flowable):
    """发文机关标志 (red, centred, top edge 35 mm below the block top), the 发文字号 two lines
    below it, and the red rule the block's width 4 mm under the number; its height is
    rounded up to whole grid lines so the title below stays on the grid."""

    def __init__(self, office: str, number: str | None, *, title_font: str, body_font: str) -> None:
        super().__init__()
        self.office, self.number = office, number
        self.title_font, self.body_font = title_font, body_font
        natural = sum(advance(ch, title_font) for ch in office)  # width at 1 pt
        self.size = 42.0  # 初号, narrowed (not shrunk) when the name is long
        self.scale = min(1.0, 0.96 * BLOCK_WIDTH / (natural * self.size))
        if self.scale < 0.6:
            self.size *= self.scale / 0.6
            self.scale = 0.6
        self.office_width = natural * self.size * self.scale
        self.office_top = 35 * mm
        self.office_baseline = self.office_top + EM_TOP * self.size  # depths below the top
        office_bottom = self.office_baseline - EM_BOTTOM * self.size
        number_cell = office_bottom + 2 * LEADING
        self.number_baseline = number_cell + (LEADING - BODY_SIZE) / 2 + EM_TOP * BODY_SIZE
        self.rule_depth = self.number_baseline - EM_BOTTOM * BODY_SIZE + 4 * mm
        self.rule_width = 0.5 * mm
        self.depth = math.ceil((self.rule_depth + self.rule_width / 2) / LEADING) * LEADING

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.depth

    def draw(self) -> None:
        c = self.canv
        top = self.depth
        text = c.beginText()
        text.setFillColor(RED)
        text.setFont(self.title_font, self.size)
        text.setHorizScale(self.scale * 100)
        text.setTextOrigin((self.width - self.office_width) / 2, top - self.office_baseline)
        text.textOut(self.office)
        c.drawText(text)
        if self.number:
            width = sum(advance(ch, self.body_font) for ch in self.number) * BODY_SIZE
            c.setFillColor(black)
            c.setFont(self.body_font, BODY_SIZE)
            c.drawString((self.width - width) / 2, top - self.number_baseline, self.number)
        c.setStrokeColor(RED)
        c.setLineWidth(self.rule_width)
        c.line(0, top - self.rule_depth, self.width, top - self.rule_depth)


class Closing(Flowable):
    """Signature over the date (GB/T 9704 7.3.5.1, with a seal): two blank lines after the
    text, the date ending four characters from the right, the signature centred over the
    date (kept two characters from the right when it is longer).

    `lead`, the last paragraph before it, travels with it: when the page is nearly full the
    blank lines shrink to one, and when even that fails the paragraph's last lines move to the next
    page together with the signature, so no page holds only a signature and a date.
    """

    def __init__(
        self, signature: str, when: str, *, font: str, lead: GridText | None = None, blank: int = 2
    ) -> None:
        super().__init__()
        self.signature, self.when, self.font, self.lead = signature, when, font, lead
        self.blank = blank
        self.lines = blank + (2 if signature else 1)

    def _width(self, text: str) -> float:
        return sum(advance(ch, self.font) * BODY_SIZE + PITCH - BODY_SIZE for ch in text)

    def _lead_height(self, availWidth: float) -> float:
        return self.lead.wrap(availWidth, 0)[1] if self.lead is not None else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self._lead_height(availWidth) + self.lines * LEADING
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = int((availHeight + 1e-6) // LEADING)
        lead_lines = round(self._lead_height(availWidth) / LEADING)
        own = self.lines - self.blank
        if lead_lines + own + 1 <= room:  # fits with one blank line: room for the seal still
            return [self._with(self.lead, room - lead_lines - own)]
        if self.lead is None or lead_lines < 2:
            return []  # all of it to the next page
        head, tail = self.lead.split(availWidth, min(room, lead_lines - 1) * LEADING) or [
            None,
            None,
        ]
        if head is None or tail is None:
            return []
        return [head, self._with(tail, self.blank)]

    def _with(self, lead: GridText | None, blank: int) -> Closing:
        return Closing(self.signature, self.when, font=self.font, lead=lead, blank=min(blank, 2))

    def draw(self) -> None:
        own = self.lines * LEADING
        if self.lead is not None:
            self.lead.drawOn(self.canv, 0, own)
        drop = (LEADING - BODY_SIZE) / 2 + EM_TOP * BODY_SIZE
        date_width = self._width(self.when)
        date_x = self.width - 4 * PITCH - date_width
        rows = [(date_x, self.when)]
        if self.signature:
            sign_width = self._width(self.signature)
            sign_x = date_x + (date_width - sign_width) / 2
            sign_x = max(0.0, min(sign_x, self.width - 2 * PITCH - sign_width))
            rows.insert(0, (sign_x, self.signature))
        text = self.canv.beginText()
        text.setFont(self.font, BODY_SIZE)
        text.setCharSpace(PITCH - BODY_SIZE)
        for k, (x, line) in enumerate(rows):
            text.setTextOrigin(x, own - (k + self.blank) * LEADING - drop)
            text.textOut(line)
        self.canv.drawText(text)


def page_number_drawer(font: str) -> Callable[[Canvas, object], None]:
    """Draw "— n —" in 四号 宋体: odd pages one character in from the right, even pages one in
    from the left; the dashes 7 mm below the block."""

    def draw(canvas: Canvas, doc: object) -> None:
        n = canvas.getPageNumber()
        label = f"— {n} —"
        width = pdfmetrics.stringWidth(label, font, NUMBER_SIZE)
        x = BLOCK_RIGHT - NUMBER_SIZE - width if n % 2 else BLOCK_LEFT + NUMBER_SIZE
        middle = (EM_TOP + EM_BOTTOM) / 2 * NUMBER_SIZE  # a dash sits mid-em
        canvas.saveState()
        canvas.setFont(font, NUMBER_SIZE)
        canvas.drawString(x, BLOCK_BOTTOM - PAGE_NUMBER_DROP - middle, label)
        canvas.restoreState()

    return draw


def official_page(number_font: str) -> PageTemplate:
    """One page template: the type block as the only frame, page numbers on every page."""
    block = Frame(
        BLOCK_LEFT, BLOCK_BOTTOM, BLOCK_WIDTH, BLOCK_HEIGHT,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="block",
    )  # fmt: skip
    return PageTemplate("official", frames=[block], onPage=page_number_drawer(number_font))
