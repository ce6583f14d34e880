"""督查 page: a visit entered through its form shows with its findings (each a problem), is
printed as a PDF; a finding with a bad line is refused at the field; the inspecting office
accepts a 整改反馈 and the finding reads 已整改."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from app.db import open_database
from app.services.inspections import add_feedback
from app.services.offices import init_office
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, COMMUNITY_B, STREET
from ui.pages.inspections import InspectionsPage

TODAY = date(2026, 12, 1)


def test_a_visit_is_entered_listed_printed_and_its_feedback_accepted(
    qtbot, idle, db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = InspectionsPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(page)
    form = page.new_inspection()
    form.kind.setCurrentText("四不两直")
    form.inspectors.setText("街道物业办 王敏、李强")
    form.summary.setPlainText("抽查消防通道和垃圾分类")
    form.findings.setPlainText("只有描述")
    with qtbot.waitSignal(form.refused):
        form.save()
    assert "第1条发现问题的格式应为" in form.errors["findings"].text()
    form.findings.setPlainText(f"消防通道堆放杂物|{COMMUNITY_A}\n"
                               f"垃圾分类亭破损|恒信物业|{COMMUNITY_B}|2026-12-15")  # fmt: skip
    form.resize(1366, 768)
    form.grab().save("/tmp/steer3-inspection-form.png")
    with qtbot.waitSignal(form.saved):
        form.save()
    qtbot.waitUntil(lambda: page.visits.rowCount() == 1 and page.findings.rowCount() == 2)
    assert [page.visits.item(0, c).text() for c in (2, 5, 6)] == ["四不两直", "2", "2"]
    assert page.findings.item(0, 1).text() == "桓谭社区"
    assert page.findings.item(1, 4).text() == "待整改"
    out = tmp_path / "督查记录.pdf"
    with qtbot.waitSignal(page.printed, timeout=30_000):
        page.print_record(out)
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
    assert "四不两直" in text and "垃圾分类亭破损" in text

    # The community's 整改反馈 arrives: written in its own file, carried as a package would.
    page.findings.selectRow(0)
    assert page.accept() is None and "还没有整改反馈" in page.message.text()
    visit = page._visits[page.visits.selected_key()]
    finding = visit["findings"][0]["id"]
    community = open_database(tmp_path / "community.sqlite", actor="社区")
    with community.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    carry(db, community, "inspection", visit["id"])
    carry(db, community, "inspection_finding", finding)
    with community.sessions.begin() as s:
        feedback = add_feedback(s, finding, on=TODAY, measures="杂物已清理", evidence="照片2张",
                                today=TODAY)  # fmt: skip
    carry(community, db, "inspection_feedback", feedback)
    community.close()
    page.reload()
    qtbot.waitUntil(lambda: page.findings.rowCount() == 2
                    and page.findings.item(0, 4).text() == "已反馈")  # fmt: skip
    page.findings.selectRow(0)
    page.accept()
    qtbot.waitUntil(lambda: page.findings.item(0, 4).text() == "已整改")
    page.grab().save("/tmp/steer3-inspections-page.png")
