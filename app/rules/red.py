"""Rules of 红色物业 (task 10) and 清出市场 (task 13), pure: when a 交叉任职 counts, when a
示范项目 is valid and due for review, when a market decision is in force.

- A 交叉任职 counts from `since` through `until` (its last day), both included.
- A 示范项目 is valid from the day it is named until the day before it is revoked: revoked by
  hand on a day, or by the first 不合格 review (from that review's day). It is due for review
  (动态管理) on the `review_years`-th anniversary of its last review, or of its naming when it
  has none: with the default of 1, a project named on 2025-03-10 is due on 2026-03-10, not yet
  due on 2026-03-09, and overdue from 2026-03-11 (named on 29 February: due on 1 March).
  The interval is the office's setting `review_years` in resources/codes/demonstration.json
  (the plan names none); the credit item a valid project gives its company counts for the
  same interval (app/services/red.py `demonstration_entries`).
- A market decision is in force from its day on: a contract saved that day is refused.

Pure apart from reading that setting once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.paths import resource


@cache
def review_years() -> int:
    """The 示范项目 review interval in whole years (the office's setting, default 1): a
    project not reviewed within it is overdue for review."""
    data = json.loads(resource("codes", "demonstration.json").read_text(encoding="utf-8"))
    years = int(data.get("review_years", 1))
    if years < 1:
        raise ValueError("resources/codes/demonstration.json：review_years 应为正整数（年）")
    return years


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
    years: int | None = None,
) -> DemoState:
    """The project's state on `day`; reviews after `day` are not yet known then. `years`:
    the review interval, the office's setting (`review_years()`) unless given."""
    known = sorted(r for r in reviews if r[0] <= day)
    failed = next((on for on, bad in known if bad), None)
    ends = [d for d in (revoked_on, failed) if d is not None]
    revoked = min(ends) if ends else None
    valid = named_on <= day and (revoked is None or day < revoked)
    last = known[-1][0] if known else named_on
    return DemoState(valid, revoked, anniversary(last, review_years() if years is None else years))


def decision_in_force(decided_on: date, day: date) -> bool:
    return decided_on <= day
