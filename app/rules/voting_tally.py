"""Who counts as one person and how an item's ballots add up (DOMAIN.md §1, SPC arts 8–9).

One 专有部分 is one person, a buyer of several units is one, co-owners of a unit are one, and
the developer's unsold or undelivered units together are one with their full area. Owners
are linked through the units they share, so a person here is a connected group of units.
Parking spaces are outside the base unless the matter counts them (the result says which)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from app.rules.voting import (
    Count,
    Rule,
    decided,
    item_passes,
    pass_shortfall,
    quorum_met,
    quorum_shortfall,
)

DEVELOPER = "\0developer"  # the one owner key all unsold developer units share


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    VOID = "void"  # a spoiled ballot takes part but does not agree


BY_CODE: dict[str, Choice] = {c.value: c for c in Choice}  # faster than Choice(code)


CHOICE_LABELS = {Choice.YES: "同意", Choice.NO: "反对", Choice.ABSTAIN: "弃权", Choice.VOID: "无效"}


def choice_from_text(text: str) -> Choice | None:
    """同意/反对/弃权/无效 or the codes, as typed on the CLI or in an online platform's sheet."""
    text = (text or "").strip()
    for choice, label in CHOICE_LABELS.items():
        if text in (label, choice.value):
            return choice
    return None


def rules_notes(*, count_parking: bool) -> list[str]:
    """How the heads were counted, as the result notice and `wuye vote tally --json`
    ("rules_notes") state it. DOMAIN.md §1 makes the buyer of several units one person but
    does not say where that head goes when the units voted differently: it takes part and
    counts as abstaining (the head cannot be split, and neither side may claim it), while
    each unit's area goes with its own ballot (`tally_item`)."""
    return [
        "一个专有部分按一人计算；一人拥有数个专有部分的，按一人计算；"
        "数人共有一个专有部分的，按一人计算；建设单位未出售和虽已出售但尚未交付的"
        "专有部分，合并按一人计算，面积全部计入。",
        "一人拥有的数个专有部分表决意见不一致的，该业主计入参与表决人数，"
        "人数上按弃权计算（不计入同意或反对）；面积按各专有部分各自的表决意见计算。",
        "弃权票和无效票计入参与表决，不计入同意；未投票的不计入参与表决。",
        "车位计入专有部分面积和人数。" if count_parking else "车位不计入表决基数。",
    ]


class Holding(NamedTuple):
    """One exclusive part as the count sees it: its area and who owns it. A named tuple:
    a tally builds 20,000 of them, and a frozen dataclass cost most of its time."""

    unit: str
    area: int  # 0.01 m²
    owners: frozenset[str] = frozenset()  # person keys (ID number, credit code, or name)
    developer: bool = False  # unsold or sold-undelivered: all of them count as one person
    parking: bool = False


def in_base(holdings: Iterable[Holding], *, count_parking: bool = False) -> list[Holding]:
    """The parts the base counts: parking spaces only when the matter says so."""
    return [h for h in holdings if count_parking or not h.parking]


def person_of(holdings: Iterable[Holding]) -> dict[str, int]:
    """Unit -> person number: units that share an owner (or are all developer stock) belong
    to one person; a unit with no owner recorded is a person of its own."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:  # path compression keeps 20,000 units linear
            parent[key], key = root, parent[key]
        return root

    units: list[str] = []
    for h in holdings:
        unit_key = "u\0" + h.unit
        parent.setdefault(unit_key, unit_key)
        units.append(h.unit)
        owners = ({DEVELOPER} if h.developer else set()) | set(h.owners)
        for owner in owners:
            owner_key = "o\0" + owner
            parent.setdefault(owner_key, owner_key)
            a, b = find(unit_key), find(owner_key)
            if a != b:
                parent[a] = b
    numbers: dict[str, int] = {}
    return {u: numbers.setdefault(find("u\0" + u), len(numbers)) for u in units}


@dataclass(frozen=True)
class ItemTally:
    """One item's figures in both dimensions and what they decide."""

    rule: Rule
    total: Count
    participating: Count
    yes: Count
    no: Count
    abstain: Count
    void: Count

    @property
    def quorum(self) -> bool:
        return self.rule == Rule.CONSENT or quorum_met(self.total, self.participating)

    @property
    def majority(self) -> bool:
        return item_passes(self.rule, self.total, self.participating, self.yes)

    @property
    def passed(self) -> bool:
        return decided(self.rule, self.total, self.participating, self.yes)

    @property
    def quorum_missing(self) -> Count:
        if self.rule == Rule.CONSENT:
            return Count()
        return quorum_shortfall(self.total, self.participating)

    @property
    def pass_missing(self) -> Count:
        return pass_shortfall(self.rule, self.total, self.participating, self.yes)

    def as_json(self) -> dict[str, object]:
        """The keys `wuye vote tally --json` prints (issue 15), areas as exact strings."""
        return {
            "total": self.total.as_json(),
            "participating": self.participating.as_json(),
            "yes": self.yes.as_json(),
            "no": self.no.as_json(),
            "abstain": self.abstain.as_json(),
            "void": self.void.as_json(),
            "quorum": self.quorum,
            "passed": self.passed,
            "rule": self.rule.value,
        }


