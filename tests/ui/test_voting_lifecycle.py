"""业主表决 page runs a whole vote (issue 15): the register imported from a real workbook
through the page's import, the 15-day notice refusal in one line, the notice, ballots
entered at the keyboard, every lifecycle step to 结果公告 and the printed final result with
both dimensions, the base and the rule; the register exported from the page. And an
election's candidates vetted from the page before its notice."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlalchemy import func, select

from app.models import Ballot
from app.services.estates import EstateIn, create_estate
from app.services.voting import ItemIn, MatterIn, create_matter, get_matter
from tests.app.services.voting_fixtures import IDS, worked_register
from tests.conftest import COMMUNITY_A
from ui.forms.vetting_dialog import VettingDialog
from ui.pages.voting import VotingPage

HEADERS = ["小区名称", "楼栋", "房号", "专有部分面积（㎡）", "面积来源", "业主", "证件号码",
           "联系电话", "开发建设单位未售"]  # fmt: skip


def register_workbook(path: Path) -> Path:
    """DOMAIN.md §1's worked example as the `unit` sheet a worker fills in: A owns 101 and
    102, B and C co-own 201, the developer's 301–303 are unsold; 9 persons / 1,200 m²."""
    owners = {
        "101": ["A"], "102": ["A"], "201": ["B", "C"], "202": ["D"], "203": ["E"], "204": ["F"],
        "301": [], "302": [], "303": [], "401": ["G"], "402": ["H"], "403": ["J"],
    }  # fmt: skip
    areas = {"202": "95", "203": "105"}
    book = Workbook()
    book.active.append(HEADERS)
    for room, names in owners.items():
        for name in names or [""]:
            book.active.append(["表决花园", "1号楼", room, areas.get(room, "100.00"),
                                "不动产登记簿", name, IDS.get(name, ""), "",
                                "否" if names else "是"])  # fmt: skip
    book.save(path)
    return path


