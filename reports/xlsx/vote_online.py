"""An online voting platform's export (issue 15): one row per unit, read into plain dicts
for app/services/voting.py `import_online`. The header row is the first row that names
楼栋 and 房号; values are text, as the platform wrote them."""

from __future__ import annotations

from pathlib import Path

from app.errors import InputError, Problem
from reports.xlsx.sheet import open_workbook

NEEDED = ("楼栋", "房号")


def read_online_ballots(path: Path) -> list[dict[str, str]]:
    book = open_workbook(path)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    for at, row in enumerate(rows[:20]):
        header = [str(c or "").strip() for c in row]
        if all(n in header for n in NEEDED):
            return [
                {
                    h: "" if v is None else str(v).strip()
                    for h, v in zip(header, r, strict=False)
                    if h
                }
                for r in rows[at + 1 :]
                if any(v not in (None, "") for v in r)
            ]
    raise InputError(Problem("", f"{path.name} 中没有含“楼栋”“房号”两列的表头"))
