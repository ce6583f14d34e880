"""Who an election matter elects (民法典 art. 278 item 3, issue 15).

An election item names one candidate in its title, as the ballot prints it:
"选举张三为业主委员会委员" (or 主任 / 副主任 / 候补委员). The items of category 3 that pass
give the new term's roster; an item of category 3 that names nobody (e.g. "更换业主委员会成员"
as a whole) elects no one, so the ledger is never filled with a guess."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.codes import MemberRole

ELECTION_CATEGORY = 3  # 选举业主委员会或者更换业主委员会成员
_CANDIDATE = re.compile(
    r"^\s*选举\s*(?P<name>[^\s，,、]{1,40}?)\s*(?:同志)?\s*为\s*(?:业主委员会|业委会)?\s*"
    r"(?P<role>主任|副主任|候补委员|委员)\s*$"
)


def candidate(title: str) -> tuple[str, str] | None:
    """(name, MemberRole code) that an election item's title names, or None."""
    m = _CANDIDATE.match(title or "")
    if m is None:
        return None
    role = MemberRole.from_text(m.group("role"))
    return (m.group("name"), str(role)) if role is not None else None


def elected(items: Iterable[tuple[int, str, bool]]) -> list[tuple[str, str]]:
    """The roster that (category, title, passed) items elect, in item order, a name once."""
    out: dict[str, str] = {}
    for cat, title, passed in items:
        found = candidate(title) if cat == ELECTION_CATEGORY and passed else None
        if found is not None and found[0] not in out:
            out[found[0]] = found[1]
    return list(out.items())


def is_election(categories: Iterable[int]) -> bool:
    return ELECTION_CATEGORY in set(categories)
