"""A deterministic demo office: a street in Huaibei with its communities, estates, companies,
contracts and committees. Used for training, screenshots, tests and the benchmarks.

Everything goes through the real services, so demo data passes the same checks as a form.
Every name, phone and ID number is synthetic (made here, check digits valid).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from app.codes import (
    CommitteeKind,
    CommitteeStatus,
    ManagementType,
    MarketStatus,
    MemberRole,
    NegativeMeasure,
    OrgLevel,
    PartyOrg,
    SelectionMethod,
    StaffRole,
)
from app.db.sync import context_of
from app.ids import seeded_uuid_factory
from app.models import DutyRecord, Estate, NegativeRecord
from app.rules.committee import add_years
from app.rules.credit_code import org_code_check_char
from app.rules.credit_code import with_check_char as credit_with_check
from app.rules.resident_id import with_check_char as id_with_check
from app.rules.vetting import CHECKS, RECOMMEND, CheckIn
from app.services.buildings import BuildingIn, save_building
from app.services.committees import CommitteeIn, MemberIn, save_committee
from app.services.companies import (
    CompanyIn,
    ContractIn,
    StaffIn,
    create_company,
    create_contract,
    create_staff,
)
from app.services.credit import CreditItemIn, add_credit_item
from app.services.demo_casework import CaseworkDemo, fill_casework
from app.services.estates import EstateIn, create_estate
from app.services.offices import add_org, init_office
from app.services.red import CrossPostIn, save_cross_post

STREET = ("340603010000", "曲阳街道")
DISTRICT = "340603000000"
COMMUNITIES = [
    "桓谭社区", "南湖社区", "古城社区", "凤凰山社区", "人民路社区",
    "相城社区", "渠沟社区", "东山社区", "梧桐社区", "乐园社区",
]  # fmt: skip
ESTATE_HEADS = [
    "翡翠", "锦绣", "御景", "金色", "阳光", "幸福", "和平", "文昌", "长山", "惠黎",
    "紫薇", "银河", "丽水", "泉山", "华家", "相王", "濉河", "龙湖", "桂苑", "松林",
]  # fmt: skip
ESTATE_TAILS = ["花园", "家园", "苑", "新村", "名邸", "嘉园", "公馆", "小区"]
ROADS = ["淮海路", "人民路", "相山路", "孟山路", "古城路", "长山路", "博物馆路", "南黎路"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文红玉志海波宁晨阳"
COMPANY_WORDS = [
    "恒信", "安居", "惠民", "宏达", "瑞丰", "金盾", "嘉和", "康泰", "鑫源", "润泽",
    "华宇", "泰和", "同创", "新城", "祥瑞", "中联", "益家", "明珠", "诚信", "佳美",
    "天成", "和顺", "盛世", "万家", "永安",
]  # fmt: skip
# How many of the 60 estates fall in each task-1 type: all five appear.
TYPE_MIX = (
    [ManagementType.PROFESSIONAL] * 38
    + [ManagementType.COMMUNITY] * 8
    + [ManagementType.EMPLOYER] * 6
    + [ManagementType.RESIDENTS] * 4
    + [ManagementType.NONE] * 4
)
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class DemoSummary:
    office: str
    communities: int
    estates: int
    companies: int
    contracts: int
    committees: int
    members: int
    casework: CaseworkDemo | None = None
    voting: object = None  # app/services/demo_voting.py VotingDemo
    steering: object = None  # app/services/demo_steering.py SteeringDemo


class _Maker:
    """Synthetic people and codes from one seeded generator."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self._used_names: set[str] = set()

    def person(self) -> str:
        while True:
            length = self.rng.choice([1, 2, 2])
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=length))
            if name not in self._used_names:
                self._used_names.add(name)
                return name

    def mobile(self) -> str:
        return self.rng.choice(["138", "139", "151", "158", "177", "186", "189"]) + "".join(
            self.rng.choices("0123456789", k=8)
        )

    def landline(self) -> str:
        return "0561-" + self.rng.choice("2345678") + "".join(self.rng.choices("0123456789", k=6))

    def resident_id(self) -> str:
        born = date(1955, 1, 1) + timedelta(days=self.rng.randrange(0, 365 * 45))
        seq = f"{self.rng.randrange(0, 1000):03d}"
        return id_with_check("340603" + born.strftime("%Y%m%d") + seq)

    def credit_code(self) -> str:
        body = "MA2" + "".join(self.rng.choices(CREDIT_ALPHABET, k=5))
        org = body + org_code_check_char(body)
        return credit_with_check("91" + self.rng.choice(["340603", "340602", "340604"]) + org)


