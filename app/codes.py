"""Code tables: values stored in the database (stable ASCII codes) and their Chinese labels.

Codes, not labels, are stored so a relabelled code never invalidates rows in other offices.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from app import code_tables


class Coded(StrEnum):
    @property
    def label(self) -> str:
        # Keyed by class too: StrEnum members equal their values, so "none" of one table
        # would otherwise collide with "none" of another.
        return _LABELS[(type(self), self.value)]

    @classmethod
    def from_text(cls, text: str) -> Coded | None:
        """Accept a code or its Chinese label, as typed in forms and ledgers."""
        return _lookup(cls).get(text.strip())

    @classmethod
    def label_of(cls, code: str | None) -> str:
        """The label of a stored code, or "" (list cells show blank rather than fail)."""
        member = cls.from_text(code or "")
        return member.label if member else ""

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class OrgLevel(Coded):
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"


class ManagementType(Coded):
    """The five kinds of the action plan's task 1, in its order."""

    PROFESSIONAL = "professional"
    COMMUNITY = "community"
    EMPLOYER = "employer"
    RESIDENTS = "residents"
    NONE = "none"


class PartyOrg(Coded):
    NONE = "none"
    OWN = "own"
    JOINT = "joint"


class MarketStatus(Coded):
    NORMAL = "normal"
    WARNED = "warned"
    REMOVED = "removed"


class SelectionMethod(Coded):
    OPEN_TENDER = "open_tender"
    INVITED_TENDER = "invited_tender"
    NEGOTIATED = "negotiated"
    PRELIMINARY = "preliminary"


class CommitteeKind(Coded):
    OWNERS = "owners"
    PMC = "pmc"


class NegativeMeasure(Coded):
    """How a 负面清单 item was handled (task 4), mildest first."""

    REMINDER = "reminder"
    TALK = "talk"
    RECTIFY = "rectify"
    RECALL = "recall"


class CommitteeStatus(Coded):
    PREPARING = "preparing"
    ACTIVE = "active"
    DISSOLVED = "dissolved"


class MemberRole(Coded):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    ALTERNATE = "alternate"


class StaffRole(Coded):
    PROJECT_MANAGER = "project_manager"
    CUSTOMER_SERVICE = "customer_service"
    ENGINEERING = "engineering"
    SECURITY = "security"
    CLEANING = "cleaning"
    OTHER = "other"


class MeetingKind(Coded):
    """联席会议 kinds (task 10); `inspection` is the 承接查验小组 meeting (task 5, DOMAIN.md §3)."""

    FIVE_PARTY = "five_party"
    THREE_PARTY = "three_party"
    INSPECTION = "inspection"
    OTHER = "other"


class ResolutionStatus(Coded):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ProblemSource(Coded):
    INSPECTION = "inspection"
    COMPLAINT = "complaint"
    SURVEY = "survey"
    HOTLINE = "hotline"
    SUPERVISION = "supervision"
    MEETING = "meeting"


class ProblemCategory(Coded):
    ENVIRONMENT = "environment"
    FACILITIES = "facilities"
    SAFETY = "safety"
    FEES = "fees"
    SERVICE = "service"
    ILLEGAL_BUILDING = "illegal_building"
    DISCLOSURE = "disclosure"
    OTHER = "other"


class ProblemStatus(Coded):
    """问题清单 status, in order; the allowed moves are in app/rules/transitions.py."""

    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    RECTIFIED = "rectified"
    CLOSED = "closed"


class ComplaintChannel(Coded):
    PHONE = "phone"
    HOTLINE_12345 = "hotline_12345"
    VISIT = "visit"
    ONLINE = "online"
    LETTER = "letter"


class Satisfaction(Coded):
    SATISFIED = "satisfied"
    BASIC = "basic"
    UNSATISFIED = "unsatisfied"


class TaskStatus(Coded):
    """督办事项: 办理中 until done (办结), then 已反馈 when the result is reported back."""

    OPEN = "open"
    DONE = "done"
    REPORTED = "reported"


class ReminderWay(Coded):
    PHONE = "phone"
    NOTICE = "notice"
    VISIT = "visit"
    MESSAGE = "message"


class SubmissionKind(Coded):
    """Period reports a community submits upward (issue 6, submissions)."""

    MONTHLY = "monthly"
    INSPECTION = "inspection"
    WEEKLY = "weekly"  # 每周调度 (附件3 一)
    DAILY = "daily"  # 每日调度, during a campaign the upper office switches on


