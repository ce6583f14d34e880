"""督查 across two offices (issue 16 item 4): the street's visit opens a problem per finding
with its responsible office or unit; the finding addressed to a community, carried down as a
package would, is answered there with a 整改反馈 the community owns; carried up, the street
accepts it and the problem moves to 已整改 through its own flow, then 销号."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.db import Database, open_database
from app.errors import InputError
from app.models import Problem as ProblemRow
from app.services.estates import EstateIn, create_estate
from app.services.inspections import (
    FindingIn,
    InspectionIn,
    accept_feedback,
    add_feedback,
    add_inspection,
    get_inspection,
    inspection_record_fields,
    open_findings_count,
)
from app.services.offices import init_office
from app.services.problems import transition
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, COMMUNITY_B, STREET

VISITED = date(2026, 11, 24)
TODAY = date(2026, 12, 1)


@pytest.fixture
def community(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "community.sqlite", actor="社区")
    with database.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    yield database
    database.close()


def visit(db: Database) -> str:
    with db.sessions.begin() as s:
        create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=320), today=TODAY)
        data = InspectionIn(VISITED, "四不两直", "街道物业办 王敏、李强", ["相山花园"],
                            "抽查两个小区的环境卫生和消防通道", [
            FindingIn("消防通道堆放杂物", COMMUNITY_A, estate="相山花园"),
            FindingIn("垃圾分类亭破损", "恒信物业", community_code=COMMUNITY_B,
                      deadline=date(2026, 12, 15), category="设施设备"),
        ])  # fmt: skip
        return add_inspection(s, data, today=TODAY)


def test_each_finding_opens_a_supervision_problem_with_its_responsible(db) -> None:  # type: ignore[no-untyped-def]
    uuid = visit(db)
    with db.reader() as s:
        view = get_inspection(s, uuid)
        problems = {p.uuid: p for p in s.query(ProblemRow)}
        fields = inspection_record_fields(s, uuid)
    first, second = view.findings
    assert (view.number, view.kind, view.estates) == ("2026-0001", "四不两直", "相山花园")
    assert (first.to_office, first.responsible_unit) == (COMMUNITY_A, "桓谭社区")
    assert first.deadline == date(2026, 12, 1)  # 无明确时限：1周内
    assert (second.to_office, second.responsible_unit) == (None, "恒信物业")
    one = problems[first.problem_uuid]  # type: ignore[index]
    assert (one.source, one.community_code, one.responsible_unit) == (
        "supervision", COMMUNITY_A, "桓谭社区")
    assert one.estate_uuid is not None and first.state == "open"
    assert "消防通道堆放杂物" in fields["findings"] and fields["kind"] == "四不两直"


def test_the_community_reports_and_the_street_accepts_onto_the_problem(db, community) -> None:  # type: ignore[no-untyped-def]
    uuid = visit(db)
    with db.reader() as s:
        finding = get_inspection(s, uuid).findings[0]
    carry(db, community, "inspection", uuid)
    carry(db, community, "inspection_finding", finding.uuid)
    with community.reader() as s:
        assert open_findings_count(s) == 1
    with db.sessions.begin() as s, pytest.raises(InputError, match="不是交给本单位整改"):
        add_feedback(s, finding.uuid, on=TODAY, measures="已清理", today=TODAY)
    with community.sessions.begin() as s:
        feedback = add_feedback(s, finding.uuid, on=date(2026, 11, 28), measures="杂物已清理",
                                evidence="整改前后照片3张", today=TODAY)  # fmt: skip
    with community.sessions.begin() as s, pytest.raises(InputError, match="不是本单位组织的"):
        accept_feedback(s, feedback, on=TODAY, today=TODAY)
    carry(community, db, "inspection_feedback", feedback)
    with db.reader() as s:
        assert get_inspection(s, uuid).findings[0].state == "reported"
    with db.sessions.begin() as s:
        accept_feedback(s, feedback, on=date(2026, 11, 30), today=TODAY)
    with db.sessions.begin() as s:  # 销号 uses the feedback's evidence on the problem
        transition(s, finding.problem_uuid, "closed",  # type: ignore[arg-type]
                   when=datetime(2026, 12, 1, 9), today=TODAY)  # fmt: skip
    with db.reader() as s:
        view = get_inspection(s, uuid).findings[0]
        problem = s.get(ProblemRow, finding.problem_uuid)
    assert view.state == "rectified" and [f.office for f in view.feedback] == [COMMUNITY_A]
    assert problem is not None and problem.evidence == "整改前后照片3张"
    assert problem.rectified_on == date(2026, 11, 30)


def test_bad_visits_are_refused_whole(db) -> None:  # type: ignore[no-untyped-def]
    data = InspectionIn(date(2026, 12, 5), "暗访", "", ["不存在的小区"], "", [
        FindingIn("", "999999999999", community_code=COMMUNITY_A),
        FindingIn("楼道堆物", "恒信物业", deadline=date(2026, 11, 1)),
    ])  # fmt: skip
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        add_inspection(s, data, today=TODAY)
    said = str(caught.value)
    for part in ("督查日期不能晚于今天", "督查方式应为", "请填写督查人员", "不存在的小区",
                 "第1条发现问题：请填写问题描述", "找不到本单位下级的单位",
                 "第2条发现问题：请写明所在社区或小区"):  # fmt: skip
        assert part in said, part
    with db.reader() as s:
        assert s.query(ProblemRow).count() == 0
