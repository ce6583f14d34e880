"""下级对比: a row per community of the demo street, the total last, a bar per community in the
chart, and the same rows saved as a workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import TODAY
from ui.pages.subordinates import SubordinatesPage


def test_each_community_has_a_row_and_a_bar_and_the_total_comes_last(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    page = SubordinatesPage(demo_db, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.busy() and bool(page.rows), timeout=20_000)
    assert page.table.rowCount() == 11
    assert page.table.item(10, 0).text() == "合计" and page.table.item(10, 1).text() == "60"
    bars = page.chart.series()[0]
    assert [s.count() for s in bars.barSets()] == [10, 10]


def test_export_writes_the_same_rows(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = SubordinatesPage(demo_db, today=TODAY)
    qtbot.addWidget(page)
    job = page.export_to(tmp_path / "对比.xlsx")
    with qtbot.waitSignal(job.signals.finished, timeout=20_000):
        pass
    assert load_workbook(tmp_path / "对比.xlsx").active.cell(14, 1).value == "合计"


def test_the_page_is_saved_as_a_screenshot(qtbot, window, screenshot) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("subordinates")
    assert window.nav.currentItem().text() == "下级对比"
    qtbot.waitUntil(lambda: not page.busy() and bool(page.rows), timeout=20_000)
    assert screenshot(window, "page-subordinates").stat().st_size > 10_000


def test_only_rates_below_target_are_red(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    page = SubordinatesPage(demo_db, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.busy() and bool(page.rows), timeout=20_000)
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    formation, party = headers.index("组建率"), headers.index("党员比例")
    for r, row in enumerate(page.rows):
        for c in range(page.table.columnCount()):
            red = page.table.item(r, c).foreground().color().name() == "#c62828"
            below = (c == formation and not row.formation.met) or (c == party and not row.party.met)
            assert red == below, (row.name, headers[c])


def test_the_complaint_figures_of_each_community_are_shown(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from tests.app.services.test_complaint_figures import street_with_complaints

    page = SubordinatesPage(street_with_complaints(db), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: not page.busy() and bool(page.rows), timeout=20_000)
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    columns = ["投诉件数", "响应用时中位数（小时）", "按时响应率",
               "办结用时中位数（天）", "按时办结率"]  # fmt: skip
    at = [headers.index(h) for h in columns]
    shown = [[page.table.item(r, c).text() for c in at] for r in range(3)]
    assert shown == [
        ["2", "36.0", "50.0%", "15.5", "50.0%"],  # 桓谭社区: on time at the limits, a day late
        ["2", "3.0", "100.0%", "—", "0.0%"],  # 南湖社区
        ["4", "24.0", "66.7%", "15.5", "33.3%"],  # 合计: the median of all, the counts summed
    ]
    page.table.scrollToItem(page.table.item(0, at[-1]))
    page.grab().save("/tmp/cmpsub-subordinates.png")


def test_the_negative_items_of_each_office_are_shown_by_measure(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    """负面清单 handled by 提醒/约谈/责令整改/罢免建议 (issue 17 item 1), the figures of
    `stats --by-subordinate --json`, one cell per office, the total summed."""
    from app.services.aggregate import subordinate_figures, total_of
    from app.services.committee_figures import negative_measures

    page = SubordinatesPage(demo_db, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.busy() and bool(page.rows), timeout=20_000)
    column = page.table.columnCount() - 1
    assert "提醒" in page.table.horizontalHeaderItem(column).text()
    with demo_db.reader() as s:
        rows = subordinate_figures(s, TODAY)
    expected = [*rows, total_of(rows)]
    shown = [page.table.item(r, column).text() for r in range(page.table.rowCount())]
    assert shown == ["/".join(str(n) for n in negative_measures(f).values()) for f in expected]
    assert sum(sum(negative_measures(f).values()) for f in rows) > 0  # the demo has some
