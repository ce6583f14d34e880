"""业主表决 page runs a whole vote (issue 15): the 15-day notice refusal in one line, the
notice, ballots entered at the keyboard, every lifecycle step to 结果公告 and the printed
final result with both dimensions; the register exported from the page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from app.models import Ballot
from app.services.voting import ItemIn, MatterIn, create_matter, get_matter
from tests.app.services.voting_fixtures import worked_register
from ui.pages.voting import VotingPage


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
        estate = worked_register(s)
        soon = create_matter(s, MatterIn(estate, "过早公告", [ItemIn("续聘物业")],
                                         opens_on=today + timedelta(days=3)))  # fmt: skip
        matter = create_matter(s, MatterIn(estate, "续聘物业服务企业", [ItemIn("续聘物业")],
                                           opens_on=today + timedelta(days=20),
                                           closes_on=today + timedelta(days=40)))  # fmt: skip
    page = VotingPage(db)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
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
    page.grab().save("/tmp/vote2-lifecycle.png")

    page.export_to(tmp_path / "register.xlsx")
    idle(page)
    rows = list(load_workbook(tmp_path / "register.xlsx").active.iter_rows(values_only=True))
    assert rows[2][:3] == ("小区名称", "楼栋", "房号")
    assert all("*" in str(r[6]) for r in rows[3:] if r[6])  # ID numbers masked
