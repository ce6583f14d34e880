"""`wuye assessment` (issue 16 item 8): the street publishes the sheet, a community (its own
file, rows carried as a package would) self-scores, the street reviews, ranks, prints the
result (PDF) and exports it (Excel, also as `wuye report-xlsx assessment`); a score above the
item's maximum exits 1 in Chinese with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import cli
from app.db import open_database
from app.models import AssessmentItem, AssessmentScore, AssessmentSheet
from app.services.offices import init_office
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, STREET


def wuye(path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(path), *args])


def carry_all(source, target, model, table: str) -> None:  # type: ignore[no-untyped-def]
    with source.reader() as s:
        uuids = [r.uuid for r in s.query(model)]
    for uuid in uuids:
        carry(source, target, table, uuid)


def test_the_sheet_round_trip_by_cli(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    community = open_database(tmp_path / "community.sqlite", actor="社区")
    with community.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    published = wuye(db.path, "assessment", "sheet", "--year", "2026", "--publish",
                     "--on", "2026-03-01")  # fmt: skip
    assert published.exit_code == 0, published.output
    carry_all(db, community, AssessmentSheet, "assessment_sheet")
    carry_all(db, community, AssessmentItem, "assessment_item")
    community.close()
    over = wuye(community.path, "assessment", "score", "3", "--year", "2026", "--points", "25")
    assert over.exit_code == 1 and "第3项自评分 25 分超过该项满分 20 分" in over.output
    scored = wuye(community.path, "assessment", "score", "4", "--year", "2026", "--points", "18",
                  "--evidence", "问题清单和销号佐证")  # fmt: skip
    assert scored.exit_code == 0, scored.output
    shown = wuye(community.path, "assessment", "sheet", "--year", "2026").output
    assert "曲阳街道下发" in shown and "自评 18 分，待复核（问题 0 个，已销号 0 个" in shown
    community = open_database(community.path)
    carry_all(community, db, AssessmentScore, "assessment_score")
    community.close()
    db.close()
    reviewed = wuye(db.path, "assessment", "review", "4", "--year", "2026", "--office",
                    COMMUNITY_A, "--points", "16", "--opinion", "销号佐证不全")  # fmt: skip
    assert reviewed.exit_code == 0, reviewed.output
    ranked = json.loads(wuye(db.path, "assessment", "rank", "--year", "2026", "--json").output)
    assert [(r["rank"], r["name"], r["self_total"], r["final_total"]) for r in ranked] == [
        (1, "桓谭社区", 18.0, 16.0)]
    pdf, xlsx, report = tmp_path / "考核结果.pdf", tmp_path / "考核.xlsx", tmp_path / "r.xlsx"
    assert wuye(db.path, "assessment", "print", "--year", "2026", "-o", str(pdf)).exit_code == 0
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
    assert "考核结果" in text and "桓谭社区" in text and "销号佐证不全" in text
    assert wuye(db.path, "assessment", "print", "--year", "2026", "-o", str(xlsx)).exit_code == 0
    made = wuye(db.path, "report-xlsx", "assessment", str(report), "--today", "2026-12-01")
    assert made.exit_code == 0, made.output
    for path in (xlsx, report):
        book = load_workbook(path)
        assert book["考核排名"]["B4"].value == "桓谭社区" and book["考核排名"]["E4"].value == 16
    again = wuye(db.path, "assessment", "sheet", "--year", "2026", "--publish")
    assert again.exit_code == 1 and "已发布2026年度" in again.output
