"""Company credit from dated evidence (DOMAIN.md §9): which items count on a day, the score
and the band. The scheme is data (resources/codes/credit_rules.json); pure apart from reading
that file once.

score = basic + min(good, cap) − bad, over the items whose period covers the day; a company
清出市场 is on the blacklist whatever its score. An item counts from its date through its
last day: the one it names, else the day before the anniversary `validity_years` on (an item
of 2025-03-01 counts through 2026-02-28), the way a committee's term ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app import code_tables


@dataclass(frozen=True)
class CreditKind:
    code: str
    label: str
    sign: int  # +1 good, -1 bad, 0 either (第三方评价: its points say which)
    points: int  # the default when an item names none


@dataclass(frozen=True)
class CreditScheme:
    basic_score: int
    good_cap: int
    validity_years: int
    bands: tuple[tuple[str, int | None], ...]  # highest first; the last has no minimum
    blacklist_band: str
    trustworthy: frozenset[str]
    untrustworthy: frozenset[str]
    kinds: dict[str, CreditKind]
    # a survey campaign whose overall score (100-point line) reaches this is 满意度高分
    satisfaction_line: int = 90

    def kind_of(self, text: str) -> CreditKind | None:
        """A kind by code or Chinese label (表彰, 约谈…)."""
        text = text.strip()
        return self.kinds.get(text) or next(
            (k for k in self.kinds.values() if k.label == text), None
        )


@code_tables.loader
def credit_scheme() -> CreditScheme:
    data = code_tables.content("credit_rules")
    return CreditScheme(
        int(data["basic_score"]), int(data["good_cap"]), int(data["validity_years"]),
        tuple((b["band"], b["min"]) for b in data["bands"]), data["blacklist_band"],
        frozenset(data["trustworthy"]), frozenset(data["untrustworthy"]),
        {code: CreditKind(code, k["label"], int(k["sign"]), int(k["points"]))
         for code, k in data["kinds"].items()},
        int(data.get("satisfaction_line", 90)),
    )  # fmt: skip


@dataclass(frozen=True)
class CreditEntry:
    """One item of a company's record, typed (`ref` its uuid) or derived from the data (`ref`
    names the problem, complaint or interview that proves it)."""

    on: date
    kind: str
    points: int  # signed: + good, − bad
    evidence: str
    last_day: date | None = None  # None: the scheme's validity
    derived: bool = False
    ref: str = ""


def last_counted_day(on: date, last_day: date | None, scheme: CreditScheme) -> date:
    if last_day is not None:
        return last_day
    year = on.year + scheme.validity_years
    try:
        anniversary = on.replace(year=year)
    except ValueError:  # 29 February: the anniversary is 1 March
        anniversary = date(year, 3, 1)
    return anniversary - timedelta(days=1)


def counts_on(entry: CreditEntry, day: date, scheme: CreditScheme) -> bool:
    return entry.on <= day <= last_counted_day(entry.on, entry.last_day, scheme)


def signed_points(kind: CreditKind, points: int | None) -> int:
    """The points an item of this kind carries: good kinds add, bad kinds subtract, whatever
    sign was typed; 第三方评价 keeps the sign given."""
    value = kind.points if points is None else points
    return abs(value) * kind.sign if kind.sign else value


@dataclass(frozen=True)
class CreditStanding:
    score: int
    band: str
    good: int  # the good points counted (after the cap)
    bad: int  # the bad points, as a positive number
    counted: tuple[CreditEntry, ...]


def band_of(score: int, scheme: CreditScheme) -> str:
    for band, minimum in scheme.bands:
        if minimum is None or score >= minimum:
            return band
    return scheme.bands[-1][0]


def credit_standing(
    entries: Iterable[CreditEntry], day: date, scheme: CreditScheme, *, removed: bool = False
) -> CreditStanding:
    """The standing on `day` from the items that count then; `removed`: 清出市场."""
    counted = tuple(e for e in entries if counts_on(e, day, scheme))
    good = min(sum(e.points for e in counted if e.points > 0), scheme.good_cap)
    bad = -sum(e.points for e in counted if e.points < 0)
    score = max(scheme.basic_score + good - bad, 0)
    band = scheme.blacklist_band if removed else band_of(score, scheme)
    return CreditStanding(score, band, good, bad, counted)


def in_list(band: str, which: str, scheme: CreditScheme) -> bool:
    """`which`: 守信, 失信 or a band's own name."""
    if which == "守信":
        return band in scheme.trustworthy
    if which == "失信":
        return band in scheme.untrustworthy
    return band == which


def scheme_text(scheme: CreditScheme) -> str:
    """The scheme in one Chinese sentence, as the printed sheet and the workbook state it."""
    bands = "，".join(
        f"{band} ≥ {low}" if low is not None else f"{band} 低于上一档" for band, low in scheme.bands
    )
    return (
        f"信用分 = 基础分 {scheme.basic_score} + 加分（最多 {scheme.good_cap}）- 扣分；{bands}；"
        f"被清出市场的企业列入{scheme.blacklist_band}。每条记录自记录日期起计"
        f" {scheme.validity_years} 年（至周年前一日），另有期限的从其期限。"
    )
