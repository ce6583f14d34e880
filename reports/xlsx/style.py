"""What every workbook WuyeDesk writes shares: cell styles, column widths, print setup, safe saving.

Exports, templates and summaries travel between offices side by side; one look (and one way of
never leaving a half-written file behind) keeps them recognisably the same program's output.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from app.errors import InputError
from app.os_errors import os_reason

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HUNDREDTHS_FORMAT = "0.00"
PERCENT_FORMAT = "0.0%"
TEXT_FORMAT = "@"  # keeps credit codes, phone numbers and leading zeros as typed

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="C00000")
EXAMPLE_FONT = Font(italic=True, color="808080")
NOTE_FONT = Font(size=9, color="595959")
TOTAL_FONT = Font(bold=True)
BELOW_TARGET_FONT = Font(bold=True, color="C00000")

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
BELOW_TARGET_FILL = PatternFill("solid", fgColor="FCE4D6")

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
TITLE_ALIGNMENT = Alignment(horizontal="center", vertical="center")

TITLE_HEIGHT = 28.0  # points: a 14 pt title with air above and below
LINE_HEIGHT = 15.0  # points per wrapped line of 11 pt text (CJK glyphs run a little taller)
PAPER_A4 = 9  # the OOXML paper-size code
MAX_WIDTH = 60  # a wider column is harder to read than a wrapped one

# openpyxl refuses these control characters (IllegalCharacterError); pasted text carries them.
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def text_width(text: str) -> int:
    """Width in Excel's character units: a Chinese character takes the room of two digits."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_width(texts: Iterable[str], *, minimum: int = 6, maximum: int = MAX_WIDTH) -> float:
    """A column width that shows the widest text (longest line of it) with a little margin."""
    widest = max((text_width(line) for t in texts for line in t.splitlines()), default=0)
    return float(min(max(widest + 2, minimum), maximum))


def line_count(text: str, width: float) -> int:
    """Lines `text` wraps to in a column `width` units wide (Excel never tells; we estimate)."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))


def clean_text(value: str) -> str:
    """Text a cell can hold: control characters dropped, rather than failing the whole file."""
    return _ILLEGAL.sub("", value)


def style_header(cell: Any, *, font: Font = HEADER_FONT) -> Any:
    """The header look shared by every sheet; works on normal and write-only cells."""
    cell.font = font
    cell.fill = HEADER_FILL
    cell.border = BORDER
    cell.alignment = CENTER
    return cell


def print_landscape(ws: Any, *, title_rows: str | None = None) -> None:
    """A4 landscape, all columns on one page wide; header rows repeat on every printed page."""
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary path beside `out`, moved onto `out` only when the block completes.

    A cancelled or failed write then leaves neither a half file nor a damaged earlier copy,
    and the rename stays on one disk, so it is atomic.
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法写入 {out}：{os_reason(exc)}") from exc
    # Named, not mkstemp(): the writer creates it, so it gets the user's usual permissions
    # (mkstemp's 0600 would follow the file through the rename).
    temporary = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.part")
    try:
        try:
            yield temporary
        except OSError as exc:  # a full disk, a read-only folder
            raise InputError(f"无法写入 {out}：{os_reason(exc)}") from exc
        try:
            os.replace(temporary, out)
        except PermissionError as exc:  # Windows: the old file is open in Excel or WPS
            raise InputError(f"无法写入 {out.name}：文件可能正在被打开，请关闭后重试") from exc
        except OSError as exc:
            raise InputError(f"无法写入 {out}：{os_reason(exc)}") from exc
    finally:
        temporary.unlink(missing_ok=True)
