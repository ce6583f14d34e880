"""A committee's periodic accounts (task 4 公示: 公共收益、维修资金使用、经费开支): periods,
amounts in fen (integers: money is never a float here) and how they read on the wall."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import Problem

INCOME = "income"  # 公共收益 (common parts: parking, advertising, rents)
FUND_USE = "fund_use"  # 维修资金使用
EXPENSE = "expense"  # 经费开支 (the committee's own running costs)

SECTIONS: tuple[tuple[str, str], ...] = (
    (INCOME, "公共收益"),
    (FUND_USE, "维修资金使用"),
    (EXPENSE, "经费开支"),
)
SECTION_LABELS = dict(SECTIONS)

# 2026 (a year), 2026-H1/H2, 2026-Q1…Q4, 2026-07 (a month): what 公示 periods are.
_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$")
MAX_FEN = 10**13  # 1000亿元: anything larger is a typing slip


def normalize_period(text: str) -> str | None:
    """The period as stored (upper-case H/Q), or None when it is not one."""
    value = text.strip().upper()
    return value if _PERIOD.match(value) else None


def period_label(period: str) -> str:
    """How a period reads in a title: 2026-Q3 → 2026年第三季度."""
    match = _PERIOD.match(period)
    if not match:
        return period
    year, part = match.groups()
    if part is None:
        return f"{year}年度"
    if part.startswith("Q"):
        return f"{year}年第{'一二三四'[int(part[1]) - 1]}季度"
    if part.startswith("H"):
        return f"{year}年{'上' if part == 'H1' else '下'}半年"
    return f"{year}年{int(part)}月"


def yuan(fen: int) -> str:
    """12345678 fen → "123,456.78"; the one way an amount is printed."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


@dataclass(frozen=True)
class LineIn:
    section: str  # INCOME | FUND_USE | EXPENSE
    item: str
    amount_fen: int
    note: str = ""


def line_problems(index: int, line: LineIn) -> list[Problem]:
    where, field = f"第{index + 1}行", f"lines.{index}"
    problems: list[Problem] = []
    if line.section not in SECTION_LABELS:
        problems.append(Problem(f"{field}.section", f"{where}：请选择收支类别"))
    if not line.item.strip():
        problems.append(Problem(f"{field}.item", f"{where}：项目名称不能为空"))
    if not 0 < line.amount_fen < MAX_FEN:
        problems.append(Problem(f"{field}.amount_fen", f"{where}：金额应大于0且小于1000亿元"))
    return problems


def section_total(lines: Iterable[LineIn], section: str) -> int:
    return sum(line.amount_fen for line in lines if line.section == section)


_YUAN = re.compile(r"^(\d{1,11})(?:\.(\d{1,2}))?$")


def parse_yuan(text: str) -> int | None:
    """"12,345.6" (元, as typed) → 1234560 fen, in integers; None when it is no amount."""
    match = _YUAN.match(text.strip().replace(",", "").replace("，", ""))
    if not match:
        return None
    whole, cents = match.groups()
    return int(whole) * 100 + int((cents or "0").ljust(2, "0"))
