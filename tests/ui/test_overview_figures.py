"""The 总览 shows the committees' 负面清单 items by how they were handled and the office's
complaint timing (issue 17 items 1, 4 and 7): the same figures `wuye stats` prints, from the
same functions; the complaint figures in a job of their own."""

from __future__ import annotations

from datetime import date

from app.services.committee_figures import negative_measures
from app.services.complaint_figures import office_complaint_times
from app.services.complaint_times import moment_of
from app.services.stats import office_stats


def test_the_overview_shows_negative_items_by_measure_and_complaint_timing(
    qtbot,  # type: ignore[no-untyped-def]
    window,
    demo_db,
    screenshot,
) -> None:
    page = window.open_page("overview")
    qtbot.waitUntil(lambda: page.stats is not None, timeout=30_000)
    qtbot.waitUntil(lambda: page.complaint_times.figure.text() != "—", timeout=30_000)
    today = date.today()
    with demo_db.reader() as s:
        measures = negative_measures(office_stats(s, today).records)
        times = office_complaint_times(s, moment_of(today))
    assert sum(measures.values()) > 0  # the demo has handled items
    assert page.negative.figure.text() == str(sum(measures.values()))
    assert page.negative.note.text() == " · ".join(f"{k} {n}" for k, n in measures.items())
    assert times.closing.percent is not None
    assert page.complaint_times.figure.text() == f"{times.closing.percent:.1f}%"
    assert f"{times.closing.numerator}/{times.closing.denominator}" in (
        page.complaint_times.note.text()
    )
    screenshot(window, "overview-negative-and-complaint-times")