class SubmissionStatus(Coded):
    """草稿 → 已上报 → 已接收 (locked) → 已审核; 退回 unlocks (DESIGN.md, submissions)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    RETURNED = "returned"


class ReviewAction(Coded):
    ACCEPT = "accept"
    APPROVE = "approve"
    RETURN = "return"


class VoteStatus(Coded):
    """A matter's lifecycle (issue 15): the base is frozen at 已公告; ballots end at 表决中."""

    DRAFT = "draft"
    ANNOUNCED = "announced"
    VOTING = "voting"
    PRELIMINARY = "preliminary"
    OBJECTION = "objection"
    FINAL = "final"
    ARCHIVED = "archived"


class CrossPostSide(Coded):
    """交叉任职 (task 10): where the person's other post is, beside the community 两委."""

    COMMITTEE = "committee"  # an owners' committee (or PMC)
    COMPANY = "company"  # a property company's management at the estate


class CrossPostDirection(Coded):
    """双向进入: a 两委 member into the committee/company, or the reverse."""

    INTO_ESTATE = "into_estate"
    INTO_COMMUNITY = "into_community"


class DemoLevel(Coded):
    """红色物业示范项目: who named it."""

    CITY = "city"
    DISTRICT = "district"
    STREET = "street"


class DemoReviewResult(Coded):
    """A review of a 示范项目 (动态管理): 不合格 revokes it from the day of the review."""

    PASSED = "passed"
    RECTIFY = "rectify"
    FAILED = "failed"


class CanvassStatus(Coded):
    NONE = "none"
    DELIVERED = "delivered"
    REFUSED = "refused"
    VOTED = "voted"


