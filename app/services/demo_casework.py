"""The demo street's casework: joint meetings with resolutions, problems in every status
(some reopened), complaints, and 督办 tasks with reminders and interviews, some overdue on the
demo's day. Made through the real services, from its own seeded generator, after the ledgers,
so the ledger rows of a seed stay exactly what they were before casework existed."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import (
    ComplaintChannel,
    MeetingKind,
    ProblemCategory,
    ProblemSource,
    ProblemStatus,
    ReminderWay,
    Satisfaction,
)
from app.models import Estate, Org, PropertyCompany, ServiceContract
from app.rules.meeting_check import party_rules
from app.services.complaints import ComplaintIn, create_complaint
from app.services.holidays import work_calendar
from app.services.meetings import AttendeeIn, MeetingIn, ResolutionIn, save_meeting
from app.services.problems import (
    ProblemIn,
    create_problem,
    draft_from_complaint,
    draft_from_resolution,
    draft_from_task,
    transition,
)
from app.services.tasks import TaskIn, add_task, interview, mark_done, remind, report_back

WORKERS = ["王晓梅", "李建国", "张丽", "陈志强", "刘芳"]
OTHER_UNITS = ["曲阳街道城管中队", "淮北市供水公司相山营业所", "国网淮北供电公司", "曲阳派出所"]
PROBLEM_TEXTS = {
    ProblemCategory.ENVIRONMENT: ["楼道堆放杂物，影响通行", "垃圾清运不及时", "绿化带杂草丛生"],
    ProblemCategory.FACILITIES: ["单元门禁损坏", "路灯不亮", "二次供水水箱未按期清洗"],
    ProblemCategory.SAFETY: ["消防通道被车辆占用", "电动车楼道充电", "高空坠物隐患"],
    ProblemCategory.FEES: ["公共收益未公示", "收费项目与公示不符"],
    ProblemCategory.SERVICE: ["保洁人员配置不足", "客服电话无人接听"],
    ProblemCategory.ILLEGAL_BUILDING: ["一楼住户私搭阳光房", "楼顶违建彩钢棚"],
    ProblemCategory.DISCLOSURE: ["公示栏内容过期", "未公示项目负责人联系方式"],
}
TASK_WORDS = ["整改消防通道", "清理楼道杂物", "公示公共收益", "维修路灯"]
RESOLUTIONS = [
    "一个月内完成电梯维保并公示记录", "清理地下车库杂物", "更换损坏的路灯和门禁",
    "每季度公示公共收益收支情况", "规范电动车集中充电", "拆除楼顶违建",
]  # fmt: skip


@dataclass(frozen=True)
class CaseworkDemo:
    meetings: int
    resolutions: int
    problems: int
    complaints: int
    tasks: int


def fill_casework(session: Session, rng: random.Random, today: date) -> CaseworkDemo:
    cal = work_calendar(session)
    communities = list(session.scalars(select(Org.code).where(Org.level == "community")
                                       .order_by(Org.code)))  # fmt: skip
    estates = list(session.execute(select(Estate.uuid, Estate.community_code, Estate.name)
                                   .order_by(Estate.name, Estate.uuid)))  # fmt: skip
    company_of = dict(session.execute(
        select(ServiceContract.estate_uuid, PropertyCompany.name)
        .join(PropertyCompany, PropertyCompany.uuid == ServiceContract.company_uuid)
    ).all())  # fmt: skip
    company_uuid = dict(session.execute(
        select(ServiceContract.estate_uuid, ServiceContract.company_uuid)).all())  # fmt: skip
    community_name = dict(session.execute(select(Org.code, Org.name)).all())

    def unit_for(estate: str, community: str) -> str:
        if estate in company_of and rng.random() < 0.75:
            return company_of[estate]
        return rng.choice([f"{community_name[community]}居委会", *OTHER_UNITS])

    def at(day: date, hour: int = 10) -> datetime:
        return datetime.combine(day, time(hour, rng.randrange(0, 60)))

    # Meetings: most five-party, some three-party; one lacks the police and the inspection
    # group has too few owner representatives, so trainers see both warnings.
    rules = party_rules()
    resolutions: list[str] = []
    meetings = 0
    for i in range(12):
        estate, community, estate_name = rng.choice(estates)
        kind = MeetingKind.THREE_PARTY if i % 4 == 3 else MeetingKind.FIVE_PARTY
        if i == 5:
            kind = MeetingKind.INSPECTION
        parties = [alts[0] for alts in rules.required[kind]]
        if i == 2:
            parties = parties[:-1]  # the police did not come: the check warns
        if kind == MeetingKind.INSPECTION:
            parties = ["社区居委会", "街道", "县区主管部门", "物业服务企业", "建设单位",
                       rules.owner_representative, rules.owner_representative]  # fmt: skip
        held = today - timedelta(days=rng.randrange(15, 200))
        saved = save_meeting(session, None, MeetingIn(
            kind=kind.value, held_on=held, venue=f"{community_name[community]}党群服务中心",
            host=rng.choice(WORKERS), community_code=community, estate_uuid=estate,
            topics=f"{estate_name}物业服务问题协调",
            minutes=f"会议围绕{estate_name}物业服务中的突出问题进行协商，形成决议如下。",
            attendees=[AttendeeIn(p, rng.choice(WORKERS) if n == 0 else f"{p}代表{n}", p)
                       for n, p in enumerate(parties)],
            resolutions=[ResolutionIn(text, "物业服务企业", unit_for(estate, community),
                                      held + timedelta(days=rng.choice([14, 30, 45])))
                         for text in rng.sample(RESOLUTIONS, rng.randrange(2, 4))],
        ))  # fmt: skip
        meetings += 1
        resolutions += saved.resolution_uuids

    complaints = []
    for _ in range(40):
        estate, community, _name = rng.choice(estates)
        category = rng.choice(list(PROBLEM_TEXTS))
        received = at(today - timedelta(days=rng.randrange(1, 150)), rng.randrange(8, 18))
        responded = received + timedelta(hours=rng.randrange(1, 48))
        closed = responded + timedelta(days=rng.randrange(1, 20)) if rng.random() < 0.7 else None
        if closed and closed.date() > today:
            closed = None
        satisfaction = rng.choice(list(Satisfaction)).value if closed else ""
        complaints.append(create_complaint(session, ComplaintIn(
            channel=rng.choice(list(ComplaintChannel)).value,
            complainant_name=rng.choice("王李张刘陈") + rng.choice(["先生", "女士"]),
            complainant_phone=rng.choice(["139", "158", "186"]) + f"{rng.randrange(10**8):08d}",
            community_code=community, estate_uuid=estate, company_uuid=company_uuid.get(estate),
            category=category.value, content=rng.choice(PROBLEM_TEXTS[category]),
            received_at=received, first_response_at=responded, closed_at=closed,
            outcome="已督促物业整改并回复投诉人" if closed else "",
            callback_on=closed.date() if closed else None, satisfaction=satisfaction,
        )))  # fmt: skip

    tasks = []
    for i in range(20):
        issued = today - timedelta(days=rng.randrange(2, 45))
        estate, community, estate_name = rng.choice(estates)
        requested = issued + timedelta(days=rng.randrange(3, 25)) if i % 3 == 0 else None
        if requested is not None:
            requested = cal.workday_on_or_after(requested)
        uuid = add_task(
            session,
            TaskIn(
                f"督促{estate_name}{rng.choice(TASK_WORDS)}",
                unit_for(estate, community),
                "曲阳街道物业管理办公室",
                issued,
                requested,
            ),
            cal,
        )
        tasks.append(uuid)  # fmt: skip
        deadline = requested or issued + timedelta(days=7)
        fate = rng.random()
        if fate < 0.45 and issued + timedelta(days=2) <= today:
            finished = min(today, issued + timedelta(days=rng.randrange(1, 9)))
            mark_done(session, uuid, finished, who=rng.choice(WORKERS), today=today)
            fed_back = cal.next_workday_after(finished)
            if rng.random() < 0.6 and fed_back <= today:  # never a feedback dated ahead
                report_back(session, uuid, fed_back, who=rng.choice(WORKERS), today=today)
        elif deadline < today:  # late: reminded, and some interviewed
            remind(session, uuid, deadline + timedelta(days=1), rng.choice(list(ReminderWay)),
                   "逾期未办结，请尽快办理并反馈", today=today)  # fmt: skip
            if rng.random() < 0.5:
                interview(session, uuid, min(today, deadline + timedelta(days=3)),
                          "物业项目负责人", "承诺一周内整改到位", today=today)  # fmt: skip

    # Problems: from the first resolution of each meeting, from a quarter of the complaints,
    # from some tasks, and found in checks, hotline calls and surveys.
    drafts: list[ProblemIn] = []
    for res in resolutions[::2]:
        drafts.append(draft_from_resolution(session, res, today=today))
    for c in complaints[::4]:
        draft = draft_from_complaint(session, c, today=today)
        drafts.append(replace(draft, responsible_unit=draft.responsible_unit or "社区居委会"))
    for t in tasks[::5]:
        drafts.append(draft_from_task(session, t, community_code=rng.choice(communities),
                                      today=today))  # fmt: skip
    for i in range(60):
        estate, community, _name = rng.choice(estates)
        category = rng.choice(list(PROBLEM_TEXTS))
        found = today - timedelta(days=rng.randrange(5, 150))
        drafts.append(ProblemIn(
            source=rng.choice([ProblemSource.INSPECTION, ProblemSource.INSPECTION,
                               ProblemSource.HOTLINE, ProblemSource.SURVEY,
                               ProblemSource.SUPERVISION]).value,
            category=category.value, community_code=community, estate_uuid=estate,
            description=rng.choice(PROBLEM_TEXTS[category]), found_on=found,
            responsible_unit=unit_for(estate, community), responsible_person=rng.choice(WORKERS),
            # Every sixth is due within two working days: the overview shows 临期 too.
            deadline=cal.add_workdays(today, 1 + i % 2) if i % 6 == 0
            else found + timedelta(days=rng.choice([7, 15, 30, 60, 90, 120])),
            measures="制定整改方案，明确责任人和完成时限", public=rng.random() < 0.4,
        ))  # fmt: skip

    for n, draft in enumerate(drafts):
        uuid = create_problem(session, draft)
        _advance(session, rng, uuid, draft, today, n)

    return CaseworkDemo(meetings, len(resolutions), len(drafts), len(complaints), len(tasks))


def _advance(
    session: Session, rng: random.Random, uuid: str, draft: ProblemIn, today: date, n: int
) -> None:
    """Move a problem part of the way, with days after it was found and not after today;
    every fifth closed one is reopened, so the demo shows each status and a reopening."""
    assert draft.found_on is not None
    span = max(1, (today - draft.found_on).days)
    steps = [ProblemStatus.IN_PROGRESS, ProblemStatus.RECTIFIED, ProblemStatus.CLOSED]
    reach = rng.choice([0, 1, 1, 2, 2, 3, 3, 3])
    day = draft.found_on
    for step in steps[:reach]:
        day = min(today, day + timedelta(days=rng.randrange(1, max(2, span // 3))))
        when = datetime.combine(day, time(15, 0))
        evidence = "整改前后照片、验收记录" if step == ProblemStatus.CLOSED else ""
        transition(session, uuid, step, when=when, who=rng.choice(WORKERS), evidence=evidence,
                   today=today)  # fmt: skip
    if reach == 3 and n % 5 == 0:
        transition(session, uuid, ProblemStatus.IN_PROGRESS,
                   when=datetime.combine(day, time(16, 0)), who=rng.choice(WORKERS),
                   reason="回访发现问题反弹，重新整改", today=today)  # fmt: skip
