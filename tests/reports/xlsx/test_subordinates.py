"""The side-by-side workbook: a row per subordinate office and a 合计 row equal to the office's
own figures, rates as numbers formatted as percentages, below-target rates marked."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from app.services.stats import office_stats
from reports.xlsx.subordinates import HEADERS, write_subordinates
from tests.conftest import TODAY


def test_the_workbook_has_every_community_and_a_total_equal_to_the_office(
    demo_db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "对比.xlsx"
    with demo_db.reader() as s:
        write_subordinates(s, out, today=TODAY)
        own = office_stats(s, TODAY)
    ws = load_workbook(out).active
    assert [c.value for c in ws[3]] == list(HEADERS)
    names = [ws.cell(r, 1).value for r in range(4, 15)]
    assert len(names) == 11 and names[-1] == "合计"
    total = {h: ws.cell(14, i).value for i, h in enumerate(HEADERS, 1)}
    assert total["小区数"] == own.estates
    assert total["已组建"] == own.formation.numerator
    assert abs(total["组建率"] - own.formation.numerator / own.formation.denominator) < 1e-9
    assert ws.cell(14, HEADERS.index("党员比例") + 1).number_format.endswith("%")
    below = [r for r in range(4, 14) if ws.cell(r, HEADERS.index("组建率") + 1).value < 0.9]
    assert below and all(ws.cell(r, HEADERS.index("组建率") + 1).font.color.rgb.endswith("C00000")
                         for r in below)  # fmt: skip