def tally_item(
    rule: Rule,
    holdings: Iterable[Holding],
    choices: Mapping[str, Choice],
    *,
    persons: Mapping[str, int] | None = None,
) -> ItemTally:
    """Count one item over the base `holdings` (already scoped and without uncounted parking).

    Area goes with each unit's own ballot. A person's head goes with their ballots' choice;
    a person whose units voted differently takes part but is counted as abstaining (neither
    agrees nor opposes): the conservative reading, since the head cannot be split.
    `persons` may be passed in when several items share one base."""
    holdings = list(holdings)
    persons = persons if persons is not None else person_of(holdings)
    area = dict.fromkeys(Choice, 0)
    heads: dict[int, Choice | None] = {}
    mixed: set[int] = set()
    total_area = 0
    for h in holdings:
        total_area += h.area
        person = persons[h.unit]
        choice = choices.get(h.unit)
        if choice is None:
            heads.setdefault(person, None)
            continue
        area[choice] += h.area
        before = heads.get(person)
        if before is None:
            heads[person] = choice
        elif before != choice:
            mixed.add(person)
    people = dict.fromkeys(Choice, 0)
    for person, choice in heads.items():
        if choice is not None:
            people[Choice.ABSTAIN if person in mixed else choice] += 1
    counts = {c: Count(people[c], area[c]) for c in Choice}
    participating = sum(counts.values(), Count())
    return ItemTally(
        rule=rule,
        total=Count(len(heads), total_area),
        participating=participating,
        yes=counts[Choice.YES],
        no=counts[Choice.NO],
        abstain=counts[Choice.ABSTAIN],
        void=counts[Choice.VOID],
    )


