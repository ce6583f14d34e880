"""The demo's casework: every problem status, a reopening, overdue problems and tasks on the
demo day, reminders, links from sources, and one meeting per check that warns."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import JointMeeting, StatusChange, TaskReminder
from app.models import Problem as ProblemRow
from app.services.casework import casework_overview
from app.services.holidays import work_calendar
from app.services.meetings import check_meeting, get_meeting
from tests.conftest import TODAY


def test_the_demo_has_problems_in_every_status_and_some_late(demo_db) -> None:
    with demo_db.reader() as s:
        overview = casework_overview(s, TODAY, work_calendar(s))
    assert all(n > 0 for n in overview.by_status.values())
    assert overview.overdue and overview.due_soon and overview.overdue_tasks
    assert overview.open_complaints and 0 < overview.closure_percent < 100


def test_the_demo_links_problems_to_their_sources_and_shows_a_reopening(demo_db) -> None:
    with demo_db.reader() as s:
        for column in (ProblemRow.resolution_uuid, ProblemRow.complaint_uuid,
                       ProblemRow.task_uuid):  # fmt: skip
            assert s.scalar(select(func.count()).where(column.is_not(None)))
        reopened = select(func.count()).where(StatusChange.from_status == "closed")
        assert s.scalar(reopened) and s.scalar(select(func.count(TaskReminder.uuid)))


def test_the_demo_shows_each_meeting_warning_once(demo_db) -> None:
    with demo_db.reader() as s:
        meetings = [get_meeting(s, u) for u in s.scalars(select(JointMeeting.uuid))]
    warnings = [w for m in meetings for w in check_meeting(m)]
    assert len(warnings) == 2
    assert "辖区派出所" in warnings[0] + warnings[1] and "1/3" in warnings[0] + warnings[1]
