"""The import report as a workbook: a row per package and table with the eight counts, a
合计 row, and the refused files with their reason."""

from __future__ import annotations

from openpyxl import load_workbook

from app.services.package_files import import_files
from reports.xlsx.package_report import write_package_reports
from tests.app.packages.conftest import COMMUNITY_1, NOW, STREET_1, City


def test_counts_and_refusals_are_in_the_workbook(city: City) -> None:
    good = city.export(COMMUNITY_1)
    bad = city.folder / "坏.wypkg"
    bad.write_bytes(b"not a zip")
    results = import_files(city.db(STREET_1), [good, bad], dry_run=True, now=NOW)
    book = load_workbook(write_package_reports(results, city.folder / "报告.xlsx"))
    counts, notes = book["导入报告"], book["问题与提示"]
    header = [c.value for c in counts[1]]
    assert header[5:] == ["数据表", "新增", "更新", "未变", "过时", "删除", "拒收", "待定", "冲突"]
    rows = [[c.value for c in row] for row in counts.iter_rows(min_row=2)]
    estates = next(r for r in rows if r[5] == "小区")
    total = next(r for r in rows if r[5] == "合计")
    assert estates[4] == "试导入" and estates[6] > 0 and total[6] >= estates[6]
    refused = [[c.value for c in row] for row in notes.iter_rows(min_row=2)]
    assert refused[-1][:2] == ["坏.wypkg", "拒收"] and refused[-1][2]
