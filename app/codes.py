"""Code tables: values stored in the database (stable ASCII codes) and their Chinese labels.

Codes, not labels, are stored so a relabelled code never invalidates rows in other offices.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache


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
]
_LABELS: dict[tuple[type, str], str] = {(type(m), m.value): text for m, text in _LABEL_PAIRS}


@cache
def _lookup(table: type[Coded]) -> dict[str, Coded]:
    """Code and label -> member, built once per table (called for every cell of an import)."""
    return {**{m.label: m for m in table}, **{m.value: m for m in table}}


def level_label(code: str) -> str:
    member = OrgLevel.from_text(code)
    return member.label if member else code
