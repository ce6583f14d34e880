"""Small builders shared by the casework service tests (not fixtures of our code's behaviour)."""

from __future__ import annotations

from datetime import date, timedelta

from app.services.estates import EstateIn, create_estate
from app.services.meetings import AttendeeIn, MeetingIn, ResolutionIn
from app.services.problems import ProblemIn
from tests.conftest import COMMUNITY_A, TODAY

FIVE = ["社区党组织", "社区居委会", "业主委员会", "物业服务企业", "辖区派出所"]


def an_estate(s) -> str:  # type: ignore[no-untyped-def]
    return create_estate(
        s, EstateIn(community_code=COMMUNITY_A, name="凤凰城", households=500), today=TODAY
    )


def a_meeting(estate: str | None = None, parties: list[str] = FIVE) -> MeetingIn:
    return MeetingIn(
        kind="five_party",
        held_on=TODAY - timedelta(days=20),
        venue="桓谭社区会议室",
        host="王书记",
        community_code=COMMUNITY_A,
        estate_uuid=estate,
        topics="电梯维保、垃圾清运",
        attendees=[AttendeeIn(p, f"代表{i}", f"{p}单位") for i, p in enumerate(parties)],
        resolutions=[
            ResolutionIn(
                "3号楼电梯一个月内完成维保", "物业服务企业", "恒信物业", TODAY - timedelta(days=5)
            ),
            ResolutionIn("每日清运垃圾", "物业服务企业", "恒信物业", TODAY + timedelta(days=10)),
        ],
    )


def a_problem(estate: str | None = None, *, deadline: date | None = None, **changes) -> ProblemIn:
    base = ProblemIn(
        source="inspection",
        category="facilities",
        community_code=COMMUNITY_A,
        estate_uuid=estate,
        description="单元门禁损坏",
        found_on=TODAY - timedelta(days=30),
        responsible_unit="恒信物业",
        responsible_person="李经理",
        deadline=deadline or TODAY - timedelta(days=1),
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base
