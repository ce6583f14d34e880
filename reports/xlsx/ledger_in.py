"""Import a ledger file: find the sheets holding the kind and their headers, stream their rows
into the kind's applier (app.services.ledger_import), and report every problem by sheet, row,
column, field.

A street's collection holds one sheet per community: every sheet whose header names the kind
is imported, all or nothing across the sheets, and reported sheet by sheet. A sheet without a
所属社区 column belongs to one community (`resolve_community`): the office's own, the one the
user chose, or the one its 填报单位 line, title or name names.

The caller owns the transaction: it commits only when `report.clean` (or when the user chose
to import the valid rows), so a refused sheet leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.db.database import Database, write_late
from app.errors import InputError, Problem
from app.ledger_columns import LedgerKind, ledger_kind
from app.progress import NoProgress, Progress, step
from app.services.ledger_import import (
    CheckedRows,
    ImpliedCommunity,
    ImportOutcome,
    RowIn,
    RowProblem,
    apply_rows,
    check_rows,
    resolve_community,
)
from reports.xlsx.sheet import (
    SCAN_ROWS,
    BookSheet,
    SheetError,
    find_header,
    open_workbook,
    pick_sheets,
    read_rows,
    title_block,
)
from reports.xlsx.values import example_cells

_COMMUNITY = "community"
FORMAT_NAMES = {"xlsx": "Excel", "xlsm": "Excel（含宏）", "xlsb": "Excel 二进制",
                "xls": "Excel 97-2003", "ods": "OpenDocument", "csv": "CSV"}  # fmt: skip


@dataclass(frozen=True)
class SheetReport:
    kind: LedgerKind
    sheet: str
    header_row: int
    columns: dict[str, int]  # field -> 0-based column index in the sheet
    outcome: ImportOutcome
    unknown_headers: tuple[str, ...] = ()
    example_rows: tuple[int, ...] = ()  # the template's example row, left out
    community: ImpliedCommunity | None = None  # every row's, when the sheet has no column

    def column_letter(self, field: str) -> str:
        from openpyxl.utils import get_column_letter  # openpyxl only writes: 16 MB spared

        index = self.columns.get(field)
        return "" if index is None else get_column_letter(index + 1)

    def header_of(self, field: str) -> str:
        try:
            return self.kind.column(field).header
        except StopIteration:
            return field

    def located(self, problems: Sequence[RowProblem]) -> list[dict[str, Any]]:
        return [
            {
                "sheet": self.sheet,
                "row": p.row,
                "column": self.column_letter(p.field),
                "field": self.header_of(p.field),
                "reason": p.reason,
            }
            for p in sorted(problems, key=lambda p: (p.row, self.columns.get(p.field, -1)))
        ]

    def errors(self) -> list[dict[str, Any]]:
        return self.located(self.outcome.problems)

    def warnings(self) -> list[dict[str, Any]]:
        return self.located(self.outcome.warnings)

    def companies(self) -> list[dict[str, Any]]:
        return [
            {"sheet": self.sheet, "row": link.row, "estate": link.estate,
             "company": link.company, "action": link.action, "note": link.label}
            for link in self.outcome.links
        ]  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        o = self.outcome
        return {
            "sheet": self.sheet,
            "header_row": self.header_row,
            "community": self.community.describe() if self.community else None,
            "rows": o.rows,
            "created": o.created,
            "updated": o.updated,
            "unchanged": o.unchanged,
            "refused": len(o.refused_rows),
        }

    def summary_lines(self, file: str) -> list[str]:
        o = self.outcome
        where = f"，社区：{self.community.describe()}" if self.community else ""
        lines = [
            f"{file}「{self.sheet}」：共 {o.rows} 行，新增 {o.created}，"
            f"更新 {o.updated}，无变化 {o.unchanged}，有问题 {len(o.refused_rows)} 行{where}"
        ]
        lines += [
            f"  第{e['row']}行 {e['column']}列「{e['field']}」：{e['reason']}"
            for e in self.errors()
        ]
        lines += [
            f"  提醒：第{e['row']}行 {e['column']}列「{e['field']}」：{e['reason']}"
            for e in self.warnings()
        ]
        lines += [
            f"  第{c['row']}行「{c['estate']}」→ {c['company']}：{c['note']}"
            for c in self.companies()
        ]
        if self.example_rows:
            rows = "、".join(str(n) for n in self.example_rows)
            lines.append(f"  第{rows}行是模板的示例行，未导入")
        if self.unknown_headers:
            lines.append(f"  未识别的列（已忽略）：{'、'.join(self.unknown_headers)}")
        return lines


@dataclass(frozen=True)
class ImportReport:
    """The whole file: one SheetReport per imported sheet, added up. `sheet`, `header_row`
    and `columns` are the first sheet's, for callers that show one sheet."""

    file: Path
    kind: LedgerKind
    sheets: tuple[SheetReport, ...]
    format: str = "xlsx"
    encoding: str | None = None  # of a CSV: UTF-8 or GBK/GB18030

    @cached_property
    def outcome(self) -> ImportOutcome:
        if len(self.sheets) == 1:
            return self.sheets[0].outcome
        return ImportOutcome.added_up(self.kind.name, [(s.sheet, s.outcome) for s in self.sheets])

    @property
    def sheet(self) -> str:
        return "、".join(s.sheet for s in self.sheets)

    @property
    def header_row(self) -> int:
        return self.sheets[0].header_row

    @property
    def columns(self) -> dict[str, int]:
        return self.sheets[0].columns

    @property
    def unknown_headers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h for s in self.sheets for h in s.unknown_headers))

    @property
    def example_rows(self) -> tuple[int, ...]:
        return self.sheets[0].example_rows

    @property
    def clean(self) -> bool:
        return all(s.outcome.clean for s in self.sheets)

    @property
    def format_label(self) -> str:
        label = FORMAT_NAMES.get(self.format, self.format)
        return f"{label}，{self.encoding}编码" if self.encoding else label

    def column_letter(self, field: str) -> str:
        return self.sheets[0].column_letter(field)

    def header_of(self, field: str) -> str:
        return self.sheets[0].header_of(field)

    def errors(self) -> list[dict[str, Any]]:
        return [e for s in self.sheets for e in s.errors()]

    def warnings(self) -> list[dict[str, Any]]:
        return [w for s in self.sheets for w in s.warnings()]

    def companies(self) -> list[dict[str, Any]]:
        return [c for s in self.sheets for c in s.companies()]

    def as_dict(self) -> dict[str, Any]:
        o = self.outcome
        first = self.sheets[0]
        return {
            "file": str(self.file),
            "kind": self.kind.name,
            "format": self.format,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "community": first.community.describe() if first.community else None,
            "rows": o.rows,
            "created": o.created,
            "updated": o.updated,
            "unchanged": o.unchanged,
            "refused": len(o.refused_rows),
            "unknown_headers": list(self.unknown_headers),
            "example_rows_skipped": list(self.example_rows),
            "errors": self.errors(),
            "warnings": self.warnings(),
            "companies": self.companies(),
            "sheets": [s.as_dict() for s in self.sheets],
        }

    def summary(self) -> str:
        lines = [f"{self.file.name}：{self.format_label}"] if self.format != "xlsx" else []
        for sheet in self.sheets:
            lines += sheet.summary_lines(self.file.name)
        return "\n".join(lines)


