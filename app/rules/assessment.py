"""考核 (附件3 四) as pure rules: the figures an item may be measured by, the bounds of a score,
and the ranking of the offices scored. The sheet's items themselves are data
(resources/codes/assessment_sheet.json, then the publishing office's own edits)."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import Problem

# Which of the program's figures measures an item; "" for an item scored on evidence alone.
FIGURES = {
    "formation_rate": "业委会组建率",
    "party_share": "业委会党员比例",
    "problems_closed": "问题销号",
    "tasks_on_time": "督办按时办结",
    "reports_on_time": "报表按时报送",
}


def points_issues(field: str, what: str, points: float, max_points: float) -> list[Problem]:
    """A score lies between 0 and the item's maximum (a half point is fine)."""
    if points < 0:
        return [Problem(field, f"{what}不能为负数：{points:g}")]
    if points > max_points:
        return [Problem(field, f"{what} {points:g} 分超过该项满分 {max_points:g} 分")]
    return []


@dataclass(frozen=True)
class RankLine:
    office: str
    self_total: float
    final_total: float
    reviewed: int  # items reviewed
    items: int  # items on the sheet
    rank: int

    @property
    def complete(self) -> bool:
        return self.reviewed == self.items


def rank(totals: list[tuple[str, float, float, int]], items: int) -> list[RankLine]:
    """Offices by final total, highest first; equal totals share a rank (1, 2, 2, 4), ties
    listed by office code. `totals`: (office, self total, final total, items reviewed)."""
    ordered = sorted(totals, key=lambda t: (-round(t[2], 2), t[0]))
    lines: list[RankLine] = []
    for n, (office, own, final, reviewed) in enumerate(ordered, 1):
        same = lines and round(lines[-1].final_total, 2) == round(final, 2)
        lines.append(RankLine(office, own, final, reviewed, items,
                              lines[-1].rank if same else n))  # fmt: skip
    return lines
