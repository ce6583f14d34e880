"""What a community owes upward (issue 16 item 10): a 督办, a 约谈, a 督查 finding and a 考核
sheet sent down by packages are each listed with their deadline, and gone once answered."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.services.assessment import get_sheet, publish_sheet, self_score
from app.services.campaigns import start_campaign
from app.services.holidays import work_calendar
from app.services.inspections import (
    FindingIn,
    InspectionIn,
    add_feedback,
    add_inspection,
    get_inspection,
)
from app.services.interviews import InterviewIn, add_commitment, add_interview
from app.services.owed_upward import owed_upward
from app.services.submissions import submit
from app.services.tasks import TaskIn, add_task, answer_task, get_task, review_answer
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City
from tests.conftest import TODAY

pytestmark = pytest.mark.slow


def test_what_came_down_is_owed_with_its_deadline_until_answered(known_city: City) -> None:
    city = known_city
    street = city.db(STREET_1)
    with street.sessions.begin() as s:
        deadline = TODAY + timedelta(days=10)
        task = add_task(
            s,
            TaskIn(
                title="整改消防通道堵塞", issued_on=TODAY, deadline=deadline, to_office=COMMUNITY_1
            ),
            work_calendar(s),
        )
        interview = add_interview(
            s,
            InterviewIn(
                subject=COMMUNITY_1,
                reason="消防通道整改逾期",
                meets_at=datetime(2026, 11, 27, 9, 0),
                place="街道会议室",
                notified_on=TODAY,
            ),
            today=TODAY,
        )
        visit = add_inspection(
            s,
            InspectionIn(
                visited_on=TODAY - timedelta(days=10),
                inspectors="张三",
                findings=[FindingIn(description="垃圾未清运", responsible=COMMUNITY_1)],
            ),
            today=TODAY,
        )
        publish_sheet(s, TODAY.year, on=TODAY, today=TODAY)
        start_campaign(s, "daily", TODAY - timedelta(days=1), TODAY + timedelta(days=5))
    city.send_down(STREET_1, COMMUNITY_1)

    community = city.db(COMMUNITY_1)
    with community.reader() as s:
        owed = owed_upward(s, TODAY)
        finding = get_inspection(s, visit).findings[0]
        task_deadline = get_task(s, task, today=TODAY, cal=work_calendar(s)).deadline
    by_kind = {i.kind: i for i in owed}
    assert {"督办", "约谈", "督查", "考核", "日报"} <= set(by_kind)
    assert by_kind["日报"].due == TODAY and by_kind["日报"].what == f"{TODAY} 日报"
    assert by_kind["督办"].due == task_deadline == deadline
    assert by_kind["督办"].days_left == 10 and not by_kind["督办"].overdue
    assert by_kind["约谈"].due == datetime(2026, 11, 27).date()
    assert by_kind["督查"].due == finding.deadline and by_kind["督查"].overdue
    assert by_kind["督查"].days_label.startswith("已逾期")
    assert by_kind["考核"].due is None
    assert all(i.from_office for i in owed)
    # the last month's 月报, not yet submitted, is owed too, due by the month rule
    assert any(i.kind == "月报" and i.due is not None for i in owed), owed
    assert owed == sorted(owed, key=lambda i: (i.due is None, i.due or TODAY, i.kind, i.what))

    with community.sessions.begin() as s:
        answer_task(s, task, TODAY, "已清理通道", today=TODAY)
        add_commitment(s, interview, on=TODAY, text="一周内清理完毕", today=TODAY)
        add_feedback(s, finding.uuid, on=TODAY, measures="已清运", today=TODAY)
        for item in get_sheet(s, TODAY.year, mine=False).items:
            self_score(s, TODAY.year, item.n, points=0, on=TODAY, today=TODAY)
    with community.reader() as s:
        left = {i.kind for i in owed_upward(s, TODAY)}
    assert not left & {"督办", "约谈", "督查", "考核"}
    with community.sessions.begin() as s:
        submit(s, TODAY.isoformat(), "daily", now=datetime(2026, 11, 25, 17, 0))
    with community.reader() as s:
        assert "日报" not in {i.kind for i in owed_upward(s, TODAY)}

    # sent back by the street: owed again
    city.send_up(COMMUNITY_1)
    with street.sessions.begin() as s:
        review_answer(s, task, accept=False, reason="未附照片", on=TODAY, today=TODAY)
    city.send_down(STREET_1, COMMUNITY_1)
    with community.reader() as s:
        again = [i for i in owed_upward(s, TODAY) if i.kind == "督办"]
    assert [i.what for i in again] == ["整改消防通道堵塞（已退回，重新答复）"]