READ_STEP = 1000  # rows read between progress reports (and chances to cancel)


@dataclass(frozen=True)
class SheetRows:
    """One sheet read and parsed, not yet applied. Its community (when it has no 所属社区
    column) is decided later, with the database (`resolve_sheets`): the title block and name
    it may come from are kept here."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    rows: tuple[RowIn, ...]
    missing_required: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    unknown_headers: tuple[str, ...] = ()
    example_rows: tuple[int, ...] = ()
    evidence: tuple[tuple[str, str], ...] = ()  # (source, text): 填报单位, 标题, 工作表名
    community: ImpliedCommunity | None = None  # set by `resolve_sheets`
    resolved: bool = False


@dataclass(frozen=True)
class LedgerRows:
    """A workbook read and parsed, not yet applied: what an import does without the
    database (every sheet holding the kind)."""

    file: Path
    kind: LedgerKind
    sheets: tuple[SheetRows, ...]
    format: str = "xlsx"
    encoding: str | None = None


def import_ledger(
    session: Session,
    path: Path,
    kind_name: str,
    *,
    today: date,
    progress: Progress | None = None,
    community: str | None = None,
) -> ImportReport:
    """Read and apply every sheet of the kind into the caller's transaction; raises
    InputError when the file, a header or a sheet's community cannot be used at all.
    `community` (a name or code) is the community of sheets without a 所属社区 column, at a
    street or above."""
    ledger = read_ledger(path, kind_name, progress=progress)
    ledger = resolve_sheets(session, ledger, community)
    return apply_ledger(session, ledger, today=today, progress=progress)


def read_ledger(path: Path, kind_name: str, *, progress: Progress | None = None) -> LedgerRows:
    """Read and parse every sheet of the kind with no database open: the slow part of an
    import (51 s for 60,000 rows) then holds no lock, and the write lock is taken only to
    apply (`import_parsed`). Raises InputError when the file cannot be used at all."""
    try:
        kind = ledger_kind(kind_name)
    except KeyError as exc:
        raise InputError(Problem("kind", str(exc.args[0]))) from exc
    try:
        book = open_workbook(path)
        try:
            shown = progress or NoProgress()
            sheets = tuple(_read_sheet(sheet, kind, shown) for sheet in pick_sheets(book, kind))
        finally:
            book.close()
    except SheetError as exc:
        raise InputError(Problem("", str(exc)), where=path.name) from exc
    return LedgerRows(path, kind, sheets, book.format, book.encoding)


def _read_sheet(sheet: BookSheet, kind: LedgerKind, progress: Progress) -> SheetRows:
    head = list(sheet.iter_rows(min_row=1, max_row=SCAN_ROWS, values_only=True))
    header = find_header(head, kind)
    unit, title = title_block(head[: header.row - 1])
    evidence = (("填报单位", unit), ("标题", title), ("工作表名", sheet.title))
    community = next((c.header for c in kind.columns if c.field == _COMMUNITY), None)
    if header.duplicates or any(h != community for h in header.missing_required):
        return SheetRows(sheet.title, header.row, dict(header.columns), (),
                         tuple(header.missing_required), tuple(header.duplicates),
                         evidence=evidence)  # refused by `resolve_sheets`  # fmt: skip
    total = max((sheet.max_row or 0) - header.row, 0)
    example = example_cells(kind)
    skipped: list[int] = []
    rows: list[RowIn] = []
    for r in read_rows(sheet, kind, header):
        if (
            r.number == header.row + 1  # where the template puts its example
            and not r.errors
            and all(example.get(f) == v for f, v in r.cells.items())
        ):
            skipped.append(r.number)  # reported, never silently dropped
            continue
        rows.append(RowIn(r.number, r.cells, tuple(r.errors)))
        if len(rows) % READ_STEP == 0:
            step(progress, len(rows), total)
    return SheetRows(
        sheet.title, header.row, dict(header.columns), tuple(rows),
        tuple(header.missing_required), (), tuple(header.unknown), tuple(skipped), evidence,
    )  # fmt: skip


def resolve_sheets(session: Session, ledger: LedgerRows, given: str | None) -> LedgerRows:
    """Each sheet's community (reads the database: a read transaction will do) and the
    header checks that depend on it; raises InputError for a sheet that cannot be used."""
    sheets = []
    for sheet in ledger.sheets:
        where = f"{ledger.file.name}「{sheet.sheet}」"
        implied = _community_of(session, sheet, ledger.kind, given, where)
        community_header = ledger.kind.column(_COMMUNITY).header if implied is not None else None
        missing = [h for h in sheet.missing_required if h != community_header]
        if missing:
            raise InputError(Problem("", f"缺少必填列：{'、'.join(missing)}"),
                             where=f"{where}第{sheet.header_row}行")  # fmt: skip
        if sheet.duplicates:
            raise InputError(Problem("", f"列名重复：{'、'.join(sheet.duplicates)}"),
                             where=f"{where}第{sheet.header_row}行")  # fmt: skip
        rows = sheet.rows
        if implied is not None:  # a blank community cell is the sheet's own
            rows = tuple(
                RowIn(r.number, r.cells, tuple(e for e in r.errors if e != (_COMMUNITY, "必填")))
                if (_COMMUNITY, "必填") in r.errors
                else r
                for r in rows
            )
        sheets.append(replace(sheet, rows=rows, community=implied, resolved=True))
    return replace(ledger, sheets=tuple(sheets))


def _community_of(
    session: Session,
    sheet: SheetRows,
    kind: LedgerKind,
    given: str | None,
    where: str,
) -> ImpliedCommunity | None:
    """The community of rows that name none; a sheet of a kind with a community column that
    lacks it, and whose community nothing tells, is refused with one message asking for it."""
    has_spec = any(c.field == _COMMUNITY for c in kind.columns)
    if not has_spec:
        return None
    if _COMMUNITY in sheet.columns:  # rows name their community; a blank one is this
        return resolve_community(session, where=where)  # community office's own, or 必填
    implied = resolve_community(session, given=given, evidence=sheet.evidence, where=where)
    required = kind.column(_COMMUNITY).required
    if implied is None and required:
        raise InputError(
            Problem("community", "表中没有“所属社区”列，请指定社区"
                    "（命令行加 --community 社区名称），或在表头上方写明“填报单位：XX社区”"),
            where=where,
        )  # fmt: skip
    return implied


def apply_ledger(
    session: Session,
    ledger: LedgerRows,
    *,
    today: date,
    progress: Progress | None = None,
    write_at_end: bool = False,
) -> ImportReport:
    """Validate and write the parsed rows of every sheet into the caller's transaction (all
    or nothing: the caller commits only when the report is clean). `ledger` comes from
    `resolve_sheets`. `write_at_end`: see `apply_rows`."""
    assert all(s.resolved for s in ledger.sheets)
    outcomes = [
        apply_rows(
            session, ledger.kind.name, sheet.rows, today=today,
            progress=progress or NoProgress(), total=len(sheet.rows),
            write_at_end=write_at_end,
            community=sheet.community.code if sheet.community else None,
        )
        for sheet in ledger.sheets
    ]  # fmt: skip
    return _report(ledger, outcomes)


class RolledBack(Exception):
    """Leaves an import's transaction without writing: a refused sheet, or a dry run."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__()
        self.report = report


