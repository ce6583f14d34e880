"""Export a window's list to Excel as offices hand ledgers on: titled, typed, any length.

Rows stream page by page through the listing's keyset query into a write-only workbook, so an
export of 100,000 estates holds one page in memory, not the table (PLATFORM.md: 27 MiB).
Numbers and dates stay numbers and dates, so the receiving office can sum and filter them;
codes read as their Chinese labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from app.progress import NoProgress, Progress, step
from app.services.companies import COMPANIES
from app.services.ledger_exports import (
    COMMITTEE_ROSTER,
    CROSS_POST_LIST,
    DUTY_LIST,
    ESTATE_LEDGER,
    NEGATIVE_LIST,
    UNIT_REGISTER,
)
from app.services.ledger_exports import headers as ledger_headers
from app.services.listing import Column, Listing, ListQuery, ListRow
from app.services.offices import current_office
from reports.xlsx.style import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    HUNDREDTHS_FORMAT,
    PERCENT_FORMAT,
    TITLE_ALIGNMENT,
    TITLE_FONT,
    TITLE_HEIGHT,
    clean_text,
    fit_width,
    print_landscape,
    replacing,
    style_header,
)
from reports.xlsx.writer import keep_text, safe_value

PAGE_SIZE = 500
WIDTH_SAMPLE = 200  # rows looked at to size columns: enough to be typical, few to hold
HEADER_ROW = 3


@dataclass(frozen=True)
class ExportKind:
    title: str
    listing: Listing
    headers: tuple[str, ...]  # the window's column titles, in its order (wuyedesk_zh_CN.ts)


EXPORT_KINDS: dict[str, ExportKind] = {
    # Estates and committees in the import template's shape (every column, the roster one
    # row per member), so an exported ledger imports again unchanged.
    "estate": ExportKind("小区台账", ESTATE_LEDGER, ledger_headers("estate")),
    "company": ExportKind(
        "物业服务企业台账",
        COMPANIES,
        (
            "物业企业",
            "统一社会信用代码",
            "法定代表人",
            "联系人",
            "联系电话",
            "党组织",
            "市场状态",
        ),
    ),
    "committee": ExportKind("业主委员会成员名册", COMMITTEE_ROSTER, ledger_headers("committee")),
    "duty": ExportKind("业主委员会履职清单", DUTY_LIST, ledger_headers("duty")),
    "negative": ExportKind("业主委员会负面清单", NEGATIVE_LIST, ledger_headers("negative")),
    "unit": ExportKind("房屋与业主名册", UNIT_REGISTER, ledger_headers("unit")),
    "cross_post": ExportKind("交叉任职台账", CROSS_POST_LIST, ledger_headers("cross_post")),
}


def export_kind(
    session: Session,
    kind_name: str,
    out: Path,
    *,
    now: datetime,
    query: ListQuery | None = None,
    office: str | None = None,
    progress: Progress | None = None,
    page_size: int = PAGE_SIZE,
    unmasked: bool = False,
) -> int:
    """Export one of the window's lists as it is shown (search, filters, sort); rows written.
    `unmasked`: personal columns in clear, once the caller has the administrator's audited
    consent (app/services/export_consent.py)."""
    if kind_name not in EXPORT_KINDS:
        raise KeyError(f"不能导出的台账类型：{kind_name}（可用：{'、'.join(EXPORT_KINDS)}）")
    kind = EXPORT_KINDS[kind_name]
    return export_listing(
        session,
        kind.listing,
        query or ListQuery(),
        list(kind.headers),
        out,
        title=kind.title,
        office=current_office(session).name if office is None else office,
        now=now,
        progress=progress or NoProgress(),
        page_size=page_size,
        unmasked=unmasked,
    )


def export_listing(
    session: Session,
    listing: Listing,
    query: ListQuery,
    headers: list[str],
    out: Path,
    *,
    title: str,
    office: str,
    now: datetime,
    progress: Progress = NoProgress(),  # noqa: B008  stateless, safe to share
    page_size: int = PAGE_SIZE,
    unmasked: bool = False,
) -> int:
    """Write every row the query matches to `out` (.xlsx); returns the number of rows written.

    Raises `Cancelled` when the user stops it; `out` is then left as it was before.
    """
    columns = [
        replace(c, display=_as_stored) if unmasked and c.personal else c for c in listing.columns
    ]
    if len(headers) != len(columns):
        raise ValueError(f"{len(headers)} headers for {len(columns)} columns")
    total = listing.count(session, query)
    rows = _rows(session, listing, query, page_size, progress, total)
    sample = list(islice(rows, WIDTH_SAMPLE))

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    try:
        with replacing(out) as temporary:
            last = get_column_letter(len(columns))
            for index, (header, column) in enumerate(zip(headers, columns, strict=True), 1):
                shown = (column.display(r.values[index - 1]) for r in sample)
                width = fit_width([header, *shown], maximum=50)
                ws.column_dimensions[get_column_letter(index)].width = width
            ws.freeze_panes = f"A{HEADER_ROW + 1}"  # like the columns, before the first row
            print_landscape(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
            ws.print_options.gridLines = True  # data cells carry no borders: cheaper per cell
            ws.row_dimensions[1].height = TITLE_HEIGHT
            ws.merged_cells.add(f"A1:{last}1")
            heading = _cell(ws, f"{office}{title}", font=TITLE_FONT, alignment=TITLE_ALIGNMENT)
            ws.append([keep_text(heading)])
            ws.append([safe_value(ws, _exported_line(now, total, query))])
            ws.append([style_header(WriteOnlyCell(ws, h)) for h in headers])
            written = 0
            for row in chain(sample, rows):
                ws.append([_value(ws, c, v) for c, v in zip(columns, row.values, strict=True)])
                written += 1
            ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + written}"
            wb.save(temporary)
    except BaseException:
        _discard(wb)
        raise
    return written


def _as_stored(value: Any) -> str:
    return "" if value is None else str(value)


def _rows(
    session: Session,
    listing: Listing,
    query: ListQuery,
    page_size: int,
    progress: Progress,
    total: int,
) -> Iterator[ListRow]:
    """Every matching row, one keyset page at a time; reports (and may stop) after each page."""
    after: ListRow | None = None
    done = 0
    while True:
        page = listing.page(session, query, after, page_size)
        done += len(page)
        step(progress, done, max(total, done))
        yield from page
        if len(page) < page_size:
            return
        after = page[-1]


def _exported_line(now: datetime, total: int, query: ListQuery) -> str:
    line = f"导出时间：{now:%Y-%m-%d %H:%M}　共 {total} 条"
    if query.text.strip():
        line += f"　检索：{query.text.strip()}"
    if any(value not in (None, "") for _, value in query.filters):
        line += "　（已筛选）"
    return line


def _is_hundredths(key: str) -> bool:
    """Areas (0.01 m²) and fees (分) are stored as integer hundredths (app/rules/units.py)."""
    return "area" in key or "fee" in key


def _value(ws: Any, column: Column, raw: Any) -> Any:
    """The cell for one stored value: typed by the value itself, labelled by the column.

    Numbers and dates keep their type (raw value); text and codes go through the column's
    `display` (codes to Chinese labels). Booleans read 是/否 rather than TRUE/FALSE.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, int) and _is_hundredths(column.key):
        return _cell(ws, round(raw / 100, 2), number_format=HUNDREDTHS_FORMAT)
    if isinstance(raw, float) and column.key.endswith("_share"):  # percent 0–100 in the list
        return _cell(ws, raw / 100, number_format=PERCENT_FORMAT)
    if isinstance(raw, int | float):
        return raw
    if isinstance(raw, Decimal):
        return float(raw)
    if isinstance(raw, datetime):
        return _cell(ws, raw, number_format=DATETIME_FORMAT)
    if isinstance(raw, date):
        return _cell(ws, raw, number_format=DATE_FORMAT)
    text = clean_text(column.display(raw) or str(raw))  # an unknown code shows as stored
    return safe_value(ws, text)  # text, never a formula (reports/xlsx/writer.py)


def _cell(ws: Any, value: Any, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _discard(wb: Workbook) -> None:
    """Remove the rows a write-only sheet has streamed to its own temp file so far.

    openpyxl deletes them only at save or at interpreter exit; in a window open all day each
    cancelled export would otherwise leave its rows in the temp folder.
    """
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or ws.closed:
            continue
        # The export's own error is already on its way up; a second one from closing a sheet
        # that broke mid-row would only hide it.
        with suppress(Exception):
            ws.close()
        Path(writer.out).unlink(missing_ok=True)
