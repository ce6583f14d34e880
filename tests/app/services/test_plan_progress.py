"""进展情况 of 附件2 from the data: the same figures the 总览 shows, worded per task."""

from __future__ import annotations

from app.services.casework import casework_overview
from app.services.holidays import work_calendar
from app.services.plan_progress import plan_progress
from app.services.stats import office_stats
from tests.conftest import TODAY


def test_progress_words_the_overview_s_own_figures(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        progress = plan_progress(s, TODAY)
        stats = office_stats(s, TODAY)
        cases = casework_overview(s, TODAY, work_calendar(s))
    formation = stats.formation
    assert progress[4].startswith(f"组建率 {formation.percent}%（目标 90%）；党员比例 ")
    assert progress[2].startswith(f"问题 {cases.total} 个，已销号 {cases.closed} 个")
    assert progress[1].startswith(f"已建台账小区 {stats.estates} 个（")
    assert 5 not in progress  # nothing in the data speaks to it: left for a person


def test_an_empty_office_says_dash_not_zero_percent(db) -> None:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        progress = plan_progress(s, TODAY)
    assert progress[4].startswith("组建率 —（目标 90%）") and 17 not in progress