def import_parsed(
    db: Database,
    ledger: LedgerRows,
    *,
    today: date,
    dry_run: bool = False,
    community: str | None = None,
) -> ImportReport:
    """Decide each sheet's community, check the parsed rows, then write them, holding the
    write lock as briefly as the kind allows: other commands and the window keep writing
    during a long import. All or nothing across the sheets.

    Estates (the big sheets) are checked in a read transaction and written under the lock
    only if nothing they relied on changed meanwhile (else checked again under the lock).
    Other kinds, and estate workbooks whose sheets name the same estate (the second updates
    what the first creates), check and write in a transaction that takes the lock at its
    first write (`write_late`). A refused row or a dry run writes nothing."""
    with db.reader() as session:
        resolved = resolve_sheets(session, ledger, community)
        checked = _check_all(session, resolved, today)
    if checked is not None:
        report = _report(resolved, [c.outcome for c in checked])
        if not report.clean or dry_run:
            return report
        with db.sessions.begin() as session:
            if all(c.still_valid(session) for c in checked):
                for c in checked:
                    c.write(session)
                return report

    def apply(session: Session) -> ImportReport:
        again = resolve_sheets(session, ledger, community)
        report = apply_ledger(session, again, today=today, write_at_end=True)
        if not report.clean or dry_run:
            raise RolledBack(report)
        return report

    try:
        return write_late(db, apply)
    except RolledBack as undone:
        return undone.report


def _check_all(session: Session, ledger: LedgerRows, today: date) -> list[CheckedRows] | None:
    """Every sheet checked with nothing written; None when a kind or a workbook needs
    `apply_rows` (sheets applied in order)."""
    checked: list[CheckedRows] = []
    estates: set[tuple[str, str]] = set()
    for sheet in ledger.sheets:
        one = check_rows(
            session, ledger.kind.name, sheet.rows, today=today,
            community=sheet.community.code if sheet.community else None,
        )  # fmt: skip
        if one is None:
            return None
        names = one.estates()
        if names & estates:
            return None
        estates |= names
        checked.append(one)
    return checked


def _report(ledger: LedgerRows, outcomes: Sequence[ImportOutcome]) -> ImportReport:
    sheets = tuple(
        SheetReport(
            ledger.kind, s.sheet, s.header_row, s.columns, outcome, s.unknown_headers,
            s.example_rows, s.community if _COMMUNITY not in s.columns else None,
        )
        for s, outcome in zip(ledger.sheets, outcomes, strict=True)
    )  # fmt: skip
    return ImportReport(ledger.file, ledger.kind, sheets, ledger.format, ledger.encoding)
