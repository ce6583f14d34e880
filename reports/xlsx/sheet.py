"""Find a ledger's header row and stream its rows, as offices actually lay sheets out.

Real ledgers start with a merged title ("XX社区小区台账（2024年）") and "填报单位：" lines, write
headers over two lines or two rows, mark required columns with "*" or "（必填）", order columns
as they please, add their own (序号, 备注), and end with a 合计 row and "填表人：" lines. This
module maps what it recognises to the fields of `app/ledger_columns.py` and reports the rest;
what to refuse is the importer's decision.

Supported header layouts: one header row anywhere in the first `SCAN_ROWS` rows; or two rows,
a group row (配套设施, merged across) above a sub-header row, where a column blank in the
lower row takes the upper row's text (vertically merged single-level headers arrive that way).
Deeper nesting is not supported.

Everything streams (`iter_rows(values_only=True)` on a read-only sheet): memory does not grow
with the number of rows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from app.errors import WuyeError
from app.ledger_columns import ColumnSpec, LedgerKind
from app.os_errors import os_reason
from reports.xlsx.values import CellError, fold_width, is_blank, parse_cell

SCAN_ROWS = 20
MIN_MATCHED = 2  # one matching cell is a coincidence (a title, a note); two make a header


_REQUIRED_MARKS = re.compile(
    r"^[*★]+|[*★]+$|\((?:必填|必填项|选填|可选|非必填)\)|\[(?:必填|选填)\]"
)
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_TOTAL_WORDS = frozenset({"合计", "总计", "小计", "共计"})
_FOOTER_PREFIXES = (
    "注:",
    "说明:",
    "备注:",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "填表日期",
    "填报日期",
    "制表日期",
)
_UNIT_LABELS = ("填报单位", "填表单位", "报送单位", "上报单位", "单位名称", "单位")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and .xlsx protected by a password to open
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .xlsb, .ods


class SheetError(WuyeError):
    """The file or sheet cannot be read at all; the message says what the user can do."""


@dataclass(frozen=True)
class HeaderMatch:
    """Where the header is and what it maps; `columns` is in sheet order, left to right."""

    row: int  # 1-based sheet row of the header (the lower row of a two-row header)
    columns: dict[str, int]  # field -> 0-based column index
    unknown: list[str]  # header texts not recognised (序号, 备注, …), as written
    missing_required: list[str]  # canonical headers of required fields not found
    duplicates: list[str] = field(default_factory=list)  # headers matched twice, see _match


@dataclass(frozen=True)
class SheetRow:
    """One data row. `cells` holds only fields whose column the sheet has, so a re-import of
    a sheet without some column never blanks that field; `raw` follows `HeaderMatch.columns`."""

    number: int  # 1-based sheet row
    raw: tuple[object, ...]
    cells: dict[str, object]
    errors: list[tuple[str, str]]  # (field, reason in Chinese); every one, not just the first

    @property
    def ok(self) -> bool:
        return not self.errors


def open_workbook(path: Path | str) -> Book:
    """Open any ledger an office sends: .xlsx, .xlsm, .xls, .xlsb, .ods (read by calamine,
    a Rust reader, ten times faster than openpyxl) or a CSV in UTF-8 or GBK/GB18030. The type
    is decided by the content, never by the name: WPS and mail clients rename files freely.
    The caller closes the book."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            magic = file.read(8)
    except FileNotFoundError:
        raise SheetError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise SheetError(f"无法打开文件：{path.name}（{os_reason(exc)}）") from exc
    if magic.startswith(_ZIP_MAGIC):
        return _open_calamine(path, _zip_format(path))
    if magic.startswith(_OLE_MAGIC):
        return _open_calamine(path, "xls")
    return _open_csv(path)


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise SheetError(_unreadable(path)) from exc
    if "xl/workbook.xml" in names:
        return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "content.xml" in names and b"opendocument.spreadsheet" in mimetype:
        return "ods"
    raise SheetError(_unreadable(path))


def _open_calamine(path: Path, fmt: str) -> Book:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        if path.suffix.lower() == f".{fmt}":  # read from the file as it is needed
            book = CalamineWorkbook.from_path(str(path))
        else:  # calamine goes by a path's name; from a file object (held in memory), by content
            with path.open("rb") as file:
                book = CalamineWorkbook.from_filelike(file)
    except (CalamineError, ValueError, OSError) as exc:
        raise SheetError(_unreadable(path)) from exc
    sheets: list[BookSheet] = []
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] not in ("WorkSheet",):
                continue
            state = "visible" if str(meta.visible).endswith("Visible") else "hidden"
            sheets.append(_CalamineSheet(book, meta.name, state))
    except (CalamineError, ValueError) as exc:
        raise SheetError(_unreadable(path)) from exc
    return Book(path, fmt, sheets, book.close)


