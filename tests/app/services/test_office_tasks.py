"""督办 addressed to an office below: the street issues, the community answers with a row it
owns, the street accepts or sends it back; on time or late; the 汇总 per unit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.db import Database, open_database
from app.errors import InputError
from app.models import Task
from app.services.holidays import work_calendar
from app.services.offices import init_office
from app.services.tasks import (
    AnswerState,
    TaskIn,
    add_task,
    answer_task,
    office_tasks,
    review_answer,
    task_tally,
)
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, STREET

ISSUED = date(2025, 9, 26)  # Friday before 国庆 2025: the default deadline is 10-09
LATER = date(2025, 12, 1)


@pytest.fixture
def community(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "community.sqlite", actor="社区")
    with database.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    yield database
    database.close()


def issue(db: Database, to_office: str = COMMUNITY_A, deadline: date | None = None) -> str:
    with db.sessions.begin() as s:
        data = TaskIn("清理消防通道", issued_on=ISSUED, deadline=deadline, to_office=to_office)
        return add_task(s, data, work_calendar(s))


def answer(db: Database, uuid: str, on: date, result: str = "已清理，附照片") -> str:
    with db.sessions.begin() as s:
        return answer_task(s, uuid, on, result, attachments=["整改后.jpg"], today=LATER)


def review(db: Database, uuid: str, accept: bool, reason: str = "") -> None:
    with db.sessions.begin() as s:
        review_answer(s, uuid, accept=accept, on=LATER, reason=reason, today=LATER)


def lines(db: Database, direction: str):  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return office_tasks(s, direction, LATER, work_calendar(s))


def test_a_task_to_an_office_is_named_by_the_office(db) -> None:  # type: ignore[no-untyped-def]
    uuid = issue(db)
    with db.reader() as s:
        task = s.get(Task, uuid)
        assert task is not None and (task.to_office, task.to_unit) == (COMMUNITY_A, "桓谭社区")
    [line] = lines(db, "issued")
    assert line.answer_state == AnswerState.NONE and line.task.deadline == date(2025, 10, 9)


def test_an_office_outside_the_subtree_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="找不到本单位下级的单位：340603020001"):
        issue(db, "340603020001")
    with pytest.raises(InputError, match="找不到本单位下级的单位"):
        issue(db, STREET)  # not itself


def test_answer_travels_up_and_is_accepted_on_time(db, community) -> None:  # type: ignore[no-untyped-def]
    uuid = issue(db)
    carry(db, community, "task", uuid)
    [incoming] = lines(community, "incoming")
    assert incoming.task.uuid == uuid and incoming.issuer == STREET
    answer_uuid = answer(community, uuid, date(2025, 10, 9))
    carry(community, db, "task_answer", answer_uuid)
    [line] = lines(db, "issued")
    assert line.answer_state == AnswerState.ANSWERED
    assert line.answers[0].on_time and line.answers[0].office == COMMUNITY_A
    review(db, uuid, accept=True)
    [line] = lines(db, "issued")
    assert line.answer_state == AnswerState.ACCEPTED
    assert (line.task.status, line.task.done_on, line.task.due) == (
        "reported", date(2025, 10, 9), "done")


def test_a_returned_answer_is_answered_again_and_counts_late(db, community) -> None:  # type: ignore[no-untyped-def]
    uuid = issue(db)
    carry(db, community, "task", uuid)
    first = answer(community, uuid, date(2025, 10, 9))
    carry(community, db, "task_answer", first)
    with pytest.raises(InputError, match="退回反馈须填写退回原因"):
        review(db, uuid, accept=False)
    review(db, uuid, accept=False, reason="缺少整改后照片")
    [line] = lines(db, "issued")
    assert line.answer_state == AnswerState.RETURNED
    assert line.answers[0].review_reason == "缺少整改后照片"
    with pytest.raises(InputError, match="上一次反馈尚待"):  # not before it comes back down
        answer(community, uuid, date(2025, 10, 10))
    _carry_reviews(db, community, first)
    second = answer(community, uuid, date(2025, 10, 13))
    carry(community, db, "task_answer", second)
    review(db, uuid, accept=True)
    [line] = lines(db, "issued")
    assert [a.on_time for a in line.answers] == [True, False]
    assert line.task.due == "done_late"  # late for ever, in every figure


def _carry_reviews(source: Database, target: Database, answer_uuid: str) -> None:
    from sqlalchemy import select

    from app.models import TaskAnswerReview

    with source.reader() as s:
        uuids = s.scalars(
            select(TaskAnswerReview.uuid).where(TaskAnswerReview.answer_uuid == answer_uuid)
        ).all()
    for uuid in uuids:
        carry(source, target, "task_answer_review", uuid)


def test_the_community_cannot_change_the_streets_task(db, community) -> None:  # type: ignore[no-untyped-def]
    uuid = issue(db)
    carry(db, community, "task", uuid)
    with pytest.raises(InputError, match="只能由该单位修改"), community.sessions.begin() as s:
        task = s.get(Task, uuid)
        assert task is not None
        task.deadline = date(2025, 12, 31)
        s.flush()
    with pytest.raises(InputError, match="不是本单位交办的"):
        review(community, uuid, accept=True)


def test_only_the_office_addressed_may_answer(db) -> None:  # type: ignore[no-untyped-def]
    uuid = issue(db)
    with pytest.raises(InputError, match="不是交给本单位的"):
        answer(db, uuid, date(2025, 10, 9))


def test_an_answer_needs_a_written_result_and_a_date_after_issue(db, community) -> None:  # type: ignore[no-untyped-def]
    uuid = issue(db)
    carry(db, community, "task", uuid)
    with pytest.raises(InputError) as caught:
        answer(community, uuid, date(2025, 9, 25), result=" ")
    assert {p.field for p in caught.value.problems} == {"answer_result", "on"}
    assert lines(community, "incoming")[0].answers == ()


def test_tally_per_unit_counts_late_work_and_late_feedback(db) -> None:  # type: ignore[no-untyped-def]
    from app.services.tasks import mark_done, report_back

    def task(issued: date, unit: str = "恒信物业") -> str:
        with db.sessions.begin() as s:
            return add_task(s, TaskIn("整改", unit, issued_on=issued), work_calendar(s))

    on_time, late, fb_late, overdue, still_open = (
        task(ISSUED), task(ISSUED), task(ISSUED), task(date(2026, 2, 9)), task(date(2026, 2, 20)),
    )  # fmt: skip
    with db.sessions.begin() as s:
        mark_done(s, on_time, date(2025, 9, 30), today=LATER)
        report_back(s, on_time, date(2025, 10, 9), today=LATER)  # after 国庆: in time
        mark_done(s, late, date(2025, 10, 10), today=LATER)  # deadline 10-09
        report_back(s, late, date(2025, 10, 11), today=LATER)  # 10-11 Saturday 调休: in time
        mark_done(s, fb_late, date(2025, 10, 9), today=LATER)
        report_back(s, fb_late, date(2025, 10, 13), today=LATER)  # due 10-10
    with db.reader() as s:
        [tally] = task_tally(s, date(2026, 2, 25), work_calendar(s))  # after 春节 2026
    assert tally.as_dict() == {
        "unit": "恒信物业", "office": None, "issued": 5, "done_on_time": 2, "done_late": 1,
        "open": 1, "overdue": 1, "feedback_late": 1,
    }  # fmt: skip
    assert overdue and still_open  # 02-24 passed; 02-27 (issued in 春节, +7) not yet
