"""The ledger forms a board needs, driven as a worker would: buildings (the 楼栋 page and the
estate form's sub-table), service contracts with their 项目负责人, company staff with
certificates. Every refusal shows at its field and saves nothing."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import QDate

from app.services.companies import CompanyIn, create_company
from app.services.estates import EstateIn, create_estate
from tests.conftest import COMMUNITY_A
from ui.forms.building_form import BuildingForm
from ui.forms.company_form import CompanyForm
from ui.forms.contract_form import ContractForm
from ui.forms.estate_form import EstateForm
from ui.forms.staff_form import StaffForm
from ui.pages.buildings import BuildingsPage


def rows(db, sql: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    with contextlib.closing(sqlite3.connect(db.path)) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def ledger(db):  # type: ignore[no-untyped-def]
    """The two-community street with one estate and one company, made through the services."""
    with db.sessions.begin() as s:
        estate = create_estate(
            s, EstateIn(community_code=COMMUNITY_A, name="相山花园", households=120),
            today=date(2026, 11, 25),
        )  # fmt: skip
        company = create_company(
            s, CompanyIn(credit_code="91340603MA2W000184", name="淮北市恒信物业服务有限公司")
        )
    return db, estate, company


def test_a_building_is_added_on_its_page_and_listed(qtbot, idle, ledger, ime, screenshot) -> None:  # type: ignore[no-untyped-def]
    db, estate, _company = ledger
    page = BuildingsPage(db)
    qtbot.addWidget(page)
    page.create()
    form: BuildingForm = page.current_form
    form.estate.set_value(estate)
    ime(form.name, "3号楼")
    form.floors.setValue(18)
    form.households.setValue(68)
    form.has_elevator.setChecked(True)
    screenshot(form, "form-building")
    form.save()
    idle(form)
    assert rows(db, "SELECT name, floors, households, has_elevator FROM building") == [
        ("3号楼", 18, 68, 1)
    ]
    assert page.model.index(0, 0).data() == "相山花园"
    page.resize(1366, 768)
    screenshot(page, "page-buildings")


def test_a_building_row_without_a_name_keeps_the_estate_unsaved(qtbot, idle, ledger) -> None:  # type: ignore[no-untyped-def]
    db, estate, _company = ledger
    form = EstateForm(db, estate)
    qtbot.addWidget(form)
    form.add_building()
    form.save()
    idle(form)
    assert "第1行：楼栋名称不能为空" in form.errors["buildings"].text()
    assert rows(db, "SELECT count(*) FROM building") == [(0,)]


def test_renaming_a_building_in_the_sub_table_keeps_its_uuid(qtbot, idle, ledger) -> None:  # type: ignore[no-untyped-def]
    db, estate, _company = ledger
    form = EstateForm(db, estate)
    qtbot.addWidget(form)
    form.buildings.item(form.add_building(), 0).setText("1号楼")
    form.store()
    idle(form)
    (uuid,) = rows(db, "SELECT uuid FROM building")[0]
    form.buildings.item(0, 0).setText("一号楼")
    form.store()
    idle(form)
    assert rows(db, "SELECT uuid, name FROM building") == [(uuid, "一号楼")]


def test_a_contract_ending_before_it_starts_is_refused_at_the_end_date(qtbot, idle, ledger) -> None:  # type: ignore[no-untyped-def]
    db, estate, company = ledger
    form = ContractForm(db, estate_uuid=estate, company_uuid=company)
    qtbot.addWidget(form)
    form.start.setDate(QDate(2026, 1, 1))
    form.end.setDate(QDate(2025, 12, 31))
    form.save()
    idle(form)
    assert form.errors["end_date"].text() == "合同结束日期应晚于开始日期"
    assert rows(db, "SELECT count(*) FROM service_contract") == [(0,)]


def test_a_bad_manager_phone_keeps_the_contract_unsaved_too(qtbot, idle, ledger, ime) -> None:  # type: ignore[no-untyped-def]
    db, estate, company = ledger
    form = ContractForm(db, estate_uuid=estate, company_uuid=company)
    qtbot.addWidget(form)
    form.start.setDate(QDate(2026, 1, 1))
    ime(form.manager, "李强")
    form.manager_phone.setText("12345")
    form.save()
    idle(form)
    assert form.errors["manager_phone"].text()  # the phone rule's own message, at the field
    assert rows(db, "SELECT count(*) FROM service_contract") == [(0,)]
    assert rows(db, "SELECT count(*) FROM company_staff") == [(0,)]


def test_staff_with_a_certificate_appear_in_the_company_form(
    qtbot, idle, ledger, ime, screenshot
) -> None:  # type: ignore[no-untyped-def]
    db, estate, company = ledger
    form = CompanyForm(db, company)
    qtbot.addWidget(form)
    staff: StaffForm = form.open_staff(None)  # an existing company: opened at once
    ime(staff.name, "赵敏")
    staff.role.set_value("project_manager")
    staff.phone.setText("13912345678")
    ime(staff.certificate, "物业管理师 WY2026000123")
    staff.estate.set_value(estate)
    screenshot(staff, "form-staff")
    staff.save()
    idle(staff)
    assert staff.result() == staff.DialogCode.Accepted, staff.general_error.text()
    assert form.staff.texts() == [
        ["赵敏", "项目负责人", "139****5678", "物业管理师 WY2026000123", "相山花园"]
    ]
    contract: ContractForm = form.open_contract(None)
    contract.estate.set_value(estate)
    contract.start.setDate(QDate(2025, 1, 1))
    contract.save()
    idle(contract)
    assert form.contracts.texts()[0][0] == "相山花园"
    assert form.contracts.texts()[0][-1] == "赵敏"  # the manager named for that estate
    form.tabs.setCurrentIndex(0)
    screenshot(form, "form-company-with-staff")


def test_a_street_adds_a_community_to_file_estates_under(qtbot, idle, db, ime) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_page("estates")
    form = window.add_office_below()
    form.code.setText("340603010003")
    ime(form.name, "古城社区")
    form.save()
    idle(form)
    assert form.result() == form.DialogCode.Accepted, form.errors["code"].text()
    assert rows(db, "SELECT name, level, parent_code FROM org WHERE code = '340603010003'") == [
        ("古城社区", "community", "340603010000")
    ]
    estates = window.open_page("estates")
    labels = [estates.filters["community"].itemText(i) for i in range(4)]
    assert "古城社区" in labels  # the page was built again with the new community


def test_an_office_outside_this_one_is_refused_at_the_code(qtbot, idle, db) -> None:  # type: ignore[no-untyped-def]
    from ui.forms.org_form import OrgForm

    form = OrgForm(db)
    qtbot.addWidget(form)
    form.code.setText("340603011001")  # a community of another street
    form.name.setText("外街社区")
    form.save()
    idle(form)
    assert "不在本单位辖区内" in form.errors["code"].text()


def test_a_contract_is_deleted_from_the_estate_form_after_asking(  # type: ignore[no-untyped-def]
    qtbot, idle, ledger, answer_box
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.services.companies import ContractIn, save_contract

    db, estate, company = ledger
    with db.sessions.begin() as s:
        save_contract(s, ContractIn(estate, company, date(2025, 1, 1)))
    form = EstateForm(db, estate)
    qtbot.addWidget(form)
    form.contracts.table.selectRow(0)
    answer_box(QMessageBox.StandardButton.Yes)
    form.contracts.delete_button.click()
    idle(form)
    assert form.contracts.texts() == []
    assert rows(db, "SELECT deleted FROM service_contract") == [(1,)]  # a tombstone


def test_the_contract_form_warns_of_an_end_within_90_days_and_saves_an_unknown_start(
    qtbot, idle, ledger, screenshot
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    db, estate, company = ledger
    form = ContractForm(db, estate_uuid=estate, company_uuid=company)
    qtbot.addWidget(form)
    end = date.today() + timedelta(days=30)
    form.end.setDate(QDate(end.year, end.month, end.day))
    assert form.term.text() == "即将到期（还剩30天）"
    form.resize(1366, 768)
    screenshot(form, "form-contract-expiring")
    form.save()  # the start left empty: stored unknown, never today
    idle(form)
    assert rows(db, "SELECT start_date FROM service_contract") == [(None,)]