@dataclass(frozen=True)
class DemoOffice:
    """Which office the demo fills: the default street with its ten communities, or one
    community of a demo city with a few estates of its own."""

    code: str = STREET[0]
    name: str = STREET[1]
    level: str = OrgLevel.STREET
    parent_code: str = DISTRICT
    communities: tuple[tuple[str, str], ...] | None = None  # None: the street's ten
    estates: int = len(TYPE_MIX)
    companies: int = len(COMPANY_WORDS)


def fill_demo(
    session: Session, *, seed: int, today: date, office: DemoOffice | None = None
) -> DemoSummary:
    """Fill an empty database with the demo street (or `office`); the same seed and day give
    the same rows."""
    ctx = context_of(session)
    saved = (ctx.make_uuid, ctx.clock)
    stamp = datetime.combine(today, time(1, 0))
    ctx.make_uuid = seeded_uuid_factory(seed, int(stamp.timestamp() * 1000))
    ctx.clock = lambda: stamp
    try:
        summary = _fill(session, random.Random(seed), today, office or DemoOffice())
        # Its own generator: the ledger rows stay what they were before casework existed.
        casework = fill_casework(session, random.Random(f"casework-{seed}"), today)
        from app.services.demo_voting import fill_voting  # its own generator, like casework

        voting = fill_voting(session, _Maker(random.Random(f"voting-{seed}"), today), today)
        from app.services.demo_steering import fill_steering  # its own generator too

        steering = fill_steering(session, random.Random(f"steering-{seed}"), today)
        return replace(summary, casework=casework, voting=voting, steering=steering)
    finally:
        ctx.make_uuid, ctx.clock = saved


