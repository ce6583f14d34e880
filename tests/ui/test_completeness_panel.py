"""The period reports panel on 总览: a community submits, its street sees who has reported
(late and missing in colour), accepts or returns, and the review goes down in the street's
next 下发 package, which locks the report at the community; the district sees its streets
side by side."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.services.submissions import submit
from tests.app.packages.conftest import (  # noqa: F401  (the fixtures)
    COMMUNITY_1,
    COMMUNITY_2,
    DISTRICT,
    STREET_1,
    City,
    city,
    city_template,
)
from ui.widgets.completeness import MISSING, CompletenessPanel

TODAY = date(2026, 12, 9)
CLOCK = datetime(2026, 12, 9, 10, 30)


@pytest.fixture
def town(city: City) -> City:  # noqa: F811
    """The small demo town of the package tests, a fresh copy per test."""
    return city


def _panel(qtbot, town: City, code: str) -> CompletenessPanel:  # type: ignore[no-untyped-def]
    panel = CompletenessPanel(town.db(code), today=TODAY, clock=lambda: CLOCK)
    qtbot.addWidget(panel)
    panel.resize(1100, 380)
    panel.show()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.overview is not None and not panel.busy(), timeout=20_000)
    return panel


def _reported(town: City, code: str, when: datetime) -> None:
    with town.db(code).sessions.begin() as s:
        submit(s, "2026-11", "月报", now=when)
    town.send_up(code)


def _wait_for(qtbot, panel: CompletenessPanel, job, check) -> None:  # type: ignore[no-untyped-def]
    """The job's signals may fire before a waitSignal connects: wait for what they cause."""
    assert job is not None
    qtbot.waitUntil(lambda: not panel.busy() and check(), timeout=20_000)


def test_a_community_submits_from_the_panel(qtbot, town: City, screenshot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, town, COMMUNITY_1)
    assert panel.table.rowCount() == 0 and "2026-12-07" in panel.summary.text()
    assert panel.submit_button.isVisible() and not panel.accept_button.isVisible()
    job = panel.submit_report()
    _wait_for(qtbot, panel, job, lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 1).text() == "已上报"
    assert panel.table.item(0, 3).text() == "逾期上报"  # 9 December, after the 7th
    assert "上报" in panel.message.text()
    screenshot(panel, "completeness-community")


def test_the_street_sees_late_and_missing_and_accepts(qtbot, town: City, screenshot) -> None:  # type: ignore[no-untyped-def]
    _reported(town, COMMUNITY_1, datetime(2026, 12, 3, 9, 0))
    panel = _panel(qtbot, town, STREET_1)
    assert not panel.units.isVisible() and panel.table.rowCount() == 2
    texts = [[panel.table.item(r, c).text() for c in range(4)] for r in range(2)]
    assert texts[0][1:4] == ["是", "已上报", "按时"] and texts[1][1:4] == [
        "否",
        "未上报",
        "逾期未报",
    ]
    assert panel.table.item(1, 0).foreground().color() == MISSING
    assert "应报 2" in panel.summary.text()
    panel.select_community(COMMUNITY_2)
    assert not panel.accept_button.isEnabled()
    panel.select_community(COMMUNITY_1)
    assert panel.accept_button.isEnabled() and not panel.approve_button.isEnabled()
    job = panel.review_selected("accept")
    _wait_for(qtbot, panel, job, lambda: "锁定" in panel.table.item(0, 2).text())
    screenshot(panel, "completeness-street")
    assert panel.export_button.isVisible()
    book = town.folder / "报送情况.xlsx"
    _wait_for(qtbot, panel, panel.export_to(book), lambda: "已保存" in panel.message.text())
    rows = list(load_workbook(book).active.iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[2]) for r in rows] == [(COMMUNITY_1, "已接收"), (COMMUNITY_2, "未上报")]


def test_a_return_needs_a_reason_and_nothing_is_written_without_one(qtbot, town: City) -> None:  # type: ignore[no-untyped-def]
    _reported(town, COMMUNITY_1, datetime(2026, 12, 3, 9, 0))
    panel = _panel(qtbot, town, STREET_1)
    panel.select_community(COMMUNITY_1)
    assert panel.review_selected("return", "  ") is not None
    qtbot.waitUntil(lambda: "退回原因" in panel.message.text(), timeout=20_000)
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=20_000)
    assert panel.table.item(0, 2).text() == "已上报"


def test_a_review_here_goes_down_in_the_package_and_locks_the_report_at_the_community(
    qtbot, town: City, screenshot
) -> None:  # type: ignore[no-untyped-def]
    _reported(town, COMMUNITY_1, datetime(2026, 12, 3, 9, 0))
    street = _panel(qtbot, town, STREET_1)
    street.select_community(COMMUNITY_1)
    job = street.review_selected("accept")
    _wait_for(qtbot, street, job, lambda: "锁定" in street.table.item(0, 2).text())
    assert "下发" in street.message.text() and "回执" not in street.message.text()
    screenshot(street, "completeness-street-reviewed")
    down = town.send_down(STREET_1, COMMUNITY_1)  # the review rides in the package down
    assert "上级审核意见 1 条已应用到本单位的报表" in down.warnings
    community = _panel(qtbot, town, COMMUNITY_1)
    assert community.table.item(0, 1).text() == "已接收（已锁定）"
    assert not community.submit_button.isEnabled() and "锁定" in community.message.text()
    screenshot(community, "completeness-community-locked")


def test_the_district_sees_its_streets_side_by_side(qtbot, town: City, screenshot) -> None:  # type: ignore[no-untyped-def]
    _reported(town, COMMUNITY_1, datetime(2026, 12, 3, 9, 0))
    town.send_up(STREET_1)
    panel = _panel(qtbot, town, DISTRICT)
    assert panel.units.isVisible() and panel.units.rowCount() == 2
    assert [panel.units.item(0, c).text() for c in range(4)][1:] == ["1", "1", "1"]
    assert not panel.accept_button.isVisible()
    screenshot(panel, "completeness-district")


def test_the_panel_comes_first_on_the_overview_of_the_demo_street(
    qtbot, window, screenshot
) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("overview")
    panel = page.completeness
    qtbot.waitUntil(lambda: panel.overview is not None and not panel.busy(), timeout=20_000)
    assert panel.parentWidget().layout().indexOf(panel) == 1  # right under the title
    assert panel.table.rowCount() == 10 and panel.accept_button.isVisible()
    window.resize(1400, 1000)
    screenshot(window, "page-overview-completeness")


def test_return_asks_for_the_reason_in_a_dialog(qtbot, town: City) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    _reported(town, COMMUNITY_1, datetime(2026, 12, 3, 9, 0))
    panel = _panel(qtbot, town, STREET_1)
    panel.select_community(COMMUNITY_1)

    def answer(tries_left: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            dialog.setTextValue("附表缺失")
            dialog.accept()
        elif tries_left:
            QTimer.singleShot(10, lambda: answer(tries_left - 1))

    QTimer.singleShot(0, answer)
    job = panel.ask_and_return()
    _wait_for(qtbot, panel, job, lambda: panel.table.item(0, 2).text() == "退回")
    assert panel.return_button.isEnabled() is False
