"""A process that writes until it is killed (tests/app/db/test_crash.py): form saves of an
estate, and now and then an Excel import of 50 estates. Each line it prints names a change
that was committed before the line was written."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from app.db import open_database
from app.services.estates import EstateIn, create_estate
from reports.xlsx.ledger_in import import_ledger

TODAY = date(2026, 11, 25)
ROWS = 50


def main(path: Path, folder: Path) -> None:
    db = open_database(path, actor="crash")
    pid = os.getpid()
    for i in range(100_000):
        if i % 5 == 4:
            prefix = f"导入{pid}-{i}-"
            book = Workbook()
            book.active.append(["所属社区", "小区名称", "管理类型", "户数"])
            for j in range(ROWS):
                book.active.append(["桓谭社区", f"{prefix}{j}", "专业化物业服务", 100 + j])
            sheet = folder / f"{prefix}.xlsx"
            book.save(sheet)
            with db.sessions.begin() as s:
                report = import_ledger(s, sheet, "estate", today=TODAY)
                assert report.clean
            print(f"imported {prefix}", flush=True)
        else:
            name = f"保存{pid}-{i}"
            with db.sessions.begin() as s:
                create_estate(
                    s,
                    EstateIn(community_code="340603010001", name=name, households=10),
                    today=TODAY,
                )
            print(f"saved {name}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
