"""The problem form: a problem from a meeting's resolution moved 待整改 → 整改中 → 已整改 →
已销号 by the buttons the rules allow, 销号 refused without evidence, the closure rate on 总览
rising; a move that is no longer allowed gets a clear message and changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.codes import ProblemStatus
from app.services.holidays import work_calendar
from app.services.listing import ListQuery
from app.services.problems import PROBLEMS, get_problem
from tests.conftest import TODAY
from tests.ui.casework_steps import FIVE, LEFT, new_meeting_form
from ui.forms.problem_form import ProblemForm

P = ProblemStatus


def stored(db, uuid: str):  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return get_problem(s, uuid, today=TODAY, cal=work_calendar(s))


def first_with_status(db, status: str) -> str:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return PROBLEMS.page(s, ListQuery(filters=(("status", status),)), limit=1)[0].uuid


def overview_after_refresh(window, qtbot):  # type: ignore[no-untyped-def]
    page = window.open_page("overview")
    page.casework = None
    page.refresh(TODAY)
    qtbot.waitUntil(lambda: page.casework is not None)
    return page


def problem_from_a_meeting(window, qtbot, ime) -> str:  # type: ignore[no-untyped-def]
    form = new_meeting_form(window, qtbot, ime, parties=FIVE)
    form.resolutions.selectRow(0)
    with qtbot.waitSignal(form.opened):
        qtbot.mouseClick(form.to_problem_button, LEFT)
    with qtbot.waitSignal(form.problem_form.saved):
        qtbot.mouseClick(form.problem_form.save_button, LEFT)
    form.accept()
    return form.problem_form.uuid


def test_a_problem_from_a_meeting_is_closed_with_evidence_and_the_closure_rate_rises(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle, ime, screenshot
) -> None:
    before = overview_after_refresh(window, qtbot).casework
    uuid = problem_from_a_meeting(window, qtbot, ime)
    page = window.open_page("problems")
    page.set_today(TODAY)
    assert page.select_uuid(uuid)
    qtbot.mouseClick(page.edit_button, LEFT)
    form = page.current_form
    assert list(form.move_buttons) == [P.IN_PROGRESS, P.RECTIFIED]
    assert form.move_buttons[P.IN_PROGRESS].text() == "开始整改"
    qtbot.mouseClick(form.move_buttons[P.IN_PROGRESS], LEFT)
    idle(form)
    qtbot.mouseClick(form.move_buttons[P.RECTIFIED], LEFT)
    idle(form)
    assert form.move_buttons[P.CLOSED].text() == "销号"

    qtbot.mouseClick(form.move_buttons[P.CLOSED], LEFT)  # no evidence yet

    idle(form)
    assert form.errors["evidence"].isVisible()
    assert "销号须有整改佐证材料" in form.errors["evidence"].text()
    assert stored(demo_db, uuid).status == P.RECTIFIED

    ime(form.evidence, "维保记录及整改前后照片已存档")
    screenshot(form, "form-problem")
    qtbot.mouseClick(form.move_buttons[P.CLOSED], LEFT)
    idle(form)
    view = stored(demo_db, uuid)
    assert view.status == P.CLOSED and view.evidence == "维保记录及整改前后照片已存档"
    assert [(s.to_status, s.actor) for s in view.history] == [
        (P.IN_PROGRESS, "tester"), (P.RECTIFIED, "tester"), (P.CLOSED, "tester")]  # fmt: skip
    assert form.history.rowCount() == 3 and form.status_label.text().startswith("状态：已销号")
    assert list(form.move_buttons) == [P.IN_PROGRESS]  # only 重新打开 is left
    assert form.move_buttons[P.IN_PROGRESS].text() == "重新打开"

    after = overview_after_refresh(window, qtbot)
    assert (after.casework.closed, after.casework.total) == (before.closed + 1, before.total + 1)
    assert after.closure.figure.text() == f"{after.casework.closure_percent:.1f}%"
    assert after.closure.figure.text() != f"{before.closure_percent:.1f}%"


def test_a_move_another_worker_made_first_is_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    demo_db, qtbot, idle
) -> None:
    uuid = first_with_status(demo_db, P.PENDING)
    mine, theirs = ProblemForm(demo_db, uuid, today=TODAY), ProblemForm(demo_db, uuid, today=TODAY)
    qtbot.addWidget(mine)
    qtbot.addWidget(theirs)
    qtbot.mouseClick(theirs.move_buttons[P.IN_PROGRESS], LEFT)
    idle(theirs)
    history = stored(demo_db, uuid).history
    qtbot.mouseClick(mine.move_buttons[P.IN_PROGRESS], LEFT)  # stale button: already moved
    idle(mine)
    assert mine.errors["status"].text() == "已经是“整改中”状态"
    assert mine.errors["status"].isVisibleTo(mine)
    assert stored(demo_db, uuid).history == history
    assert list(mine.move_buttons) == [P.RECTIFIED]  # the form now offers what is allowed


def test_an_illegal_move_names_both_statuses_and_changes_nothing(demo_db, qtbot, idle) -> None:  # type: ignore[no-untyped-def]
    uuid = first_with_status(demo_db, P.PENDING)
    form = ProblemForm(demo_db, uuid, today=TODAY)
    qtbot.addWidget(form)
    assert P.CLOSED not in form.move_buttons
    form.move_to(P.CLOSED)
    idle(form)
    assert "不能从“待整改”改为“已销号”" in form.errors["status"].text()
    assert stored(demo_db, uuid).status == P.PENDING and stored(demo_db, uuid).history == ()


def test_reopening_a_closed_problem_needs_a_reason(demo_db, qtbot, idle, ime) -> None:  # type: ignore[no-untyped-def]
    uuid = first_with_status(demo_db, P.CLOSED)
    form = ProblemForm(demo_db, uuid, today=TODAY)
    qtbot.addWidget(form)
    before = stored(demo_db, uuid)
    qtbot.mouseClick(form.move_buttons[P.IN_PROGRESS], LEFT)
    idle(form)
    assert "须填写原因" in form.errors["reason"].text()
    assert stored(demo_db, uuid) == before
    ime(form.reason, "业主反映电梯再次故障")
    qtbot.mouseClick(form.move_buttons[P.IN_PROGRESS], LEFT)
    idle(form)
    after = stored(demo_db, uuid)
    assert after.status == P.IN_PROGRESS and after.reopen_reason == "业主反映电梯再次故障"
    assert form.history.item(form.history.rowCount() - 1, 4).text() == "业主反映电梯再次故障"


def test_a_new_problem_missing_its_unit_is_refused_at_the_field(
    window, demo_db, qtbot, idle, ime
) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("problems")
    with demo_db.reader() as s:
        before = PROBLEMS.count(s, ListQuery())
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    ime(form.description, "楼道堆放杂物")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert form.errors["responsible_unit"].text() == "请填写责任单位"
    with demo_db.reader() as s:
        assert PROBLEMS.count(s, ListQuery()) == before
    QApplication.processEvents()
