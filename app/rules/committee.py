"""Committee composition and terms (DOMAIN.md §2): pure, so form, import and CLI agree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.codes import CommitteeKind, MemberRole
from app.errors import Problem


@dataclass(frozen=True)
class CommitteeRules:
    """Configurable defaults; PMC figures follow Beijing's regulation (no national rule)."""

    size_min: int = 5  # 指导规则 art 31: 5–11, odd
    size_max: int = 11
    term_years_max: int = 5  # 指导规则 art 32
    pmc_size_min: int = 7
    pmc_size_max: int = 15
    pmc_term_years_max: int = 3
    expiry_warning_days: int = 90


DEFAULT_RULES = CommitteeRules()

SEATED = frozenset({MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER})


def add_years(day: date, years: int) -> date:
    """Same day-of-month `years` later; 29 Feb falls back to 28 Feb (民法典 art 202)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def seated_count(roles: Sequence[str]) -> int:
    return sum(1 for r in roles if r in SEATED)


def party_share_met(party: int, seated: int) -> bool:
    """Task 4: party members ≥ 50 % of seated members, compared in integers."""
    return seated > 0 and 2 * party >= seated


def composition_problems(
    kind: str, roles: Sequence[str], rules: CommitteeRules = DEFAULT_RULES
) -> list[Problem]:
    problems: list[Problem] = []
    unknown = [r for r in roles if MemberRole.from_text(r) is None]
    if unknown:
        problems.append(Problem("members", f"未知的职务：{'、'.join(sorted(set(unknown)))}"))
    seated = seated_count(roles)
    pmc = kind == CommitteeKind.PMC
    low, high = (
        (rules.pmc_size_min, rules.pmc_size_max) if pmc else (rules.size_min, rules.size_max)
    )
    name = CommitteeKind(kind).label if CommitteeKind.from_text(kind) else "委员会"
    if not low <= seated <= high or seated % 2 == 0:
        problems.append(
            Problem("members", f"{name}委员（不含候补）应为{low}至{high}人的单数，现有{seated}人")
        )
    chairs = sum(1 for r in roles if r == MemberRole.CHAIR)
    if chairs != 1:
        problems.append(Problem("members", f"应有且只有一名主任，现有{chairs}名"))
    return problems


def term_problems(
    kind: str,
    elected_on: date | None,
    term_start: date | None,
    term_end: date | None,
    filed_on: date | None,
    rules: CommitteeRules = DEFAULT_RULES,
) -> list[Problem]:
    problems: list[Problem] = []
    if term_start is None:
        problems.append(Problem("term_start", "任期开始日期不能为空"))
    if term_end is None:
        problems.append(Problem("term_end", "任期结束日期不能为空"))
    if term_start and term_end:
        years = rules.pmc_term_years_max if kind == CommitteeKind.PMC else rules.term_years_max
        if term_end <= term_start:
            problems.append(Problem("term_end", "任期结束日期应晚于开始日期"))
        elif term_end > add_years(term_start, years):
            problems.append(Problem("term_end", f"任期不得超过{years}年"))
    if elected_on and term_start and elected_on > term_start:
        problems.append(Problem("elected_on", "选举日期不能晚于任期开始日期"))
    if filed_on and elected_on and filed_on < elected_on:
        problems.append(Problem("filed_on", "备案日期不能早于选举日期"))
    return problems