def _fill(session: Session, rng: random.Random, today: date, office: DemoOffice) -> DemoSummary:
    make = _Maker(rng, today)
    init_office(
        session,
        code=office.code,
        name=office.name,
        level=office.level,
        parent_code=office.parent_code,
    )
    community_codes = []
    if office.level == OrgLevel.COMMUNITY:
        community_codes.append(office.code)
    elif office.communities is None:
        for i, name in enumerate(COMMUNITIES, start=1):
            code = f"{office.code[:9]}{i:03d}"
            add_org(
                session, code=code, name=name, level=OrgLevel.COMMUNITY, parent_code=office.code
            )
            community_codes.append(code)
    else:
        for code, name in office.communities:
            add_org(
                session, code=code, name=name, level=OrgLevel.COMMUNITY, parent_code=office.code
            )
            community_codes.append(code)

    companies = []
    credit_draws = []  # (company, score, grade): turned into dated credit items below
    for word in COMPANY_WORDS[: office.companies]:
        data = CompanyIn(
            credit_code=make.credit_code(),
            name=f"淮北市{word}物业服务有限公司",
            legal_rep=make.person(),
            contact_person=make.person(),
            contact_phone=make.landline() if rng.random() < 0.5 else make.mobile(),
            address=f"淮北市相山区{rng.choice(ROADS)}{rng.randrange(1, 300)}号",
            party_org=rng.choice([PartyOrg.OWN, PartyOrg.OWN, PartyOrg.JOINT, PartyOrg.NONE]),
        )
        # Drawn where the typed score and grade once were, so every other row stays as it was;
        # they become dated credit items at the end (_fill_credit).
        score, roll = rng.randrange(55, 100), rng.choice(CREDIT_ROLLS)
        if data.party_org != PartyOrg.NONE:  # no draw: the sequence stays as it was
            data.party_org_since = date(2017 + len(companies) % 8, 7, 1)
        data.market_status = _market_status(rng)
        companies.append(create_company(session, data))
        credit_draws.append((companies[-1], score, roll))

    names = [h + t for h in ESTATE_HEADS for t in ESTATE_TAILS]
    rng.shuffle(names)
    types = list(TYPE_MIX)
    rng.shuffle(types)
    types = types[: office.estates]
    estates: list[tuple[str, ManagementType]] = []
    for i, kind in enumerate(types):
        built = rng.randrange(1985, 2021)
        households = rng.randrange(60, 1500)
        buildings = max(1, households // rng.randrange(40, 120))
        uuid = create_estate(
            session,
            EstateIn(
                community_code=community_codes[i % len(community_codes)],
                name=names[i],
                address=f"淮北市相山区{rng.choice(ROADS)}{rng.randrange(1, 400)}号",
                management_type=kind.value,
                built_year=built,
                floor_area_dm2=households * rng.randrange(7000, 13000),
                households=households,
                building_count=buildings,
                is_old=built < 2000,
                is_resettlement=rng.random() < 0.15,
                is_affordable=rng.random() < 0.08,
                elevators=0 if built < 2005 else buildings * rng.randrange(1, 3),
                parking_spaces=rng.randrange(0, households),
                ev_chargers=rng.randrange(0, 40),
                has_management_room=kind == ManagementType.PROFESSIONAL or rng.random() < 0.3,
                service_grade=rng.choice(["一级", "二级", "三级"])
                if kind == ManagementType.PROFESSIONAL
                else "",
                fee_fen_per_m2_month=rng.choice([45, 55, 65, 80, 95, 120])
                if kind == ManagementType.PROFESSIONAL
                else None,
                # Small self-run estates often cannot form a committee (DOMAIN.md §2 denominator).
                committee_required=kind not in (ManagementType.NONE,) or rng.random() < 0.5,
            ),
            today=today,
        )
        estates.append((uuid, kind))

    contracts = 0
    for uuid, kind in estates:
        if kind != ManagementType.PROFESSIONAL:
            continue
        company = rng.choice(companies)
        start = today - timedelta(days=rng.randrange(60, 5 * 365))
        create_contract(
            session,
            ContractIn(
                estate_uuid=uuid,
                company_uuid=company,
                start_date=start,
                end_date=add_years(start, rng.choice([3, 5])) if rng.random() < 0.8 else None,
                selection_method=rng.choice(list(SelectionMethod)).value,
                fee_fen_per_m2_month=rng.choice([45, 55, 65, 80, 95, 120]),
            ),
        )
        create_staff(
            session,
            StaffIn(
                company_uuid=company,
                estate_uuid=uuid,
                name=make.person(),
                role=StaffRole.PROJECT_MANAGER.value,
                phone=make.mobile(),
                id_number=make.resident_id(),
            ),
            today=today,
        )
        contracts += 1

    committees = members = 0
    plan = _committee_plan(rng, len(estates))
    for (uuid, _kind), state in zip(estates, plan, strict=True):
        if state == "none":
            continue
        size = rng.choice([5, 5, 7, 7, 9]) if state != "pmc" else 7
        roster = _roster(make, size)
        term_years = 3 if state == "pmc" else 5
        if state == "expiring":
            term_end = today + timedelta(days=rng.randrange(5, 85))
        elif state == "expired":
            term_end = today - timedelta(days=rng.randrange(10, 200))
        else:
            term_end = today + timedelta(days=rng.randrange(120, term_years * 365 - 30))
        term_start = add_years(term_end, -term_years) + timedelta(days=1)
        elected = term_start - timedelta(days=rng.randrange(0, 10))
        filed = None if state == "unfiled" else elected + timedelta(days=rng.randrange(3, 29))
        if filed and filed > today:
            filed = today
        committee_uuid = save_committee(
            session,
            None,
            CommitteeIn(
                estate_uuid=uuid,
                kind=CommitteeKind.PMC.value if state == "pmc" else CommitteeKind.OWNERS.value,
                term_number=rng.randrange(1, 4),
                elected_on=elected,
                term_start=term_start,
                term_end=term_end,
                filed_on=filed,
                status=CommitteeStatus.ACTIVE.value,
                members=[replace(m, checks=_vetted(elected)) for m in roster],
            ),
            today=today,
        )
        committees += 1
        members += len(roster)
        for _ in range(rng.randrange(1, 4)):
            session.add(
                DutyRecord(
                    committee_uuid=committee_uuid,
                    on=today - timedelta(days=rng.randrange(1, 300)),
                    category=rng.choice(
                        ["召开业委会会议", "公布公共收益", "公布维修资金使用", "公布经费开支"]
                    ),
                    content="按期履职并在公示栏公布。",
                )
            )
        if rng.random() < 0.1:
            session.add(
                NegativeRecord(
                    committee_uuid=committee_uuid,
                    on=today - timedelta(days=rng.randrange(1, 300)),
                    category="未按期公布公共收益",
                    content="连续两个季度未公布公共收益收支情况。",
                    handling="街道约谈提醒，限期整改。",
                    measure=NegativeMeasure.TALK.value,
                )
            )
    _fill_buildings(session, random.Random(rng.getrandbits(32)), estates)
    _fill_credit(session, today, credit_draws)
    _fill_cross_posts(session, today, [uuid for uuid, _kind in estates])
    session.flush()
    return DemoSummary(office.code, len(community_codes), len(estates), len(companies), contracts,
                       committees, members)  # fmt: skip


def _fill_buildings(
    session: Session, rng: random.Random, estates: list[tuple[str, ManagementType]]
) -> None:
    """Each estate's buildings, 1号楼 to N号楼 as its ledger counts them (capped at 24, a
    demo needs boards to print, not every block). A generator of its own keeps the rest of
    the demo the same as before buildings were added."""
    for uuid, _kind in estates:
        estate = session.get(Estate, uuid)
        assert estate is not None
        count = min(estate.building_count, 24)
        for n in range(1, count + 1):
            floors = rng.choice([5, 6, 6, 11, 18, 26]) if (estate.built_year or 0) >= 2005 else 6
            save_building(
                session,
                BuildingIn(
                    estate_uuid=uuid,
                    name=f"{n}号楼",
                    floors=floors,
                    households=max(1, estate.households // max(1, estate.building_count)),
                    has_elevator=floors > 7,
                ),
            )


CREDIT_ROLLS = ("AAA", "AA", "A", "B")


def _fill_credit(session: Session, today: date, draws: list[tuple[str, int, str]]) -> None:
    """A few typed credit items per company (awards, circulars, findings); overdue
    rectifications, late complaints and interviews come from the casework by themselves."""
    for n, (company, score, roll) in enumerate(draws, 1):
        items: list[tuple[str, int, str, int | None]] = []
        number = f"淮物管〔{today.year}〕{n}号"
        if score >= 85:
            items.append(("表彰", score % 300, f"淮北市物业管理工作表彰 {number}", None))
        if roll == "AAA":
            items.append(("示范项目", 200 + n, "红色物业示范项目（街道推荐，市住建局认定）", None))
        if score < 65:
            items.append(("通报", score * 2, f"物业服务质量检查通报 {number}", None))
        if roll == "B":  # one lapsed finding, and a recent serious one for the 失信 list
            items.append(("负面查处", 400, "未按合同约定履行电梯维保义务，责令限期整改", None))
            if score < 80:
                items.append(("负面查处", 60, "擅自占用共有部分经营，责令退还并公示", 25))
        for kind, days_ago, evidence, points in items:
            day = today - timedelta(days=days_ago)
            add_credit_item(session, CreditItemIn(company, day, kind, evidence, points))


def _fill_cross_posts(session: Session, today: date, estates: list[str]) -> None:
    """交叉任职 (task 10) on every third estate, one of them ended, without drawing from the
    demo's random sequence (the other demo data stays as it was)."""
    roles = [("社区党委委员", "副主任"), ("社区居委会委员", "委员"), ("社区党委副书记", "主任")]
    for n, estate in enumerate(estates[::3]):
        community_role, post_role = roles[n % len(roles)]
        person = SURNAMES[(7 * n) % len(SURNAMES)] + GIVEN[(5 * n + 3) % len(GIVEN)]
        since = date(today.year - 1 - n % 2, 1 + n % 12, 1)
        until = today - timedelta(days=30) if n % 7 == 6 else None
        save_cross_post(session, CrossPostIn(
            estate, person, community_role, "业主委员会", post_role, since,
            "进入社区两委" if n % 4 == 3 else "两委成员进入", None, until,
        ), today=today)  # fmt: skip


def _market_status(rng: random.Random) -> str:
    roll = rng.random()
    return (MarketStatus.REMOVED if roll < 0.04 else MarketStatus.WARNED if roll < 0.12 else
            MarketStatus.NORMAL).value  # fmt: skip


def _committee_plan(rng: random.Random, count: int) -> list[str]:
    """Which estates get what: most in term, some expiring or expired, some never formed."""
    plan = (["in_term"] * 34 + ["expiring"] * 5 + ["expired"] * 3 + ["unfiled"] * 2
            + ["pmc"] * 3)  # fmt: skip
    plan += ["none"] * (max(count, len(TYPE_MIX)) - len(plan))
    rng.shuffle(plan)
    return plan[:count]


def _vetted(elected: date) -> list[CheckIn]:
    """The 推荐关 a fortnight and the 审核关 a week before the election, all passed."""
    return [
        CheckIn(
            item.code,
            True,
            "业主大会筹备组" if item.stage == RECOMMEND else "社区党委",
            elected - timedelta(days=14 if item.stage == RECOMMEND else 7),
        )
        for item in CHECKS
    ]


def _roster(make: _Maker, size: int) -> list[MemberIn]:
    roles = [MemberRole.CHAIR] + [MemberRole.VICE_CHAIR] * (1 + (size >= 7))
    roles += [MemberRole.MEMBER] * (size - len(roles))
    roles += [MemberRole.ALTERNATE] * make.rng.randrange(0, 3)
    return [
        MemberIn(
            name=make.person(),
            role=role.value,
            party_member=make.rng.random() < 0.55,
            phone=make.mobile(),
        )
        for role in roles
    ]
