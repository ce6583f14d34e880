"""满意度调查 page (issue 17 item 4, "done when": a worker enters a satisfaction survey from
paper in the window): the campaign's questionnaire in its form, the pile of paper answers
typed one after another, the score shown by the service and the result printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.rules.surveys import SurveyItem
from app.services.surveys import find_campaign, survey_result

LEFT = Qt.MouseButton.LeftButton
TITLE = "2026年秋季满意度调查"


def test_a_survey_is_entered_from_paper_in_the_window(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, idle, ime, screenshot, tmp_path: Path
) -> None:
    page = window.open_page("surveys")
    assert not page.answers_button.isEnabled()
    page.create()
    form = page.current_form
    ime(form.title, TITLE)
    form.sample_size.setValue(40)
    form.add_item(SurveyItem("clean", "保洁", 2))
    row = form.add_item(SurveyItem("safety", "", 1))
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "第2题：题目不能为空" in form.errors["items"].text() and form.uuid is None
    form.items.item(row, 1).setText("秩序维护")
    form.resize(1366, 768)
    screenshot(form, "form-survey-campaign")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)

    page.table.selectRow(0)
    qtbot.mouseClick(page.answers_button, LEFT)
    answers = page.current_form
    assert list(answers.boxes) == ["clean", "safety"]
    qtbot.keyClicks(answers.number, "007")
    answers.boxes["clean"].set_value(5)
    answers.boxes["safety"].set_value(4)
    with qtbot.waitSignal(answers.saved):
        qtbot.mouseClick(answers.next_button, LEFT)
    idle(answers)
    assert answers.isVisible() and answers.number.text() == "008"
    assert answers.boxes["clean"].value_or_none() is None
    answers.boxes["clean"].set_value(9)  # the box keeps to the 1–5 scale
    assert answers.boxes["clean"].value_or_none() == 5
    answers.boxes["clean"].set_value(None)
    qtbot.mouseClick(answers.save_button, LEFT)  # a sheet with no score at all is refused
    idle(answers)
    assert "这份问卷没有任何评分" in answers.errors["scores"].text()
    answers.boxes["clean"].set_value(4)  # 秩序维护 left blank: not answered
    answers.resize(1366, 768)
    screenshot(answers, "form-survey-answers")
    with qtbot.waitSignal(answers.saved):
        qtbot.mouseClick(answers.save_button, LEFT)
    with demo_db.reader() as s:
        result = survey_result(s, find_campaign(s, TITLE))
    assert result.responses == 2
    assert [i.score.score for i in result.items] == [90.0, 80.0]
    qtbot.waitUntil(lambda: page.model.index(0, 6).data() == "2")

    page.table.selectRow(0)
    with qtbot.waitSignal(page.result_printed, timeout=30_000) as printed:
        assert page.print_result(tmp_path / "结果.pdf") is not None
    assert TITLE in printed.args[0]
    assert (tmp_path / "结果.pdf").read_bytes().startswith(b"%PDF")
    window.resize(1366, 768)
    screenshot(window, "page-surveys")
