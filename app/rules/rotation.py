"""Which backups to keep (issue 14): the newest of each of the last 7 days, the last 4 weeks
and the last 12 months, as grandfather-father-son rotation does. Pure, so it is tested on
dates alone and the same rule serves the CLI and the window."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Keep:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


DEFAULT_KEEP = Keep()


def kept(times: Iterable[datetime], keep: Keep = DEFAULT_KEEP) -> set[datetime]:
    """The times whose backups stay; every other one may be deleted. The newest backup is
    always kept, whatever the counts."""
    ordered = sorted(set(times), reverse=True)
    chosen: set[datetime] = set(ordered[:1])
    periods: list[tuple[int, Callable[[datetime], Hashable]]] = [
        (keep.daily, lambda t: t.date()),
        (keep.weekly, lambda t: t.isocalendar()[:2]),
        (keep.monthly, lambda t: (t.year, t.month)),
    ]
    for count, period in periods:
        seen: list[Hashable] = []
        for t in ordered:  # newest first: the first of each period is its newest
            key = period(t)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            chosen.add(t)
    return chosen
