"""A community cannot change a 督办 its street issued, by window (issue 16 "done when"): the
task received from above opens read-only with the reason in Chinese, its actions are off, and an
action forced through the form is refused with one Chinese line and nothing changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from app.db import Database, open_database
from app.services.holidays import work_calendar
from app.services.offices import communities, init_office, office_code
from app.services.tasks import TaskIn, add_task, mark_done
from tests.app.services.office_rows import carry
from tests.conftest import TODAY
from tests.ui.casework_steps import LEFT
from ui.pages.tasks import TasksPage


def stored(db: Database, uuid: str) -> tuple[object, ...]:
    """The task row and its reminders, as stored: what must not change."""
    with closing(sqlite3.connect(db.path)) as con:
        task = con.execute("SELECT * FROM task WHERE uuid = ?", (uuid,)).fetchone()
        reminders = con.execute(
            "SELECT count(*) FROM task_reminder WHERE task_uuid = ?", (uuid,)
        ).fetchone()
        interviews = con.execute("SELECT count(*) FROM interview").fetchone()
    return task, reminders, interviews


@pytest.fixture
def received(demo_db: Database, tmp_path: Path) -> Iterator[tuple[Database, str]]:
    """A community's own file holding a task its street (the demo) issued to it."""
    with demo_db.sessions.begin() as s:
        code, name = communities(s)[0]
        street = office_code(s)
        uuid = add_task(s, TaskIn("报送消防通道整改情况", issued_on=TODAY, to_office=code),
                        work_calendar(s))  # fmt: skip
    below = open_database(tmp_path / "below.sqlite", actor="社区")
    with below.sessions.begin() as s:
        init_office(s, code=code, name=name, level="community", parent_code=street)
    carry(demo_db, below, "task", uuid)
    yield below, uuid
    below.close()


def test_a_task_received_from_the_street_is_read_only_in_the_community(  # type: ignore[no-untyped-def]
    received, qtbot, idle, screenshot
) -> None:
    below, uuid = received
    page = TasksPage(below, today=TODAY)
    qtbot.addWidget(page)
    page.filters["direction"].set_value("incoming")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    assert form.view.received
    assert form.received_note.isVisibleTo(form)
    assert "只读" in form.received_note.text()
    for button in (form.done_button, form.report_button, form.reopen_button,
                   form.remind_button, form.interview_button):  # fmt: skip
        assert not button.isEnabled()
        assert "只读" in button.toolTip()
    form.resize(1366, 768)
    screenshot(form, "form-task-received")

    before = stored(below, uuid)
    for forced in (lambda: form.move(mark_done), form.add_reminder, form.reopen):
        forced()
        idle(form)
        message = form.general_error.text()
        assert "只读" in message and "交办" in message, message
        assert "Traceback" not in message
    form.participants.setText("物业经理")
    form.add_interview()
    idle(form)
    assert "只读" in form.general_error.text()
    assert stored(below, uuid) == before
    assert not form.accept_button.isVisibleTo(form)  # 采纳 / 退回 are the issuer's


def test_an_interview_received_from_the_street_keeps_its_record_read_only(  # type: ignore[no-untyped-def]
    demo_db, tmp_path, qtbot, idle, screenshot
) -> None:
    from datetime import datetime

    from app.services.interviews import InterviewIn, add_interview
    from ui.pages.steering import SteeringPage

    with demo_db.sessions.begin() as s:
        code, name = communities(s)[0]
        street = office_code(s)
        uuid = add_interview(s, InterviewIn(subject=code, reason="消防通道整改逾期",
                                            meets_at=datetime(2026, 11, 27, 9, 0),
                                            place="街道会议室", notified_on=TODAY),
                             today=TODAY)  # fmt: skip
    below = open_database(tmp_path / "below.sqlite", actor="社区")
    try:
        with below.sessions.begin() as s:
            init_office(s, code=code, name=name, level="community", parent_code=street)
        carry(demo_db, below, "interview", uuid)
        page = SteeringPage(below, today=TODAY)
        qtbot.addWidget(page)
        page.show()
        idle(page)
        qtbot.waitUntil(lambda: page.interviews.rowCount() == 1)
        page.interviews.selectRow(0)
        form = page.record_interview()
        assert form.received and "只读" in form.received_note.text()
        assert not form.record.isEnabled() and not form.rectified.isEnabled()
        assert form.commitment.isEnabled()  # the community's own answer
        form.resize(1366, 768)
        screenshot(form, "form-interview-received")
        with closing(sqlite3.connect(below.path)) as con:
            before = con.execute("SELECT * FROM interview").fetchall()
        form.record.setPlainText("社区改写的约谈记录")  # forced past the disabled field
        form.save()
        idle(form)
        assert "只能查看" in form.general_error.text() or any(
            "只能查看" in label.text() for label in form.errors.values()
        )
        with closing(sqlite3.connect(below.path)) as con:
            assert con.execute("SELECT * FROM interview").fetchall() == before
    finally:
        below.close()


def test_the_community_answers_a_received_task_from_its_form(  # type: ignore[no-untyped-def]
    received, qtbot, idle, screenshot
) -> None:
    """Read-only is not mute: the office addressed sends its 办理结果 from the task's form, a row
    it owns (the task row stays as the street wrote it); 采纳 / 退回 stay the street's."""
    below, uuid = received
    page = TasksPage(below, today=TODAY)
    qtbot.addWidget(page)
    page.filters["direction"].set_value("incoming")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    before = stored(below, uuid)
    assert form.answer_button.isVisibleTo(form) and form.answer_button.isEnabled()
    assert not form.accept_button.isVisibleTo(form)

    qtbot.mouseClick(form.answer_button, LEFT)  # no result written: refused at its field
    idle(form)
    assert "请填写办理结果" in form.errors["answer_result"].text()

    form.answer_result.setText("已清理消防通道，设置禁停标识")
    qtbot.mouseClick(form.answer_button, LEFT)
    idle(form)
    assert form.answers.rowCount() == 1
    assert form.answers.item(0, 1).text() == "按时"
    assert form.answers.item(0, 2).text() == "已清理消防通道，设置禁停标识"
    assert not form.answer_button.isEnabled()  # waits for the street's review
    assert form.answer_result.text() == ""
    assert stored(below, uuid) == before
    with closing(sqlite3.connect(below.path)) as con:
        owner = con.execute("SELECT origin FROM task_answer WHERE task_uuid = ?", (uuid,))
        assert owner.fetchall() == [(con.execute("SELECT value FROM db_meta WHERE key = "
                                                 "'office_code'").fetchone()[0],)]  # fmt: skip
    form.resize(1366, 768)
    screenshot(form, "form-task-received-answered")