class LiveTally:
    """The tally kept up to date ballot by ballot, for entry at keyboard speed: counting
    the base once, then each ballot changes a few integers (no recount of 20,000 units).
    A register change (`replace`) re-derives only the changed units' owner groups, so a
    window that keeps one (app/services/voting_count.py) never recounts the estate.
    Gives exactly what `tally_item` gives over the same ballots (tests/app/rules)."""

    def __init__(
        self,
        rules: list[Rule],
        holdings: Iterable[Holding],
        *,
        frozen_total: Count | None = None,
    ) -> None:
        holdings = list(holdings)
        self.rules = rules
        self.frozen_total = frozen_total
        self.area = {h.unit: h.area for h in holdings}
        self.persons = person_of(holdings)
        self._holding = {h.unit: h for h in holdings}
        self._area_total = sum(self.area.values())
        self._members: dict[int, set[str]] = {}
        for unit, person in self.persons.items():
            self._members.setdefault(person, set()).add(unit)
        self._next = len(self._members)
        self._by_key: dict[str, set[str]] = {}
        for h in holdings:
            for key in _keys(h):
                self._by_key.setdefault(key, set()).add(h.unit)
        n = len(rules)
        self._choice: list[dict[str, Choice]] = [{} for _ in range(n)]
        self._area = [dict.fromkeys(Choice, 0) for _ in range(n)]
        self._heads = [dict.fromkeys(Choice, 0) for _ in range(n)]
        # person -> choice -> how many of their units chose it, per item
        self._mix: list[dict[int, dict[Choice, int]]] = [{} for _ in range(n)]
        # ballots of units outside the base, kept in case a register change brings them in
        self._outside: dict[str, list[Choice | None]] = {}

    @property
    def total(self) -> Count:
        """The base: frozen at the notice, else the persons and area counted now."""
        return self.frozen_total or Count(len(self._members), self._area_total)

    def copy(self, *, frozen_total: Count | None = None) -> LiveTally:
        """An independent copy (the window changes its own copy as ballots are entered)."""
        other = LiveTally.__new__(LiveTally)
        other.__dict__.update(self.__dict__)
        other.frozen_total = frozen_total
        other.area, other.persons = dict(self.area), dict(self.persons)
        other._holding, other._outside = dict(self._holding), dict(self._outside)
        other._members = {p: set(m) for p, m in self._members.items()}
        other._by_key = {k: set(u) for k, u in self._by_key.items()}
        other._choice = [dict(c) for c in self._choice]
        other._area = [dict(a) for a in self._area]
        other._heads = [dict(h) for h in self._heads]
        other._mix = [{p: dict(m) for p, m in mix.items()} for mix in self._mix]
        return other

    def set(self, unit: str, choices: list[Choice | None]) -> None:
        """The unit's ballot is now `choices` (None: no answer to that item)."""
        if unit not in self.area:  # outside the base (parking not counted): takes no part
            if any(c is not None for c in choices):
                self._outside[unit] = list(choices)
            else:
                self._outside.pop(unit, None)
            return
        for i, new in enumerate(choices):
            old = self._choice[i].get(unit)
            if old == new:
                continue
            person = self.persons[unit]
            mix = self._mix[i].setdefault(person, {})
            before = _head(mix)
            if old is not None:
                self._area[i][old] -= self.area[unit]
                mix[old] -= 1
                if not mix[old]:
                    del mix[old]
                del self._choice[i][unit]
            if new is not None:
                self._area[i][new] += self.area[unit]
                mix[new] = mix.get(new, 0) + 1
                self._choice[i][unit] = new
            after = _head(mix)
            if before is not None:
                self._heads[i][before] -= 1
            if after is not None:
                self._heads[i][after] += 1

    def replace(self, changed: Mapping[str, Holding | None]) -> None:
        """Units whose register entry changed: their new holding, or None for a unit now
        outside the base (deleted, out of scope, an uncounted parking space). Only the
        owner groups they were and are now part of are taken out and linked again; their
        ballots are put back as they were."""
        n = len(self.rules)
        affected: set[str] = set()
        for unit, holding in changed.items():
            affected.add(unit)
            if unit in self.persons:
                affected |= self._members[self.persons[unit]]
            for key in _keys(holding) if holding is not None else ():
                for other in self._by_key.get(key, ()):
                    affected |= self._members[self.persons[other]]
        ballots: dict[str, list[Choice | None]] = {}
        kept: dict[str, Holding] = {}
        for unit in affected:
            if unit in self._outside:
                ballots[unit] = self._outside.pop(unit)
            if unit not in self._holding:
                continue
            ballots[unit] = [self._choice[i].get(unit) for i in range(n)]
            self.set(unit, [None] * n)
            kept[unit] = self._drop(unit)
        again = [
            h
            for h in (changed[u] if u in changed else kept[u] for u in sorted(affected))
            if h is not None
        ]
        local = person_of(again)
        for h in again:
            person = self._next + local[h.unit]
            self._holding[h.unit] = h
            self.area[h.unit] = h.area
            self._area_total += h.area
            self.persons[h.unit] = person
            self._members.setdefault(person, set()).add(h.unit)
            for key in _keys(h):
                self._by_key.setdefault(key, set()).add(h.unit)
        self._next += len(set(local.values()))
        for unit, choices in ballots.items():
            self.set(unit, choices)

    def _drop(self, unit: str) -> Holding:
        """Take a unit (its ballot already unset) out of the base and of its person."""
        holding = self._holding.pop(unit)
        person = self.persons.pop(unit)
        del self.area[unit]
        self._area_total -= holding.area
        members = self._members[person]
        members.discard(unit)
        if not members:
            del self._members[person]
            for mix in self._mix:
                mix.pop(person, None)
        for key in _keys(holding):
            units = self._by_key[key]
            units.discard(unit)
            if not units:
                del self._by_key[key]
        return holding

    def item(self, i: int) -> ItemTally:
        counts = {c: Count(self._heads[i][c], self._area[i][c]) for c in Choice}
        return ItemTally(
            rule=self.rules[i],
            total=self.total,
            participating=sum(counts.values(), Count()),
            yes=counts[Choice.YES],
            no=counts[Choice.NO],
            abstain=counts[Choice.ABSTAIN],
            void=counts[Choice.VOID],
        )

    def items(self) -> list[ItemTally]:
        return [self.item(i) for i in range(len(self.rules))]


def _keys(holding: Holding) -> frozenset[str]:
    """The keys that link a unit to others: its owners, and the developer's for stock."""
    return holding.owners | {DEVELOPER} if holding.developer else holding.owners


def _head(mix: dict[Choice, int]) -> Choice | None:
    """Where a person's head goes: their one choice, abstaining when their units differ."""
    if not mix:
        return None
    if len(mix) == 1:
        return next(iter(mix))
    return Choice.ABSTAIN
