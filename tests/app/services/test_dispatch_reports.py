"""调度 reports (附件3 一): the street switches on 每日调度 and sets the 周报 day; a community
reports in words with figures from its data; the street sees who reported, on time or late."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.db import Database, open_database
from app.errors import InputError
from app.services.campaigns import campaigns, start_campaign
from app.services.completeness import completeness
from app.services.offices import init_office
from app.services.submissions import ReportText, list_submissions, submit
from tests.app.services.office_rows import carry
from tests.conftest import COMMUNITY_A, STREET

WORDS = ReportText("排查小区 12 个", "3 处消防通道堵塞", "督促物业本周内清理")


@pytest.fixture
def community(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "community.sqlite", actor="社区")
    with database.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    yield database
    database.close()


def campaign(db: Database, kind: str, start: date, end: date | None, weekday: int | None = None):  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return start_campaign(s, kind, start, end, title="冬季安全排查", due_weekday=weekday)


def report(db: Database, period: str, kind: str, at: datetime):  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return submit(s, period, kind, now=at, text=WORDS)


def test_a_daily_report_needs_a_campaign_and_is_due_the_same_day(db, community) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="不在上级开启的每日调度期间"):
        report(community, "2026-12-03", "日报", datetime(2026, 12, 3, 17))
    daily = campaign(db, "daily", date(2026, 12, 1), date(2026, 12, 15))
    carry(db, community, "report_campaign", daily.uuid)
    on_time = report(community, "2026-12-03", "日报", datetime(2026, 12, 3, 17))
    late = report(community, "2026-12-04", "日报", datetime(2026, 12, 5, 9))
    assert (on_time.deadline, on_time.timeliness) == (date(2026, 12, 3), "on_time")
    assert (late.deadline, late.timeliness) == (date(2026, 12, 4), "late")
    assert on_time.work_done == "排查小区 12 个" and on_time.next_steps == "督促物业本周内清理"
    assert "problems" in on_time.figures  # figures pulled from the data, as for 月报


def test_the_weekly_day_is_the_street_s(db, community) -> None:  # type: ignore[no-untyped-def]
    weekly = campaign(db, "weekly", date(2026, 11, 1), None, weekday=3)
    carry(db, community, "report_campaign", weekly.uuid)
    view = report(community, "2026-W49", "周报", datetime(2026, 12, 3, 9))
    assert (view.period, view.deadline, view.timeliness) == ("2026-W49", date(2026, 12, 2), "late")
    with community.reader() as s:
        assert [c.office for c in campaigns(s)] == [STREET]


def test_completeness_per_week_and_per_day_at_the_street(db, community) -> None:  # type: ignore[no-untyped-def]
    view = report(community, "2026-W49", "周报", datetime(2026, 12, 4, 16))
    carry(community, db, "submission", view.uuid)
    with db.reader() as s:
        week = completeness(s, "2026-W49", "周报", today=date(2026, 12, 7))
        day = completeness(s, "2026-12-03", "日报", today=date(2026, 12, 7))
        listed = list_submissions(s, today=date(2026, 12, 7), period="2026-W49")
    assert (week.period, week.kind, week.deadline) == ("2026-W49", "weekly", date(2026, 12, 4))
    assert {c.code: c.timeliness for c in week.communities} == {
        COMMUNITY_A: "on_time", "340603010002": "missing"}  # fmt: skip
    assert [v.problems_found for v in listed] == ["3 处消防通道堵塞"]
    assert day.deadline == date(2026, 12, 3) and "不在任何每日调度期间" in day.warnings[0]


def test_a_community_cannot_start_a_campaign_nor_a_daily_one_without_an_end(db, community) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="社区没有下级单位"):
        campaign(community, "daily", date(2026, 12, 1), date(2026, 12, 2))
    with pytest.raises(InputError, match="每日调度须写明结束日期"):
        campaign(db, "daily", date(2026, 12, 1), None)
    with db.reader() as s:
        assert campaigns(s) == []


def test_the_weekly_day_is_the_direct_superior_s_not_a_newer_relayed_one(
    db, community, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The district's 每周调度 (for its streets) is relayed below the street too; a newer one
    must not move the community's day away from the street's, nor the street's own count."""
    district = open_database(tmp_path / "district.sqlite", actor="区")
    with district.sessions.begin() as s:
        init_office(s, code="340603000000", name="相山区", level="district", parent_code=None)
    street_day = campaign(db, "weekly", date(2026, 11, 1), None, weekday=3)
    district_day = campaign(district, "weekly", date(2026, 11, 15), None, weekday=5)
    district.close()
    for target in (db, community):
        carry(district, target, "report_campaign", district_day.uuid)
    carry(db, community, "report_campaign", street_day.uuid)
    view = report(community, "2026-W49", "周报", datetime(2026, 12, 3, 9))
    assert (view.deadline, view.timeliness) == (date(2026, 12, 2), "late")
    with db.reader() as s:
        assert completeness(s, "2026-W49", "周报", today=date(2026, 12, 7)).deadline == date(
            2026, 12, 2
        )
