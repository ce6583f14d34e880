"""数据同步 › 下发 in the window: the district writes its downward packages (one per street with
news) into a folder as a Job, and the street imports the one addressed to it."""

from __future__ import annotations

from pathlib import Path

from app.models import Task
from app.services.holidays import work_calendar
from app.services.tasks import TaskIn, add_task
from tests.app.packages.conftest import COMMUNITY_1, DISTRICT, STREET_1, STREET_2, City
from tests.conftest import TODAY
from ui.pages.sync import SyncPage

WAIT = 60_000


def test_the_district_sends_a_task_down_from_the_window(
    qtbot, known_city: City, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    city = known_city
    with city.db(DISTRICT).sessions.begin() as s:
        task = add_task(s, TaskIn(title="整改消防通道堵塞", issued_on=TODAY, to_office=COMMUNITY_1),
                        work_calendar(s))  # fmt: skip
    page = SyncPage(city.db(DISTRICT))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None and not page.busy(), timeout=WAIT)
    tab = page.down_tab
    page.tabs.setCurrentWidget(tab)
    assert [tab.receiver.itemData(i) for i in range(tab.receiver.count())] == [
        "",
        STREET_1,
        STREET_2,
    ]
    folder = tmp_path / "下发"
    tab.folder.setText(str(folder))
    assert tab.send() is None and "不存在" in tab.result.text()  # no folder made silently
    folder.mkdir()
    assert tab.send() is not None
    qtbot.waitUntil(lambda: tab.last is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT)
    page.grab().save("/tmp/down-tab.png")
    [written] = tab.last.written
    assert written.receivers == (STREET_1,) and tab.last.nothing_new == [STREET_2]
    assert "下发" in page.tabs.tabText(page.tabs.indexOf(tab))
    report = city.receive(STREET_1, written.path)
    assert report.direction == "down"
    with city.db(STREET_1).reader() as s:
        assert s.get(Task, task) is not None
