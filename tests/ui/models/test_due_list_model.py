"""DueListModel over the demo street's problems: a valid Qt model whose rows carry lateness."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex

from app.services.listing import ListQuery
from app.services.problems import OPEN_STATES, PROBLEMS
from tests.conftest import TODAY
from ui.models.due_list_model import DUE_ROLE, DueListModel


def open_deadline(values):  # type: ignore[no-untyped-def]
    return values["deadline"] if values["status"] in OPEN_STATES else None


def model(db, today: date = TODAY) -> DueListModel:  # type: ignore[no-untyped-def]
    due = DueListModel(db.reader, PROBLEMS, [c.key for c in PROBLEMS.columns], open_deadline, today)
    due.PAGE = 10
    due.reload()
    return due


def test_model_passes_the_qt_model_tester(qtmodeltester, demo_db) -> None:  # type: ignore[no-untyped-def]
    due = model(demo_db)
    qtmodeltester.check(due)
    due.set_query(ListQuery(filters=(("overdue_on", TODAY),)))
    qtmodeltester.check(due)


def test_rows_past_their_deadline_on_the_day_are_overdue(demo_db) -> None:  # type: ignore[no-untyped-def]
    due = model(demo_db)
    while due.canFetchMore(QModelIndex()):
        due.fetchMore(QModelIndex())
    late = [due.index(r, 0).data(DUE_ROLE) == "overdue" for r in range(due.rowCount())]
    with demo_db.reader() as s:
        assert sum(late) == PROBLEMS.count(s, ListQuery(filters=(("overdue_on", TODAY),)))


def test_done_rows_are_never_late(demo_db) -> None:  # type: ignore[no-untyped-def]
    due = model(demo_db, date(2099, 1, 1))
    due.set_query(ListQuery(filters=(("status", "closed"),)))
    assert due.rowCount() > 0
    assert {due.index(r, 0).data(DUE_ROLE) for r in range(due.rowCount())} == {""}