_LABEL_PAIRS: list[tuple[Coded, str]] = [
    (OrgLevel.CITY, "市"),
    (OrgLevel.DISTRICT, "县区"),
    (OrgLevel.STREET, "街道"),
    (OrgLevel.COMMUNITY, "社区"),
    (ManagementType.PROFESSIONAL, "专业化物业服务"),
    (ManagementType.COMMUNITY, "社区代管"),
    (ManagementType.EMPLOYER, "单位自管"),
    (ManagementType.RESIDENTS, "居民自治"),
    (ManagementType.NONE, "无物管"),
    (PartyOrg.NONE, "未建立"),
    (PartyOrg.OWN, "单独建立"),
    (PartyOrg.JOINT, "联合建立"),
    (MarketStatus.NORMAL, "正常"),
    (MarketStatus.WARNED, "警示"),
    (MarketStatus.REMOVED, "清出市场"),
    (SelectionMethod.OPEN_TENDER, "公开招标"),
    (SelectionMethod.INVITED_TENDER, "邀请招标"),
    (SelectionMethod.NEGOTIATED, "协议选聘"),
    (SelectionMethod.PRELIMINARY, "前期物业"),
    (CommitteeKind.OWNERS, "业主委员会"),
    (CommitteeKind.PMC, "物业管理委员会"),
    (NegativeMeasure.REMINDER, "提醒"),
    (NegativeMeasure.TALK, "约谈"),
    (NegativeMeasure.RECTIFY, "责令整改"),
    (NegativeMeasure.RECALL, "罢免建议"),
    (CommitteeStatus.PREPARING, "筹备中"),
    (CommitteeStatus.ACTIVE, "在任"),
    (CommitteeStatus.DISSOLVED, "已解散"),
    (MemberRole.CHAIR, "主任"),
    (MemberRole.VICE_CHAIR, "副主任"),
    (MemberRole.MEMBER, "委员"),
    (MemberRole.ALTERNATE, "候补委员"),
    (StaffRole.PROJECT_MANAGER, "项目负责人"),
    (StaffRole.CUSTOMER_SERVICE, "客服"),
    (StaffRole.ENGINEERING, "工程维修"),
    (StaffRole.SECURITY, "秩序维护"),
    (StaffRole.CLEANING, "保洁绿化"),
    (StaffRole.OTHER, "其他"),
    (MeetingKind.FIVE_PARTY, "五方联席会议"),
    (MeetingKind.THREE_PARTY, "三方联席会议"),
    (MeetingKind.INSPECTION, "承接查验小组会议"),
    (MeetingKind.OTHER, "其他会议"),
    (ResolutionStatus.OPEN, "待落实"),
    (ResolutionStatus.IN_PROGRESS, "落实中"),
    (ResolutionStatus.DONE, "已落实"),
    (ProblemSource.INSPECTION, "排查"),
    (ProblemSource.COMPLAINT, "投诉"),
    (ProblemSource.SURVEY, "满意度调查"),
    (ProblemSource.HOTLINE, "热线"),
    (ProblemSource.SUPERVISION, "督查"),
    (ProblemSource.MEETING, "联席会议"),
    (ProblemCategory.ENVIRONMENT, "环境卫生"),
    (ProblemCategory.FACILITIES, "设施设备"),
    (ProblemCategory.SAFETY, "安全隐患"),
    (ProblemCategory.FEES, "收费问题"),
    (ProblemCategory.SERVICE, "服务质量"),
    (ProblemCategory.ILLEGAL_BUILDING, "违章搭建"),
    (ProblemCategory.DISCLOSURE, "公示公开"),
    (ProblemCategory.OTHER, "其他问题"),
    (ProblemStatus.PENDING, "待整改"),
    (ProblemStatus.IN_PROGRESS, "整改中"),
    (ProblemStatus.RECTIFIED, "已整改"),
    (ProblemStatus.CLOSED, "已销号"),
    (ComplaintChannel.PHONE, "电话"),
    (ComplaintChannel.HOTLINE_12345, "12345热线"),
    (ComplaintChannel.VISIT, "来访"),
    (ComplaintChannel.ONLINE, "网络"),
    (ComplaintChannel.LETTER, "信件"),
    (Satisfaction.SATISFIED, "满意"),
    (Satisfaction.BASIC, "基本满意"),
    (Satisfaction.UNSATISFIED, "不满意"),
    (TaskStatus.OPEN, "办理中"),
    (TaskStatus.DONE, "已办结"),
    (TaskStatus.REPORTED, "已反馈"),
    (ReminderWay.PHONE, "电话"),
    (ReminderWay.NOTICE, "书面"),
    (ReminderWay.VISIT, "上门"),
    (ReminderWay.MESSAGE, "短信"),
    (SubmissionKind.MONTHLY, "月报"),
    (SubmissionKind.INSPECTION, "专项排查"),
    (SubmissionKind.WEEKLY, "周报"),
    (SubmissionKind.DAILY, "日报"),
    (SubmissionStatus.DRAFT, "草稿"),
    (SubmissionStatus.SUBMITTED, "已上报"),
    (SubmissionStatus.ACCEPTED, "已接收"),
    (SubmissionStatus.APPROVED, "已审核"),
    (SubmissionStatus.RETURNED, "退回"),
    (ReviewAction.ACCEPT, "接收"),
    (ReviewAction.APPROVE, "审核"),
    (ReviewAction.RETURN, "退回"),
    (VoteStatus.DRAFT, "草稿"),
    (VoteStatus.ANNOUNCED, "已公告"),
    (VoteStatus.VOTING, "表决中"),
    (VoteStatus.PRELIMINARY, "初步结果公示"),
    (VoteStatus.OBJECTION, "异议期"),
    (VoteStatus.FINAL, "结果公告"),
    (VoteStatus.ARCHIVED, "归档"),
    (CrossPostSide.COMMITTEE, "业主委员会"),
    (CrossPostSide.COMPANY, "物业企业"),
    (CrossPostDirection.INTO_ESTATE, "两委成员进入"),
    (CrossPostDirection.INTO_COMMUNITY, "进入社区两委"),
    (DemoLevel.CITY, "市级"),
    (DemoLevel.DISTRICT, "区级"),
    (DemoLevel.STREET, "街道级"),
    (DemoReviewResult.PASSED, "合格"),
    (DemoReviewResult.RECTIFY, "限期整改"),
    (DemoReviewResult.FAILED, "不合格"),
    (CanvassStatus.NONE, "未联系"),
    (CanvassStatus.DELIVERED, "已送达"),
    (CanvassStatus.REFUSED, "拒收"),
    (CanvassStatus.VOTED, "已投票"),
]
_LABELS: dict[tuple[type, str], str] = {(type(m), m.value): text for m, text in _LABEL_PAIRS}


@cache
def _lookup(table: type[Coded]) -> dict[str, Coded]:
    """Code and label -> member, built once per table (called for every cell of an import)."""
    return {**{m.label: m for m in table}, **{m.value: m for m in table}}


def level_label(code: str) -> str:
    member = OrgLevel.from_text(code)
    return member.label if member else code


@code_tables.loader
def _divisions() -> dict[str, str]:
    raw = code_tables.content("divisions")
    return {str(code): str(name) for code, name in raw["divisions"].items()}


def division_name(code: str) -> str:
    """The name of a 12-digit division code in resources/codes/divisions.json, or "" when the
    table does not know it (the set-up wizard then asks for the name)."""
    return _divisions().get(code.strip(), "")


@code_tables.loader
def report_due_rules() -> dict[str, dict[str, object]]:
    """When each kind of period report is due (resources/codes/report_due.json, or the one the
    superior sent: app/code_tables.py), by kind code."""
    raw = code_tables.content("report_due")
    return {kind: rule for kind, rule in raw.items() if not kind.startswith("_")}
