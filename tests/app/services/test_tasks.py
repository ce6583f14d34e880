"""督办 tasks through the service: working-day deadlines across real 2025 and 2026 holidays,
feedback due, reminders, interviews, and lateness computed on the day asked."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InputError, NotFound
from app.services.holidays import work_calendar
from app.services.listing import ListQuery
from app.services.problems import create_problem
from app.services.tasks import (
    TASKS,
    TaskIn,
    add_task,
    get_task,
    interview,
    mark_done,
    remind,
    report_back,
    tasks_for_problem,
)
from tests.app.services.casework_fixtures import a_problem
from tests.conftest import TODAY


def add(db, issued: date, deadline: date | None = None) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return add_task(
            s, TaskIn("清理楼道杂物", "恒信物业", "曲阳街道", issued, deadline), work_calendar(s)
        )


def view(db, uuid: str, today: date = TODAY):  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return get_task(s, uuid, today=today, cal=work_calendar(s))


def done(db, uuid: str, on: date) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        mark_done(s, uuid, on, who="张三")


@pytest.mark.parametrize(
    ("issued", "deadline"),
    [
        (date(2025, 9, 26), date(2025, 10, 9)),  # DOMAIN.md §7: 10-03 is National Day
        (date(2025, 1, 24), date(2025, 2, 5)),  # 01-31 in the Spring Festival 2025
        (date(2026, 2, 9), date(2026, 2, 24)),  # 02-16 in the Spring Festival 2026
        (date(2025, 1, 19), date(2025, 1, 26)),  # a Sunday, but a 调休 working day
    ],
)
def test_default_deadline_is_a_week_moved_off_holidays(db, issued: date, deadline: date) -> None:
    assert view(db, add(db, issued)).deadline == deadline


@pytest.mark.parametrize(
    ("done_on", "feedback"),
    [
        (date(2025, 9, 30), date(2025, 10, 9)),  # DOMAIN.md §7
        (date(2025, 9, 27), date(2025, 9, 28)),  # Saturday → 调休 Sunday
        (date(2025, 10, 10), date(2025, 10, 11)),  # Friday → 调休 Saturday
        (date(2025, 1, 27), date(2025, 2, 5)),  # eve of the Spring Festival 2025
        (date(2025, 2, 7), date(2025, 2, 8)),  # → 调休 Saturday
        (date(2026, 2, 13), date(2026, 2, 14)),  # → 调休 Saturday before Spring Festival 2026
        (date(2026, 2, 27), date(2026, 2, 28)),  # → 调休 Saturday after it
    ],
)
def test_feedback_is_due_the_next_working_day(db, done_on: date, feedback: date) -> None:
    uuid = add(db, date(2025, 1, 2) if done_on.year == 2025 else date(2026, 1, 5))
    done(db, uuid, done_on)
    task = view(db, uuid)
    assert task.feedback_due == feedback and task.status == "done"
    assert task.due == "done_late"  # done weeks after its deadline: late in every figure


def test_an_explicit_deadline_past_one_month_is_kept(db) -> None:
    # 附件3: the one-month cap is for tasks "无明确时限要求的"; the issuer may set a later date
    assert view(db, add(db, date(2025, 9, 26), date(2025, 12, 31))).deadline == date(2025, 12, 31)


def test_a_deadline_before_issue_is_refused_and_nothing_is_written(db) -> None:
    with pytest.raises(InputError, match="不能早于交办日期"):
        add(db, date(2025, 9, 26), date(2025, 9, 25))
    with db.reader() as s:
        assert TASKS.count(s, ListQuery()) == 0


def test_the_latest_allowed_deadline_is_kept(db) -> None:
    assert view(db, add(db, date(2025, 9, 26), date(2025, 10, 27))).deadline == date(2025, 10, 27)


def test_done_before_issue_is_refused(db) -> None:
    uuid = add(db, date(2026, 11, 2))
    with pytest.raises(InputError, match="不能早于交办日期"):
        done(db, uuid, date(2026, 11, 1))
    assert view(db, uuid).status == "open"


def test_done_twice_is_refused(db) -> None:
    uuid = add(db, date(2026, 11, 2))
    done(db, uuid, date(2026, 11, 3))
    with pytest.raises(InputError, match="已经是“已办结”状态"):
        done(db, uuid, date(2026, 11, 4))


def test_feedback_is_late_after_the_working_day_following_done(db) -> None:
    uuid = add(db, date(2026, 11, 2))
    done(db, uuid, date(2026, 11, 6))  # Friday: feedback due Monday 11-09
    assert not view(db, uuid, date(2026, 11, 9)).feedback_late
    assert view(db, uuid, date(2026, 11, 10)).feedback_late


def test_lateness_follows_the_day_asked(db) -> None:
    uuid = add(db, date(2026, 11, 2))  # deadline 11-09 (Monday)
    assert [
        view(db, uuid, d).due for d in (date(2026, 11, 3), date(2026, 11, 6), date(2026, 11, 10))
    ] == ["open", "due_soon", "overdue"]
    with db.reader() as s:
        late = TASKS.page(s, ListQuery(filters=(("overdue_on", date(2026, 11, 10)),)))
    assert [r.uuid for r in late] == [uuid]


def test_reminders_interviews_and_feedback_are_kept(db) -> None:
    uuid = add(db, date(2026, 11, 2))
    with db.sessions.begin() as s:
        remind(s, uuid, date(2026, 11, 10), "电话", "提醒尽快办结")
        interview(s, uuid, date(2026, 11, 12), "恒信物业项目经理", "承诺三日内完成")
    done(db, uuid, date(2026, 11, 13))
    with db.sessions.begin() as s:
        report_back(s, uuid, date(2026, 11, 16))
    task = view(db, uuid)
    assert [r.way for r in task.reminders] == ["phone"] and task.interviews[0].outcome
    assert task.status == "reported" and task.feedback_on == date(2026, 11, 16)


def test_a_task_supervising_a_problem_is_listed_with_the_problem(db) -> None:
    with db.sessions.begin() as s:
        problem = create_problem(s, a_problem())
        data = TaskIn("督促整改门禁", "恒信物业", issued_on=TODAY, problem_uuid=problem)
        uuid = add_task(s, data, work_calendar(s))
    with db.reader() as s:
        assert tasks_for_problem(s, problem) == [(uuid, "open", "督促整改门禁")]
    assert view(db, uuid).problem_uuid == problem


def test_a_task_for_an_unknown_problem_is_refused(db) -> None:
    with db.sessions.begin() as s, pytest.raises(InputError, match="找不到所督办的问题"):
        add_task(s, TaskIn("x", "y", issued_on=TODAY, problem_uuid="nope"), work_calendar(s))


def test_an_unknown_task_is_not_found(db) -> None:
    with pytest.raises(NotFound):
        view(db, "no-such-task")


def test_done_and_reminder_dated_after_today_are_refused(db) -> None:
    uuid = add(db, date(2026, 11, 2))
    with db.sessions.begin() as s, pytest.raises(InputError, match="办结日期不能晚于今天"):
        mark_done(s, uuid, date(2026, 11, 26), today=TODAY)
    with db.sessions.begin() as s, pytest.raises(InputError, match="催办日期不能晚于今天"):
        remind(s, uuid, date(2027, 11, 10), "电话", today=TODAY)
    assert view(db, uuid).status == "open" and not view(db, uuid).reminders


def test_a_task_given_to_a_known_unit_by_part_of_its_name_is_recorded_under_it(demo_db) -> None:
    from app.services.known_units import known_units

    with demo_db.reader() as s:
        units = known_units(s)
    company = next(u for u in units if u.endswith("物业服务有限公司"))
    short = company.removeprefix("淮北市").removesuffix("服务有限公司")  # e.g. 惠民物业
    with demo_db.sessions.begin() as s:
        uuid = add_task(s, TaskIn("清理楼道", short, issued_on=TODAY), work_calendar(s))
    assert view(demo_db, uuid).to_unit == company
    assert {"曲阳派出所", "国网淮北供电公司"} <= set(units)  # named on earlier problems


def test_a_task_issued_without_a_giver_shows_the_office_as_its_issuer(db) -> None:  # type: ignore[no-untyped-def]
    """交办单位 left empty: the 督办 list and the task read the issuing office's own name."""
    from app.services.holidays import work_calendar
    from app.services.listing import ListQuery
    from app.services.tasks import TASKS, TaskIn, add_task, get_task

    with db.sessions.begin() as s:
        cal = work_calendar(s)
        mine = add_task(s, TaskIn(title="清理楼道堆物", to_unit="恒信物业",
                                  issued_on=date(2026, 11, 2)), cal)  # fmt: skip
        given = add_task(s, TaskIn(title="更换路灯", to_unit="供电公司", from_unit="区住建局",
                                   issued_on=date(2026, 11, 2)), cal)  # fmt: skip
    with db.reader() as s:
        at = [c.key for c in TASKS.columns].index("from_unit")
        shown = {r.uuid: r.values[at] for r in TASKS.page(s, ListQuery(), limit=10)}
        first = TASKS.page(s, ListQuery(sort_key="from_unit"), limit=1)
        second = TASKS.page(s, ListQuery(sort_key="from_unit"), after=first[0], limit=1)
        view = get_task(s, mine, today=date(2026, 11, 3), cal=work_calendar(s))
    assert shown == {mine: "曲阳街道", given: "区住建局"} and view.from_unit == "曲阳街道"
    assert [first[0].uuid, second[0].uuid] == [given, mine]  # sorted and paged by it