def _pdf_text(path: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")


def _move(page: VotingPage, idle, label: str) -> None:  # type: ignore[no-untyped-def]
    at = page.target.findText(label)
    assert at >= 0, (label, [page.target.itemText(i) for i in range(page.target.count())])
    page.target.setCurrentIndex(at)
    page.move_button.click()
    idle(page)


@pytest.mark.slow
def test_a_whole_vote_in_the_window(qtbot, ime, idle, db, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    with db.sessions.begin() as s:
        estate = create_estate(
            s, EstateIn(community_code=COMMUNITY_A, name="表决花园", households=12), today=today
        )
    page = VotingPage(db)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(page)

    # The register from a real workbook through the page's import (building created).
    dialog = page.open_import()
    dialog.path.setText(str(register_workbook(tmp_path / "房屋与业主名册.xlsx")))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.close()
    with db.sessions.begin() as s:
        soon = create_matter(s, MatterIn(estate, "过早公告", [ItemIn("续聘物业")],
                                         opens_on=today + timedelta(days=3)))  # fmt: skip

    # The matter through the page's form: an unknown building is refused at its field.
    form = page.new_matter()
    form.estate.set_value(estate)
    ime(form.title, "续聘物业服务企业")
    ime(form.items, "续聘物业")
    form.category.setCurrentIndex(form.category.findData(4))  # 选聘和解聘物业服务企业
    ime(form.buildings, "9号楼")
    form.opens_on.set_value(today + timedelta(days=20))
    form.closes_on.set_value(today + timedelta(days=40))
    form.resize(1366, 768)
    form.grab().save("/tmp/vote3-matter-form.png")
    with qtbot.waitSignal(form.refused):
        form.save_button.click()
    assert "没有楼栋“9号楼”" in form.errors["buildings"].text()
    ime(form.buildings, "1号楼")
    with qtbot.waitSignal(form.saved) as saved:
        form.save_button.click()
    matter = saved.args[0]
    with db.reader() as s:
        made = get_matter(s, matter)
        assert [(i.title, i.category, i.rule) for i in made.items] == [("续聘物业", 4, "ordinary")]
    page.reload()
    idle(page)

    # The notice less than 15 days ahead is refused in one Chinese line, nothing changed.
    page.matters.selectRow(next(i for i, r in enumerate(page._rows) if r.uuid == soon))
    idle(page)
    _move(page, idle, "已公告")
    assert "物业管理条例第十四条" in page.status_line.text()
    with db.reader() as s:
        assert get_matter(s, soon).status == "draft"

    page.matters.selectRow(next(i for i, r in enumerate(page._rows) if r.uuid == matter))
    idle(page)
    _move(page, idle, "已公告")
    assert "已公告" in page.status_line.text()
    target = tmp_path / "表决公告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    page.document.setCurrentIndex(page.document.findData("notice"))
    page.choose_print()
    idle(page)
    assert target.exists(), page.status_line.text()
    assert "续聘物业服务企业" in _pdf_text(target)

    page.print_building.setCurrentIndex(page.print_building.findData("1号楼"))
    page.document.setCurrentIndex(page.document.findData("ballots"))
    page.print_to(tmp_path / "ballots.pdf")
    idle(page)
    assert len(PdfReader(tmp_path / "ballots.pdf").pages) >= 12  # one page a unit of 1号楼

    _move(page, idle, "表决中")
    for room in ("101", "102", "201", "202", "301", "302", "303", "401"):
        ime(page.unit, f"1号楼-{room}")
        page.record.click()
        idle(page)
        assert room in page.message.text()
    for label in ("初步结果公示", "异议期", "结果公告"):
        _move(page, idle, label)
        assert label in page.status_line.text()
    with db.reader() as s:
        done = get_matter(s, matter)
        assert done.status == "final" and done.revocation_window_end is not None

    ime(page.unit, "1号楼-402")  # a closed matter takes no ballots
    page.record.click()
    idle(page)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 8
    assert page.message.text()

    page.document.setCurrentIndex(page.document.findData("result"))
    page.print_to(tmp_path / "result.pdf")
    idle(page)
    text = _pdf_text(tmp_path / "result.pdf")
    assert "续聘物业服务企业" in text and "㎡" in text and "人" in text
    # both dimensions of every figure, the frozen base and the rule applied
    assert "同意5人/795.00㎡" in text.replace(" ", ""), text
    assert "专有部分面积合计1200.00平方米，业主人数合计9人" in text.replace(" ", "")
    assert "表决基数" in text and "一般事项" in text and "人数上按弃权计算" in text
    page.grab().save("/tmp/vote2-lifecycle.png")

    page.export_to(tmp_path / "register.xlsx")
    idle(page)
    rows = list(load_workbook(tmp_path / "register.xlsx").active.iter_rows(values_only=True))
    assert rows[2][:3] == ("小区名称", "楼栋", "房号")
    assert all("*" in str(r[6]) for r in rows[3:] if r[6])  # ID numbers masked


def test_an_elections_candidates_are_vetted_from_the_page(qtbot, idle, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    with db.sessions.begin() as s:
        estate = worked_register(s)
        matter = create_matter(s, MatterIn(estate, "选举第一届业主委员会",
                                           [ItemIn("选举甲为业主委员会主任", category=3)],
                                           opens_on=today + timedelta(days=20)))  # fmt: skip
    page = VotingPage(db)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(page)
    page.matters.selectRow(next(i for i, r in enumerate(page._rows) if r.uuid == matter))
    idle(page)
    _move(page, idle, "已公告")
    assert "候选人“甲”资格审查未全部通过" in page.status_line.text()

    shown: list[VettingDialog] = []

    def fill(dialog: VettingDialog) -> QDialog.DialogCode:
        """The worker ticks every check and fills in the checker once."""
        dialog.resize(800, 420)
        dialog.grab().save("/tmp/vote3-vetting.png")
        dialog.quick_by.setText("桓谭社区党委")
        for row in range(dialog.table.rowCount()):
            dialog.set_passed(row, True)
        dialog.fill_empty()
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VettingDialog, "exec", fill)
    page.open_vetting()
    idle(page)
    assert shown and "甲" in page.status_line.text()
    _move(page, idle, "已公告")
    with db.reader() as s:
        assert get_matter(s, matter).status == "announced"
    page.grab().save("/tmp/vote3-page.png")


def test_bad_input_in_the_window_is_named_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, ime, idle, db, tmp_path
) -> None:
    """A unit the register lacks, a second ballot for a unit, and a register sheet with one
    bad row (an owner's ID number with a wrong check digit): each one Chinese line where the
    worker looks, and nothing written."""
    from app.models import HousingUnit

    with db.sessions.begin() as s:
        estate = worked_register(s)
        create_matter(s, MatterIn(estate, "续聘物业", [ItemIn("续聘")]))
    page = VotingPage(db)
    qtbot.addWidget(page)
    page.show()
    idle(page)
    ime(page.unit, "1号楼-999")
    page.record.click()
    idle(page)
    assert "房屋名册中没有 1号楼-999" in page.message.text()
    ime(page.unit, "1号楼-101")
    page.record.click()
    idle(page)
    ime(page.unit, "1号楼-101")
    page.record.click()
    idle(page)
    assert "1号楼-101 已投票" in page.message.text()
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 1
        units = s.scalar(select(func.count()).select_from(HousingUnit))

    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(["表决花园", "9号楼", "101", "88.50", "测绘", "王五", IDS["A"], "", "否"])
    book.active.append(["表决花园", "9号楼", "102", "88.50", "测绘", "赵六", "340603198001010010",
                        "", "否"])  # fmt: skip
    book.save(tmp_path / "名册.xlsx")
    dialog = page.open_import()
    dialog.path.setText(str(tmp_path / "名册.xlsx"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None)
    rows = [
        [dialog.problems.item(r, c).text() for c in range(dialog.problems.columnCount())]
        for r in range(dialog.problems.rowCount())
    ]
    errors = [r for r in rows if not r[-1].startswith("提醒")]  # the new building: a note
    assert len(errors) == 1 and errors[0][:3] == ["3", "G", "证件号码"], rows
    assert "身份证号码有误" in errors[0][3]
    assert not dialog.import_button.isEnabled()
    dialog.close()
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(HousingUnit)) == units
