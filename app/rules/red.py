"""Rules of 红色物业 (task 10) and 清出市场 (task 13), pure: when a 交叉任职 counts, when a
示范项目 is valid and due for review, when a market decision is in force.

- A 交叉任职 counts from `since` through `until` (its last day), both included.
- A 示范项目 is valid from the day it is named until the day before it is revoked: revoked by
  hand on a day, or by the first 不合格 review (from that review's day). It is due for review
  on the anniversary of its last review (or of its naming): 动态管理, once a year.
- A market decision is in force from its day on: a contract saved that day is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

REVIEW_YEARS = 1  # 动态管理: reviewed once a year (configuration; verify, DOMAIN.md §10)


def serving_on(since: date, until: date | None, day: date) -> bool:
    return since <= day and (until is None or day <= until)


def anniversary(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: 1 March
        return date(day.year + years, 3, 1)


@dataclass(frozen=True)
class DemoState:
    valid: bool
    revoked_on: date | None  # the effective day of revocation, hand or failed review
    review_due: date  # the next review's day (past: overdue)


def demonstration_state(
    named_on: date,
    revoked_on: date | None,
    reviews: Iterable[tuple[date, bool]],  # (day, failed)
    day: date,
) -> DemoState:
    """The project's state on `day`; reviews after `day` are not yet known then."""
    known = sorted(r for r in reviews if r[0] <= day)
    failed = next((on for on, bad in known if bad), None)
    ends = [d for d in (revoked_on, failed) if d is not None]
    revoked = min(ends) if ends else None
    valid = named_on <= day and (revoked is None or day < revoked)
    last = known[-1][0] if known else named_on
    return DemoState(valid, revoked, anniversary(last, REVIEW_YEARS))


def decision_in_force(decided_on: date, day: date) -> bool:
    return decided_on <= day
