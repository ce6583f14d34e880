"""Meeting checks, given as warnings at entry (a meeting that happened is recorded as it was):
a 五方/三方 meeting lacking a required party (task 10), and a 承接查验小组 with fewer than one
third owner representatives (task 5, DOMAIN.md §3: 3·owner_reps ≥ group_size).

The parties are configurable defaults in resources/codes/meeting_parties.json."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from app.codes import MeetingKind
from app.paths import resource


@dataclass(frozen=True)
class PartyRules:
    required: dict[str, tuple[tuple[str, ...], ...]]  # meeting kind -> alternatives per party
    owner_representative: str
    suggested: tuple[str, ...]


@cache
def party_rules() -> PartyRules:
    data = json.loads(resource("codes", "meeting_parties.json").read_text(encoding="utf-8"))
    required = {
        kind.value: tuple(tuple(alts) for alts in data.get(kind.value, [])) for kind in MeetingKind
    }
    return PartyRules(required, data["owner_representative"], tuple(data["suggested"]))


def meeting_warnings(
    kind: str, parties: Sequence[str], rules: PartyRules | None = None
) -> list[str]:
    """Chinese warnings for one meeting's attendee parties (one entry per attendee)."""
    rules = rules or party_rules()
    present = {p.strip() for p in parties}
    warnings = []
    missing = [alts for alts in rules.required.get(kind, ()) if not present.intersection(alts)]
    if missing:
        names = "、".join("或".join(alts) for alts in missing)
        warnings.append(f"{MeetingKind.label_of(kind)}缺少：{names}")
    if kind == MeetingKind.INSPECTION:
        owners = sum(1 for p in parties if p.strip() == rules.owner_representative)
        warnings += inspection_group_warnings(len(parties), owners)
    return warnings


def inspection_group_warnings(group_size: int, owner_reps: int) -> list[str]:
    """“业主代表人数不少于1/3” (task 5): 3·owner_reps ≥ group_size, in integers."""
    if group_size and 3 * owner_reps < group_size:
        need = -(-group_size // 3)
        return [
            f"承接查验小组{group_size}人中业主代表仅{owner_reps}人，应不少于1/3（至少{need}人）"
        ]
    return []
