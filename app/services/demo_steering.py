"""The demo street's steering records (issue 16): a 约谈 of a company held and rectified, one of
a community held and running, a 通报 of criticism escalating a third, a 通报 of praise, a
“四不两直” 督查 visit whose findings opened problems, and the year's 考核 sheet published.
Made through the real services, from its own seeded generator, after the casework, so the
rows made before stay exactly what they were."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import OrgLevel
from app.models import Estate, Org, PropertyCompany
from app.services.assessment import publish_sheet
from app.services.circulars import CircularIn, add_circular
from app.services.inspections import FindingIn, InspectionIn, add_inspection
from app.services.interviews import (
    InterviewIn,
    add_commitment,
    add_interview,
    mark_rectified,
    record_interview,
)
from app.services.offices import current_office


@dataclass(frozen=True)
class SteeringDemo:
    interviews: int
    circulars: int
    inspections: int
    findings: int
    sheet_year: int


def fill_steering(session: Session, rng: random.Random, today: date) -> SteeringDemo | None:
    """None when the office has no community or company to steer (an empty demo office)."""
    office = current_office(session)
    communities = list(session.scalars(
        select(Org.code).where(Org.level == OrgLevel.COMMUNITY).order_by(Org.code)))  # fmt: skip
    companies = list(session.scalars(select(PropertyCompany.name).order_by(PropertyCompany.name)))
    estates = [(name, code) for name, code in session.execute(
        select(Estate.name, Estate.community_code).order_by(Estate.name).limit(40))]  # fmt: skip
    if len(communities) < 2 or len(companies) < 2 or len(estates) < 2:
        return None
    company, other = rng.sample(companies, 2)
    summoned, praised = rng.sample(communities, 2)
    (estate, estate_at), (second, second_at) = rng.sample(estates, 2)

    def day(n: int) -> date:
        return today - timedelta(days=n)

    def at(n: int, hour: int) -> datetime:
        return datetime.combine(day(n), time(hour, 30))

    # 约谈 of a company: held, committed, rectified in time (不再处理).
    held = add_interview(session, InterviewIn(
        "company", company, "楼道堆物、消防通道占用问题整改逾期", "当面约谈", at(20, 9),
        "街道办事处三楼会议室", "街道物业办主任", "项目经理", day(23)), today=today)  # fmt: skip
    record_interview(session, held, held_on=day(20), record="项目经理说明了逾期原因，承诺限期整改",
                     requirements="10日内完成整改并书面报告", rectify_by=day(10),
                     today=today)  # fmt: skip
    add_commitment(session, held, on=day(20), text="10日内清理完毕并报告", due=day(10),
                   today=today)  # fmt: skip
    mark_rectified(session, held, on=day(12), note="已清理，现场复核合格", today=today)
    # 约谈 of a community: held, rectification running.
    running = add_interview(session, InterviewIn(
        "office", summoned, "月报连续两个月迟报", "当面约谈", at(5, 10), "街道办事处三楼会议室",
        "街道物业办主任", "社区书记、物业专干", day(8)), today=today)  # fmt: skip
    record_interview(session, running, held_on=day(5), record="社区说明了迟报原因",
                     requirements="每月5日前按时报送", rectify_by=today + timedelta(days=10),
                     today=today)  # fmt: skip
    # 约谈 of another company not rectified in time: escalated to a 通报批评.
    late = add_interview(session, InterviewIn(
        "company", other, "电动车楼道充电隐患整改不力", "集体约谈", at(30, 14),
        "街道办事处三楼会议室", "街道物业办主任", "企业负责人", day(32)), today=today)  # fmt: skip
    record_interview(session, late, held_on=day(30), record="企业负责人作了检讨",
                     requirements="15日内完成集中充电设施建设", rectify_by=day(15),
                     today=today)  # fmt: skip
    year = today.year
    add_circular(session, CircularIn(
        "批评", f"关于{other}整改不力的通报",
        f"{day(30):%Y年%m月%d日}约谈后，{other}仍未按期完成电动车集中充电设施建设，"
        "楼道充电隐患依然存在。", issued_on=day(3), doc_number=f"物管办〔{year}〕6号",
        parties=[("company", other)], interview_uuid=late), today=today)  # fmt: skip
    add_circular(session, CircularIn(
        "表扬", "关于按期完成问题整改的通报", "该社区按期完成排查问题整改，销号率达到100%。",
        issued_on=day(2), doc_number=f"物管办〔{year}〕7号", parties=[("office", praised)]),
        today=today)  # fmt: skip
    # 督查: an unannounced visit (四不两直) with two findings, each a problem.
    findings = [
        FindingIn("消防通道堆放杂物", estate_at, estate=estate),
        FindingIn("二次供水水箱未按期清洗", company, estate=second, community_code=second_at,
                  deadline=today + timedelta(days=7), category="设施设备"),
    ]
    add_inspection(session, InspectionIn(
        day(6), "四不两直", f"{office.name}物业办 王晓梅、李建国", [estate, second],
        "随机抽查两个小区的消防通道、二次供水和环境卫生。", findings), today=today)  # fmt: skip
    # 考核: the year's sheet published in March (or today, early in a year).
    publish_sheet(session, year, on=min(date(year, 3, 1), today), today=today)
    return SteeringDemo(3, 2, 1, len(findings), year)
