"""The casework lists: overdue only shows only what is late on the page's day, in red with an
icon; due soon in amber; filters by status and unit; task and complaint forms save through
their services and refuse at the field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.codes import ProblemStatus, TaskStatus
from app.services.holidays import work_calendar
from app.services.listing import ListQuery
from app.services.meetings import MEETINGS
from app.services.problems import PROBLEMS
from app.services.tasks import TASKS, get_task
from tests.conftest import TODAY
from tests.ui.casework_steps import LEFT
from ui.models.due_list_model import DUE_ROLE, DUE_SOON_COLOUR, OVERDUE_COLOUR

LATE = {"meetings": MEETINGS, "problems": PROBLEMS, "tasks": TASKS}


def shown(page) -> list[int]:  # type: ignore[no-untyped-def]
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
    return list(range(page.model.rowCount()))


def states(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.model.index(row, 0).data(DUE_ROLE) for row in shown(page)]


def opened(window, key: str):  # type: ignore[no-untyped-def]
    page = window.open_page(key)
    page.set_today(TODAY)
    return page


@pytest.mark.parametrize("key", LATE)
def test_overdue_only_shows_exactly_the_rows_late_today(window, demo_db, key) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, key)
    everything = states(page)
    page.overdue_only.setChecked(True)
    late = states(page)
    with demo_db.reader() as s:
        expected = LATE[key].count(s, ListQuery(filters=(("overdue_on", TODAY),)))
    assert late == ["overdue"] * expected and expected > 0
    assert everything.count("overdue") == expected
    if key != "meetings":  # every demo meeting has a late resolution
        assert expected < len(everything)


def test_overdue_rows_are_red_with_an_icon_and_due_soon_rows_amber(window) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, "problems")
    rows = states(page)
    late, soon, other = (
        rows.index("overdue"),
        rows.index("due_soon"),
        rows.index(""),
    )  # done: no open deadline
    model = page.model
    brush = Qt.ItemDataRole.ForegroundRole
    assert model.index(late, 2).data(brush).color() == OVERDUE_COLOUR
    assert model.index(soon, 2).data(brush).color() == DUE_SOON_COLOUR
    assert model.index(other, 2).data(brush) is None
    icon = Qt.ItemDataRole.DecorationRole
    assert not model.index(late, 0).data(icon).isNull()
    assert not model.index(soon, 0).data(icon).isNull()
    assert model.index(other, 0).data(icon) is None
    assert model.index(late, 1).data(Qt.ItemDataRole.ToolTipRole) == "已逾期"


def test_a_later_day_makes_more_rows_late(window) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, "problems")
    page.overdue_only.setChecked(True)
    today = len(shown(page))
    page.set_today(date(2027, 6, 30))
    assert len(shown(page)) > today


def test_the_status_and_unit_filters_narrow_the_list(window) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, "problems")
    page.filters["status"].set_value(ProblemStatus.IN_PROGRESS.value)
    assert {page.model.index(r, 1).data() for r in shown(page)} == {"整改中"}
    unit = page.model.index(0, 3).data()
    page.filters["responsible_unit"].set_value(unit)
    rows = shown(page)
    assert rows and {page.model.index(r, 3).data() for r in rows} == {unit}


def test_the_complaint_state_filter_keeps_open_complaints(window) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, "complaints")
    total = len(shown(page))
    page.state.set_value("open")
    still_open = shown(page)
    assert 0 < len(still_open) < total
    assert {page.model.index(r, 6).data() for r in still_open} == {""}  # no closing time
    assert page.overdue_only.isVisible()  # complaint_sla_days: see test_complaints_lateness


def test_a_new_task_shows_its_working_day_deadline_and_is_saved(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle, ime, screenshot
) -> None:
    page = opened(window, "tasks")
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    ime(form.title, "督促凤凰城整改消防通道")
    ime(form.to_unit, "淮北市惠民物业服务有限公司")
    form.issued_on.set_value(date(2025, 9, 26))  # a Friday before the National Day holiday
    assert "2025-10-09" in form.deadline_note.text()  # +7 days is 10-03, a holiday
    form.deadline.set_value(date(2025, 9, 25))
    assert "不能早于交办日期" in form.deadline_note.text()
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "不能早于交办日期" in form.errors["deadline"].text()
    form.deadline.set_value(date(2025, 11, 3))  # beyond a month: the issuer's to set
    assert "2025-11-03" in form.deadline_note.text()
    form.deadline.set_value(None)
    screenshot(form, "form-task-new")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    with demo_db.reader() as s:
        task = get_task(s, form.uuid, today=TODAY, cal=work_calendar(s))
    assert task.deadline == date(2025, 10, 9) and task.status == TaskStatus.OPEN


def test_a_stored_task_takes_reminders_interviews_and_is_done(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle, ime, screenshot
) -> None:
    page = opened(window, "tasks")
    page.filters["status"].set_value(TaskStatus.OPEN.value)
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    reminders = form.reminders.rowCount()
    ime(form.reminder_note, "电话催促尽快整改")
    qtbot.mouseClick(form.remind_button, LEFT)
    idle(form)
    qtbot.mouseClick(form.interview_button, LEFT)  # nobody named yet
    idle(form)
    assert form.errors["participants"].text() == "请填写约谈对象"
    ime(form.participants, "项目经理李某")
    ime(form.outcome, "承诺三日内整改")
    qtbot.mouseClick(form.interview_button, LEFT)
    idle(form)
    qtbot.mouseClick(form.done_button, LEFT)
    idle(form)
    with demo_db.reader() as s:
        task = get_task(s, form.uuid, today=TODAY, cal=work_calendar(s))
    assert len(task.reminders) == reminders + 1 and task.reminders[-1].note == "电话催促尽快整改"
    assert task.interviews[-1].participants == "项目经理李某"
    assert task.status == TaskStatus.DONE and task.done_on == TODAY
    assert form.report_button.isEnabled() and not form.done_button.isEnabled()
    assert f"应反馈：{task.feedback_due.isoformat()}" in form.summary.text()
    screenshot(form, "form-task")


def test_a_complaint_with_a_bad_phone_is_refused_at_the_field(
    window, qtbot, idle, ime, screenshot
) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, "complaints")
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    ime(form.content, "楼道灯不亮已一周")
    ime(form.complainant_phone, "1380000")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert form.errors["complainant_phone"].isVisibleTo(form)
    assert form.uuid is None
    form.complainant_phone.setText("13800001234")
    screenshot(form, "form-complaint")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    assert page.model.row_of(form.uuid) is not None


def test_a_problem_opened_from_a_task_is_listed_on_the_task(window, demo_db, qtbot, ime) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, "tasks")
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    qtbot.mouseClick(form.to_problem_button, LEFT)
    problem = form.problem_form
    assert problem.description.toPlainText() == form.view.title
    with qtbot.waitSignal(problem.saved):
        qtbot.mouseClick(problem.save_button, LEFT)
    assert "据此建立的问题" in form.links_note.text() and "待整改" in form.links_note.text()


def test_the_delete_key_deletes_no_casework(window, demo_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = opened(window, "problems")
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with demo_db.reader() as s:
        assert PROBLEMS.count(s, ListQuery()) == len(shown(page))
    assert not page.delete_button.isVisible()


def test_the_task_form_offers_the_known_units_and_allows_a_new_one(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime, screenshot
) -> None:
    page = opened(window, "tasks")
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    units = [form.to_unit.itemText(i) for i in range(form.to_unit.count())]
    assert "国网淮北供电公司" in units and any(u.endswith("物业服务有限公司") for u in units)
    ime(form.to_unit, "相山区住建局")
    assert form.value().to_unit == "相山区住建局"
    form.to_unit.setCurrentIndex(units.index("国网淮北供电公司"))
    assert form.value().to_unit == "国网淮北供电公司"
    screenshot(form, "form-task-units")


def test_a_task_cannot_be_done_or_reminded_on_a_day_still_to_come(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle
) -> None:
    from datetime import timedelta

    page = opened(window, "tasks")
    page.filters["status"].set_value(TaskStatus.OPEN.value)
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    form.on_day.set_value(TODAY + timedelta(days=1))
    qtbot.mouseClick(form.done_button, LEFT)
    idle(form)
    assert "办结日期不能晚于今天" in form.errors["done_on"].text()
    form.reminder_day.set_value(TODAY + timedelta(days=3))
    form.add_reminder()
    idle(form)
    assert "催办日期不能晚于今天" in form.general_error.text()
    with demo_db.reader() as s:
        task = get_task(s, form.uuid, today=TODAY, cal=work_calendar(s))
    assert task.status == TaskStatus.OPEN


def test_the_task_page_lists_what_it_issued_to_offices_below(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, screenshot
) -> None:
    from app.services.offices import communities
    from app.services.tasks import TaskIn, add_task

    with demo_db.sessions.begin() as s:
        code, _name = communities(s)[0]
        data = TaskIn("报送消防通道整改情况", issued_on=TODAY, to_office=code)
        uuid = add_task(s, data, work_calendar(s))
    page = opened(window, "tasks")
    page.filters["direction"].set_value("issued")
    qtbot.waitUntil(lambda: len(shown(page)) == 1)
    assert page.model.row_of(uuid) == 0
    page.filters["direction"].set_value("incoming")
    qtbot.waitUntil(lambda: shown(page) == [])  # a street's demo: nothing from above yet
    page.filters["direction"].set_value("issued")
    qtbot.waitUntil(lambda: len(shown(page)) == 1)
    page.resize(1366, 768)
    screenshot(page, "page-tasks-issued")


def test_the_issuer_sees_an_answer_on_time_and_sends_it_back_with_a_reason(  # type: ignore[no-untyped-def]
    window, demo_db, tmp_path, qtbot, idle, ime, screenshot
) -> None:
    from app.db import open_database
    from app.services.offices import communities, init_office, office_code
    from app.services.tasks import TaskIn, add_task, answer_task
    from tests.app.services.office_rows import carry

    with demo_db.sessions.begin() as s:
        code, name = communities(s)[0]
        street = office_code(s)
        uuid = add_task(s, TaskIn("报送消防通道整改情况", issued_on=TODAY, to_office=code),
                        work_calendar(s))  # fmt: skip
        issued = get_task(s, uuid, today=TODAY, cal=work_calendar(s))
    below = open_database(tmp_path / "below.sqlite", actor="社区")
    try:
        with below.sessions.begin() as s:  # the community's own file
            init_office(s, code=code, name=name, level="community", parent_code=street)
        carry(demo_db, below, "task", uuid)
        with below.sessions.begin() as s:
            answer = answer_task(s, uuid, TODAY, "已清理，附整改后照片", today=TODAY)
        carry(below, demo_db, "task_answer", answer)
    finally:
        below.close()
    page = opened(window, "tasks")
    page.filters["direction"].set_value("issued")
    qtbot.waitUntil(lambda: len(shown(page)) == 1)
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    assert form.answers.item(0, 1).text() == "按时" and form.accept_button.isEnabled()
    qtbot.mouseClick(form.return_button, LEFT)
    idle(form)
    assert "退回反馈须填写退回原因" in form.errors["review_reason"].text()
    ime(form.return_reason, "缺少整改后照片")
    qtbot.mouseClick(form.return_button, LEFT)
    idle(form)
    assert "缺少整改后照片" in form.answers.item(0, 3).text()
    assert not form.accept_button.isEnabled() and issued.deadline > TODAY
    form.resize(1366, 768)
    screenshot(form, "form-task-answers")
