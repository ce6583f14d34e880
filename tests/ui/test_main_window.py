"""The main window: a translated shell whose pages are built when first shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.services.stats import office_stats
from tests.conftest import TODAY
from ui.main_window import PAGES as PAGE_SPECS
from ui.pages.buildings import BuildingsPage
from ui.pages.committees import CommitteesPage
from ui.pages.companies import CompaniesPage
from ui.pages.complaints import ComplaintsPage
from ui.pages.estates import EstatesPage
from ui.pages.meetings import MeetingsPage
from ui.pages.overview import OverviewPage
from ui.pages.problems import ProblemsPage
from ui.pages.sync import SyncPage
from ui.pages.tasks import TasksPage

PAGES = {
    "overview": OverviewPage,
    "estates": EstatesPage,
    "buildings": BuildingsPage,
    "companies": CompaniesPage,
    "committees": CommitteesPage,
    "sync": SyncPage,
    "meetings": MeetingsPage,
    "problems": ProblemsPage,
    "complaints": ComplaintsPage,
    "tasks": TasksPage,
}


def figures_shown(page) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(page, OverviewPage):
        return page.stats is not None and page.casework is not None
    if isinstance(page, SyncPage):
        return page.view is not None
    return bool(page.count_label.text())


def test_only_the_first_page_is_built_at_start(window) -> None:  # type: ignore[no-untyped-def]
    assert set(window.pages) == {"overview"}


@pytest.mark.parametrize("key", PAGES)
def test_every_page_builds_on_first_show(window, key) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page(key)
    assert isinstance(page, PAGES[key])
    assert window.stack.currentWidget() is page
    assert page.isVisible()


@pytest.mark.parametrize("key", PAGES)
def test_every_page_is_saved_as_a_screenshot(window, screenshot, qtbot, key) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page(key)
    qtbot.waitUntil(lambda: figures_shown(page))  # computed off the UI thread
    path = screenshot(window, f"page-{key}")
    image = QImage(str(path))
    assert image.size() == window.size()
    assert path.stat().st_size > 10_000  # a real picture, not a blank grab


def test_status_bar_names_the_office_and_the_database_file(window, demo_db) -> None:  # type: ignore[no-untyped-def]
    assert "曲阳街道" in window.office_label.text()
    assert str(demo_db.path) in window.file_label.text()


def test_navigation_is_in_chinese_under_headings(window) -> None:  # type: ignore[no-untyped-def]
    texts = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert texts == ["总览",
                     "台账", "小区台账", "楼栋", "物业企业", "业主委员会", "履职/负面清单",
                     "红色物业",
                     "业务", "公示栏", "通知公告", "联席会议", "业主表决", "问题整改", "投诉",
                     "满意度调查",
                     "督办督查", "督办", "督查", "约谈与通报", "调度", "考核",
                     "数据与报送", "下级对比", "数据同步",
                     "系统", "操作日志", "备份与恢复"]  # fmt: skip
    headings = {row for row in range(window.nav.count()) if row not in window.nav_rows}
    names = {window.nav.item(row).text() for row in headings}
    assert names == {"台账", "业务", "督办督查", "数据与报送", "系统"}
    for row in headings:  # a heading is not a page: it cannot be chosen
        assert window.nav.item(row).flags() == Qt.ItemFlag.NoItemFlags


def test_up_and_down_pass_the_headings_by(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.nav.setFocus()
    seen = []
    for _ in range(len(PAGE_SPECS) - 1):
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        seen.append(window.nav.currentItem().text())
    assert seen == [spec.title() for spec in PAGE_SPECS[1:]]
    assert window.stack.currentWidget() is window.pages["backups"]
    for _ in range(len(PAGE_SPECS) - 1):
        qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert window.nav.currentItem().text() == "总览"
    assert window.stack.currentWidget() is window.pages["overview"]


def test_ctrl_digits_open_the_first_ten_pages(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentItem().text() == PAGE_SPECS[2].title()
    assert window.stack.currentWidget() is window.pages[PAGE_SPECS[2].key]


def test_overview_shows_the_formation_rate_of_office_stats(window, demo_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("overview")
    page.refresh(TODAY)
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.today == TODAY)
    with demo_db.reader() as session:
        formation = office_stats(session, TODAY).formation
    assert page.formation.figure.text() == f"{formation.percent:.1f}%"
    assert page.formation.note.text().startswith(f"{formation.numerator}/{formation.denominator}")


def test_the_reports_menu_writes_both_report_workbooks(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    for which in ("summary", "tasks"):
        job = window.write_report(which, tmp_path / f"{which}.xlsx")
        with qtbot.waitSignal(job.signals.finished, timeout=20_000):
            pass
        assert load_workbook(tmp_path / f"{which}.xlsx").active.max_row > 10
