"""Import a ledger workbook: find the sheet and its header, stream its rows into the kind's
applier (app.services.ledger_import), and report every problem by sheet, row, column, field.

The caller owns the transaction: it commits only when `report.clean` (or when the user chose
to import the valid rows), so a refused sheet leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from app.db.database import Database, write_late
from app.errors import InputError, Problem
from app.ledger_columns import LedgerKind, ledger_kind
from app.progress import NoProgress, Progress, step
from app.services.ledger_import import ImportOutcome, RowIn, apply_rows, check_rows
from reports.xlsx.sheet import SheetError, find_header, open_workbook, pick_sheet, read_rows
from reports.xlsx.templates import example_cells


@dataclass(frozen=True)
class ImportReport:
    file: Path
    kind: LedgerKind
    sheet: str
    header_row: int
    columns: dict[str, int]  # field -> 0-based column index in the sheet
    outcome: ImportOutcome
    unknown_headers: tuple[str, ...] = ()
    example_rows: tuple[int, ...] = ()  # the template's example row, left out

    @property
    def clean(self) -> bool:
        return self.outcome.clean

    def column_letter(self, field: str) -> str:
        index = self.columns.get(field)
        return "" if index is None else get_column_letter(index + 1)

    def header_of(self, field: str) -> str:
        try:
            return self.kind.column(field).header
        except StopIteration:
            return field

    def errors(self) -> list[dict[str, Any]]:
        return [
            {
                "sheet": self.sheet,
                "row": p.row,
                "column": self.column_letter(p.field),
                "field": self.header_of(p.field),
                "reason": p.reason,
            }
            for p in sorted(
                self.outcome.problems, key=lambda p: (p.row, self.columns.get(p.field, -1))
            )
        ]

    def as_dict(self) -> dict[str, Any]:
        o = self.outcome
        return {
            "file": str(self.file),
            "kind": self.kind.name,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "rows": o.rows,
            "created": o.created,
            "updated": o.updated,
            "unchanged": o.unchanged,
            "refused": len(o.refused_rows),
            "unknown_headers": list(self.unknown_headers),
            "example_rows_skipped": list(self.example_rows),
            "errors": self.errors(),
        }

    def summary(self) -> str:
        o = self.outcome
        lines = [
            f"{self.file.name}「{self.sheet}」：共 {o.rows} 行，新增 {o.created}，"
            f"更新 {o.updated}，无变化 {o.unchanged}，有问题 {len(o.refused_rows)} 行"
        ]
        lines += [
            f"  第{e['row']}行 {e['column']}列「{e['field']}」：{e['reason']}"
            for e in self.errors()
        ]
        if self.example_rows:
            rows = "、".join(str(n) for n in self.example_rows)
            lines.append(f"  第{rows}行是模板的示例行，未导入")
        if self.unknown_headers:
            lines.append(f"  未识别的列（已忽略）：{'、'.join(self.unknown_headers)}")
        return "\n".join(lines)


READ_STEP = 1000  # rows read between progress reports (and chances to cancel)


@dataclass(frozen=True)
class LedgerRows:
    """A sheet read and parsed, not yet applied: what an import does without the database."""

    file: Path
    kind: LedgerKind
    sheet: str
    header_row: int
    columns: dict[str, int]
    rows: tuple[RowIn, ...]
    unknown_headers: tuple[str, ...] = ()
    example_rows: tuple[int, ...] = ()


def import_ledger(
    session: Session,
    path: Path,
    kind_name: str,
    *,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    """Read and apply; raises InputError when the file or its header cannot be used at all."""
    ledger = read_ledger(path, kind_name, progress=progress)
    return apply_ledger(session, ledger, today=today, progress=progress)


def read_ledger(path: Path, kind_name: str, *, progress: Progress | None = None) -> LedgerRows:
    """Read and parse the whole sheet with no database open: the slow part of an import (51 s
    for 60,000 rows) then holds no lock, and the write lock is taken only by `apply_ledger`.
    Raises InputError when the file or its header cannot be used at all."""
    try:
        kind = ledger_kind(kind_name)
    except KeyError as exc:
        raise InputError(Problem("kind", str(exc.args[0]))) from exc
    try:
        book = open_workbook(path)
        try:
            sheet = pick_sheet(book, kind)
            header = find_header(sheet.iter_rows(max_row=20, values_only=True), kind)
            if header.missing_required:
                raise InputError(
                    Problem("", f"缺少必填列：{'、'.join(header.missing_required)}"),
                    where=f"{path.name}「{sheet.title}」第{header.row}行",
                )
            if header.duplicates:
                raise InputError(
                    Problem("", f"列名重复：{'、'.join(header.duplicates)}"),
                    where=f"{path.name}「{sheet.title}」第{header.row}行",
                )
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
                    step(progress or NoProgress(), len(rows), total)
        finally:
            book.close()
    except SheetError as exc:
        raise InputError(Problem("", str(exc)), where=path.name) from exc
    return LedgerRows(
        path, kind, sheet.title, header.row, dict(header.columns), tuple(rows),
        tuple(header.unknown), tuple(skipped),
    )  # fmt: skip


def apply_ledger(
    session: Session,
    ledger: LedgerRows,
    *,
    today: date,
    progress: Progress | None = None,
    write_at_end: bool = False,
) -> ImportReport:
    """Validate and write the parsed rows into the caller's transaction (all or nothing: the
    caller commits only when the report is clean). `write_at_end`: see `apply_rows`."""
    outcome = apply_rows(
        session, ledger.kind.name, ledger.rows, today=today, progress=progress or NoProgress(),
        total=len(ledger.rows), write_at_end=write_at_end,
    )  # fmt: skip
    return _report(ledger, outcome)


class RolledBack(Exception):
    """Leaves an import's transaction without writing: a refused sheet, or a dry run."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__()
        self.report = report


def import_parsed(
    db: Database, ledger: LedgerRows, *, today: date, dry_run: bool = False
) -> ImportReport:
    """Check the parsed rows, then write them, holding the write lock as briefly as the kind
    allows: other commands and the window keep writing during a long import.

    Estates (the big sheets) are checked in a read transaction and written under the lock
    only if nothing they relied on changed meanwhile (else checked again under the lock).
    Other kinds check and write in a transaction that takes the lock at its first write
    (`write_late`). All or nothing: a refused row or a dry run writes nothing."""
    with db.reader() as session:
        checked = check_rows(session, ledger.kind.name, ledger.rows, today=today)
    if checked is not None:
        report = _report(ledger, checked.outcome)
        if not report.clean or dry_run:
            return report
        with db.sessions.begin() as session:
            if checked.still_valid(session):
                checked.write(session)
                return report

    def apply(session: Session) -> ImportReport:
        report = apply_ledger(session, ledger, today=today, write_at_end=True)
        if not report.clean or dry_run:
            raise RolledBack(report)
        return report

    try:
        return write_late(db, apply)
    except RolledBack as undone:
        return undone.report


def _report(ledger: LedgerRows, outcome: ImportOutcome) -> ImportReport:
    return ImportReport(
        ledger.file, ledger.kind, ledger.sheet, ledger.header_row, ledger.columns, outcome,
        ledger.unknown_headers, ledger.example_rows,
    )  # fmt: skip
