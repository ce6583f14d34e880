"""The casework overview: counts by status, closure rate, overdue by responsible unit."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.rules.workdays import WorkCalendar
from app.services.casework import casework_overview
from app.services.problems import create_problem, transition
from app.services.tasks import TaskIn, add_task
from tests.app.services.casework_fixtures import a_problem, an_estate
from tests.conftest import TODAY

CAL = WorkCalendar()
NOW = datetime(2026, 11, 25, 10, 0)


def test_an_empty_office_has_no_closure_rate(db) -> None:
    with db.reader() as s:
        overview = casework_overview(s, TODAY, CAL)
    assert overview.total == 0 and overview.closure_percent is None and overview.by_unit == ()


def test_overview_counts_closure_and_overdue_by_unit(db) -> None:
    with db.sessions.begin() as s:
        estate = an_estate(s)
        late = [create_problem(s, a_problem(estate)) for _ in range(2)]
        create_problem(s, a_problem(estate, responsible_unit="南湖物业"))
        create_problem(s, a_problem(estate, deadline=TODAY))  # due today: due soon
        closed = create_problem(s, a_problem(estate))
        transition(s, closed, "rectified", when=NOW)
        transition(s, closed, "closed", when=NOW, evidence="验收记录")
        add_task(
            s,
            TaskIn(
                "督促维修",
                "恒信物业",
                issued_on=TODAY - timedelta(days=20),
                deadline=TODAY - timedelta(days=2),
            ),
            CAL,
        )
    with db.reader() as s:
        overview = casework_overview(s, TODAY, CAL)
    assert overview.by_status == {"pending": 4, "in_progress": 0, "rectified": 0, "closed": 1}
    assert overview.closure_percent == 20.0 and overview.due_soon == 1
    assert [(u.unit, u.problems, u.tasks) for u in overview.by_unit] == [
        ("恒信物业", 2, 1),
        ("南湖物业", 1, 0),
    ]
    with db.sessions.begin() as s:
        for uuid in late:
            transition(s, uuid, "rectified", when=NOW)
    with db.reader() as s:
        assert casework_overview(s, TODAY, CAL).by_unit[0].unit == "南湖物业"
