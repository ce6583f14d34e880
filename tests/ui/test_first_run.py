"""First run in the window, on an EMPTY database (not the demo): the set-up wizard, onboarding
with an upper office made here through the services, then the ledgers a board needs (a
company, an estate with its buildings, a contract and its 项目负责人) and the building's
disclosure board printed, all without the command line."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.db import open_database
from app.db.sync import utc_now
from app.packages.onboarding import export_onboarding, import_onboarding_file
from app.recent_databases import load_recent
from app.services.accounts import list_accounts
from app.services.office_setup import set_up_office
from ui.dialogs.setup_wizard import SetupWizard
from ui.jobs import database_pool
from ui.main_window import PAGES, MainWindow
from ui.pages.disclosure import DisclosurePage

STREET, COMMUNITY = "340603010000", "340603010001"


@pytest.fixture
def empty_window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """The window over a database file that does not exist yet, as `wuye` opens it."""
    db = open_database(tmp_path / "new.sqlite")
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    with qtbot.waitExposed(main):
        main.show()
    qtbot.waitUntil(lambda: main.setup_wizard is not None)
    yield main
    database_pool().waitForDone()
    db.close()


@pytest.fixture
def upper_office(tmp_path: Path) -> Path:
    """The street above, set up through the same service as the wizard; its onboarding file
    for the community is written where the worker will pick it up."""
    db = open_database(tmp_path / "upper" / "street.sqlite")
    with db.sessions.begin() as s:
        set_up_office(s, db.path, code=STREET, name="曲阳街道", level="street", admin="街道管理员",
                      now=utc_now())  # fmt: skip
        export_onboarding(s, db.path, tmp_path / "入网.json", code=COMMUNITY, name="桓谭社区",
                          now=utc_now())  # fmt: skip
    db.close()
    return tmp_path / "upper" / "street.sqlite"


def test_no_page_is_built_on_an_empty_database_and_nothing_is_printed_to_stderr(
    empty_window, capfd
) -> None:  # type: ignore[no-untyped-def]
    for spec in PAGES:
        assert empty_window.open_page(spec.key) is empty_window.welcome
    assert empty_window.pages == {}
    assert "Traceback" not in capfd.readouterr().err
    assert "向导" in empty_window.office_label.text()


def test_the_window_on_an_empty_database_is_saved_as_a_screenshot(empty_window, screenshot) -> None:  # type: ignore[no-untyped-def]
    screenshot(empty_window, "first-run-window")
    empty_window.setup_wizard.close()
    screenshot(empty_window, "first-run-welcome")


def test_the_division_code_brings_its_name_level_and_upper_office(empty_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = empty_window.setup_wizard.office_page
    page.code.setText("340603010000")
    assert page.name.text() == "曲阳街道"
    assert page.level.value() == "street"
    assert page.parent_code.text() == "340603000000"
    assert "相山区" in page.parent_name.text()


def test_a_bad_code_is_refused_at_its_field_and_the_wizard_stays(empty_window, ime) -> None:  # type: ignore[no-untyped-def]
    wizard = empty_window.setup_wizard
    wizard.office_page.code.setText("34060301")
    ime(wizard.office_page.name, "某社区")
    wizard.next()
    assert wizard.currentPage() is wizard.office_page
    assert "12位" in wizard.office_page.errors["code"].text()
    assert not empty_window.has_office()


@pytest.mark.slow
def test_a_worker_sets_up_onboards_enters_the_ledgers_and_prints_a_building_board(
    empty_window, upper_office, qtbot, idle, ime, tmp_path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    window = empty_window
    wizard: SetupWizard = window.setup_wizard
    # 1. The office: a community, its name and its street from the code table and the user.
    screenshot(wizard, "wizard-1-office")
    wizard.office_page.code.setText(COMMUNITY)
    ime(wizard.office_page.name, "桓谭社区")
    assert "曲阳街道" in wizard.office_page.parent_name.text()
    wizard.next()
    ime(wizard.admin_page.admin, "王芳")
    wizard.admin_page.password.setText("wangfang-2026")
    wizard.admin_page.password_again.setText("wangfang-2025")
    wizard.next()  # the two passwords differ: said at the field, the office not made yet
    assert wizard.admin_page.errors["password_again"].text() == "两次输入的密码不一致"
    assert not window.has_office()
    wizard.admin_page.password_again.setText("wangfang-2026")
    screenshot(wizard, "wizard-2-administrator")
    wizard.next()
    qtbot.waitUntil(wizard.create_page.isComplete, timeout=20_000)
    screenshot(wizard, "wizard-3-created")
    assert window.has_office() and window.nav.isEnabled()
    ctx = window.db.context
    assert (ctx.actor, ctx.role, ctx.signed_in) == ("王芳", "admin", True)
    with window.db.reader() as s:
        assert [(a.name, a.role) for a in list_accounts(s)] == [("王芳", "admin")]
    wizard.next()

    # 2. Onboarding: import the street's file, write the reply, the street imports it.
    panel = wizard.onboarding_page.panel
    panel.import_file(tmp_path / "入网.json")
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert "曲阳街道" in panel.upper_status.text()
    panel.write_reply_to(tmp_path / "入网回复.json")
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert (tmp_path / "入网回复.json").exists(), panel.upper_result.text()
    screenshot(wizard, "wizard-4-onboarding")
    upper = open_database(upper_office)
    with upper.sessions.begin() as s:
        result = import_onboarding_file(s, tmp_path / "入网回复.json", now=utc_now())
    upper.close()
    assert result.code == COMMUNITY
    wizard.accept()
    assert [e.demo for e in load_recent()] == [False]

    # 3. A company, then the estate with two buildings, then its contract and manager.
    companies = window.open_page("companies")
    companies.create()
    company = companies.current_form
    ime(company.name, "淮北市恒信物业服务有限公司")
    company.credit_code.setText("91340603MA2W000184")
    company.save()
    idle(company)
    assert company.result() == company.DialogCode.Accepted, company.general_error.text()

    estates = window.open_page("estates")
    estates.create()
    form = estates.current_form
    ime(form.name, "相山花园")
    ime(form.address, "淮北市相山区相山路1号")
    form.households.setValue(72)
    form.building_count.setValue(2)
    for name in ("1号楼", "2号楼"):
        row = form.add_building()
        form.buildings.item(row, 0).setText(name)
        form.buildings.cellWidget(row, 1).setValue(6)
        form.buildings.cellWidget(row, 2).setValue(36)
    screenshot(form, "form-estate-with-buildings")
    form.open_contract(None)  # saves the new estate first, then opens the contract
    idle(form)
    contract = form.contract_form
    assert contract is not None, form.general_error.text()
    assert form.buildings.rowCount() == 2
    assert form.buildings.item(0, 0).data(Qt.ItemDataRole.UserRole)  # saved: now has its uuid
    contract.start.setDate(contract.start.date().fromString("2025-01-01", "yyyy-MM-dd"))
    contract.fee.setText("1.2")
    ime(contract.manager, "李强")
    contract.manager_phone.setText("13812345678")
    screenshot(contract, "form-contract")
    contract.save()
    idle(contract)
    assert contract.result() == contract.DialogCode.Accepted, contract.general_error.text()
    assert form.contracts.texts()[0][0] == "淮北市恒信物业服务有限公司"
    assert form.contracts.texts()[0][-1] == "李强"
    form.save()
    idle(form)
    assert form.result() == form.DialogCode.Accepted
    estates.refresh()
    headers = [estates.model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
    company_column = headers.index("当前物业企业")
    assert estates.model.index(0, company_column).data() == "淮北市恒信物业服务有限公司"
    screenshot(window, "page-estates-first-run")

    # 4. The building's board, printed from 公示栏.
    boards: DisclosurePage = window.open_page("disclosure")
    with contextlib.closing(sqlite3.connect(window.db.path)) as con:
        estate_uuid, building_uuid = con.execute(
            "SELECT estate_uuid, uuid FROM building WHERE name = '1号楼'"
        ).fetchone()
    boards.show_estate(estate_uuid, building_uuid)
    out = tmp_path / "1号楼公示栏.pdf"
    boards.save_to(out)
    qtbot.waitUntil(lambda: not boards.busy(), timeout=30_000)
    text = PdfReader(out).pages[0].extract_text().replace("\n", "")
    assert "1号楼" in text and "李强" in text, boards.status.text()
    screenshot(window, "page-disclosure-first-run")


@pytest.mark.slow
def test_the_wizard_also_makes_a_training_database_to_switch_to(empty_window, qtbot, ime) -> None:  # type: ignore[no-untyped-def]
    wizard: SetupWizard = empty_window.setup_wizard
    wizard.office_page.code.setText(STREET)
    wizard.next()
    ime(wizard.admin_page.admin, "王芳")
    wizard.admin_page.password.setText("wangfang-2026")
    wizard.admin_page.password_again.setText("wangfang-2026")
    wizard.admin_page.demo.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.create_page.demo is not None, timeout=120_000)
    qtbot.waitUntil(wizard.create_page.isComplete)
    assert "60" in wizard.create_page.status.text()
    wizard.accept()
    recent = load_recent()
    assert [(e.path.name, e.demo) for e in recent] == [("new.sqlite", False), ("demo.sqlite", True)]
    assert empty_window.switch_database(recent[1].path)
    assert "【培训：演示数据】" in empty_window.windowTitle()
