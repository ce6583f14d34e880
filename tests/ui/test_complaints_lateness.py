"""The complaints page reads each complaint's 超时 on the page's day through
app/services/complaint_times.py (issue 17 task 3): late rows red, "overdue only" keeps the
open ones past a limit, and the side panel's figures are the service's, per company and estate."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QModelIndex

from app.services.complaint_times import complaint_figures, complaint_lines
from tests.conftest import TODAY
from ui.models.due_list_model import DUE_ROLE
from ui.pages.complaints import LATE_COLUMN


def rows(page) -> list[int]:  # type: ignore[no-untyped-def]
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
    return list(range(page.model.rowCount()))


def test_lateness_is_shown_filtered_and_measured_on_the_page(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, screenshot
) -> None:
    assert date.today() != TODAY  # the page reads the day's end: fixed, like the service below
    now = datetime.combine(TODAY, time(23, 59))
    page = window.open_page("complaints")
    page.set_today(TODAY)
    with demo_db.reader() as s:
        every = {line.uuid: line for line in complaint_lines(s, now, limit=10_000)}
        overdue = {line.uuid for line in complaint_lines(s, now, overdue=True, limit=10_000)}
        figures = complaint_figures(s, now)
    shown = {page.model.uuid_at(r): r for r in rows(page)}
    assert set(shown) == set(every)
    for uuid, r in shown.items():
        assert page.model.index(r, LATE_COLUMN).data() == every[uuid].lateness
        late = bool(every[uuid].lateness)
        assert (page.model.index(r, 0).data(DUE_ROLE) == "overdue") is late
    assert any(line.lateness for line in every.values())

    page.overdue_only.setChecked(True)
    assert {page.model.uuid_at(r) for r in rows(page)} == overdue and overdue

    first = figures.by_company[0]

    def shown_for_the_day() -> bool:
        """The panel's figures for the page's day: the ones computed on opening, for the
        real today, may still arrive first on a loaded machine."""
        table = page.figures.by_company
        return (
            table.rowCount() == len(figures.by_company)
            and table.item(0, 0).text() == first.name
            and table.item(0, 1).text() == str(first.figures.complaints)
            and f"{figures.total.overdue}" in page.figures.summary.text()
        )

    qtbot.waitUntil(shown_for_the_day, timeout=30_000)
    assert page.figures.by_estate.rowCount() == len(figures.by_estate)
    page.overdue_only.setChecked(False)
    window.resize(1366, 768)
    screenshot(window, "page-complaints-lateness")
