"""The one way the program writes a workbook: every data cell stays text, never a formula.

An office's or a company's name comes from data, and data travels between offices: a name
typed `=HYPERLINK("http://…","点此")` or `@SUM(…)` must not become a live formula in a
workbook someone opens (CSV/formula injection, OWASP). The program writes no formulas of its
own, so `save_workbook` turns any cell openpyxl took for a formula back into text, and every
text starting with `=`, `+`, `-` or `@` is marked with Excel's quote prefix, so that Excel
and WPS keep it as text even when the cell is edited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from reports.xlsx.style import replacing

FORMULA_STARTS = ("=", "+", "-", "@")


def is_formula_like(value: Any) -> bool:
    """A text a spreadsheet would read as the start of a formula."""
    return isinstance(value, str) and value.lstrip().startswith(FORMULA_STARTS)


def text_cell(ws: Any, value: str) -> WriteOnlyCell:
    """A write-only sheet's cell holding `value` as plain text, whatever it starts with."""
    cell = WriteOnlyCell(ws, value)
    _as_text(cell)
    return cell


def safe_value(ws: Any, value: Any) -> Any:
    """`value` as a write-only sheet should receive it: formula-like text wrapped as text."""
    return text_cell(ws, value) if is_formula_like(value) else value


def keep_text(cell: Any) -> Any:
    """`cell` (already styled) with formula-like text kept as text; returned for chaining."""
    if is_formula_like(cell.value):
        _as_text(cell)
    return cell


def save_workbook(book: Workbook, out: Path | str) -> Path:
    """Save `book` to `out` atomically, with no formula in any cell (see the module text).

    Write-only sheets cannot be read back: their writers pass cells through `safe_value`.
    """
    for ws in book.worksheets:
        if getattr(ws, "_writer", None) is not None or not hasattr(ws, "iter_rows"):
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_formula_like(cell.value):
                    _as_text(cell)
    with replacing(Path(out)) as temporary:
        book.save(temporary)
    return Path(out)


def _as_text(cell: Any) -> None:
    cell.data_type = "s"
    cell.quotePrefix = True
