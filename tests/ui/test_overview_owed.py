"""The 总览 of a community lists what it owes upward (issue 16 item 10), deadlines beside,
overdue in red, once a 督办 and a 督查 finding came down by package."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.services.holidays import work_calendar
from app.services.inspections import FindingIn, InspectionIn, add_inspection
from app.services.tasks import TaskIn, add_task
from tests.app.packages.conftest import (  # noqa: F401 (fixtures)
    COMMUNITY_1,
    STREET_1,
    City,
    city_template,
    known_city,
    known_template,
)
from tests.conftest import TODAY
from ui.pages.overview import OverviewPage

pytestmark = pytest.mark.slow


def test_the_overview_lists_what_the_community_owes_upward(
    known_city: City,  # noqa: F811
    qtbot,  # type: ignore[no-untyped-def]
    screenshot,  # type: ignore[no-untyped-def]
) -> None:
    with known_city.db(STREET_1).sessions.begin() as s:
        add_task(
            s,
            TaskIn(title="整改消防通道堵塞", issued_on=TODAY, deadline=TODAY + timedelta(days=30),
                   to_office=COMMUNITY_1),
            work_calendar(s),
        )  # fmt: skip
        add_inspection(
            s,
            InspectionIn(visited_on=TODAY - timedelta(days=20), inspectors="张三",
                         findings=[FindingIn(description="垃圾未清运", responsible=COMMUNITY_1)]),
            today=TODAY,
        )  # fmt: skip
    known_city.send_down(STREET_1, COMMUNITY_1)

    page = OverviewPage(known_city.db(COMMUNITY_1))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.owed_model.rowCount() > 0 and page.stats is not None,
                    timeout=30_000)  # fmt: skip
    assert not page.owed_box.isHidden()
    model = page.owed_model
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    task = next(r for r in rows if r[1] == "整改消防通道堵塞")
    assert task[0] == "督办" and task[3] == (TODAY + timedelta(days=30)).isoformat()
    finding = next(r for r in range(len(rows)) if rows[r][0] == "督查")
    assert rows[finding][4].startswith("已逾期")
    colour = model.index(finding, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert colour == QColor(Qt.GlobalColor.red)
    screenshot(page, "overview-owed-upward")
