"""The company form: the credit code is checked at its field, and stored normalised."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import PropertyCompany
from ui.forms.company_form import CompanyForm

LEFT = Qt.MouseButton.LeftButton
GOOD_CODE = "91340603MA2W000184"


def company_form(qtbot, ime, db, code: str) -> CompanyForm:  # type: ignore[no-untyped-def]
    form = CompanyForm(db)
    qtbot.addWidget(form)
    form.show()
    ime(form.name, "相山物业服务有限公司")
    ime(form.credit_code, code)  # pasted or typed through the IME: may be full-width
    return form


def stored_codes(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return list(s.scalars(select(PropertyCompany.credit_code)))


def test_wrong_check_character_is_named_at_the_field_and_nothing_saved(  # type: ignore[no-untyped-def]
    db, qtbot, idle, ime, screenshot
) -> None:
    form = company_form(qtbot, ime, db, "91340603MA2W000185")
    qtbot.mouseClick(form.save_button, LEFT)
    idle(form)
    assert "校验码应为4" in form.errors["credit_code"].text()
    assert form.errors["credit_code"].isVisible()
    assert stored_codes(db) == []
    screenshot(form, "form-company-errors")


def test_full_width_code_is_accepted_and_stored_normalised(db, qtbot, ime) -> None:  # type: ignore[no-untyped-def]
    form = company_form(qtbot, ime, db, "９１３４０６０３ＭＡ２Ｗ０００１８４")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    assert stored_codes(db) == [GOOD_CODE]


def test_a_saved_company_appears_in_the_companies_page(window, demo_db, qtbot, ime) -> None:  # type: ignore[no-untyped-def]
    page = window.open_page("companies")
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.current_form
    ime(form.name, "相山物业服务有限公司")
    qtbot.keyClicks(form.credit_code, GOOD_CODE)
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, LEFT)
    row = page.model.row_of(form.uuid)
    assert row is not None
    assert page.model.index(row, 0).data() == "相山物业服务有限公司"
    assert page.model.index(row, 1).data() == GOOD_CODE
    qtbot.waitUntil(lambda: page.count_label.text() == "共 26 条记录")  # counted off the UI thread
    with demo_db.reader() as s:
        assert s.scalar(select(func.count()).select_from(PropertyCompany)) == 26


def test_the_credit_is_shown_computed_and_cannot_be_typed(demo_db, qtbot, screenshot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from app.services.credit import credit_sheet

    with demo_db.reader() as s:
        sheet = credit_sheet(s, "淮北市中联物业服务有限公司", date.today())
    form = CompanyForm(demo_db, sheet.company_uuid)
    qtbot.addWidget(form)
    form.resize(1366, 768)
    form.show()
    text = form.credit.text()
    assert str(sheet.standing.score) in text and sheet.standing.band in text
    assert "credit_score" not in form.fields and "credit_grade" not in form.fields
    screenshot(form, "form-company-credit")
