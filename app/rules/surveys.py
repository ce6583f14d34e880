"""Satisfaction surveys (task 2): the questionnaire as data (items, scale, weights), answers
as scores 1…scale, and the score per item and overall on a 100-point line. Pure, so the
entry from paper, an import and the printed result agree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.errors import Problem

SCALE_MIN, SCALE_MAX = 2, 10
MAX_ITEMS = 20  # the answer sheet's 第1题…第20题 columns (resources/codes/ledger_columns.json)
METHODS: tuple[tuple[str, str], ...] = (
    ("paper", "纸质问卷"),
    ("door", "入户访问"),
    ("phone", "电话访问"),
    ("online", "网络问卷"),
)


@dataclass(frozen=True)
class SurveyItem:
    code: str
    text: str
    weight: int = 1  # relative: weights 2,1,1 give the first item half of the overall


def questionnaire_problems(items: Sequence[SurveyItem], scale: int) -> list[Problem]:
    problems: list[Problem] = []
    if not SCALE_MIN <= scale <= SCALE_MAX:
        problems.append(Problem("scale", f"评分档数应为{SCALE_MIN}至{SCALE_MAX}"))
    if not items:
        problems.append(Problem("items", "问卷至少要有一个题目"))
    if len(items) > MAX_ITEMS:
        problems.append(Problem("items", f"问卷最多{MAX_ITEMS}个题目"))
    seen: set[str] = set()
    for i, item in enumerate(items):
        where, field = f"第{i + 1}题", f"items.{i}"
        if not item.code.strip() or item.code in seen:
            problems.append(Problem(f"{field}.code", f"{where}：题号为空或重复"))
        seen.add(item.code)
        if not item.text.strip():
            problems.append(Problem(f"{field}.text", f"{where}：题目不能为空"))
        if item.weight < 1:
            problems.append(Problem(f"{field}.weight", f"{where}：权重应为正整数"))
    return problems


def answer_problems(
    items: Sequence[SurveyItem], scale: int, scores: Mapping[str, int | None]
) -> list[Problem]:
    """A paper questionnaire: each score 1…scale, a blank item left out; unknown items and a
    questionnaire with no score at all are refused."""
    codes = {item.code for item in items}
    problems = [
        Problem("scores", f"问卷中没有题号“{code}”") for code in scores if code not in codes
    ]
    for item in items:
        score = scores.get(item.code)
        if score is not None and not 1 <= score <= scale:
            problems.append(
                Problem(f"scores.{item.code}", f"“{item.text}”的评分应为1至{scale}，现为{score}")
            )
    if all(scores.get(item.code) is None for item in items):
        problems.append(Problem("scores", "这份问卷没有任何评分"))
    return problems


@dataclass(frozen=True)
class ItemScore:
    code: str
    text: str
    answered: int
    score: float | None  # 0–100, one decimal; None when nobody answered


def item_scores(
    items: Sequence[SurveyItem], scale: int, answers: Sequence[Mapping[str, int | None]]
) -> list[ItemScore]:
    """Mean score as a share of the top score, ×100: 5 of 5 is 100, 4 of 5 is 80."""
    out = []
    for item in items:
        given = [a[item.code] for a in answers if a.get(item.code) is not None]
        total = sum(given)  # type: ignore[arg-type]
        score = round(100 * total / (len(given) * scale), 1) if given else None
        out.append(ItemScore(item.code, item.text, len(given), score))
    return out


def overall_score(items: Sequence[SurveyItem], scores: Sequence[ItemScore]) -> float | None:
    """Weighted mean of the items that have answers (an unanswered item does not pull the
    overall down, it is left out with its weight)."""
    weights = {item.code: item.weight for item in items}
    pairs = [(weights[s.code], s.score) for s in scores if s.score is not None]
    if not pairs:
        return None
    return round(sum(w * s for w, s in pairs) / sum(w for w, _ in pairs), 1)


def change(now: float | None, before: float | None) -> float | None:
    """Points up (+) or down (−) against the previous campaign; None when either is missing."""
    return None if now is None or before is None else round(now - before, 1)
