"""The 联席会议 page: a five-party meeting recorded with attendees and resolutions, warned while
a party is missing, a resolution turned into a problem (linked both ways), minutes printed."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from app.codes import ProblemStatus
from app.services.holidays import work_calendar
from app.services.meetings import AttendeeIn, get_meeting, resolution_problems
from app.services.problems import get_problem
from tests.conftest import TODAY
from tests.ui.casework_steps import FIVE, LEFT, RESOLUTIONS, new_meeting_form
from ui.forms.meeting_form import CONTENT, PROBLEM, STATUS, UUID_ROLE, MeetingForm
from ui.forms.problem_form import ProblemForm


def saved_meeting(window, qtbot, ime) -> MeetingForm:  # type: ignore[no-untyped-def]
    form = new_meeting_form(window, qtbot, ime, parties=FIVE)
    with qtbot.waitSignal(form.saved):
        assert form.store() is not None
    return form


def test_a_missing_party_is_warned_at_entry_and_the_warning_goes_when_it_comes(  # type: ignore[no-untyped-def]
    window, qtbot, ime
) -> None:
    form = new_meeting_form(window, qtbot, ime, parties=FIVE[:4])
    assert form.warnings.isVisible()
    assert "辖区派出所" in form.warnings.text() and "五方联席会议缺少" in form.warnings.text()
    form.add_attendee(AttendeeIn("辖区派出所", "张所长", "曲阳派出所"))
    assert not form.warnings.isVisible()


def test_a_five_party_meeting_with_two_resolutions_is_saved_and_listed(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime, screenshot
) -> None:
    form = new_meeting_form(window, qtbot, ime, parties=FIVE[:4])
    screenshot(form, "form-meeting-warning")
    form.add_attendee(AttendeeIn("辖区派出所", "张所长", "曲阳派出所"))
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    with demo_db.reader() as s:
        stored = get_meeting(s, form.uuid)
    assert [a.party for a in stored.attendees] == FIVE
    assert [r.content for r in stored.resolutions] == [r.content for r in RESOLUTIONS]
    page = window.pages["meetings"]
    row = page.model.row_of(form.uuid)
    assert page.model.index(row, 6).data() == "2"  # resolutions column


def test_a_warned_meeting_is_still_saved(window, demo_db, qtbot, ime) -> None:  # type: ignore[no-untyped-def]
    form = new_meeting_form(window, qtbot, ime, parties=FIVE[:3])
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    with demo_db.reader() as s:
        assert len(get_meeting(s, form.uuid).attendees) == 3


def test_a_resolution_turned_into_a_problem_is_linked_both_ways(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime
) -> None:
    form = saved_meeting(window, qtbot, ime)
    form.resolutions.selectRow(1)
    with qtbot.waitSignal(form.opened):
        qtbot.mouseClick(form.to_problem_button, LEFT)
    problem_form = form.problem_form
    assert isinstance(problem_form, ProblemForm)
    assert problem_form.description.toPlainText() == RESOLUTIONS[1].content
    assert problem_form.responsible_unit.text() == "恒信物业"
    with qtbot.waitSignal(problem_form.saved):
        qtbot.mouseClick(problem_form.save_button, LEFT)
    resolution = form.resolutions.item(1, CONTENT).data(UUID_ROLE)
    assert form.resolutions.item(1, PROBLEM).text() == "问题：待整改"
    assert not form.to_problem_button.isEnabled() and form.open_problem_button.isEnabled()
    with demo_db.reader() as s:
        problem, status = resolution_problems(s, form.uuid)[resolution]
        view = get_problem(s, problem, today=TODAY, cal=work_calendar(s))
    assert status == ProblemStatus.PENDING and view.data.resolution_uuid == resolution
    # … and from the problem back to its meeting
    reopened = ProblemForm(demo_db, problem, today=TODAY)
    qtbot.addWidget(reopened)
    assert reopened.source_note.text() == f"来源：联席会议决议：{RESOLUTIONS[1].content}"
    with qtbot.waitSignal(reopened.open_source) as opened:
        qtbot.mouseClick(reopened.open_source_button, LEFT)
    assert opened.args == ["resolution", resolution]
    source = window.open_page("problems").open_source(*opened.args)
    assert isinstance(source, MeetingForm) and source.uuid == form.uuid


def test_minutes_print_through_the_template_and_keep_the_resolutions(  # type: ignore[no-untyped-def]
    window, qtbot, ime, tmp_path, screenshot
) -> None:
    form = saved_meeting(window, qtbot, ime)
    with qtbot.waitSignal(form.opened) as opened:
        form.print_minutes()
    dialog = opened.args[0]
    with qtbot.waitSignal(dialog.job.signals.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled())
    viewport = dialog.preview.view.viewport()

    def painted() -> bool:  # QPdfView renders pages in the background
        picture = viewport.grab().toImage()
        return any(picture.pixelColor(x, y).lightness() < 100
                   for y in range(0, picture.height() // 3, 2)
                   for x in range(0, picture.width(), 2))  # fmt: skip

    qtbot.waitUntil(painted, timeout=10_000)
    label = dialog.preview.pages_label
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())
    screenshot(dialog, "dialog-minutes")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "minutes.pdf"))
    assert dialog.print_to(printer) >= 1
    assert dialog.save_to(tmp_path / "saved.pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "saved.pdf").pages)
    squeezed = "".join(text.split())
    assert "桓谭社区五方联席会议纪要" in squeezed
    assert "3号楼电梯一个月内完成维保" in squeezed and "议定事项" in squeezed
    assert (tmp_path / "minutes.pdf").stat().st_size > 1000


def test_a_resolution_is_followed_to_carried_out_and_back_only_with_a_reason(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime
) -> None:
    form = saved_meeting(window, qtbot, ime)
    form.resolutions.selectRow(0)
    labels = [a.text() for a in form.move_menu.actions()]
    assert labels == ["落实中", "已落实"]
    with qtbot.waitSignal(form.moved):
        assert form.move_selected_resolution("done")
    assert form.resolutions.item(0, STATUS).text() == "已落实"
    with qtbot.waitSignal(form.refused):
        form.move_selected_resolution("in_progress")  # back, without a reason
    assert "须填写原因" in form.errors["resolutions"].text()
    with demo_db.reader() as s:
        assert get_meeting(s, form.uuid).resolutions[0].status == "done"
