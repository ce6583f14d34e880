"""约谈与通报 page: a new interview and a new circular through their forms, each shown in its
list and printed as a red-header PDF; a circular naming no one is refused at the field."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import COMMUNITY_A
from ui.pages.steering import SteeringPage

TODAY = date(2026, 12, 1)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def test_an_interview_and_a_circular_are_entered_listed_and_printed(
    qtbot, idle, db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = SteeringPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(page)
    form = page.new_interview()
    form.kind.set_value("office")
    form.subject.setText(COMMUNITY_A)
    form.reason.setPlainText("月报连续迟报")
    form.meets_at.set_value(datetime(2026, 12, 10, 9, 30))
    form.place.setText("街道会议室")
    form.attendees.setText("社区书记")
    form.grab().save("/tmp/steer2-interview-form.png")
    with qtbot.waitSignal(form.saved):
        form.save()
    idle(page)
    qtbot.waitUntil(lambda: page.interviews.rowCount() == 1)
    assert page.interviews.item(0, 1).text() == "桓谭社区"
    assert page.interviews.item(0, 5).text() == "已通知"
    page.interviews.selectRow(0)
    notice = tmp_path / "约谈通知.pdf"
    with qtbot.waitSignal(page.printed, timeout=30_000):
        page.print_interview(notice)
    assert "关于约谈桓谭社区的通知" in pdf_text(notice) and "曲阳街道文件" in pdf_text(notice)
    page.grab().save("/tmp/steer2-page-interviews.png")

    page.tabs.setCurrentIndex(1)
    form = page.new_circular()
    form.title_edit.setText("关于桓谭社区月报迟报的通报")
    form.facts.setPlainText("桓谭社区10月、11月月报均迟报。")
    with qtbot.waitSignal(form.refused):
        form.save()
    assert "请至少写明一个" in form.errors["offices"].text()
    form.offices.setText(COMMUNITY_A)
    form.companies.setText("恒信物业、华庭物业")
    form.doc_number.setText("曲街物办〔2026〕6号")
    form.grab().save("/tmp/steer2-circular-form.png")
    with qtbot.waitSignal(form.saved):
        form.save()
    qtbot.waitUntil(lambda: page.circulars.rowCount() == 1)
    assert page.circulars.item(0, 3).text() == "桓谭社区、恒信物业、华庭物业"
    page.circulars.selectRow(0)
    paper = tmp_path / "通报.pdf"
    with qtbot.waitSignal(page.printed, timeout=30_000):
        page.print_circular(paper)
    assert "曲街物办〔2026〕6号" in pdf_text(paper)
    page.grab().save("/tmp/steer2-page-circulars.png")


def test_an_interview_is_recorded_then_escalated_from_the_page(qtbot, idle, db) -> None:  # type: ignore[no-untyped-def]
    page = SteeringPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    idle(page)
    form = page.new_interview()
    form.kind.set_value("company")
    form.subject.setText("恒信物业")
    form.reason.setPlainText("楼道杂物清理督办逾期")
    form.meets_at.set_value(datetime(2026, 11, 20, 9, 30))
    form.place.setText("街道会议室")
    form.notified.set_value(date(2026, 11, 16))
    with qtbot.waitSignal(form.saved):
        form.save()
    qtbot.waitUntil(lambda: page.interviews.rowCount() == 1)
    page.interviews.selectRow(0)
    record = page.record_interview()
    record.held.set_value(date(2026, 11, 20))
    record.record.setPlainText("项目经理说明了逾期原因。")
    record.rectify_by.set_value(date(2026, 11, 27))
    record.commitment.setText("11月27日前清理完毕")
    record.grab().save("/tmp/steer2-record-form.png")
    with qtbot.waitSignal(record.saved):
        record.save()
    qtbot.waitUntil(lambda: "整改逾期" in page.interviews.item(0, 5).text())
    page.interviews.selectRow(0)
    circular = page.escalate()
    assert circular.companies.text() == "恒信物业"
    assert "项目经理说明了逾期原因" in circular.facts.toPlainText()
    with qtbot.waitSignal(circular.saved):
        circular.save()
    qtbot.waitUntil(lambda: page.interviews.item(0, 5).text() == "已通报")
    assert page.circulars.rowCount() == 1
