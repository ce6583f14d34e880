"""A satisfaction survey's result as a 公告 through the notice engine; the figures come from
`app.services.surveys`, this module only lays them out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.services.surveys import SurveyResult, result_paragraphs
from reports.pdf.fonts import FontSet
from reports.pdf.notice import build_notice
from reports.pdf.templates import FilledNotice


def draw_survey_result(
    result: SurveyResult, out: Path, *, signature: str, on: date, fonts: FontSet | None = None
) -> Path:
    filled = FilledNotice(
        name="满意度调查结果",
        kind="公告",
        title=f"{result.title}结果",
        paragraphs=result_paragraphs(result),
        signature=signature,
    )
    return build_notice(filled, out, date=on, fonts=fonts)
