"""The Civil Code's thresholds for owners' decisions (民法典 arts 278–279, DOMAIN.md §1).

Pure integer arithmetic: areas are 0.01 m² ints and every ratio is cross-multiplied, so a
boundary (exactly ⅔, ½, ¾) comes out right where a float ratio could misjudge it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from app.paths import resource
from app.rules.units import hundredths_text


class Rule(StrEnum):
    """How a matter is decided: art. 278 ordinary or major items, or art. 279 consent."""

    ORDINARY = "ordinary"  # items 1–5, 9: more than half of the participating, both dimensions
    MAJOR = "major"  # items 6–8: at least three quarters of the participating, both dimensions
    CONSENT = "consent"  # art. 279: every affected owner agrees (住宅改经营性用房)


RULE_LABELS = {
    Rule.ORDINARY: "一般事项（经参与表决专有部分面积过半数且参与表决人数过半数同意）",
    Rule.MAJOR: "重大事项（经参与表决专有部分面积四分之三以上且参与表决人数四分之三以上同意）",
    Rule.CONSENT: "住宅改变为经营性用房（经有利害关系的业主一致同意）",
}
QUORUM_LABEL = "应由专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决"


@dataclass(frozen=True)
class Category:
    """One item of art. 278 (1–9) with the Code's own words and whether it is major."""

    number: int
    text: str
    major: bool

    @property
    def rule(self) -> Rule:
        return Rule.MAJOR if self.major else Rule.ORDINARY


@cache
def categories() -> tuple[Category, ...]:
    raw = json.loads(resource("codes", "vote_categories.json").read_text(encoding="utf-8"))
    return tuple(Category(c["number"], c["text"], bool(c["major"])) for c in raw["categories"])


def category(number: int) -> Category:
    """Art. 278 item `number` (1–9); ValueError in Chinese for anything else."""
    for c in categories():
        if c.number == number:
            return c
    raise ValueError(f"民法典第二百七十八条只有第一至第九项，没有第{number}项")


@dataclass(frozen=True)
class Count:
    """Heads and exclusive area (0.01 m²): the two dimensions every figure has."""

    persons: int = 0
    area: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.persons + other.persons, self.area + other.area)

    def __sub__(self, other: Count) -> Count:
        return Count(self.persons - other.persons, self.area - other.area)

    def as_json(self) -> dict[str, object]:
        return {"persons": self.persons, "area": hundredths_text(self.area)}

    def text(self) -> str:
        return f"{self.persons} 人 / {hundredths_text(self.area)} ㎡"


def quorum_met(total: Count, participating: Count) -> bool:
    """⅔ of both the area and the heads took part (3·part ≥ 2·total, 以上 includes)."""
    return (
        3 * participating.area >= 2 * total.area and 3 * participating.persons >= 2 * total.persons
    )


def item_passes(rule: Rule, total: Count, participating: Count, yes: Count) -> bool:
    """Whether the agreeing meet the rule; the quorum is checked apart (art. 279 has none)."""
    if rule == Rule.MAJOR:
        return (
            4 * yes.area >= 3 * participating.area and 4 * yes.persons >= 3 * participating.persons
        )
    if rule == Rule.ORDINARY:  # 过半数: strictly more than half
        return 2 * yes.area > participating.area and 2 * yes.persons > participating.persons
    return total.persons > 0 and yes.persons == total.persons and yes.area == total.area


def decided(rule: Rule, total: Count, participating: Count, yes: Count) -> bool:
    """The outcome: art. 278 needs the quorum and the majority; art. 279 only unanimity."""
    if rule == Rule.CONSENT:
        return item_passes(rule, total, participating, yes)
    return quorum_met(total, participating) and item_passes(rule, total, participating, yes)


def quorum_shortfall(total: Count, participating: Count) -> Count:
    """How many more heads and how much more area must take part to reach ⅔ of each."""
    need_persons = -(-2 * total.persons // 3)  # ceil(2T/3) in integers
    need_area = -(-2 * total.area // 3)
    return Count(
        max(0, need_persons - participating.persons), max(0, need_area - participating.area)
    )


def pass_shortfall(rule: Rule, total: Count, participating: Count, yes: Count) -> Count:
    """How many more agreeing heads and how much agreeing area, from owners who have not
    voted yet (each joins the participating too), the item needs to pass."""

    def one(t: int, p: int, y: int) -> int:
        if rule == Rule.MAJOR:  # 4(y+k) ≥ 3(p+k)  ⇔  k ≥ 3p − 4y
            return max(0, 3 * p - 4 * y)
        if rule == Rule.ORDINARY:  # 2(y+k) > p+k  ⇔  k > p − 2y
            return max(0, p - 2 * y + 1)
        return max(0, t - y)

    return Count(
        one(total.persons, participating.persons, yes.persons),
        one(total.area, participating.area, yes.area),
    )


def missing_text(shortfall: Count) -> str:
    """Text like 还差 3 人 / 412.50 ㎡; empty when nothing is missing."""
    if shortfall.persons <= 0 and shortfall.area <= 0:
        return ""
    return f"还差 {shortfall.text()}"
