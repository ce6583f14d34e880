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
    answers.boxes["clean"].set_value(9)  # off the 1–5 scale: refused at the box, not cut to 5
    answers.boxes["safety"].set_value(4)
    qtbot.mouseClick(answers.save_button, LEFT)
    idle(answers)
    assert "评分应为1至5，现为9" in answers.errors["scores.clean"].text()
    answers.boxes["clean"].set_value(None)
    answers.boxes["safety"].set_value(None)
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
    assert TITLE in printed.args[0] and "第1版" in printed.args[0]
    assert (tmp_path / "结果.pdf").read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: page.model.index(0, 7).data() == "第1版", timeout=15_000)
    window.resize(1366, 768)
    screenshot(window, "page-surveys")


def test_one_answer_is_corrected_or_deleted_in_the_window(  # type: ignore[no-untyped-def]
    demo_db, qtbot, idle, screenshot
) -> None:
    """The 答卷 list of a campaign opens one answer in the answer form: a score off the scale
    is refused at its box and nothing changes; a corrected score changes the result; a
    deleted answer no longer counts."""
    from datetime import date

    from app.services.estates import estate_choices
    from app.services.surveys import CampaignIn, add_response, save_campaign
    from ui.pages.surveys import SurveysPage

    items = [SurveyItem("clean", "保洁", 2), SurveyItem("safety", "秩序维护", 1)]
    with demo_db.sessions.begin() as s:
        estate = estate_choices(s)[0][0]
        data = CampaignIn(estate, "答卷更正测试", date(2026, 9, 1), None, "paper", 40, 5, items)
        uuid = save_campaign(s, None, data, today=date(2026, 11, 25))
        for number, clean in (("001", 5), ("002", 3)):
            add_response(s, uuid, {"clean": clean, "safety": 4}, answered_on=date(2026, 9, 5),
                         number=number)  # fmt: skip
    page = SurveysPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=15_000)
    assert not page.list_button.isEnabled()
    assert page.select_uuid(uuid) and page.list_button.isEnabled()
    assert page.model.index(page.selected_row(), 7).data() == "未打印"
    dialog = page.list_answers()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=15_000)
    assert dialog.table.texts() == [
        ["001", "2026-09-05", "5", "4"],
        ["002", "2026-09-05", "3", "4"],
    ]
    dialog.resize(1366, 768)
    screenshot(dialog, "dialog-survey-answers")

    def clean_score() -> float | None:
        with demo_db.reader() as s:
            return survey_result(s, uuid).items[0].score.score

    assert clean_score() == 80.0
    assert dialog.table.select_key(dialog.table.item(1, 0).data(Qt.ItemDataRole.UserRole))
    form = dialog.open_answer()
    assert form.number.text() == "002" and form.boxes["clean"].value_or_none() == 3
    assert not form.campaign.isEnabled() and form.next_button.isHidden()
    form.boxes["clean"].set_value(7)  # off the 1–5 scale
    with qtbot.waitSignal(form.refused, timeout=15_000):
        qtbot.mouseClick(form.save_button, LEFT)
    assert "评分应为1至5，现为7" in form.errors["scores.clean"].text()
    form.resize(1366, 768)
    screenshot(form, "form-survey-answer-correct")
    assert clean_score() == 80.0  # nothing changed
    form.boxes["clean"].set_value(1)
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.table.texts()[1][2] == "1", timeout=15_000)
    assert clean_score() == 60.0  # (5 + 1) / 2 of 5

    form = dialog.open_answer(dialog.table.item(0, 0).data(Qt.ItemDataRole.UserRole))
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        form.remove()  # what 删除这份答卷 does once asked
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=15_000)
    assert clean_score() == 20.0 and dialog.table.texts()[0][0] == "002"
    idle(dialog)
