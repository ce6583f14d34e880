"""考核 page: the street publishes the default sheet; the community (its own file, rows carried
as a package would) self-scores an item through the form — above the maximum refused at the
field — the street reviews it, sees the ranking, prints the result (PDF) and exports it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from app.db import open_database
from app.models import AssessmentItem, AssessmentScore, AssessmentSheet
from app.services.offices import init_office
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, STREET
from ui.pages.assessment import AssessmentPage

TODAY = date(2026, 12, 1)


def carry_all(source, target, model, table: str) -> None:  # type: ignore[no-untyped-def]
    with source.reader() as s:
        uuids = [r.uuid for r in s.query(model)]
    for uuid in uuids:
        carry(source, target, table, uuid)


def test_publish_self_score_review_rank_and_print(qtbot, idle, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    street = AssessmentPage(db, today=TODAY)
    qtbot.addWidget(street)
    street.resize(1366, 768)
    street.show()
    idle(street)
    street.tabs.setCurrentIndex(1)
    assert street.print_result(tmp_path / "x.pdf") is None  # nothing published yet
    street.publish()
    qtbot.waitUntil(lambda: street.published.rowCount() == 8)

    community = open_database(tmp_path / "community.sqlite", actor="社区")
    with community.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    carry_all(db, community, AssessmentSheet, "assessment_sheet")
    carry_all(db, community, AssessmentItem, "assessment_item")
    below = AssessmentPage(community, today=TODAY)
    qtbot.addWidget(below)
    below.resize(1366, 768)
    below.show()
    qtbot.waitUntil(lambda: below.received.rowCount() == 8)
    below.received.selectRow(3)  # 问题整改, 20 points
    form = below.score_item()
    form.points.setValue(25)
    with qtbot.waitSignal(form.refused):
        form.save()
    assert "超过该项满分 20 分" in form.errors["points"].text()
    form.points.setValue(18)
    form.evidence.setPlainText("问题清单和销号佐证")
    form.grab().save("/tmp/steer3-score-form.png")
    with qtbot.waitSignal(form.saved):
        form.save()
    qtbot.waitUntil(lambda: below.received.item(3, 4).text() == "18")
    assert below.received.item(3, 5).text().startswith("问题 0 个")
    below.grab().save("/tmp/steer3-assessment-self.png")
    carry_all(community, db, AssessmentScore, "assessment_score")
    community.close()

    street.reload()
    qtbot.waitUntil(lambda: street.published.rowCount() == 8
                    and street.published.item(3, 3).text() == "桓谭社区")  # fmt: skip
    street.published.selectRow(3)
    form = street.review()
    form.points.setValue(16)
    form.opinion.setText("销号佐证不全")
    with qtbot.waitSignal(form.saved):
        form.save()
    qtbot.waitUntil(lambda: street.ranking.rowCount() == 1
                    and street.ranking.item(0, 3).text() == "16")  # fmt: skip
    assert street.ranking.item(0, 1).text() == "桓谭社区"
    pdf, xlsx = tmp_path / "考核结果.pdf", tmp_path / "考核结果.xlsx"
    with qtbot.waitSignal(street.printed, timeout=30_000):
        street.print_result(pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "销号佐证不全" in text.replace("\n", "")
    with qtbot.waitSignal(street.printed, timeout=30_000):
        street.export_result(xlsx)
    assert load_workbook(xlsx)["考核排名"]["E4"].value == 16
    street.grab().save("/tmp/steer3-assessment-review.png")
