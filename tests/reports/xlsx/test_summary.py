"""The summary adds up to the office's own figures; the task table is the plan's attachment 2."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.services.offices import communities
from app.services.stats import office_stats
from reports.xlsx.summary import (
    SUMMARY_HEADERS,
    TASK_HEADERS,
    write_ledger_summary,
    write_task_table,
)
from tests.conftest import TODAY


def summary(db, tmp_path) -> Worksheet:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return load_workbook(write_ledger_summary(s, tmp_path / "s.xlsx", today=TODAY)).active


def figures(ws: Worksheet) -> dict[str, dict[str, object]]:
    """Row label -> {header: value} for the community rows and 合计."""
    rows = ws.iter_rows(min_row=4, max_col=len(SUMMARY_HEADERS), values_only=True)
    return {r[0]: dict(zip(SUMMARY_HEADERS, r, strict=True)) for r in rows if r[1] is not None}


def test_total_row_equals_office_stats(demo_db, tmp_path) -> None:
    total = figures(summary(demo_db, tmp_path))["合计"]
    with demo_db.reader() as s:
        stats = office_stats(s, TODAY)
    assert total["小区数"] == stats.estates == 60
    assert {label: total[label] for label in stats.by_management_type} == stats.by_management_type
    assert (total["已组建（备案且在任期内）"], total["应组建业委会小区数"]) == (
        stats.formation.numerator, stats.formation.denominator)  # fmt: skip
    assert (total["党员数"], total["业委会委员数"]) == (
        stats.party_overall.numerator, stats.party_overall.denominator)  # fmt: skip
    assert total["组建率"] == pytest.approx(stats.formation.percent / 100, abs=0.0005)
    assert total["党员比例"] == pytest.approx(stats.party_overall.percent / 100, abs=0.0005)


def test_pmc_members_and_the_committees_records_are_columns_summed_in_the_total(
    demo_db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 17 items 1 and 7: PMC members apart from the party share, and the 履职清单 /
    负面清单 figures (with the unhandled and 罢免建议 counts), at the summary's level too."""
    rows = figures(summary(demo_db, tmp_path))
    total = rows.pop("合计")
    with demo_db.reader() as s:
        stats = office_stats(s, TODAY).as_dict()
    columns = {
        "物管会成员数": stats["party_pmc"]["denominator"],
        "物管会成员中党员数": stats["party_pmc"]["numerator"],
        "履职记录（近一年）": stats["duty_records"],
        "负面清单（近一年）": stats["negative_records"],
        "负面清单未处理": stats["negative_records_unhandled"],
        **stats["negative_measures"],  # 提醒, 约谈, 责令整改, 罢免建议
    }
    assert {header: total[header] for header in columns} == columns
    assert columns["物管会成员数"] == 21 and columns["负面清单（近一年）"] > 0
    for header in columns:
        assert sum(r[header] for r in rows.values()) == total[header]


def test_one_row_per_community_with_rates_as_percentages(demo_db, tmp_path) -> None:
    ws = summary(demo_db, tmp_path)
    with demo_db.reader() as s:
        names = [name for _, name in communities(s)]
    assert list(figures(ws)) == [*names, "合计"]
    assert ws.cell(4, SUMMARY_HEADERS.index("组建率") + 1).number_format == "0.0%"
    assert ws.freeze_panes == "B4"


def test_rows_below_target_are_coloured_and_others_not(demo_db, tmp_path) -> None:
    ws = summary(demo_db, tmp_path)
    coloured = {}
    for label, row in figures(ws).items():
        f, p = row["组建率"], row["党员比例"]
        below = (f != "—" and f < 0.9) or (p != "—" and p < 0.5)  # type: ignore[operator]
        cell = next(c for c in ws["A"] if c.value == label)
        coloured[label] = cell.fill.fgColor.rgb == "00FCE4D6"
        assert coloured[label] is (below and label != "合计"), label
    assert True in coloured.values() and False in coloured.values()  # the demo has both


def task_sheet(tmp_path, progress: dict[int, str] | None = None) -> Worksheet:
    return load_workbook(write_task_table(tmp_path / "t.xlsx", progress=progress)).active


def task_rows(ws: Worksheet) -> dict[int, int]:
    """Task number -> its first row."""
    return {c.value: c.row for c in ws["A"] if isinstance(c.value, int)}


def test_task_table_has_the_plans_18_tasks_and_deadlines(tmp_path) -> None:
    ws = task_sheet(tmp_path)
    rows = task_rows(ws)
    assert tuple(c.value for c in ws[2]) == TASK_HEADERS
    assert TASK_HEADERS == ("序号", "攻坚任务", "重点工作", "责任部门", "完成时限", "进展情况")
    assert list(rows) == list(range(1, 19))
    deadline = {n: ws.cell(row, 5).value for n, row in rows.items()}
    assert (deadline[1], deadline[2], deadline[7], deadline[11]) == (
        "2023年1月底", "2023年2月底", "长期推进", "2023年4月底")  # fmt: skip
    assert deadline[12].startswith("《淮北市住宅小区物业管理条例》2024年底")
    assert ws.cell(rows[1], 2).value == "全面摸清底数"


def test_a_task_with_several_works_spans_their_rows(tmp_path) -> None:
    ws = task_sheet(tmp_path)
    first = task_rows(ws)[5]  # task 5 has three 重点工作, each with its departments
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"A{first}:A{first + 2}", f"E{first}:E{first + 2}"} <= merged
    assert ws.cell(first + 1, 4).value == "市住房城乡建设局\n市经济和信息化局"


def test_progress_goes_into_its_tasks_row_and_others_stay_blank(tmp_path) -> None:
    ws = task_sheet(tmp_path, progress={4: "组建率64.9%，党员比例54.6%"})
    rows = task_rows(ws)
    assert ws.cell(rows[4], 6).value == "组建率64.9%，党员比例54.6%"
    assert ws.cell(rows[3], 6).value is None


def test_task_table_prints_landscape_with_the_header_on_every_page(tmp_path) -> None:
    ws = task_sheet(tmp_path)
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$2:$2"
    assert ws.cell(3, 3).alignment.wrap_text
