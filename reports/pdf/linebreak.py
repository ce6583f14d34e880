"""Chinese line breaking with the 禁则 (kinsoku) rules, on a character grid.

A line never starts with a closing mark (，。、；：？！）」』》〉】〕” …) and never ends with an
opening mark (（「『《〈【〔“ …); "——" and "……" stay whole, and a run of Latin letters and
digits (2026, 10:30, ABC) is not cut.

ReportLab's own CJK wrapping (`cjkFragSplit`) knows the ASCII and a few full-width closing
marks but not `，；：？！`, and it can only hang one mark into the margin, so a line can start
with `，`. Here the break moves instead (推出): when the next line would begin with a closing
mark, characters move down from the end of this line until the break is allowed, and the
shortened line is then justified by spreading the spare width over its gaps. Hanging the
mark (标点悬挂) was refused because GB/T 9704 puts every character inside the 156 mm block;
squeezing (标点挤压) was refused because it needs per-glyph positions and font-specific
knowledge of where a mark's blank half is. Pushing down costs at most a few tenths of a point
per gap, which the eye does not see at 16 pt.

Pure Python, no ReportLab: the breaker sees only characters and their advances.
"""

from __future__ import annotations

from collections.abc import Sequence

# Marks that may not begin a line: closing brackets and quotes, sentence and clause
# punctuation (full and half width), the iteration mark, small kana, and the like.
CANNOT_START = frozenset(
    "，。、；：？！）」』》〉】〕〗〙］｝”’．·・%‰°℃"
    "!),.:;?]}ヽヾゝゞ々〻ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)  # fmt: skip
# Marks that may not end a line: opening brackets and quotes, and prefixes like ￥.
CANNOT_END = frozenset("（「『《〈【〔〖〘［｛“‘([{￥＄$£#№")
# "——" and "……" may start a line (GB/T 15834) but are never cut in half.
UNBREAKABLE_PAIRS = frozenset("—…")
_FUZZ = 1e-6


def _is_word_char(ch: str) -> bool:
    """ASCII letters, digits and the marks inside numbers: a run of these is not cut."""
    return ch.isascii() and (ch.isalnum() or ch in ".:/-_%@+'")


def can_break(text: str, at: int) -> bool:
    """Whether a line may end before `text[at]` (0 < at < len(text))."""
    before, after = text[at - 1], text[at]
    if after == " ":
        return True
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before == after and before in UNBREAKABLE_PAIRS:
        return False
    return not (_is_word_char(before) and _is_word_char(after))


def break_lines(
    text: str,
    advances: Sequence[float],
    width: float,
    *,
    first_width: float | None = None,
) -> list[tuple[int, int]]:
    """Cut `text` into lines no wider than `width`; return (start, end) index pairs.

    `advances[i]` is the cell `text[i]` takes on the grid (its width plus tracking), so 28
    cells of 15.79 pt fill a 442.2 pt line exactly. `first_width` is the first line's width
    (smaller when indented).
    A line that cannot be cut by the rules anywhere (a very long number, say) is cut where
    it is full, so every line has at least one character.
    """
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    limit = width if first_width is None else first_width
    while start < n:
        if lines:  # a continued line does not begin with a space
            while start < n and text[start] == " ":
                start += 1
            if start == n:
                break
        used = 0.0
        end = start
        while end < n and used + advances[end] <= limit + _FUZZ:
            used += advances[end]
            end += 1
        if end == start:  # one character wider than the line: it goes on a line alone
            end += 1
        if end < n:
            at = end
            while at > start and not can_break(text, at):
                at -= 1
            if at > start:
                end = at
        stop = end
        while stop > start + 1 and text[stop - 1] == " ":
            stop -= 1  # trailing spaces take no room on the page
        lines.append((start, stop))
        start = end
        limit = width
    return lines
