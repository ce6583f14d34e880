"""调度 page on a street: a campaign started from the form is listed and offered to the
completeness panel's 周报/日报; a bad date range is refused at the field in Chinese and
nothing is written. At a community: the campaign its street sent down, read-only, with no
form, and its own 周报 submitted from the panel with what was done, found and next."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

from app.services.campaigns import start_campaign
from app.services.submissions import ReportText
from tests.app.packages.conftest import (  # noqa: F401  (the fixtures)
    COMMUNITY_1,
    STREET_1,
    city,
    city_template,
)
from ui.dialogs.report_text import ReportTextDialog
from ui.pages.dispatch import DispatchPage

TODAY = date(2026, 12, 3)


def campaign_rows(db) -> int:  # type: ignore[no-untyped-def]
    with closing(sqlite3.connect(db.path)) as con:
        return con.execute("select count(*) from report_campaign").fetchone()[0]


def test_a_campaign_is_started_from_the_form_and_listed(qtbot, idle, db) -> None:  # type: ignore[no-untyped-def]
    page = DispatchPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.level != "")
    idle(page)
    assert page.form.isVisible() and page.completeness.isVisible()
    assert page.table.rowCount() == 0
    assert [page.completeness.kind.itemText(i)
            for i in range(page.completeness.kind.count())] == ["周报", "日报"]  # fmt: skip
    assert page.completeness.period.currentData() == "2026-W49"
    page.grab().save("/tmp/dispatch-empty.png")

    page.kind.set_value("daily")
    assert not page.weekday.isEnabled()
    page.ends_on.set_value(date(2026, 12, 1))  # before the start
    page.start()
    qtbot.waitUntil(lambda: page.errors["ends_on"].isVisible())
    assert page.errors["ends_on"].text() == "调度的结束日期不能早于开始日期"
    idle(page)
    assert campaign_rows(db) == 0 and page.table.rowCount() == 0

    page.ends_on.set_value(date(2026, 12, 12))
    with qtbot.waitSignals([page.started, page.loaded], timeout=15_000):
        page.start()
    assert not page.errors["ends_on"].isVisible()
    assert campaign_rows(db) == 1
    assert page.table.texts()[0] == ["日报", "", "本单位", "2026-12-03", "2026-12-12", "当天"]

    page.completeness.kind.setCurrentIndex(1)  # 日报: today's period
    assert page.completeness.period.currentData() == "2026-12-03"
    qtbot.waitUntil(lambda: page.completeness.overview is not None
                    and page.completeness.overview.kind == "daily")  # fmt: skip
    page.grab().save("/tmp/dispatch-started.png")


def test_a_community_lists_the_campaign_received_from_its_street(qtbot, idle, city) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with city.db(STREET_1).sessions.begin() as session:
        start_campaign(session, "weekly", date(2026, 11, 30), None, title="物业服务周调度",
                       due_weekday=4)  # fmt: skip
    city.send_down(STREET_1, COMMUNITY_1)
    page = DispatchPage(city.db(COMMUNITY_1), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.level != "")
    idle(page)
    assert not page.form.isVisible() and page.completeness.isVisible()
    street = f"杜集区东山街道（{STREET_1}）"
    assert page.table.texts() == [["周报", "物业服务周调度", street, "2026-11-30", "—", "周四"]]
    panel = page.completeness
    assert panel.chosen() == ("2026-W49", "weekly")
    qtbot.waitUntil(panel.submit_button.isVisible, timeout=20_000)  # its own reports shown
    job = panel.submit_report(ReportText("巡查小区 12 个", "2 处消防通道堵塞", "督促整改"))
    with qtbot.waitSignal(job.signals.finished, timeout=20_000):
        pass
    idle(page)
    with closing(sqlite3.connect(city.db(COMMUNITY_1).path)) as con:
        assert con.execute(
            "select period, kind, status, work_done, problems_found, next_steps from submission"
        ).fetchall() == [("2026-W49", "weekly", "submitted", "巡查小区 12 个", "2 处消防通道堵塞",
                          "督促整改")]  # fmt: skip
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=20_000)  # shown as 已上报
    page.grab().save("/tmp/dispatch-community.png")


def test_the_report_words_are_asked_in_a_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReportTextDialog("周报")
    qtbot.addWidget(dialog)
    dialog.work_done.setPlainText(" 巡查小区 12 个 ")
    dialog.next_steps.setPlainText("督促整改")
    assert dialog.texts() == ("巡查小区 12 个", "", "督促整改")
