"""Problems: created by hand or from a source, moved with who and when, listed with filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import InputError, NotFound
from app.models import Problem as ProblemRow
from app.models import StatusChange
from app.rules.workdays import WorkCalendar
from app.services.complaints import ComplaintIn, create_complaint
from app.services.listing import ListQuery
from app.services.meetings import save_meeting
from app.services.problems import (
    PROBLEMS,
    allowed_moves,
    create_problem,
    draft_from_complaint,
    draft_from_resolution,
    draft_from_task,
    get_problem,
    problems_of,
    responsible_units,
    transition,
    update_problem,
)
from app.services.tasks import TaskIn, add_task
from tests.app.services.casework_fixtures import a_meeting, a_problem, an_estate
from tests.conftest import COMMUNITY_A, COMMUNITY_B, TODAY

NOW = datetime(2026, 11, 25, 9, 30)
CAL = WorkCalendar()


def status_of(db, uuid: str) -> str:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return s.get(ProblemRow, uuid).status


@pytest.fixture
def problem(db) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return create_problem(s, a_problem(an_estate(s)))


def test_a_new_problem_waits_for_rectification(db, problem: str) -> None:
    assert status_of(db, problem) == "pending"


def test_a_problem_needs_description_unit_and_a_deadline_after_finding(db) -> None:
    bad = a_problem(description=" ", responsible_unit="", deadline=TODAY - timedelta(days=60))
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        create_problem(s, bad)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"description", "responsible_unit", "deadline"}


def test_an_estate_of_another_community_is_refused(db) -> None:
    with db.sessions.begin() as s:
        estate = an_estate(s)
    with db.sessions.begin() as s, pytest.raises(InputError, match="不属于该社区"):
        create_problem(s, a_problem(estate, community_code=COMMUNITY_B))


def test_the_full_path_to_closure_records_who_and_when(db, problem: str) -> None:
    with db.sessions.begin() as s:
        transition(s, problem, "in_progress", when=NOW, who="张三")
        transition(s, problem, "rectified", when=NOW + timedelta(days=1), who="张三")
        transition(
            s,
            problem,
            "closed",
            when=NOW + timedelta(days=2),
            who="李四",
            evidence="更换门禁，现场照片2张",
        )
    with db.reader() as s:
        view = get_problem(s, problem, today=TODAY, cal=CAL)
    assert view.status == "closed" and view.closed_on == (NOW + timedelta(days=2)).date()
    assert [(h.to_status, h.actor) for h in view.history] == [
        ("in_progress", "张三"),
        ("rectified", "张三"),
        ("closed", "李四"),
    ]
    assert view.due == "done_late"  # rectified after its deadline (TODAY - 1): late for ever


def test_an_illegal_move_changes_nothing(db, problem: str) -> None:
    with db.sessions.begin() as s, pytest.raises(InputError, match="不能从“待整改”改为“已销号”"):
        transition(s, problem, "closed", when=NOW, evidence="照片")
    assert status_of(db, problem) == "pending"
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(StatusChange)) == 0


def test_closing_without_evidence_changes_nothing(db, problem: str) -> None:
    with db.sessions.begin() as s:
        transition(s, problem, "rectified", when=NOW)
    with db.sessions.begin() as s, pytest.raises(InputError, match="佐证"):
        transition(s, problem, "closed", when=NOW)
    assert status_of(db, problem) == "rectified"


def test_reopening_a_closed_problem_keeps_the_reason_and_clears_the_closure(
    db, problem: str
) -> None:
    with db.sessions.begin() as s:
        transition(s, problem, "rectified", when=NOW)
        transition(s, problem, "closed", when=NOW, evidence="验收单")
    with db.sessions.begin() as s, pytest.raises(InputError, match="原因"):
        transition(s, problem, "in_progress", when=NOW)
    with db.sessions.begin() as s:
        transition(s, problem, "in_progress", when=NOW, reason="业主反映门禁再次损坏")
    with db.reader() as s:
        view = get_problem(s, problem, today=TODAY, cal=CAL)
    assert view.status == "in_progress" and view.closed_on is None
    assert view.reopen_reason == "业主反映门禁再次损坏" and view.due == "overdue"


def test_an_unknown_problem_is_not_found(db) -> None:
    with db.sessions.begin() as s, pytest.raises(NotFound):
        transition(s, "nope", "in_progress", when=NOW)


def test_a_resolution_opens_a_problem_and_each_knows_the_other(db) -> None:
    with db.sessions.begin() as s:
        saved = save_meeting(s, None, a_meeting(an_estate(s)))
        draft = draft_from_resolution(s, saved.resolution_uuids[0], today=TODAY)
        uuid = create_problem(s, draft)
    with db.reader() as s:
        assert problems_of(s, saved.resolution_uuids[0]) == [(uuid, "pending", draft.description)]
        assert problems_of(s, saved.resolution_uuids[1]) == []
        view = get_problem(s, uuid, today=TODAY, cal=CAL)
    assert view.data.source == "meeting" and view.source_label.startswith("联席会议决议：3号楼")
    assert view.data.responsible_unit == "恒信物业"


def test_a_complaint_and_a_task_open_problems_linked_back(db) -> None:
    with db.sessions.begin() as s:
        complaint = create_complaint(
            s,
            ComplaintIn(
                channel="hotline_12345",
                complainant_phone="13812345678",
                community_code=COMMUNITY_A,
                category="environment",
                content="楼道垃圾三天未清",
                received_at=NOW,
            ),
        )
        task = add_task(s, TaskIn("督促清理楼道", "恒信物业", issued_on=TODAY), CAL)
        draft = replace(draft_from_complaint(s, complaint, today=TODAY), responsible_unit="恒信")
        from_complaint = create_problem(s, draft)
        from_task = create_problem(
            s, draft_from_task(s, task, community_code=COMMUNITY_A, today=TODAY)
        )
    with db.reader() as s:
        assert [p[0] for p in problems_of(s, complaint)] == [from_complaint]
        assert [p[0] for p in problems_of(s, task)] == [from_task]
        assert get_problem(s, from_task, today=TODAY, cal=CAL).data.source == "supervision"


def test_the_source_link_cannot_be_changed_by_an_edit(db) -> None:
    with db.sessions.begin() as s:
        saved = save_meeting(s, None, a_meeting())
        uuid = create_problem(s, draft_from_resolution(s, saved.resolution_uuids[0], today=TODAY))
        edited = get_problem(s, uuid, today=TODAY, cal=CAL).data
    edited.resolution_uuid = saved.resolution_uuids[1]
    with db.sessions.begin() as s, pytest.raises(InputError, match="来源"):
        update_problem(s, uuid, edited)


def test_list_filters_by_status_unit_and_overdue_day(db) -> None:
    with db.sessions.begin() as s:
        estate = an_estate(s)
        late = create_problem(s, a_problem(estate, deadline=TODAY - timedelta(days=1)))
        create_problem(s, a_problem(estate, deadline=TODAY + timedelta(days=10)))
        create_problem(s, a_problem(estate, responsible_unit="桓谭社区居委会"))
        done = create_problem(s, a_problem(estate, deadline=TODAY - timedelta(days=3)))
        transition(s, done, "rectified", when=NOW)
    with db.reader() as s:
        overdue = PROBLEMS.page(
            s, ListQuery(filters=(("overdue_on", TODAY), ("responsible_unit", "恒信物业")))
        )
        assert [r.uuid for r in overdue] == [late]
        assert PROBLEMS.count(s, ListQuery(filters=(("overdue_on", TODAY),))) == 2
        assert PROBLEMS.count(s, ListQuery(filters=(("status", "rectified"),))) == 1
        assert PROBLEMS.count(s, ListQuery(filters=(("estate", estate),))) == 4


def test_overdue_is_computed_from_the_day_asked_never_stored(db, problem: str) -> None:
    with db.reader() as s:
        yesterday = get_problem(s, problem, today=TODAY - timedelta(days=1), cal=CAL).due
        today = get_problem(s, problem, today=TODAY, cal=CAL).due
    assert (yesterday, today) == ("due_soon", "overdue")


def test_unit_choices_and_allowed_moves_feed_the_form(db, problem: str) -> None:
    with db.reader() as s:
        assert responsible_units(s, "恒信") == ["恒信物业"] and responsible_units(s, "无") == []
    assert allowed_moves("rectified") == [("in_progress", "整改中"), ("closed", "已销号")]


def test_the_unfiltered_count_is_the_live_problems_and_a_search_still_counts_matches(db) -> None:  # type: ignore[no-untyped-def]
    """The count without search or filter is the table's rows less its tombstones
    (offices.office_tally): a deleted problem is not counted, a search counts its matches."""
    with db.sessions.begin() as s:
        estate = an_estate(s)
        uuids = [create_problem(s, a_problem(estate)) for _ in range(3)]
    with db.sessions.begin() as s:
        s.delete(s.get(ProblemRow, uuids[0]))  # a tombstone (app/db/sync.py)
    with db.reader() as s:
        assert PROBLEMS.count(s, ListQuery()) == len(PROBLEMS.page(s, ListQuery())) == 2
        assert PROBLEMS.count(s, ListQuery(text="no such words anywhere")) == 0
