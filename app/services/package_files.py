"""Several package or receipt files in one go, as a person picks them in the window: each
file is its own transaction, a refused file is reported with its reason and the others go on,
and after a real import the receipt is written beside the package (as `wuye package import`).

A dry run is the importer's own dry run (the same code path, rolled back), so the counts a
person reviews before 确认导入 are the counts the import then gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import WuyeError
from app.packages.importer import import_package
from app.packages.receipts import ReceiptResult, import_receipt, receipt_path, write_receipt
from app.packages.report import ImportReport
from app.progress import Cancelled, NoProgress, Progress

if TYPE_CHECKING:
    from app.db import Database

CANCELLED = "已取消：这个文件没有导入，之前的文件已各自完成"


@dataclass(frozen=True)
class FileReport:
    """One file's outcome: its report, or the Chinese reason it was refused."""

    file: Path
    report: ImportReport | None
    refused: str | None = None
    receipt: Path | None = None

    @property
    def accepted(self) -> bool:
        return self.report is not None


@dataclass(frozen=True)
class ReceiptOutcome:
    file: Path
    result: ReceiptResult | None
    refused: str | None = None


class _FileStep:
    """Progress of one file inside the whole batch: tables of file i of n."""

    def __init__(self, progress: Progress, index: int, count: int) -> None:
        self._progress, self._index, self._count = progress, index, count

    def report(self, done: int, total: int) -> None:
        scale = max(total, 1)
        self._progress.report(self._index * scale + done, self._count * scale)

    def cancelled(self) -> bool:
        return self._progress.cancelled()


def refusal_text(error: WuyeError) -> str:
    from app.errors import InputError

    if isinstance(error, InputError):
        return "；".join(p.message for p in error.problems)
    return str(error)


def import_files(
    db: Database,
    files: Sequence[Path],
    *,
    dry_run: bool,
    now: datetime,
    progress: Progress | None = None,
) -> list[FileReport]:
    """Each file in turn; a cancel rolls the current file back and stops before the next.
    A real import first takes a backup, as `wuye package import` does, so the window's import
    can be undone by a restore too (issue 14: a backup before every package import)."""
    progress = progress or NoProgress()
    results: list[FileReport] = []
    if not dry_run and files:
        from app.services.backups import backup_before

        backup_before(db, "package", now=now)
    for index, file in enumerate(files):
        try:
            step = _FileStep(progress, index, len(files))
            report = import_package(db, file, dry_run=dry_run, now=now, progress=step)
        except Cancelled:
            results.append(FileReport(file, None, CANCELLED))
            break
        except WuyeError as exc:
            results.append(FileReport(file, None, refusal_text(exc)))
            continue
        receipt = None
        if not dry_run:
            with db.reader() as s:
                receipt = write_receipt(s, db.path, report, receipt_path(file), now=now)
        results.append(FileReport(file, report, None, receipt))
    progress.report(len(files), len(files))
    return results


def import_receipts(db: Database, files: Sequence[Path], *, now: datetime) -> list[ReceiptOutcome]:
    out = []
    for file in files:
        try:
            with db.sessions.begin() as s:
                out.append(ReceiptOutcome(file, import_receipt(s, file, now=now)))
        except WuyeError as exc:
            out.append(ReceiptOutcome(file, None, refusal_text(exc)))
    return out
