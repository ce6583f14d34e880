"""Candidate vetting (推荐关、审核关, DOMAIN.md §2 eligibility): which checks a candidate passes
before being seated on a committee, and what is missing. Pure, so form, CLI and tests agree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from app.errors import Problem

RECOMMEND = "recommend"  # 推荐关: the recommending body checks who the candidate is
REVIEW = "review"  # 审核关: the 街道/社区 review of conduct and ability

STAGE_LABELS: Mapping[str, str] = {RECOMMEND: "推荐关", REVIEW: "审核关"}


@dataclass(frozen=True)
class VettingItem:
    code: str
    stage: str
    label: str


# 指导规则 (建房〔2009〕274号) art 31 with the owner condition first; the order is the form's.
CHECKS: tuple[VettingItem, ...] = (
    VettingItem("owner", RECOMMEND, "本物业管理区域内的业主"),
    VettingItem("capacity", RECOMMEND, "具有完全民事行为能力"),
    VettingItem("law_abiding", REVIEW, "遵守法律法规、议事规则和管理规约"),
    VettingItem("integrity", REVIEW, "热心公益、责任心强、公正廉洁"),
    VettingItem("ability", REVIEW, "具有一定的组织能力"),
    VettingItem("time", REVIEW, "具备必要的工作时间"),
)
CHECK_CODES = frozenset(c.code for c in CHECKS)


def check_label(code: str) -> str:
    item = next((c for c in CHECKS if c.code == code), None)
    return f"{STAGE_LABELS[item.stage]}·{item.label}" if item else code


@dataclass(frozen=True)
class CheckIn:
    """One recorded check: who checked which condition, when, and whether it passed."""

    item: str
    passed: bool
    checked_by: str
    checked_on: date | None
    note: str = ""


def check_problems(where: str, field: str, check: CheckIn, *, today: date) -> list[Problem]:
    """A recorded check must name its checker and date (the point of recording it)."""
    problems: list[Problem] = []
    label = check_label(check.item)
    if check.item not in CHECK_CODES:
        problems.append(Problem(field, f"{where}：未知的审查项“{check.item}”"))
    if not check.checked_by.strip():
        problems.append(Problem(field, f"{where}：“{label}”未填写审查人"))
    if check.checked_on is None:
        problems.append(Problem(field, f"{where}：“{label}”未填写审查日期"))
    elif check.checked_on > today:
        problems.append(Problem(field, f"{where}：“{label}”审查日期不能晚于今天"))
    return problems


def unmet_checks(checks: Iterable[CheckIn]) -> list[str]:
    """Codes of the checks not recorded as passed, in the form's order."""
    passed = {c.item for c in checks if c.passed}
    return [c.code for c in CHECKS if c.code not in passed]


def vetting_summary(checks: Iterable[CheckIn]) -> str:
    """What the roster shows per member, e.g. "4/6 通过"."""
    done = len(CHECKS) - len(unmet_checks(checks))
    return f"{done}/{len(CHECKS)} 通过"