def _open_csv(path: Path) -> Book:
    """CSV exports of other systems: UTF-8 (with or without BOM) tried strictly first, since
    GB18030 decodes almost any bytes; then GB18030, which includes GBK."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SheetError(f"无法打开文件：{path.name}（{exc.strerror or exc}）") from exc
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    if text is None or "\x00" in text[:4096] or not text.strip():
        raise SheetError(_unreadable(path))
    first = text[:4096].split("\n", 1)[0]
    dialect = csv.excel_tab if first.count("\t") > first.count(",") else csv.excel
    rows = [tuple(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    name = "GBK/GB18030" if encoding == "gb18030" else "UTF-8"
    return Book(path, "csv", [_ListSheet(path.stem, rows)], lambda: None, encoding=name)


class BookSheet:
    """One sheet, read the way openpyxl's read-only sheets are (`title`, `sheet_state`,
    `max_row`, `iter_rows(min_row, max_row, values_only=True)`), whatever the file type.
    Rows are tuples from column A; blank cells may be None or ""."""

    title: str
    sheet_state: str = "visible"

    @property
    def max_row(self) -> int | None:
        raise NotImplementedError

    def iter_rows(
        self, min_row: int = 1, max_row: int | None = None, values_only: bool = True
    ) -> Iterator[tuple[object, ...]]:
        raise NotImplementedError


class _ListSheet(BookSheet):
    def __init__(self, title: str, rows: list[tuple[object, ...]]) -> None:
        self.title = title
        self._rows = rows

    @property
    def max_row(self) -> int | None:
        return len(self._rows)

    def iter_rows(
        self, min_row: int = 1, max_row: int | None = None, values_only: bool = True
    ) -> Iterator[tuple[object, ...]]:
        return iter(self._rows[min_row - 1 : max_row])


class _CalamineSheet(BookSheet):
    """Values, dates (as date/datetime) and merged regions from calamine. A cell merged down
    over several data rows (所属社区 over its estates) is read in each of them, as a person
    reading the sheet does; calamine itself leaves the lower cells blank."""

    def __init__(self, book: Any, title: str, state: str) -> None:
        self._book = book
        self.title = title
        self.sheet_state = state
        self._sheet: Any = None

    def _loaded(self) -> Any:
        if self._sheet is None:
            from python_calamine import CalamineError

            try:
                self._sheet = self._book.get_sheet_by_name(self.title)
            except (CalamineError, ValueError) as exc:
                raise SheetError(f"无法读取工作表“{self.title}”：{exc}") from exc
        return self._sheet

    @property
    def max_row(self) -> int | None:
        end = self._loaded().end
        return None if end is None else end[0] + 1

    def iter_rows(
        self, min_row: int = 1, max_row: int | None = None, values_only: bool = True
    ) -> Iterator[tuple[object, ...]]:
        sheet = self._loaded()
        start = sheet.start
        if start is None:
            return iter(())
        return self._rows(sheet, start[1], min_row, max_row)

    def _rows(
        self, sheet: Any, left: int, min_row: int, max_row: int | None
    ) -> Iterator[tuple[object, ...]]:
        pad = (None,) * left
        downs = _merged_down(sheet.merged_cell_ranges or ())
        anchors: dict[tuple[int, int], object] = {}
        for number, values in enumerate(sheet.iter_rows(), start=1):
            if max_row is not None and number > max_row:
                return
            if downs and number in downs.rows:
                values = downs.fill(number, left, values, anchors)
            if number >= min_row:
                yield pad + tuple(values) if left else tuple(values)


@dataclass
class _MergedDown:
    """Merged regions spanning rows: anchor (row, column) -> the rows below that repeat it."""

    anchors: dict[int, list[int]]  # 1-based row -> 0-based columns whose value is kept
    below: dict[int, list[tuple[int, int, int]]]  # row -> (column, anchor row, anchor column)
    rows: frozenset[int] = frozenset()

    def fill(
        self, number: int, left: int, values: list[object], kept: dict[tuple[int, int], object]
    ) -> list[object]:
        for column in self.anchors.get(number, ()):
            if 0 <= column - left < len(values):
                kept[(number, column)] = values[column - left]
        if number in self.below:
            values = list(values)
            for column, row, anchor_column in self.below[number]:
                if 0 <= column - left < len(values) and (row, anchor_column) in kept:
                    values[column - left] = kept[(row, anchor_column)]
        return values


def _merged_down(ranges: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> _MergedDown | None:
    anchors: dict[int, list[int]] = {}
    below: dict[int, list[tuple[int, int, int]]] = {}
    for (top, first), (bottom, last) in ranges:
        if bottom <= top or bottom - top > 10_000:  # one row: a title or group header
            continue
        anchors.setdefault(top + 1, []).append(first)
        for row in range(top + 2, bottom + 2):
            for column in range(first, last + 1):
                below.setdefault(row, []).append((column, top + 1, first))
    if not anchors:
        return None
    return _MergedDown(anchors, below, frozenset(anchors) | frozenset(below))


@dataclass
class Book:
    """A ledger file opened for reading: its sheets in workbook order, what it was (`format`:
    xlsx, xlsm, xlsb, xls, ods or csv) and, for a CSV, the encoding found."""

    path: Path
    format: str
    worksheets: list[BookSheet]
    _close: Callable[[], None]
    encoding: str | None = None

    def __getitem__(self, title: str) -> BookSheet:
        for sheet in self.worksheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)

    @property
    def sheetnames(self) -> list[str]:
        return [s.title for s in self.worksheets]

    def close(self) -> None:
        self._close()
        self._close = lambda: None


def pick_sheet(book: Book, kind: LedgerKind) -> BookSheet:
    """The sheet holding the ledger: a "说明" or "填表须知" sheet may come first, so every
    sheet's header is scored; the best match wins, visible sheets before hidden ones, and on
    a tie the leftmost."""
    best: tuple[tuple[bool, int], BookSheet] | None = None
    for sheet in book.worksheets:
        try:
            match = find_header(_head(sheet), kind)
        except SheetError:
            continue
        score = (sheet.sheet_state == "visible", len(match.columns))
        if best is None or score > best[0]:
            best = (score, sheet)
    if best is None:
        names = "、".join(f"“{s.title}”" for s in book.worksheets)
        raise SheetError(f"工作表{names}中都找不到表头：{_header_hint(kind)}")
    return best[1]


def pick_sheets(book: Book, kind: LedgerKind) -> list[BookSheet]:
    """Every sheet holding the kind (a street's collection has one per community), in book
    order, visible ones before hidden ones: those whose header names the kind's key columns
    (all but the community, which a sheet of one community may leave out). A summary sheet
    (社区, 户数 without 小区名称) is passed over; a community's sheet that lacks some other
    required column is kept, so the importer refuses it by name rather than skip it. When no
    sheet qualifies, the best match alone, so the importer names what it lacks."""
    found: list[tuple[bool, BookSheet]] = []
    keys = [f for f in kind.key if f != "community"]
    for sheet in book.worksheets:
        try:
            match = find_header(_head(sheet), kind)
        except SheetError:
            continue
        if all(f in match.columns for f in keys):
            found.append((sheet.sheet_state == "visible", sheet))
    if not found:
        return [pick_sheet(book, kind)]
    visible = [s for shown, s in found if shown]
    return visible or [s for _, s in found]


def title_block(rows: Sequence[Sequence[object]]) -> tuple[str, str]:
    """(填报单位 text, the other title text) of the rows above a header. "填报单位：桓谭社区"
    may be one cell or a label cell followed by the name."""
    unit: list[str] = []
    title: list[str] = []
    for values in rows:
        texts = [_squeezed(v) for v in values if isinstance(v, str) and v.strip()]
        for index, text in enumerate(texts):
            label = next((w for w in _UNIT_LABELS if text.startswith(w)), None)
            if label is None:
                continue
            rest = text.removeprefix(label).lstrip(":")
            unit.append(rest or (texts[index + 1] if index + 1 < len(texts) else ""))
            break
        else:
            title += texts
    return " ".join(unit), " ".join(title)


def find_header(
    rows: Iterable[Sequence[object]], kind: LedgerKind, scan: int = SCAN_ROWS
) -> HeaderMatch:
    """Pick the row among the first `scan` that names the most of `kind`'s fields.

    Ties go to the upper row. So a blank or data row below the header, which inherits the
    header's names where it is blank, never beats the header: it can only inherit names the
    header row itself holds.
    """
    best: HeaderMatch | None = None
    above: Sequence[object] = ()
    for number, values in enumerate(islice(rows, scan), start=1):
        match = _match(number, values, above, kind)
        above = values
        if best is None or len(match.columns) > len(best.columns):
            best = match
    if best is None or len(best.columns) < MIN_MATCHED:
        raise SheetError(f"找不到表头：{_header_hint(kind, scan)}")
    return best


def read_rows(
    sheet: BookSheet, kind: LedgerKind, header: HeaderMatch | None = None
) -> Iterator[SheetRow]:
    """Stream the data rows below the header, each mapped cell parsed by its spec type.

    Skipped without a word: rows blank in every mapped column (templates come pre-numbered
    in 序号), total rows (合计, 总计, 小计, wherever they are), footers ("填表人：…", "注：…")
    and header rows repeated for printing. The header is found here when not given, so a
    missing header raises now, not at the first `next()`.
    """
    if header is None:
        header = find_header(_head(sheet), kind)
    return _data_rows(sheet, kind, header)


def header_key(text: object) -> str:
    """Header text compared loosely: no spaces or line breaks, half-width brackets, no "*" or
    "（必填）" markers, ASCII lower case. "建筑面积\\n（㎡）*" and "建筑面积(㎡)" are the same."""
    key = "".join(fold_width(str(text)).split()).lower()
    key = _REQUIRED_MARKS.sub("", key)
    return key.rstrip(":")


def _data_rows(sheet: BookSheet, kind: LedgerKind, header: HeaderMatch) -> Iterator[SheetRow]:
    specs = [(name, column, kind.column(name)) for name, column in header.columns.items()]
    parsers = [_CachedParser(spec) for _, _, spec in specs]
    columns = [column for _, column, _ in specs]
    widest = max(columns)
    first = header.row + 1
    for number, values in enumerate(sheet.iter_rows(min_row=first, values_only=True), first):
        if len(values) > widest:
            raw = tuple([values[c] for c in columns])
        else:
            raw = tuple([_at(values, c) for c in columns])
        if all(is_blank(v) for v in raw):
            continue
        row = _parse_row(number, raw, specs, parsers)
        # Only a failing row is looked at again: a total, footer or repeated header always
        # fails (a required name is blank, "户数" is no number), and good rows stay cheap.
        if row.errors and (
            _is_total(values) or _is_footer(values) or _is_repeated_header(raw, specs, kind)
        ):
            continue
        yield row


class _CachedParser:
    """`parse_cell` for one column, remembering what it parsed: a ledger repeats its
    community, management type, 是/否 and years on every row, and parsing them again was a
    third of an import. Only text and float cells are kept (True == 1 == 1.0 would mix up
    types otherwise), and at most `LIMIT` of them, so a column of unique names costs a
    lookup and holds no more memory."""

    LIMIT = 4096

    def __init__(self, spec: ColumnSpec) -> None:
        self.field = spec.field
        self.required = spec.required
        self.type = spec.type
        self.by_text: dict[str, tuple[object, str | None]] = {}
        self.by_float: dict[float, tuple[object, str | None]] = {}

    def __call__(self, value: object) -> tuple[object, str | None]:
        """(value, None) or (None, the reason it cannot be read)."""
        kind = type(value)
        cache = self.by_text if kind is str else self.by_float if kind is float else None
        if cache is not None:
            known = cache.get(value)  # type: ignore[call-overload]
            if known is not None:
                return known
        try:
            result: tuple[object, str | None] = (parse_cell(value, self.type), None)
        except CellError as exc:
            result = (None, exc.reason)
        if cache is not None and len(cache) < self.LIMIT:
            cache[value] = result  # type: ignore[index]
        return result


def _parse_row(
    number: int,
    raw: tuple[object, ...],
    specs: list[tuple[str, int, ColumnSpec]],
    parsers: list[_CachedParser] | None = None,
) -> SheetRow:
    cells: dict[str, object] = {}
    errors: list[tuple[str, str]] = []
    parsers = parsers or [_CachedParser(spec) for _, _, spec in specs]
    for parse, value in zip(parsers, raw, strict=True):
        kind = type(value)  # only str and float are cached: True == 1 == 1.0
        cache = parse.by_text if kind is str else parse.by_float if kind is float else None
        known = cache.get(value) if cache is not None else None  # type: ignore[call-overload]
        parsed, reason = known if known is not None else parse(value)
        cells[parse.field] = parsed
        if reason is not None:
            errors.append((parse.field, reason))
        elif parsed is None and parse.required:
            errors.append((parse.field, "必填"))
    return SheetRow(number, raw, cells, errors)


def _match(
    number: int, values: Sequence[object], above: Sequence[object], kind: LedgerKind
) -> HeaderMatch:
    """Map one candidate row, taking the text of the row above where this row is blank.

    Duplicates are reported by canonical header when two columns name one field (the left
    one is kept), and as written when one header could be two fields (the spec's first is
    kept); the importer refuses either, since guessing could put data in the wrong field.
    """
    index = _header_index(kind)
    columns: dict[str, int] = {}
    unknown: list[str] = []
    duplicates: list[str] = []
    for column in range(max(len(values), len(above))):
        value = _at(values, column)
        # A vertically merged header reads blank below (or, filled down, the same text).
        carried = is_blank(value) or value == _at(above, column)
        text = _at(above, column) if carried else value
        if is_blank(text):
            continue
        names = index.get(header_key(text)) or index.get(_TRAILING_NOTE.sub("", header_key(text)))
        shown = " ".join(str(text).split())
        if not names:
            if not carried:  # a title or "填报单位" line above an empty column A is no header
                unknown.append(shown)
            continue
        if len(names) > 1:
            duplicates.append(shown)
        name = names[0]
        if name in columns:
            duplicates.append(kind.column(name).header)
            continue
        columns[name] = column
    missing = [c.header for c in kind.columns if c.required and c.field not in columns]
    return HeaderMatch(number, columns, unknown, missing, list(dict.fromkeys(duplicates)))


@cache
def _header_index(kind: LedgerKind) -> dict[str, tuple[str, ...]]:
    """header_key of every header and alias -> the fields it names (two means the spec is
    ambiguous; a test keeps the shipped specs free of that)."""
    index: dict[str, tuple[str, ...]] = {}
    for spec in kind.columns:
        for text in (spec.header, *spec.aliases):
            key = header_key(text)
            if spec.field not in index.get(key, ()):
                index[key] = (*index.get(key, ()), spec.field)
    return index


def _is_total(values: Sequence[object]) -> bool:
    return any(isinstance(v, str) and header_key(v) in _TOTAL_WORDS for v in values)


def _is_footer(values: Sequence[object]) -> bool:
    first = next((v for v in values if not is_blank(v)), None)
    return isinstance(first, str) and _squeezed(first).startswith(_FOOTER_PREFIXES)


def _squeezed(text: str) -> str:
    return "".join(fold_width(text).split())


def _is_repeated_header(
    raw: tuple[object, ...], specs: list[tuple[str, int, ColumnSpec]], kind: LedgerKind
) -> bool:
    """A header copied above each printed page; two own names make it one."""
    index = _header_index(kind)
    hits = sum(
        isinstance(value, str) and name in index.get(header_key(value), ())
        for (name, _, _), value in zip(specs, raw, strict=True)
    )
    return hits >= MIN_MATCHED


def _head(sheet: BookSheet, scan: int = SCAN_ROWS) -> list[tuple[object, ...]]:
    """The first rows only; max_row stops the XML parser there instead of leaving it open."""
    last = scan if sheet.max_row is None else min(scan, sheet.max_row)
    return list(sheet.iter_rows(min_row=1, max_row=max(last, 1), values_only=True))


def _at(values: Sequence[object], column: int) -> object:
    """Rows of a read-only sheet have only as many cells as they fill."""
    return values[column] if column < len(values) else None


def _header_hint(kind: LedgerKind, scan: int = SCAN_ROWS) -> str:
    names = "".join(f"“{c.header}”" for c in kind.columns[:2])
    return f"请确认前{scan}行中有{names}等列名"


def _unreadable(path: Path) -> str:
    try:
        with path.open("rb") as file:
            magic = file.read(len(_OLE_MAGIC))
    except OSError:
        magic = b""
    if magic == _OLE_MAGIC:
        return (
            f"无法打开文件：{path.name}已损坏或设置了打开密码，"
            "请在 Excel/WPS 中取消密码后另存为 .xlsx"
        )
    return (
        f"无法打开文件：{path.name}不是有效的 .xlsx 文件"
        "（可导入 .xlsx、.xlsm、.xls、.ods 或 .csv 表格）"
    )
