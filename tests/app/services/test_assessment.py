"""考核 round trip (issue 16 item 8): the street publishes the year's sheet (the shipped
default), it goes down to two communities (carried as a package would); each self-scores
with the figure from its own data; the scores go up; the street reviews and ranks them; the
reviews go down and the community reads its final points. Bounds: a score above the item's
maximum is refused with a clear message, an office cannot score its own sheet nor review
another's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.db import Database, open_database
from app.errors import InputError, NotFound
from app.models import AssessmentItem, AssessmentScore
from app.services.assessment import (
    default_items,
    edit_item,
    get_sheet,
    publish_sheet,
    ranking,
    review_score,
    self_score,
)
from app.services.offices import init_office
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, COMMUNITY_B, STREET

TODAY = date(2026, 12, 1)


def community(tmp_path: Path, code: str, name: str) -> Database:
    database = open_database(tmp_path / f"{code}.sqlite", actor=name)
    with database.sessions.begin() as s:
        init_office(s, code=code, name=name, level="community", parent_code=STREET)
    return database


@pytest.fixture
def below(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    a = community(tmp_path, COMMUNITY_A, "桓谭社区")
    b = community(tmp_path, COMMUNITY_B, "南湖社区")
    yield a, b
    a.close()
    b.close()


def rows(db: Database, model) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return [r.uuid for r in s.query(model)]


def send_down(street: Database, office: Database, sheet: str) -> None:
    carry(street, office, "assessment_sheet", sheet)
    for item in rows(street, AssessmentItem):
        carry(street, office, "assessment_item", item)


def test_publish_self_score_review_rank(db, below) -> None:  # type: ignore[no-untyped-def]
    a, b = below
    with db.sessions.begin() as s:
        sheet = publish_sheet(s, 2026, on=date(2026, 3, 1), today=TODAY)
        edit_item(s, 2026, 8, max_points=6, evidence="普法宣传、信息简报")
    with db.reader() as s:
        view = get_sheet(s, 2026)
    assert view.mine and len(view.items) == 8 and view.total == 101
    assert [i.figure for i in view.items][1:6] == [
        "reports_on_time", "tasks_on_time", "problems_closed", "formation_rate", "party_share"]
    for office in (a, b):
        send_down(db, office, sheet)
    with a.sessions.begin() as s:
        self_score(s, 2026, 1, points=9, evidence="领导小组成立文件", on=TODAY, today=TODAY)
        self_score(s, 2026, 5, points=15, on=TODAY, today=TODAY)
    with b.sessions.begin() as s:
        self_score(s, 2026, 1, points=10, on=TODAY, today=TODAY)
    with a.reader() as s:
        mine = get_sheet(s, 2026)
    assert not mine.mine and mine.issuer == "曲阳街道"
    assert mine.items[4].scores[0].figure_text == "组建率 —（目标 90%）"  # no estates yet
    for office in (a, b):
        for score in rows(office, AssessmentScore):
            carry(office, db, "assessment_score", score)
    with db.sessions.begin() as s:
        review_score(s, 2026, 1, COMMUNITY_A, points=8, opinion="联络员未确定", on=TODAY,
                     today=TODAY)  # fmt: skip
        review_score(s, 2026, 5, COMMUNITY_A, points=15, on=TODAY, today=TODAY)
        review = review_score(s, 2026, 1, COMMUNITY_B, points=9.5, on=TODAY, today=TODAY)
    with db.reader() as s:
        ranked = [r.as_dict() for r in ranking(s, 2026)]
    assert [(r["rank"], r["name"], r["self_total"], r["final_total"], r["reviewed"])
            for r in ranked] == [(1, "桓谭社区", 24.0, 23.0, 2), (2, "南湖社区", 10.0, 9.5, 1)]
    carry(db, b, "assessment_review", review)
    with b.reader() as s:
        item = get_sheet(s, 2026).items[0]
    assert (item.scores[0].points, item.scores[0].final) == (10.0, 9.5)
    with b.sessions.begin() as s, pytest.raises(InputError, match="已经复核"):
        self_score(s, 2026, 1, points=10, on=TODAY, today=TODAY)


def test_bounds_and_who_may_do_what(db, below) -> None:  # type: ignore[no-untyped-def]
    a, _b = below
    with db.sessions.begin() as s:
        sheet = publish_sheet(s, 2026, on=TODAY, today=TODAY)
    with db.sessions.begin() as s, pytest.raises(InputError, match="已发布2026年度"):
        publish_sheet(s, 2026, on=TODAY, today=TODAY)
    with db.sessions.begin() as s, pytest.raises(NotFound):
        self_score(s, 2026, 1, points=5, on=TODAY, today=TODAY)  # its own sheet
    send_down(db, a, sheet)
    with a.sessions.begin() as s, pytest.raises(InputError) as caught:
        self_score(s, 2026, 1, points=12, on=TODAY, today=TODAY)
    assert "第1项自评分 12 分超过该项满分 10 分" in str(caught.value)
    with a.sessions.begin() as s, pytest.raises(InputError, match="没有第9项"):
        self_score(s, 2026, 9, points=1, on=TODAY, today=TODAY)
    with a.sessions.begin() as s, pytest.raises(NotFound):
        review_score(s, 2026, 1, COMMUNITY_A, points=1, on=TODAY, today=TODAY)
    with a.sessions.begin() as s:
        score = self_score(s, 2026, 3, points=18, on=TODAY, today=TODAY)
    carry(a, db, "assessment_score", score)
    with db.sessions.begin() as s, pytest.raises(InputError, match="复核分 21 分超过该项满分 20"):
        review_score(s, 2026, 3, COMMUNITY_A, points=21, on=TODAY, today=TODAY)
    with db.sessions.begin() as s, pytest.raises(InputError, match="满分不能改为低于它"):
        edit_item(s, 2026, 3, max_points=15)
    with db.sessions.begin() as s, pytest.raises(InputError, match="还没有对第2项自评"):
        review_score(s, 2026, 2, COMMUNITY_A, points=1, on=TODAY, today=TODAY)


def test_a_bad_sheet_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "sheet.json"
    bad.write_text('{"items": [{"title": "x"}]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"sheet\.json 不是考核评分表"):
        default_items(bad)
    title, items = default_items()
    assert title.endswith("攻坚行动考核评分表") and sum(i.max_points for i in items) == 100
