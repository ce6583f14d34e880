"""Committee composition and terms (DOMAIN.md §2): pure, so form, import and CLI agree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

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
    filing_days: int = 30  # 物业管理条例 art 16: 备案 within 30 days of the election
    first_meeting_days: int = 3  # Anhui art 29 (national 7): 主任、副主任 elected within 3 days


DEFAULT_RULES = CommitteeRules()

SEATED = frozenset({MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER})


def add_years(day: date, years: int) -> date:
    """Same day-of-month `years` later; 29 Feb falls back to 28 Feb (民法典 art 202)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_last_day(term_start: date, years: int) -> date:
    """A term of `years` years from `term_start` ends the day before the anniversary (民法典
    arts 201–202: the start day counts as day one of the term), e.g. 2025-01-01 → 2029-12-31."""
    return add_years(term_start, years) - timedelta(days=1)


def filing_due(elected_on: date, rules: CommitteeRules = DEFAULT_RULES) -> date:
    """Last day to file (备案): the election day is not counted (民法典 art 201)."""
    return elected_on + timedelta(days=rules.filing_days)


def first_meeting_due(elected_on: date, rules: CommitteeRules = DEFAULT_RULES) -> date:
    return elected_on + timedelta(days=rules.first_meeting_days)


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
        elif term_end > (last := term_last_day(term_start, years)):
            problems.append(Problem("term_end", f"任期不得超过{years}年（最晚至{last:%Y-%m-%d}）"))
    if elected_on and term_start and elected_on > term_start:
        problems.append(Problem("elected_on", "选举日期不能晚于任期开始日期"))
    if filed_on and elected_on and filed_on < elected_on:
        problems.append(Problem("filed_on", "备案日期不能早于选举日期"))
    return problems


def deadline_warnings(
    kind: str,
    elected_on: date | None,
    filed_on: date | None,
    first_meeting_on: date | None,
    *,
    today: date,
    rules: CommitteeRules = DEFAULT_RULES,
) -> list[Problem]:
    """The dates DOMAIN.md §2 names, missed: warnings, never refusals (a late filing is a fact
    to record, not a reason to keep the committee out of the ledger). Owners' committees
    only: a PMC is formed by the 街道 itself and has no filing or first-meeting rule."""
    if kind != CommitteeKind.OWNERS or elected_on is None:
        return []
    warnings: list[Problem] = []
    due = filing_due(elected_on, rules)
    if filed_on is not None and filed_on > due:
        late = (filed_on - due).days
        warnings.append(
            Problem(
                "filed_on",
                f"备案晚于选举后{rules.filing_days}日（应不晚于{due:%Y-%m-%d}，逾期{late}天）",
            )
        )
    elif filed_on is None and today > due:
        warnings.append(
            Problem(
                "filed_on",
                f"选举已超过{rules.filing_days}日仍未备案（应不晚于{due:%Y-%m-%d}）",
            )
        )
    meeting = first_meeting_due(elected_on, rules)
    if first_meeting_on is not None and first_meeting_on > meeting:
        warnings.append(
            Problem(
                "first_meeting_on",
                f"首次会议晚于选举后{rules.first_meeting_days}日（应不晚于{meeting:%Y-%m-%d}）",
            )
        )
    return warnings
