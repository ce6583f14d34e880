"""履职清单 and 负面清单 in the window: recorded through their forms, listed on their page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import NegativeRecord
from ui.forms.committee_record_forms import DutyForm, NegativeForm

LEFT = Qt.MouseButton.LeftButton


def test_a_duty_is_recorded_and_listed(window, qtbot, ime, screenshot) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("committee_records")
    duties = page.duties
    before = duties.model.rowCount()
    qtbot.mouseClick(duties.new_button, LEFT)
    form = duties.current_form
    assert isinstance(form, DutyForm) and form.committee.count() > 0
    form.on.set_value(date(2026, 11, 20))
    ime(form.category, "公布公共收益")
    form.resize(1366, 768)
    screenshot(form, "form-duty-record")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: duties.model.rowCount() == before + 1)
    page.resize(1366, 768)
    screenshot(page, "page-committee-duties")


def test_a_negative_item_records_its_measure_and_member(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime, screenshot
) -> None:
    page = window.open_page("committee_records")
    page.tabs.setCurrentWidget(page.negatives)
    qtbot.mouseClick(page.negatives.new_button, LEFT)
    form = page.negatives.current_form
    assert isinstance(form, NegativeForm) and form.member.count() > 1
    form.member.setCurrentIndex(1)
    ime(form.category, "未按期公布公共收益")
    form.measure.set_value("talk")
    form.handled_on.set_value(date.today())
    form.resize(1366, 768)
    screenshot(form, "form-negative-record")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    with demo_db.reader() as s:
        row = s.get(NegativeRecord, form.uuid)
        assert (row.measure, row.member_uuid is not None) == ("talk", True)
    page.resize(1366, 768)
    qtbot.waitUntil(lambda: page.negatives.model.rowCount() > 0)
    screenshot(page, "page-committee-negatives")


def test_a_handling_date_without_a_measure_is_refused_at_the_field(  # type: ignore[no-untyped-def]
    window, demo_db, qtbot, ime, idle
) -> None:
    page = window.open_page("committee_records")
    qtbot.mouseClick(page.negatives.new_button, LEFT)
    form = page.negatives.current_form
    ime(form.category, "拒不配合")
    form.handled_on.set_value(date.today())
    with demo_db.reader() as s:
        count = len(s.scalars(select(NegativeRecord.uuid)).all())
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "处理方式" in form.errors["measure"].text()
    with demo_db.reader() as s:
        assert len(s.scalars(select(NegativeRecord.uuid)).all()) == count
